/**
 * What a project's formatter settings say about code style, for the code remedies write
 * (EngineHost.codeStyle; the file's own text wins where it tells, see analysis/style.ts).
 *
 * Read without running anything the scanned repository holds: `.editorconfig` as INI
 * (indent_style, indent_size, end_of_line, quote_type), and Prettier's settings only where
 * they are JSON (`.prettierrc` when it parses as JSON, `.prettierrc.json`, the `prettier` key
 * of package.json): singleQuote, semi, useTabs, tabWidth, trailingComma, endOfLine. A
 * `prettier.config.js` (or any other executable config) is never read. Files are looked for
 * from the source file's folder up to its app's root (the nearest package.json), and read
 * through the project boundary (`ProjectFiles.readSmall`): regular files inside the project,
 * at most 64 KiB each.
 */
import * as path from 'node:path';
import type { StyleSettings } from '../analysis/style.js';

const MAX_BYTES = 64 * 1024;

export class StyleSettingsReader {
  private readonly cache = new Map<string, StyleSettings | undefined>();

  /**
   * `rootOf(file)`: the folder above which no settings are read (the app's root);
   * `readSmall(file, maxBytes)`: a settings file's text through the project boundary.
   */
  constructor(
    private readonly rootOf: (file: string) => string,
    private readonly readSmall: (file: string, maxBytes: number) => string | undefined,
  ) {}

  of(file: string): StyleSettings | undefined {
    const dir = path.dirname(file);
    if (!this.cache.has(dir)) this.cache.set(dir, this.read(file, dir));
    return this.cache.get(dir);
  }

  private read(file: string, dir: string): StyleSettings | undefined {
    const root = path.resolve(this.rootOf(file));
    const dirs: string[] = [];
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      dirs.push(d);
      if (d === root || path.dirname(d) === d || !d.startsWith(root)) break;
    }
    let out: Record<string, unknown> = {};
    // Prettier: the nearest settings win whole.
    const regularFile = (f: string) => this.readSmall(f, MAX_BYTES);
    for (const d of dirs) {
      const prettier = prettierIn(d, regularFile);
      if (prettier) {
        out = { ...prettier };
        break;
      }
    }
    // EditorConfig: nearer files win per property; a file with root = true stops the search.
    const editor: Record<string, unknown> = {};
    for (const d of dirs) {
      const text = regularFile(path.join(d, '.editorconfig'));
      if (text === undefined) continue;
      const { settings, root: isRoot } = editorConfig(text, path.relative(d, file).split(path.sep).join('/'));
      for (const [k, v] of Object.entries(settings)) if (!(k in editor)) editor[k] = v;
      if (isRoot) break;
    }
    // Prettier's settings over EditorConfig's (Prettier reads .editorconfig as a fallback too).
    const merged = { ...editor, ...out } as StyleSettings;
    return Object.keys(merged).length > 0 ? merged : undefined;
  }
}

/** Prettier settings in a folder, from JSON only. */
function prettierIn(dir: string, regularFile: (file: string) => string | undefined): Record<string, unknown> | undefined {
  for (const name of ['.prettierrc', '.prettierrc.json']) {
    const text = regularFile(path.join(dir, name));
    if (text === undefined) continue;
    const json = parseJson(text);
    if (json) return fromPrettier(json);
  }
  const pkg = parseJson(regularFile(path.join(dir, 'package.json')) ?? '');
  const p = pkg?.prettier;
  return p && typeof p === 'object' && !Array.isArray(p) ? fromPrettier(p as Record<string, unknown>) : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fromPrettier(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof p.singleQuote === 'boolean') out.quote = p.singleQuote ? "'" : '"';
  if (typeof p.semi === 'boolean') out.semicolons = p.semi;
  if (p.useTabs === true) out.indent = '\t';
  else if (typeof p.tabWidth === 'number' && p.tabWidth > 0 && p.tabWidth <= 8) out.indent = ' '.repeat(p.tabWidth);
  else if (p.useTabs === false) out.indent = '  ';
  if (typeof p.trailingComma === 'string') out.trailingComma = p.trailingComma !== 'none';
  if (p.endOfLine === 'crlf') out.eol = '\r\n';
  else if (p.endOfLine === 'lf') out.eol = '\n';
  return out;
}

/**
 * The properties of an .editorconfig that apply to a file (INI sections whose glob matches
 * the file's path relative to the .editorconfig's folder; later sections win).
 */
function editorConfig(text: string, rel: string): { settings: Record<string, unknown>; root: boolean } {
  let root = false;
  let applies = false;
  const props: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      applies = globMatches(line.slice(1, -1), rel);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim().toLowerCase();
    if (key === 'root' && !applies) root = value === 'true';
    else if (applies) props[key] = value;
  }
  const out: Record<string, unknown> = {};
  const size = Number(props.indent_size);
  if (props.indent_style === 'tab') out.indent = '\t';
  else if (props.indent_style === 'space' || props.indent_size) out.indent = ' '.repeat(Number.isInteger(size) && size > 0 && size <= 8 ? size : 2);
  if (props.end_of_line === 'crlf') out.eol = '\r\n';
  else if (props.end_of_line === 'lf') out.eol = '\n';
  if (props.quote_type === 'single') out.quote = "'";
  else if (props.quote_type === 'double') out.quote = '"';
  return { settings: out, root };
}

/**
 * EditorConfig globs (`*`, `**`, `?`, `{a,b}`, `[...]`), matched without regular expressions
 * built from the repository's text: a section without a slash matches the file's name at any
 * depth. Unsupported forms match nothing.
 */
function globMatches(glob: string, rel: string): boolean {
  const alternatives = expandBraces(glob);
  return alternatives.some((g) => (g.includes('/') ? matchPath(g.replace(/^\//, ''), rel) : matchPath(g, rel.slice(rel.lastIndexOf('/') + 1))));
}

function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  const close = glob.indexOf('}', open);
  if (open === -1 || close === -1) return [glob];
  const parts = glob.slice(open + 1, close).split(',');
  if (parts.length > 32) return [];
  return parts.flatMap((p) => expandBraces(glob.slice(0, open) + p + glob.slice(close + 1)));
}

/** Glob matching by a small backtracking-free walk (dynamic programming over positions). */
function matchPath(glob: string, text: string): boolean {
  if (glob.length > 256 || text.length > 4096) return false;
  // reach[i]: the text position i can be reached after the glob so far.
  let reach = new Array<boolean>(text.length + 1).fill(false);
  reach[0] = true;
  for (let g = 0; g < glob.length; g++) {
    const c = glob[g]!;
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (c === '*') {
      const deep = glob[g + 1] === '*';
      if (deep) g++;
      let on = false;
      for (let i = 0; i <= text.length; i++) {
        if (reach[i]) on = true;
        if (on) next[i] = true;
        if (!deep && text[i] === '/') on = false;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', g + 1);
      if (end === -1) return false;
      const set = glob.slice(g + 1, end);
      g = end;
      const negate = set.startsWith('!');
      const chars = negate ? set.slice(1) : set;
      for (let i = 0; i < text.length; i++) if (reach[i] && text[i] !== '/' && chars.includes(text[i]!) !== negate) next[i + 1] = true;
    } else {
      for (let i = 0; i < text.length; i++) if (reach[i] && (c === '?' ? text[i] !== '/' : text[i] === c)) next[i + 1] = true;
    }
    reach = next;
  }
  return reach[text.length] === true;
}
