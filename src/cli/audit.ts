/**
 * One CLI run after argument parsing: configuration, discovery, analysis,
 * suppressions, fixes, baseline, report, exit code. Loaded lazily by run.ts.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { planForReview } from '../analysis/compose.js';
import { prefilter } from '../analysis/prefilter.js';
import type { Finding, TextEdit } from '../rule.js';
import { PACKAGE } from '../version.js';
import type { CliOptions } from './args.js';
import { applyBaseline, baselineOf, readBaseline, writeBaseline } from './baseline.js';
import {
  type Config,
  ConfigResolver,
  type EffectiveRules,
  PRESETS,
  type Preset,
  type RuleSetting,
  effectiveRules,
  loadConfigFile,
  parseRuleSetting,
} from './config.js';
import { AppRoots } from './apps.js';
import { describeFsError, discoverFiles, readSourceText } from './discover.js';
import { UsageError } from './errors.js';
import type { FixableFinding } from './fix.js';
import { FixLineage } from './fix-lineage.js';
import type { CliIO } from './io.js';
import { Progress, isCI, useColor, writeAtomicNew } from './output.js';
import { reporters } from './reporters/index.js';
import {
  type FileError,
  Locator,
  type ResultFinding,
  type Results,
  compareFileErrors,
  compareFindings,
  reporterContext,
} from './results.js';
import type { AnalysisPass, SourceInput, Workspace } from './analyze.js';
import { Suppressions } from './suppressions.js';
import { BOM, isInside, printable, relativePath } from './text.js';

interface Evaluated {
  readonly findings: { readonly result: ResultFinding; readonly raw: Finding }[];
  readonly fileErrors: FileError[];
  readonly suppressed: number;
  readonly baselined: number;
}

export async function audit(opts: CliOptions, io: CliIO): Promise<number> {
  const cwd = realpathOr(io.cwd);
  const stderr = (s: string) => io.stderr.write(s);
  // Warnings name files and code: shown printable (no terminal escapes from scanned text).
  const warn = (s: string) => stderr(`session-audit: warning: ${printable(s)}\n`);

  // Configuration and rule selection (errors here are usage errors: exit 2).
  if (opts.preset !== undefined && !PRESETS.includes(opts.preset as Preset)) {
    throw new UsageError(`unknown preset '${opts.preset}' (use one of: ${PRESETS.join(', ')})`);
  }
  const preset = opts.preset as Preset | undefined;
  const cliRules = new Map<string, RuleSetting>(opts.rules.map((r) => parseRuleSetting(r.name, r.severity, `--rule ${r.name}=${r.severity}`)));
  const resolver = new ConfigResolver(cwd, opts.config ? loadConfigFile(opts.config, cwd) : undefined);
  const rulesByConfig = new Map<Config, EffectiveRules>();
  const rulesFor = (file: string): EffectiveRules => {
    const config = resolver.forFile(file);
    let r = rulesByConfig.get(config);
    if (!r) rulesByConfig.set(config, (r = effectiveRules(config, { preset, rules: cliRules, quiet: opts.quiet })));
    return r;
  };
  const ignoresByConfig = new Map<Config, Ignore>();
  const configIgnores = (file: string): boolean => {
    const config = resolver.forFile(file);
    if (config.ignorePatterns.length === 0 || !isInside(file, config.dir)) return false;
    let ig = ignoresByConfig.get(config);
    if (!ig) ignoresByConfig.set(config, (ig = ignore().add([...config.ignorePatterns])));
    return ig.ignores(path.relative(config.dir, file).split(path.sep).join('/'));
  };

  const baselinePath = opts.baseline ? path.resolve(cwd, opts.baseline) : undefined;
  const baseline = baselinePath && !opts.updateBaseline ? readBaseline(baselinePath, opts.baseline!) : undefined;

  // Files.
  const discovered = await discoverFiles(opts.paths, { cwd, ignoreSets: [{ dir: cwd, patterns: opts.ignorePatterns }], dynamicIgnore: configIgnores, includeTests: opts.includeTests });
  if (discovered.roots.length === 0) {
    throw new UsageError(discovered.problems.map((p) => p.message).join('; ') || 'nothing to scan');
  }
  const fileErrors: FileError[] = discovered.problems.map((p) => ({ file: p.file, path: relativePath(cwd, p.file), kind: 'path', message: p.message }));
  for (const u of discovered.unreadableFolders) fileErrors.push({ file: u.folder, path: relativePath(cwd, u.folder), kind: 'read', message: `cannot list folder: ${u.message}` });
  if (discovered.files.length === 0) stderr(`session-audit: no JavaScript or TypeScript files to check in ${opts.paths.join(', ')}\n`);
  const writable = new Set(discovered.files);

  // The other files of each scanned app (under the working folder): the engine's app facts
  // (trust proxy, routes, CSRF middleware) come from all of them. They are read, never checked.
  const apps = new AppRoots(cwd);
  const scannedDirs = discovered.roots.filter((r) => !discovered.files.includes(r));
  const extraRoots = [...new Set(discovered.files.map((f) => apps.of(f)))].filter(
    (root) => apps.isPackage(root) && isInside(root, cwd) && !scannedDirs.some((d) => isInside(root, d)),
  );
  const extra = extraRoots.length
    ? (await discoverFiles(extraRoots, { cwd, ignoreSets: [{ dir: cwd, patterns: opts.ignorePatterns }], dynamicIgnore: configIgnores, includeTests: opts.includeTests })).files.filter(
        (f) => !writable.has(f),
      )
    : [];

  const progress = new Progress(io.stderr, opts.progress && Boolean(io.stderr.isTTY) && !isCI(io.env) && opts.format === 'stylish');
  const inputs: SourceInput[] = [];
  const toRead = [...discovered.files, ...extra];
  toRead.forEach((file, i) => {
    progress.update('Reading files', i + 1, toRead.length);
    let text: string;
    try {
      text = readSourceText(file);
    } catch (e) {
      if (writable.has(file)) fileErrors.push({ file, path: relativePath(cwd, file), kind: 'read', message: `cannot read file: ${describeFsError(e)}` });
      return;
    }
    if (text.startsWith(BOM)) text = text.slice(1);
    // Only candidates (rules run on them) and files that may add to their app's facts are kept:
    // the others are never parsed (an import of one is read again if the analysis needs its values).
    const kept = prefilter(text);
    const analyze = kept.analyze && writable.has(file);
    if (analyze || kept.facts) inputs.push({ file, text, analyze });
  });
  const analyzedInputs = inputs.filter((i) => i.analyze).length;
  // Only apps with a file to check need a program (and only then is TypeScript loaded).
  const neededApps = new Set(inputs.filter((i) => i.analyze).map((i) => apps.of(i.file)));
  const programInputs = inputs.filter((i) => neededApps.has(apps.of(i.file)));

  const { Workspace: WorkspaceClass, syntaxErrors, tsModule } = analyzedInputs > 0 ? await import('./analyze.js') : ({} as Partial<typeof import('./analyze.js')>);
  const ws: Workspace | undefined = WorkspaceClass ? new WorkspaceClass(programInputs, { cwd, tsconfig: opts.tsconfig, warn, apps, fileTimeoutMs: fileTimeoutMs(io.env) }) : undefined;
  let done = 0;
  const onFile = () => progress.update('Analyzing', ++done, analyzedInputs);
  // Formats that show each session configuration (html) get summaries of the engine's sites.
  const summarize = opts.format === 'html';
  let pass: AnalysisPass = ws ? ws.analyze(rulesFor, onFile, summarize) : { findings: [], fileErrors: [], analyzedFiles: 0 };
  progress.clear();

  const evaluate = (p: AnalysisPass): Evaluated => {
    const locator = new Locator(cwd, (f) => ws?.textOf(f));
    const suppressionsOf = new Map<string, Suppressions>();
    const out: { result: ResultFinding; raw: Finding }[] = [];
    let suppressed = 0;
    for (const { finding, severity } of p.findings) {
      const result = locator.finding(finding, severity === 'error' ? 'error' : 'warning');
      let s = suppressionsOf.get(finding.file);
      if (!s) {
        const sf = ws?.sourceFile(finding.file);
        s = sf && tsModule ? Suppressions.of(tsModule, sf, locator.index(finding.file)) : undefined;
        if (s) suppressionsOf.set(finding.file, s);
      }
      if (s?.suppresses(finding.ruleId, result.range.start)) {
        suppressed++;
        continue;
      }
      out.push({ result, raw: finding });
    }
    out.sort((a, b) => compareFindings(a.result, b.result));
    const errors: FileError[] = p.fileErrors.map((e) => {
      const where = e.offset !== undefined ? locator.location(e.file, e.offset) : undefined;
      return { file: e.file, path: relativePath(cwd, e.file), kind: e.kind, message: e.message, ...(where ? { line: where.line, column: where.column } : {}) };
    });
    if (!baseline) return { findings: out, fileErrors: errors, suppressed, baselined: 0 };
    const { fresh, known } = applyBaseline(out.map((f) => f.result), baseline, path.dirname(baselinePath!));
    const keep = new Set(fresh);
    return { findings: out.filter((f) => keep.has(f.result)), fileErrors: errors, suppressed, baselined: known };
  };

  let evaluated = evaluate(pass);

  // Fixes: in memory, pass after pass, then written (or shown) at the end.
  let fixed = 0;
  if ((opts.fix || opts.fixDryRun) && ws && syntaxErrors) {
    const { MAX_PASSES, planPass, unifiedDiff, writeFixes } = await import('./fix.js');
    // Each finding's remedy is applied at most once per lineage (fix-lineage.ts): a finding a fix brought to light
    // (`secure` set, so `trust proxy` is asked for) is fixed in the same run, a remedy that did not fix is not repeated.
    const lineage = new FixLineage();
    const budget = new Map<string, number>();
    const originals = new Map<string, string>();
    for (let i = 0; i < MAX_PASSES; i++) {
      const raws = evaluated.findings.map(({ raw }) => raw);
      const keyOf = lineage.keys(raws, budget);
      const before = raws.map((f) => budget.get(keyOf(f)) ?? 0);
      // Findings whose first suggestions edit the same lines get one merged change (one `cookie: {...}` for all its
      // settings), applied in one pass rather than one insertion per object and pass.
      const planned = planForReview(raws, (f) => ws.textOf(f), { forFix: true });
      const candidates: FixableFinding[] = raws.map((raw) => ({ finding: withFirst(raw, planned.get(raw)?.[0]), key: keyOf(raw) }));
      const outcome = planPass(candidates, {
        textOf: (f) => ws.textOf(f),
        writable: (f) => writable.has(f),
        budget,
        syntaxErrors,
      });
      for (const r of outcome.rejected) {
        const where = new Locator(cwd, (f) => ws.textOf(f)).location(r.finding.file, r.finding.start);
        const file = relativePath(cwd, r.file);
        const why = r.reason === 'outside' ? `the fix edits ${file}, which is not under the scanned paths` : `the fix would leave ${file} with a syntax error`;
        warn(`no fix for ${r.finding.ruleId} at ${relativePath(cwd, r.finding.file)}:${where.line}:${where.column}: ${why}`);
      }
      // Applied: budget spent in this pass, not rejected.
      const rejected = new Set(outcome.rejected.map((r) => r.finding));
      lineage.advance(raws, candidates.filter((c, k) => before[k]! > (budget.get(c.key) ?? 0) && !rejected.has(c.finding)).flatMap((c) => c.finding.suggestions[0]?.edits ?? []));
      if (outcome.applied === 0) break;
      fixed += outcome.applied;
      for (const file of outcome.texts.keys()) if (!originals.has(file)) originals.set(file, ws.textOf(file)!);
      ws.update(outcome.texts);
      pass = ws.analyze(rulesFor, undefined, summarize);
      evaluated = evaluate(pass);
    }
    const changes = new Map<string, { before: string; after: string }>();
    for (const [file, before] of originals) {
      const after = ws.textOf(file);
      if (after !== undefined && after !== before) changes.set(file, { before, after });
    }
    if (opts.fixDryRun) {
      io.stdout.write(await unifiedDiff(cwd, changes));
    } else {
      const { errors } = writeFixes(changes);
      for (const e of errors) fileErrors.push({ file: e.file, path: relativePath(cwd, e.file), kind: 'fix', message: e.message });
    }
  }

  // Baseline update: record what is reported now; nothing of it is new.
  // Suggestions as a code host shows them (rdjson, SARIF): planned together, so that any of them apply at once.
  const review = planForReview(evaluated.findings.map((f) => f.raw), (f) => ws?.textOf(f));
  const reviewLocator = new Locator(cwd, (f) => ws?.textOf(f));
  let findings = evaluated.findings.map((f): ResultFinding => ({ ...f.result, review: (review.get(f.raw) ?? []).map((s) => reviewLocator.suggestion(s)) }));
  let baselined = evaluated.baselined;
  if (opts.updateBaseline && baselinePath) {
    writeBaseline(baselinePath, baselineOf(findings, path.dirname(baselinePath), `${PACKAGE.name}@${PACKAGE.version}`));
    stderr(`session-audit: baseline written to ${relativePath(cwd, baselinePath)} (${findings.length} finding${findings.length === 1 ? '' : 's'})\n`);
    baselined += findings.length;
    findings = [];
  }

  if (opts.debug) for (const e of pass.fileErrors) if (e.stack) stderr(`${printable(relativePath(cwd, e.file))}: ${e.stack}\n`);
  const allFileErrors = [...fileErrors, ...evaluated.fileErrors].sort(compareFileErrors);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const results: Results = {
    cwd,
    findings,
    ...(summarize ? { sites: pass.sites ?? [], sources: sourcesOf(findings, (f) => ws?.textOf(f)) } : {}),
    fileErrors: allFileErrors,
    stats: {
      files: discovered.files.length,
      analyzedFiles: pass.analyzedFiles,
      errors,
      warnings,
      fileErrors: allFileErrors.length,
      suppressed: evaluated.suppressed,
      baselined,
      fixed,
    },
  };

  // Report.
  const toStderr = opts.fixDryRun && !opts.outputFile;
  const stream = opts.outputFile ? undefined : toStderr ? io.stderr : io.stdout;
  const ctx = reporterContext(cwd, useColor(opts.color, io.env, stream), opts.maxWarnings);
  const report = reporters[opts.format](results, ctx);
  if (opts.outputFile) {
    try {
      writeAtomicNew(path.resolve(io.cwd, opts.outputFile), report);
    } catch (e) {
      throw new UsageError(`cannot write ${opts.outputFile}: ${(e as Error).message}`);
    }
  } else {
    stream!.write(report);
  }

  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  return errors > 0 || allFileErrors.length > 0 || tooManyWarnings ? 1 : 0;
}

/** The finding with `first` as its first suggestion (none when `first` is undefined). */
function withFirst(f: Finding, first: { readonly message: string; readonly edits: readonly TextEdit[] } | undefined): Finding {
  if (first === undefined) return f.suggestions.length === 0 ? f : { ...f, suggestions: [] };
  const own = f.suggestions[0]!;
  return own.edits === first.edits ? f : { ...f, suggestions: [{ ...own, message: first.message, edits: first.edits }, ...f.suggestions.slice(1)] };
}

/** The texts of the files the findings' suggestions edit. */
function sourcesOf(findings: readonly ResultFinding[], textOf: (file: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of findings) {
    for (const s of f.suggestions) {
      for (const e of s.edits) {
        const text = out.has(e.file) ? undefined : textOf(e.file);
        if (text !== undefined) out.set(e.file, text);
      }
    }
  }
  return out;
}

/** SESSION_AUDIT_FILE_TIMEOUT_MS: how long the analysis of one file may take (a positive whole number of milliseconds). */
function fileTimeoutMs(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.SESSION_AUDIT_FILE_TIMEOUT_MS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) === 0) throw new UsageError(`SESSION_AUDIT_FILE_TIMEOUT_MS expects a whole number of milliseconds > 0, got '${raw}'`);
  return Number(raw);
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
