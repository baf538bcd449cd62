/**
 * One CLI run after argument parsing: configuration, discovery, analysis,
 * suppressions, fixes, baseline, report, exit code. Loaded lazily by run.ts.
 */
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_FILE_TIMEOUT_MS, DEFAULT_RUN_TIMEOUT_MS, HeapWatch, TimeBudget } from '../analysis/budget.js';
import { prefilter } from '../analysis/prefilter.js';
import { mentionsAlias } from '../analysis/library-aliases.js';
import { callName, groupSharedDefinitions } from './shared-definitions.js';
import { rulesById } from '../../rules/index.js';
import type { Finding, TextEdit } from '../rule.js';
import { isTestFile, isTestFolder } from '../source-files.js';
import { ruleRunsOn } from '../test-files.js';
import { planForReview } from '../analysis/compose.js';
import { type ReviewPointers, withReviewPointers } from './review-pointers.js';
import { PACKAGE } from '../version.js';
import type { CliOptions, FormatName } from './args.js';
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
import { AppRoots, isRegularFile } from '../app-root.js';
import { ProjectFiles } from './boundary.js';
import { type Discovered, describeFsError, discoverFiles } from './discover.js';
import { UsageError } from './errors.js';
import type { FixableFinding } from './fix.js';
import { generatedReason, skippedNote } from './generated.js';
import type { CliIO, OutputStream } from './io.js';
import { Progress, holdingSignals, isCI, standardStream, useColor, writeOutputFile } from './output.js';
import { FixLineage } from './fix-lineage.js';
import { loadReporter } from './reporters/index.js';
import {
  type FileError,
  Locator,
  type ResultFinding,
  type Results,
  compareFileErrors,
  compareFindings,
  hashLine,
  originOf,
  reporterContext,
} from './results.js';
import type { AnalysisPass, SourceInput, Workspace } from './analyze.js';
import { terminalText } from './escape.js';
import { Identities } from './identity.js';
import { SecretMask, maskFindings, maskResults } from './secrets.js';
import { BOM, isInside, relativePath } from './text.js';

interface Evaluated {
  readonly findings: { readonly result: ResultFinding; readonly raw: Finding }[];
  readonly fileErrors: FileError[];
  readonly suppressed: number;
  readonly baselined: number;
  readonly mask: SecretMask;
}

export async function audit(opts: CliOptions, io: CliIO): Promise<number> {
  const cwd = realpathOr(io.cwd);
  const stderr = (s: string) => io.stderr.write(s);
  // Warnings name files and code: shown printable (no terminal escapes or CI log commands from scanned text).
  const warn = (s: string) => stderr(`session-audit: warning: ${terminalText(s)}\n`);
  // The project: every file read goes through it (regular files inside it, nothing else).
  if (opts.projectRoot !== undefined) checkFolder(path.resolve(cwd, opts.projectRoot), `--project-root ${opts.projectRoot}`);
  const files = ProjectFiles.of(opts.paths, cwd, opts.projectRoot);

  // Budgets first: the run's clock starts now (and a bad value is a usage error).
  const budgets = analysisBudgets(io.env);
  const timing = new Timing();

  // Where the report goes, and in which format: `-o -` (or /dev/stdout, /dev/stderr) is the process's own stream;
  // without -o, --fix-dry-run keeps stdout for the diff. Without --format, pretty on a terminal (outside CI), stylish elsewhere.
  const named = opts.outputFile !== undefined ? standardStream(opts.outputFile) : undefined;
  const toFile = opts.outputFile !== undefined && named === undefined;
  const stream = toFile ? undefined : named === 'stderr' || (opts.fixDryRun && opts.outputFile === undefined) ? io.stderr : io.stdout;
  const format: FormatName = !opts.formatGiven && stream?.isTTY && !isCI(io.env) && io.env.TERM !== 'dumb' ? 'pretty' : opts.format;

  // Configuration and rule selection (errors here are usage errors: exit 2).
  if (opts.preset !== undefined && !PRESETS.includes(opts.preset as Preset)) {
    throw new UsageError(`unknown preset '${opts.preset}' (use one of: ${PRESETS.join(', ')})`);
  }
  const preset = opts.preset as Preset | undefined;
  const cliRules = new Map<string, RuleSetting>(opts.rules.map((r) => parseRuleSetting(r.name, r.severity, `--rule ${r.name}=${r.severity}`)));
  const resolver = new ConfigResolver(cwd, files, opts.config ? loadConfigFile(opts.config, cwd, files) : undefined);
  const rulesByConfig = new Map<Config, EffectiveRules>();
  const testRulesByConfig = new Map<Config, EffectiveRules>();
  const rulesFor = (file: string): EffectiveRules => {
    const config = resolver.forFile(file);
    let r = rulesByConfig.get(config);
    if (!r) rulesByConfig.set(config, (r = effectiveRules(config, { preset, rules: cliRules, quiet: opts.quiet })));
    if (!isTestFile(file, cwd)) return r;
    // A test file: the rules that run on tests (src/test-files.ts), as in the ESLint plugin.
    let t = testRulesByConfig.get(config);
    if (!t) {
      const includeTests = opts.includeTests || config.includeTests;
      testRulesByConfig.set(config, (t = new Map([...r].filter(([id]) => ruleRunsOn(rulesById.get(id)!.meta, { isTest: true }, configuredOptions(config, id), includeTests)))));
    }
    return t;
  };
  /** A rule's options as configured (`--rule` gives none), before defaults: where `includeTests` is read. */
  const configuredOptions = (config: Config, id: string) => cliRules.get(id)?.options ?? config.rules.get(id)?.options;
  const ignoresByConfig = new Map<Config, Ignore>();
  const configIgnores = (file: string): boolean => {
    const config = resolver.forFile(file);
    if (config.ignorePatterns.length === 0 || !isInside(file, config.dir)) return false;
    let ig = ignoresByConfig.get(config);
    if (!ig) ignoresByConfig.set(config, (ig = ignore().add([...config.ignorePatterns])));
    return ig.ignores(path.relative(config.dir, file).split(path.sep).join('/'));
  };

  const baselinePath = opts.baseline ? path.resolve(cwd, opts.baseline) : undefined;
  const baseline = baselinePath && !opts.updateBaseline ? readBaseline(baselinePath, opts.baseline!, files) : undefined;
  if (baseline?.version === 1) {
    stderr(`session-audit: note: ${terminalText(opts.baseline!)} is a version 1 baseline: it still works; rewrite it with --update-baseline so that findings stay baselined when files are renamed or moved\n`);
  } else if (baseline?.version === 2) {
    stderr(`session-audit: note: ${terminalText(opts.baseline!)} is a version 2 baseline: it still works; rewrite it with --update-baseline, since its identities were hashed from secrets' text\n`);
  }

  // --changed-since: the ref is checked before any work (a bad ref is a usage error).
  const changed = opts.changedSince !== undefined ? (await import('./git.js')).changedSince(opts.changedSince, cwd, io.env) : undefined;
  const keepChanged = changed ? (await import('./git.js')).keepChanged : undefined;

  // Files. A test file on which no rule runs is left out (not read, not counted, no app facts).
  timing.lap('setup');
  const checked = (file: string) => !isTestFile(file, cwd) || rulesFor(file).size > 0;
  const listed = await discoverFiles(opts.paths, { cwd, ignoreSets: [{ dir: cwd, patterns: opts.ignorePatterns }], dynamicIgnore: configIgnores, files });
  const discovered = { ...listed, files: listed.files.filter(checked) };
  noteSkippedTests(listed, discovered.files, cwd, (s) => stderr(`session-audit: note: ${terminalText(s)}\n`));
  timing.lap('discovery');
  if (discovered.roots.length === 0) {
    throw new UsageError(discovered.problems.map((p) => p.message).join('; ') || 'nothing to scan');
  }
  const fileErrors: FileError[] = discovered.problems.map((p) => ({ file: p.file, path: relativePath(cwd, p.file), kind: 'path', message: p.message }));
  for (const u of discovered.unreadableFolders) fileErrors.push({ file: u.folder, path: relativePath(cwd, u.folder), kind: 'read', message: `cannot list folder: ${u.message}` });
  if (discovered.files.length === 0) stderr(`session-audit: no JavaScript or TypeScript files to check in ${opts.paths.join(', ')}\n`);
  const writable = new Set(discovered.files);

  // The other files of each scanned app (under the working folder): the engine's app facts
  // (trust proxy, routes, CSRF middleware) come from all of them. They are read, never checked.
  // App roots from the walk's listings where it listed the folder (no stat per folder), else from the file system.
  const apps = new AppRoots(cwd, (file) => (path.basename(file) === 'package.json' ? listed.packageJsonIn.get(path.dirname(file)) : undefined) ?? isRegularFile(file));
  const scannedDirs = discovered.roots.filter((r) => !discovered.files.includes(r));
  const extraRoots = [...new Set(discovered.files.map((f) => apps.of(f)))].filter(
    (root) => apps.isPackage(root) && isInside(root, cwd) && !scannedDirs.some((d) => isInside(root, d)),
  );
  const extra = extraRoots.length
    ? (await discoverFiles(extraRoots, { cwd, ignoreSets: [{ dir: cwd, patterns: opts.ignorePatterns }], dynamicIgnore: configIgnores, files })).files.filter(
        (f) => !writable.has(f) && checked(f),
      )
    : [];

  timing.lap('discovery of app files');
  const progress = new Progress(io.stderr, opts.progress && Boolean(io.stderr.isTTY) && !isCI(io.env) && (format === 'stylish' || format === 'pretty'));
  const inputs: SourceInput[] = [];
  const generated: { path: string; reason: string }[] = [];
  const toRead = [...discovered.files, ...extra];
  toRead.forEach((file, i) => {
    progress.update('Reading files', i + 1, toRead.length);
    let text: string;
    try {
      text = files.readListed(file);
    } catch (e) {
      if (writable.has(file)) fileErrors.push({ file, path: relativePath(cwd, file), kind: 'read', message: `cannot read file: ${describeFsError(e)}` });
      return;
    }
    if (text.startsWith(BOM)) text = text.slice(1);
    // Only candidates (rules run on them) and files that may add to their app's facts are kept:
    // the others are never parsed (an import of one is read again if the analysis needs its values).
    let kept = prefilter(text);
    // A module the config maps to a session library need not say "session" (library-aliases.ts).
    if (!kept.analyze && mentionsAlias(text, resolver.forFile(file).libraries)) kept = { analyze: true, facts: true };
    const analyze = kept.analyze && writable.has(file);
    // Build output (minified, source-mapped, bundled) is not where sessions are configured: skipped, with one note.
    const why = analyze && !opts.includeGenerated ? generatedReason(text) : undefined;
    if (why) generated.push({ path: relativePath(cwd, file), reason: why });
    else if (analyze || kept.facts) inputs.push({ file, text, analyze });
  });
  if (generated.length > 0) stderr(`session-audit: note: ${terminalText(skippedNote(generated))}\n`);
  timing.lap(`reading ${toRead.length} files (${inputs.length} kept)`);
  const analyzedInputs = inputs.filter((i) => i.analyze).length;
  // Only apps with a file to check need a program (and only then is TypeScript loaded).
  const neededApps = new Set(inputs.filter((i) => i.analyze).map((i) => apps.of(i.file)));
  const programInputs = inputs.filter((i) => neededApps.has(apps.of(i.file)));

  const { Workspace: WorkspaceClass, syntaxErrors, tsModule } = analyzedInputs > 0 ? await import('./analyze.js') : ({} as Partial<typeof import('./analyze.js')>);
  const debug = opts.debug ? (s: string) => stderr(`session-audit: debug: ${terminalText(s)}\n`) : undefined;
  timing.lap('loading TypeScript');
  const ws: Workspace | undefined = WorkspaceClass ? new WorkspaceClass(programInputs, { cwd, tsconfig: opts.tsconfig, warn, apps, ...budgets, debug, files, libraries: (file) => resolver.forFile(file).libraries }) : undefined;
  let done = 0;
  const onFile = () => progress.update('Analyzing', ++done, analyzedInputs);
  // Formats that show each session configuration (html) get summaries of the engine's sites.
  const summarize = format === 'html';
  let pass: AnalysisPass = ws ? ws.analyze(rulesFor, onFile, summarize) : { findings: [], fileErrors: [], analyzedFiles: 0, secrets: [] };
  progress.clear();
  timing.lap('analysis');

  const evaluate = (p: AnalysisPass): Evaluated => {
    // Secrets (secrets.ts) are masked in everything reported; identities (identity.ts) and line hashes are made from the code with its secrets masked.
    const mask = new SecretMask(p.secrets, (f) => ws?.textOf(f));
    const maskedTexts = new Map<string, string>();
    const maskedTextOf = (f: string): string | undefined => {
      let t = maskedTexts.get(f);
      if (t === undefined) {
        const raw = ws?.textOf(f);
        if (raw === undefined) return undefined;
        maskedTexts.set(f, (t = mask.file(f, raw)));
      }
      return t;
    };
    const locator = new Locator(cwd, (f) => ws?.textOf(f), maskedTextOf);
    const identities = tsModule && new Identities(tsModule, (f) => ws?.sourceFile(f), (f) => ws?.textOf(f), maskedTextOf);
    const out: { result: ResultFinding; raw: Finding }[] = [];
    let suppressed = 0;
    const suppresses = (f: Finding) => ws?.suppressionsOf(f.file)?.suppresses(f.ruleId, locator.location(f.file, f.start)) === true;
    // One defect, one finding: a value defined in one file and used by several calls is reported once, at its definition.
    const unsuppressed = p.findings.filter(({ finding }) => !suppresses(finding) || (suppressed++, false));
    const where = (file: string, offset: number) => callName(cwd, file, locator.location(file, offset).line);
    // A version 2 baseline names findings by their former identities (baseline.ts); computed only for one.
    const formerIds = new Map<Finding, readonly (readonly string[])[]>();
    for (const { finding, severity, related, members } of groupSharedDefinitions(unsuppressed, where, (s) => (s === 'error' ? 1 : 0))) {
      if (related && suppresses(finding)) {
        suppressed++;
        continue;
      }
      const result = locator.finding(finding, severity === 'error' ? 'error' : 'warning', identities!.of(finding), related);
      out.push({ result, raw: finding });
      if (baseline?.version === 2) formerIds.set(finding, [[identities!.former(finding)], ...(members ? [members.map((m) => identities!.former(m))] : [])]);
    }
    if (changed && keepChanged) {
      // Only what the pull request touches: findings on changed lines, or with a cause that changed.
      const textOf = (f: string) => ws?.textOf(f) ?? files.tryRead(f)?.replace(/^\uFEFF/, '');
      const causeLocator = new Locator(cwd, textOf);
      const kept = keepChanged(out.map((f) => ({ ...f.result, causes: f.raw.causes })), changed, { textOf, lineOf: (f, o) => causeLocator.location(f, o).line, pathOf: (f) => relativePath(cwd, f) });
      out.splice(0, out.length, ...out.flatMap((f, i) => (kept.has(i) ? [{ raw: f.raw, result: { ...f.result, message: kept.get(i)! } }] : [])));
    }
    out.sort((a, b) => compareFindings(a.result, b.result));
    const errors: FileError[] = p.fileErrors.map((e) => {
      const where = e.offset !== undefined ? locator.location(e.file, e.offset) : undefined;
      return { file: e.file, path: relativePath(cwd, e.file), kind: e.kind, message: e.message, ...(where ? { line: where.line, column: where.column } : {}) };
    });
    if (!baseline) return { findings: out, fileErrors: errors, suppressed, baselined: 0, mask };
    const formerOf = new Map(out.map((f) => [f.result, formerIds.get(f.raw) ?? []]));
    // A version 1 baseline's line hashes were made from the line as is (a secret's text included): the result's `lineText`, masked only in reports.
    const formerLineHash = baseline.version === 1 ? (f: ResultFinding) => hashLine(f.lineText) : undefined;
    const { fresh, known } = applyBaseline(out.map((f) => f.result), baseline, path.dirname(baselinePath!), (f) => formerOf.get(f) ?? [], formerLineHash);
    const keep = new Set(fresh);
    return { findings: out.filter((f) => keep.has(f.result)), fileErrors: errors, suppressed, baselined: known, mask };
  };

  let evaluated = evaluate(pass);
  // What a scan without fixes reports: --fix-dry-run exits as that scan does (a fix it only shows is not made).
  const scanFindings = evaluated.findings;

  // Fixes: in memory, pass after pass, then written (or shown) at the end.
  let fixed = 0;
  /** The files each applied fix edits. */
  const appliedFiles: (readonly string[])[] = [];
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
      const locator = new Locator(cwd, (f) => ws.textOf(f)); // one line index per file, however many are rejected
      for (const r of outcome.rejected) {
        const where = locator.location(r.finding.file, r.finding.start);
        const file = relativePath(cwd, r.file);
        const why = r.reason === 'outside' ? `the fix edits ${file}, which is not under the scanned paths` : `the fix would leave ${file} with a syntax error`;
        warn(`no fix for ${r.finding.ruleId} at ${relativePath(cwd, r.finding.file)}:${where.line}:${where.column}: ${why}`);
      }
      // Applied: budget spent in this pass, not rejected.
      const rejected = new Set(outcome.rejected.map((r) => r.finding));
      lineage.advance(raws, candidates.filter((c, k) => before[k]! > (budget.get(c.key) ?? 0) && !rejected.has(c.finding)).flatMap((c) => c.finding.suggestions[0]?.edits ?? []));
      if (outcome.applied === 0) break;
      fixed += outcome.applied;
      appliedFiles.push(...outcome.appliedFiles);
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
      // Signals wait until every file is whole (no temporary file is left behind).
      const { errors } = await holdingSignals(() => writeFixes(changes, { linked: appliedFiles }));
      for (const e of errors) fileErrors.push({ file: e.file, path: relativePath(cwd, e.file), kind: 'fix', message: e.message });
      if (errors.length > 0) {
        // A fix that was not written is not a fix: its findings are still there (with the reason
        // as a file error), and only fixes whose every file was written count as fixed.
        const unwritten = new Set(errors.map((e) => e.file));
        fixed = appliedFiles.filter((group) => !group.some((f) => unwritten.has(f))).length;
        ws.update(new Map([...unwritten].map((f) => [f, originals.get(f)!])));
        pass = ws.analyze(rulesFor, undefined, summarize);
        evaluated = evaluate(pass);
      }
    }
  }

  // Baseline update: record what is reported now; nothing of it is new.
  // Suggestions as a code host shows them (rdjson, SARIF): planned together, so that any of them apply at once.
  // Only those formats show them (planned for every finding, they were a tenth of a JSON report's time).
  const pointers: ReviewPointers = new Map();
  const review = format === 'rdjson' || format === 'sarif' ? planForReview(evaluated.findings.map((f) => f.raw), (f) => ws?.textOf(f), { pointers }) : undefined;
  const reviewLocator = new Locator(cwd, (f) => ws?.textOf(f));
  let findings = withReviewPointers(
    evaluated.findings.map((f): ResultFinding => (review ? { ...f.result, review: (review.get(f.raw) ?? []).map((s) => reviewLocator.suggestion(s)) } : f.result)),
    evaluated.findings.map((f) => f.raw),
    pointers,
  );
  let baselined = evaluated.baselined;
  if (opts.updateBaseline && baselinePath) {
    await holdingSignals(() => writeBaseline(baselinePath, opts.baseline!, baselineOf(maskFindings(findings, evaluated.mask), path.dirname(baselinePath), `${PACKAGE.name}@${PACKAGE.version}`), files));
    stderr(`session-audit: baseline written to ${relativePath(cwd, baselinePath)} (${findings.length} finding${findings.length === 1 ? '' : 's'})\n`);
    baselined += findings.length;
    findings = [];
  }

  // Files the boundary refused: values from them are unknown, said once per kind.
  for (const line of files.warnings(cwd)) warn(line);
  if (opts.debug) for (const e of pass.fileErrors) if (e.stack) stderr(`${terminalText(relativePath(cwd, e.file))}: ${e.stack}\n`);
  const allFileErrors = [...fileErrors, ...evaluated.fileErrors].sort(compareFileErrors);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const results: Results = {
    cwd,
    findings,
    ...(summarize ? { sites: pass.sites ?? [] } : {}),
    ...(summarize || format === 'pretty' ? { sources: sourcesOf(findings, (f) => ws?.textOf(f), format === 'pretty') } : {}),
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
  const color = useColor(opts.color, io.env, stream);
  const ctx = reporterContext(cwd, color, opts.maxWarnings, stream?.isTTY ? { columns: stream.columns, hyperlinks: color && (await useHyperlinks(io.env, stream)) } : {});
  const report = (await loadReporter(format))(maskResults(results, evaluated.mask), ctx);
  if (toFile) {
    await holdingSignals(() => writeOutputFile(path.resolve(cwd, opts.outputFile!), opts.outputFile!, report, files));
  } else {
    stream!.write(report);
  }

  timing.lap('fixes, baseline and report');
  debug?.(`timing: ${timing.summary()}`);
  // --fix-dry-run exits as the scan does: findings it would fix count as much as those it leaves.
  const scanErrors = opts.fixDryRun && !opts.updateBaseline ? scanFindings.filter((f) => f.result.severity === 'error').length : 0;
  const scanWarnings = opts.fixDryRun && !opts.updateBaseline ? scanFindings.length - scanErrors : 0;
  const tooManyWarnings = opts.maxWarnings !== undefined && Math.max(warnings, scanWarnings) > opts.maxWarnings;
  return errors > 0 || scanErrors > 0 || allFileErrors.length > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * A note when a path named on the command line is a test file or a test folder whose files were
 * all left out: naming it does not make its files checked (the same answer as ESLint's).
 */
function noteSkippedTests(listed: Discovered, kept: readonly string[], cwd: string, note: (s: string) => void): void {
  const keptSet = new Set(kept);
  for (const root of listed.roots) {
    if (!(listed.files.includes(root) ? isTestFile(root, cwd) : isTestFolder(root, cwd))) continue;
    const under = listed.files.filter((f) => isInside(f, root));
    if (under.length > 0 && under.every((f) => !keptSet.has(f))) {
      note(`${relativePath(cwd, root)}: test files are not checked by default; use --include-tests (or "includeTests": true in the config) to check them`);
    }
  }
}

/**
 * OSC 8 hyperlinks: FORCE_HYPERLINK (0 or false: off) decides; else, for the process's own
 * environment, supports-hyperlinks' answer for the stream (it reads process.env).
 */
async function useHyperlinks(env: Readonly<Record<string, string | undefined>>, stream: OutputStream): Promise<boolean> {
  const force = env.FORCE_HYPERLINK;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  // Loaded only for a terminal (supports-hyperlinks and supports-color cost more to load than a report to write).
  return env === process.env && (await import('supports-hyperlinks')).createSupportsHyperlinks(stream as never);
}

/** Wall-clock and process CPU time of the run's stages, for --debug (on a loaded machine the CPU figure is the one to compare). */
class Timing {
  private last = performance.now();
  private lastCpu = process.cpuUsage();
  private readonly laps: string[] = [];

  lap(stage: string): void {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    this.laps.push(`${stage} ${Math.round(now - this.last)} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
    this.last = now;
    this.lastCpu = process.cpuUsage();
  }

  summary(): string {
    return this.laps.join(', ');
  }
}

/** The finding with `first` as its first suggestion (none when `first` is undefined). */
function withFirst(f: Finding, first: { readonly message: string; readonly edits: readonly TextEdit[] } | undefined): Finding {
  if (first === undefined) return f.suggestions.length === 0 ? f : { ...f, suggestions: [] };
  const own = f.suggestions[0]!;
  return own.edits === first.edits ? f : { ...f, suggestions: [{ ...own, message: first.message, edits: first.edits }, ...f.suggestions.slice(1)] };
}

/** The texts of the files the findings' suggestions edit (and with `code`, of the files they are in and their values come from). */
function sourcesOf(findings: readonly ResultFinding[], textOf: (file: string) => string | undefined, code = false): Map<string, string> {
  const out = new Map<string, string>();
  const add = (file: string) => {
    if (out.has(file)) return;
    const text = textOf(file);
    if (text !== undefined) out.set(file, text);
  };
  for (const f of findings) {
    if (code) {
      add(f.file);
      const origin = originOf(f.message, f.file);
      if (origin) add(origin.file);
    }
    for (const s of f.suggestions) {
      for (const e of s.edits) {
        const text = out.has(e.file) ? undefined : textOf(e.file);
        if (text !== undefined) out.set(e.file, text);
      }
    }
  }
  return out;
}

/**
 * The analysis' budgets: SESSION_AUDIT_FILE_TIMEOUT_MS, how long the analysis of one file may
 * take over the whole run, and SESSION_AUDIT_RUN_TIMEOUT_MS, how long the run's analysis may
 * take (positive whole numbers of milliseconds); the heap is watched against its limit.
 * The clock of the run starts here, before any file is read.
 */
function analysisBudgets(env: Readonly<Record<string, string | undefined>>): { budget: TimeBudget; heap: HeapWatch } {
  const ms = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) === 0) throw new UsageError(`${name} expects a whole number of milliseconds > 0, got '${raw}'`);
    return Number(raw);
  };
  const heap = new HeapWatch();
  return { budget: new TimeBudget({ fileMs: ms('SESSION_AUDIT_FILE_TIMEOUT_MS', DEFAULT_FILE_TIMEOUT_MS), runMs: ms('SESSION_AUDIT_RUN_TIMEOUT_MS', DEFAULT_RUN_TIMEOUT_MS), heap }), heap };
}

/** A folder named by an option, or a usage error. */
function checkFolder(dir: string, option: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new UsageError(`${option}: ${describeFsError(e)}`);
  }
  if (!isDir) throw new UsageError(`${option}: not a folder`);
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
