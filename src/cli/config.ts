/**
 * Configuration: `session-audit.config.json`, or a `"sessionAudit"` key in
 * package.json, found from each scanned file's folder upwards (the nearest one
 * wins, as in ESLint 10); `--config <file>` names one for every file. JSON only:
 * the CLI never executes code from the project it scans.
 *
 *   { "preset": "recommended", "rules": { "<id>": "off" | "warn" | "error" | [severity, ...options] },
 *     "ignorePatterns": ["legacy/", "*.generated.js"], "includeTests": false,
 *     "libraries": { "@acme/session": "express-session" } }
 *
 * The rule catalog is the only source of rule ids, default severities and presets.
 */
import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidOptionsError, rules as catalog, resolveOptions, rulesById } from '../../rules/index.js';
import type { ConfigName } from '../rule.js';
import { type LibraryAliases, parseLibraryMapping } from '../analysis/library-aliases.js';
import type { ProjectFiles } from './boundary.js';
import { describeFsError } from './discover.js';
import { UsageError } from './errors.js';
import { isInside } from './text.js';

const CONFIG_FILE = 'session-audit.config.json';
const PACKAGE_KEY = 'sessionAudit';
export const PLUGIN_PREFIX = 'session-audit/';

export type Preset = ConfigName | 'all' | 'none';
export const PRESETS: readonly Preset[] = ['recommended', 'strict', 'all', 'none'];
export type SeveritySetting = 'off' | 'warn' | 'error';
const SEVERITIES: readonly SeveritySetting[] = ['off', 'warn', 'error'];

export interface RuleSetting {
  readonly severity: SeveritySetting;
  /** Options for the rule as written; undefined keeps the rule's defaults. */
  readonly options?: readonly unknown[];
  /** Where the setting is written, for messages. */
  readonly where?: string;
}

export interface Config {
  /** The file it was read from (undefined: built-in defaults). */
  readonly file?: string;
  /** Folder that `ignorePatterns` are relative to. */
  readonly dir: string;
  readonly preset?: Preset;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly ignorePatterns: readonly string[];
  /** Check test files with every rule (true) or with none (false); undefined: each rule's default (src/test-files.ts). */
  readonly includeTests?: boolean;
  /** Modules the user maps to a session library (`"libraries": { "@acme/session": "express-session" }`: library-aliases.ts). */
  readonly libraries?: LibraryAliases;
}

/** What runs on a file: rule id → severity and options (rules that are off are absent). */
export type EffectiveRules = ReadonlyMap<string, { readonly severity: 'warn' | 'error'; readonly options: readonly unknown[] }>;

/** A rule id as written in config or on the command line, with or without the plugin prefix. */
function ruleIdOf(name: string): string {
  return name.startsWith(PLUGIN_PREFIX) ? name.slice(PLUGIN_PREFIX.length) : name;
}

function knownRules(): string {
  return catalog.map((r) => r.id).join(', ');
}

function unknownRuleMessage(name: string, where: string): string {
  return `unknown rule '${name}' in ${where} (known rules: ${knownRules()})`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates one rule setting: "warn", or ["error", ...options]. */
export function parseRuleSetting(name: string, value: unknown, where: string): [string, RuleSetting] {
  const id = ruleIdOf(name);
  const rule = rulesById.get(id);
  if (!rule) throw new UsageError(unknownRuleMessage(name, where));
  const [severity, ...options] = Array.isArray(value) ? value : [value];
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity as SeveritySetting)) {
    throw new UsageError(`${where}: rule '${id}' has severity ${JSON.stringify(severity) ?? 'undefined'}; expected "off", "warn" or "error"`);
  }
  if (!Array.isArray(value)) return [id, { severity: severity as SeveritySetting }];
  // As in ESLint, the options of a rule that is off are not checked (they are when a later setting turns it on).
  if (severity !== 'off') ruleOptions(id, options, where);
  return [id, { severity: severity as SeveritySetting, options, where }];
}

/** The options a rule runs with (resolveOptions: ESLint's validation and defaults); a bad option is a usage error with ESLint's message. */
function ruleOptions(id: string, options: readonly unknown[], where: string): unknown[] {
  try {
    return resolveOptions(rulesById.get(id)!, options);
  } catch (e) {
    if (e instanceof InvalidOptionsError) throw new UsageError(`${where}: invalid options for rule '${id}': ${e.problems.join(' ')}`);
    throw e;
  }
}

/** Validates a parsed config object. `where` names it in messages. */
function parseConfig(raw: unknown, file: string | undefined, dir: string, where: string): Config {
  if (!isPlainObject(raw)) throw new UsageError(`${where}: expected a JSON object`);
  const allowed = ['$schema', 'preset', 'rules', 'ignorePatterns', 'includeTests', 'libraries'];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new UsageError(`${where}: unknown key '${key}' (allowed: ${allowed.slice(1).join(', ')})`);
  }
  let preset: Preset | undefined;
  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !PRESETS.includes(raw.preset as Preset)) {
      throw new UsageError(`${where}: "preset" must be one of ${PRESETS.map((p) => `"${p}"`).join(', ')}`);
    }
    preset = raw.preset as Preset;
  }
  const rules = new Map<string, RuleSetting>();
  if (raw.rules !== undefined) {
    if (!isPlainObject(raw.rules)) throw new UsageError(`${where}: "rules" must be an object of rule id to severity`);
    for (const [name, value] of Object.entries(raw.rules)) {
      const [id, setting] = parseRuleSetting(name, value, where);
      rules.set(id, setting);
    }
  }
  let ignorePatterns: string[] = [];
  if (raw.ignorePatterns !== undefined) {
    if (!Array.isArray(raw.ignorePatterns) || !raw.ignorePatterns.every((p) => typeof p === 'string')) {
      throw new UsageError(`${where}: "ignorePatterns" must be an array of strings`);
    }
    ignorePatterns = raw.ignorePatterns as string[];
  }
  if (raw.includeTests !== undefined && typeof raw.includeTests !== 'boolean') throw new UsageError(`${where}: "includeTests" must be true or false`);
  let libraries: LibraryAliases | undefined;
  if (raw.libraries !== undefined) {
    const parsed = parseLibraryMapping(raw.libraries, `${where}: "libraries"`);
    if (parsed.problems.length > 0) throw new UsageError(parsed.problems.join('; '));
    libraries = parsed.aliases;
  }
  return { file, dir, preset, rules, ignorePatterns, ...(raw.includeTests !== undefined ? { includeTests: raw.includeTests } : {}), ...(libraries ? { libraries } : {}) };
}

/** A config file's JSON, read through the project boundary (`named`: a file the user named with --config). */
function readJson(files: ProjectFiles, file: string, where: string, purpose: 'project' | 'named' = 'project'): unknown {
  let text: string;
  try {
    text = files.read(file, purpose);
  } catch (e) {
    throw new UsageError(`cannot read ${where}: ${describeFsError(e)}`);
  }
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new UsageError(`${where} is not valid JSON: ${jsonErrorMessage(json, e)}`);
  }
}

/** JSON.parse's message on one line, its offset given as a line and column. */
function jsonErrorMessage(text: string, e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  const m = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!m) return message;
  const offset = Number(m[1]);
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${message.slice(0, m.index)} at line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}${message.slice(m.index + m[0].length)}`;
}

/** Loads an explicitly named config file: session-audit.config.json-style, or a package.json with "sessionAudit". */
export function loadConfigFile(file: string, cwd: string, files: ProjectFiles): Config {
  const abs = path.resolve(cwd, file);
  if (!exists(abs)) throw new UsageError(`config file not found: ${file}`);
  const raw = readJson(files, abs, file, 'named');
  if (path.basename(abs) === 'package.json') {
    const section = isPlainObject(raw) ? raw[PACKAGE_KEY] : undefined;
    if (section === undefined) throw new UsageError(`${file} has no "${PACKAGE_KEY}" key`);
    return parseConfig(section, abs, path.dirname(abs), `${file} ("${PACKAGE_KEY}")`);
  }
  return parseConfig(raw, abs, path.dirname(abs), file);
}

/**
 * Finds the config that applies to files in a folder, nearest first, caching
 * per folder. Errors (bad JSON, unknown rule) are usage errors: the run stops
 * with exit code 2 rather than silently checking with other settings.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Config>();

  constructor(
    private readonly cwd: string,
    private readonly files: ProjectFiles,
    private readonly explicit?: Config,
  ) {}

  forFile(file: string): Config {
    return this.explicit ?? this.forDir(path.dirname(file));
  }

  private forDir(dir: string): Config {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let config = this.load(dir);
    if (!config) {
      const parent = path.dirname(dir);
      config = parent === dir ? { dir: this.cwd, rules: new Map(), ignorePatterns: [] } : this.forDir(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }

  /** The config in a folder. Outside the project nothing is read (a config there is not the project's). */
  private load(dir: string): Config | undefined {
    if (!this.files.contains(dir)) return undefined;
    const file = path.join(dir, CONFIG_FILE);
    if (exists(file)) return parseConfig(readJson(this.files, file, this.display(file)), file, dir, this.display(file));
    const pkg = path.join(dir, 'package.json');
    if (exists(pkg)) {
      let raw: unknown;
      try {
        const text = this.files.tryRead(pkg);
        if (text === undefined) return undefined;
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        return undefined; // a broken package.json is the project's business, not a config
      }
      if (isPlainObject(raw) && raw[PACKAGE_KEY] !== undefined) {
        return parseConfig(raw[PACKAGE_KEY], pkg, dir, `${this.display(pkg)} ("${PACKAGE_KEY}")`);
      }
    }
    return undefined;
  }

  private display(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel && isInside(file, this.cwd) ? rel.split(path.sep).join('/') : file;
  }
}

/** Whether something exists at `file` (a folder or a device is then refused with the reason when read). */
function exists(file: string): boolean {
  try {
    // Asked of two names in every folder with a file: most are absent, and an absent one is not thrown (an error and its stack per folder).
    return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The rules that run on a file: the preset's rules at their catalog severity,
 * then the config's settings, then `--rule` settings; `--quiet` drops warnings.
 */
export function effectiveRules(config: Config, cli: { preset?: Preset; rules: ReadonlyMap<string, RuleSetting>; quiet: boolean }): EffectiveRules {
  const preset = cli.preset ?? config.preset ?? 'recommended';
  const out = new Map<string, { severity: 'warn' | 'error'; options: readonly unknown[] }>();
  for (const rule of catalog) {
    const inPreset = preset === 'all' || (preset !== 'none' && rule.meta.configs.includes(preset));
    let severity: SeveritySetting = inPreset ? rule.meta.severity : 'off';
    let written: RuleSetting | undefined;
    for (const setting of [config.rules.get(rule.id), cli.rules.get(rule.id)]) {
      if (!setting) continue;
      severity = setting.severity;
      if (setting.options) written = setting;
    }
    if (severity === 'off' || (cli.quiet && severity === 'warn')) continue;
    const options = written?.options ? ruleOptions(rule.id, written.options, written.where ?? 'config') : rule.meta.defaultOptions;
    out.set(rule.id, { severity, options });
  }
  return out;
}
