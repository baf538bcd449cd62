/**
 * The evaluator's file paths: `__dirname`, `__filename`, `import.meta.url/dirname/filename`,
 * `process.cwd()` (the app root), `path.join/resolve/dirname/...`, `fileURLToPath`, and modules
 * loaded by a computed path (`require(path.join(__dirname, 'config', name))`,
 * `import(\`./env/${process.env.NODE_ENV}.js\`)`): each candidate path the value can be in
 * this world is resolved as Node would (extensions, `index`), within the project (the host's
 * `loadFile`), so the production world follows the production file. A path outside the
 * project, or too many candidates, is unknown.
 */
import * as nodePath from 'node:path';
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { normalizeModule } from './libraries.js';
import { type Primitive, type Value, unknown } from './values.js';

const posix = nodePath.posix;

/** How many candidate files one computed module path may name before it is unknown. */
const MAX_CANDIDATES = 8;

/** Extensions Node (and a bundler, or ts-node for TypeScript sources) tries for a path without one, in order. */
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.json', '.ts', '.cts', '.mts', '.jsx', '.tsx'];

/** The implementation files a declaration file may describe, beside it (`config.d.ts` → `config.js`). */
export function implementationsBeside(declarationFile: string): string[] {
  const m = /^(.*)\.d\.([cm]?)ts$/i.exec(declarationFile);
  if (!m) return [];
  const [, base, flavour] = m;
  if (flavour) return [`${base}.${flavour}js`];
  return [`${base}.js`, `${base}.jsx`, `${base}.cjs`, `${base}.mjs`];
}

/**
 * The project file an absolute path names when required: the file itself, the path with
 * each extension, a `.js` written for a TypeScript source (`./config.js` → `config.ts`), or the
 * folder's index. Undefined when none is in the project.
 */
export function fileAtPath(ev: Evaluator, absolute: string): TS.SourceFile | undefined {
  const load = ev.host.loadFile;
  if (!load) return undefined;
  const cached = ev.filesByPath.get(absolute);
  if (cached !== undefined) return cached ?? undefined;
  const p = posix.normalize(absolute.replace(/\\/g, '/'));
  const names: string[] = [];
  const ext = posix.extname(p);
  if (EXTENSIONS.includes(ext.toLowerCase())) {
    names.push(p);
    const ts = /^\.([cm]?)js$/i.exec(ext);
    if (ts) names.push(`${p.slice(0, -ext.length)}.${ts[1]}ts`, ...(ts[1] ? [] : [`${p.slice(0, -ext.length)}.tsx`]));
  } else {
    names.push(...EXTENSIONS.map((e) => p + e), ...EXTENSIONS.map((e) => `${p}/index${e}`));
  }
  let found: TS.SourceFile | undefined;
  for (const name of names) {
    found = load(name);
    if (found) break;
  }
  ev.filesByPath.set(absolute, found ?? null);
  return found;
}

/**
 * `require(expr)` / `import(expr)` of a computed specifier: each string the argument can be
 * in this world, resolved (a relative or absolute path to a project file, a package by name).
 */
export function computedModule(ev: Evaluator, arg: TS.Expression, node: TS.Node): Value[] {
  const values = ev.evaluate(arg);
  const literals = values.filter((v) => v.kind === 'literal' && typeof v.value === 'string');
  if (literals.length === 0 || literals.length > MAX_CANDIDATES) return [unknown(node, 'a module loaded by a computed path')];
  const from = node.getSourceFile().fileName;
  const out: Value[] = [];
  for (const v of values) {
    if (v.kind !== 'literal' || typeof v.value !== 'string') {
      out.push(unknown(node, 'a module loaded by a computed path'));
      continue;
    }
    const spec = v.value;
    if (!spec.startsWith('.') && !posix.isAbsolute(spec) && !/^[a-z]:[\\/]/i.test(spec)) {
      out.push({ kind: 'module', module: normalizeModule(spec), path: [], node });
      continue;
    }
    const absolute = posix.isAbsolute(spec) ? spec : posix.join(posix.dirname(from), spec);
    const file = ev.host.crossModule ? fileAtPath(ev, absolute) : undefined;
    out.push(...(file ? ev.moduleExports(file) : [unknown(node, `module '${spec}' could not be resolved`)]));
  }
  return out;
}

/** `__dirname` and `__filename` of the file a name is read in (CommonJS, or code compiled to it). */
export function fileGlobal(id: TS.Identifier): Value | undefined {
  const file = id.getSourceFile().fileName;
  if (!posix.isAbsolute(file)) return undefined;
  if (id.text === '__dirname') return { kind: 'literal', value: posix.dirname(file), node: id };
  if (id.text === '__filename') return { kind: 'literal', value: file, node: id };
  return undefined;
}

/** `import.meta`: its `url`, `dirname` and `filename` (other properties, like a bundler's `env`, are unknown). */
export function importMeta(node: TS.MetaProperty): Value {
  const file = node.getSourceFile().fileName;
  if (!posix.isAbsolute(file)) return unknown(node, 'import.meta of a file without a path');
  const lit = (value: string) => ({ values: [{ kind: 'literal', value, node } as Value] });
  return {
    kind: 'object',
    props: new Map([
      ['url', lit(`file://${file}`)],
      ['dirname', lit(posix.dirname(file))],
      ['filename', lit(file)],
    ]),
    open: true,
    node,
  };
}

const PATH_FUNCTIONS = new Set(['join', 'resolve', 'dirname', 'basename', 'extname', 'normalize']);

/**
 * A call of a path helper Node provides, when every argument is a known string:
 * `path.join/resolve/dirname/basename/extname/normalize`, `url.fileURLToPath`, `process.cwd()`.
 * Undefined when the callee is none of them (the call is evaluated as any other).
 */
export function pathCall(ev: Evaluator, fn: Value, node: TS.CallExpression): Value[] | undefined {
  if (fn.kind !== 'module') return undefined;
  const mod = fn.module;
  const name = fn.path[fn.path.length - 1];
  const isPath = (mod === 'path' || mod === 'path/posix') && (fn.path.length === 1 || (fn.path.length === 2 && fn.path[0] === 'posix'));
  if (mod === 'process' && fn.path.length === 1 && name === 'cwd') {
    const root = ev.host.appRoot?.(node.getSourceFile());
    return [root ? { kind: 'literal', value: root, node } : unknown(node, 'the folder the app is started from')];
  }
  const fileUrl = mod === 'url' && fn.path.length === 1 && name === 'fileURLToPath';
  if (!(isPath && name && PATH_FUNCTIONS.has(name)) && !fileUrl) return undefined;
  const args = stringArguments(ev, node.arguments);
  if (!args) return [unknown(node, 'a path computed from values session-audit does not know')];
  const out: Value[] = [];
  for (const combo of args.combos) {
    const r = fileUrl ? fromFileUrl(combo[0]) : applyPath(ev, name!, combo, node);
    out.push(r === undefined ? unknown(node, 'a path outside what session-audit follows') : { kind: 'literal', value: r, node });
  }
  // Some argument may also be a value not known here (`process.env.NODE_ENV || 'development'` outside production).
  if (args.partial) out.push(unknown(node, 'a path computed from values session-audit does not know'));
  return out;
}

function fromFileUrl(url: string | undefined): string | undefined {
  if (!url?.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
}

function applyPath(ev: Evaluator, name: string, args: string[], node: TS.Node): string | undefined {
  switch (name) {
    case 'join':
      return posix.join(...args);
    case 'normalize':
      return args[0] === undefined ? undefined : posix.normalize(args[0]);
    case 'dirname':
      return args[0] === undefined ? undefined : posix.dirname(args[0]);
    case 'basename':
      return args[0] === undefined ? undefined : posix.basename(args[0], args[1]);
    case 'extname':
      return args[0] === undefined ? undefined : posix.extname(args[0]);
    case 'resolve': {
      // Relative to the folder the app is started from, unless some argument is absolute.
      const joined = posix.resolve('/', ...args);
      if (args.some((a) => posix.isAbsolute(a))) return joined;
      const root = ev.host.appRoot?.(node.getSourceFile());
      return root ? posix.resolve(root, ...args) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Each combination of the known strings the arguments can be (at most MAX_CANDIDATES), and
 * whether some argument may also be something else; undefined when an argument is never a known string.
 */
function stringArguments(ev: Evaluator, args: readonly TS.Expression[]): { combos: string[][]; partial: boolean } | undefined {
  let combos: string[][] = [[]];
  let partial = false;
  for (const arg of args) {
    if (ev.ts.isSpreadElement(arg)) return undefined;
    const values = ev.evaluate(arg);
    const strings = values.filter((v) => v.kind === 'literal' && typeof v.value === 'string').map((v) => (v as { value: Primitive }).value as string);
    if (strings.length === 0) return undefined;
    if (strings.length < values.length) partial = true;
    combos = combos.flatMap((c) => strings.map((s) => [...c, s]));
    if (combos.length > MAX_CANDIDATES) return undefined;
  }
  return { combos, partial };
}
