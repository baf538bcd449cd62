/**
 * Secrets never leave the code: every output that shows code or values shows a hardcoded
 * session secret or a session store's password masked, the same way everywhere (`maskSecret`:
 * its first characters, the rest as bullets, so the length shows). A remedy's replacement text
 * never holds the secret (it reads it from the environment instead).
 *
 * The engine tells where the secrets are (`secretSpans`: in each analyzed file, the characters
 * of every string literal a session library takes as a secret, in either world, and of every
 * password in a session store's connection options); `maskResults` then masks everything the
 * reporters get, before any of them runs: file texts (shown as code and diffs), reported lines,
 * messages, remedies, the settings of the HTML scorecards. Masking keeps every text's length,
 * so offsets into the texts stay right.
 */
import type * as TS from 'typescript';
import type { FileModel } from '../analysis/index.js';
import type { Value } from '../analysis/values.js';
import type { LocatedSuggestion, ResultFinding, Results } from './results.js';
import type { SettingSummary, SiteSummary, ValueSummary } from './summaries.js';

/** Characters of a secret in a file's analyzed text (inside the quotes). */
export interface SecretSpan {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

const BULLET = '\u2022';
/** A secret this long is masked wherever it occurs in prose; a shorter one only where quoted. */
const LONG_SECRET = 12;
/** A quoted string on one line (no nested quote of its kind): linear, no backtracking across quotes. */
const QUOTED = /(['"])([^'"\n]*)\1/g;

/**
 * The one masking function: a quarter of the secret's first characters (at most 3) and a bullet
 * for every other character: 'keyboard cat' → 'key•••••••••'. Same length as the secret.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  const shown = Math.min(3, Math.floor(chars.length / 4));
  return chars.slice(0, shown).join('') + BULLET.repeat(secret.length - chars.slice(0, shown).join('').length);
}

/** A masked secret in prose: `"key•••••••••" (12 characters)`. */
export function describeSecret(secret: string): string {
  return `"${maskSecret(secret)}" (${[...secret].length} characters)`;
}

/** Keys that hold a store password, and a URL with a password in its user info (as no-hardcoded-store-credentials reads them). */
const PASSWORD_KEYS = /^(password|pass|passwd|pwd|passphrase|secret|auth_?pass)$/i;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]{0,30}:\/\/[^\s/@:]{0,200}:)([^\s/@]{1,200})@/i;
const MAX_DEPTH = 4;

/** Where the secrets of a file's session configurations are written (any file: a value may come from another module). */
export function secretSpans(model: FileModel): SecretSpan[] {
  const ts = model.host.ts;
  const out: SecretSpan[] = [];
  const seen = new Set<string>();
  const add = (sf: TS.SourceFile, start: number, end: number) => {
    const key = `${sf.fileName}:${start}:${end}`;
    if (end <= start || seen.has(key)) return;
    seen.add(key);
    out.push({ file: sf.fileName, start, end });
  };
  /** Every string literal written inside a value's node (`'a' + 'b'`, `'x' as string`): its characters. */
  const literalsIn = (node: TS.Node, only?: (text: string) => [number, number] | undefined) => {
    const sf = node.getSourceFile();
    const stack: TS.Node[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || n.kind === ts.SyntaxKind.TemplateHead || n.kind === ts.SyntaxKind.TemplateMiddle || n.kind === ts.SyntaxKind.TemplateTail) {
        const start = n.getStart(sf);
        const text = sf.text.slice(start, n.getEnd());
        // Inside the delimiters: ' " ` (and `${` / `}` of template parts).
        const open = 1;
        const close = text.endsWith('${') ? 2 : 1;
        const inner = text.slice(open, text.length - close);
        const part = only ? only(inner) : [0, inner.length];
        if (part) add(sf, start + open + part[0], start + open + part[1]);
        continue;
      }
      n.forEachChild((c) => void stack.push(c));
    }
  };
  const secretValue = (v: Value, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (v.kind === 'literal' && typeof v.value === 'string') literalsIn(v.node);
    else if (v.kind === 'array') for (const el of v.elements) for (const e of el) secretValue(e, depth + 1);
    else if (v.kind === 'object') for (const p of v.props.values()) for (const e of p.values) secretValue(e, depth + 1);
  };
  const storeValue = (v: Value, key: string, depth: number, evaluate: (e: TS.Expression) => readonly Value[]): void => {
    if (depth > MAX_DEPTH) return;
    if (v.kind === 'literal' && typeof v.value === 'string') {
      if (URL_PASSWORD.test(v.value)) {
        literalsIn(v.node, (inner) => {
          const m = URL_PASSWORD.exec(inner);
          return m ? [m[1]!.length, m[1]!.length + m[2]!.length] : undefined;
        });
      } else if (PASSWORD_KEYS.test(key)) literalsIn(v.node);
    } else if (v.kind === 'object') {
      for (const [k, p] of v.props) for (const e of p.values) storeValue(e, k, depth + 1, evaluate);
    } else if (v.kind === 'instance') {
      for (const arg of v.args) for (const e of evaluate(arg)) storeValue(e, key, depth + 1, evaluate);
    } else if (v.kind === 'array') {
      for (const el of v.elements) for (const e of el) storeValue(e, key, depth + 1, evaluate);
    }
  };
  for (const world of ['production', 'development'] as const) {
    const ev = model.evaluator(world);
    const evaluate = (e: TS.Expression) => ev.evaluate(e as never) as readonly Value[];
    for (const site of model.sites) {
      const view = site.view(world);
      for (const path of site.library.options.secrets) for (const ov of view.option(path)) secretValue(ov.value, 0);
      const store = site.library.options.store;
      if (store) for (const ov of view.option(store)) storeValue(ov.value, '', 0, evaluate);
    }
  }
  return out;
}

/** Masks spans of one text (same length). */
export function maskText(text: string, spans: readonly { readonly start: number; readonly end: number }[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    out += text.slice(at, start) + maskSecret(text.slice(start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

/** The secrets of a run and the texts they are in: masks texts, and scrubs any prose that would quote one. */
export class SecretMask {
  private readonly byFile = new Map<string, SecretSpan[]>();
  /** The secrets as written (at least 4 characters: shorter ones would blot out ordinary words). */
  private readonly values: string[];

  constructor(
    spans: readonly SecretSpan[],
    private readonly textOf: (file: string) => string | undefined,
  ) {
    const values = new Set<string>();
    for (const s of spans) {
      let list = this.byFile.get(s.file);
      if (!list) this.byFile.set(s.file, (list = []));
      list.push(s);
      const text = textOf(s.file)?.slice(s.start, s.end);
      if (text && text.length >= 4) values.add(text);
    }
    // Longest first: a secret that contains another is masked whole.
    this.values = [...values].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.byFile.size === 0;
  }

  /** A file's text with its secrets masked (same length). */
  file(file: string, text: string): string {
    return maskText(text, this.byFile.get(file) ?? []);
  }

  /** The reported line of a finding, masked (its secrets may start on an earlier line). */
  line(f: ResultFinding): string {
    const spans = this.byFile.get(f.file);
    if (!spans) return f.lineText;
    const lineStart = f.range.start.offset - (f.range.start.column - 1);
    const shifted = spans.map((s) => ({ start: s.start - lineStart, end: s.end - lineStart })).filter((s) => s.end > 0 && s.start < f.lineText.length);
    return maskText(f.lineText, shifted.map((s) => ({ start: Math.max(0, s.start), end: Math.min(f.lineText.length, s.end) })));
  }

  /**
   * Prose or code from anywhere: a known secret quoted as a string literal (`'…'`, `"…"`), or a
   * long one (12 characters or more) anywhere, masked. A short secret unquoted (or in a markdown
   * code span, which names code: `` `password` ``) is left alone: a secret that is the word
   * 'secret' must not blot the word out of every message.
   */
  scrub(text: string): string {
    if (this.values.length === 0) return text;
    // Short secrets count only quoted: one pass over the text's quoted strings, looked up in a set
    // (a run with thousands of secrets and findings must not compare every secret with every text).
    let out = text.replace(QUOTED, (m, q: string, inner: string) => (this.short.has(inner) ? `${q}${maskSecret(inner)}${q}` : m));
    for (const v of this.long) if (out.includes(v)) out = out.split(v).join(maskSecret(v));
    return out;
  }

  private get short(): ReadonlySet<string> {
    return (this.shortSet ??= new Set(this.values.filter((v) => v.length < LONG_SECRET)));
  }

  private get long(): readonly string[] {
    return (this.longList ??= this.values.filter((v) => v.length >= LONG_SECRET));
  }

  private shortSet: Set<string> | undefined;
  private longList: string[] | undefined;
}

function maskSuggestion(s: LocatedSuggestion, mask: SecretMask): LocatedSuggestion {
  return {
    message: mask.scrub(s.message),
    edits: s.edits.map((e) => ({ ...e, text: mask.scrub(e.text) })),
    ...(s.combined ? { combined: { ...s.combined, text: mask.scrub(s.combined.text) } } : {}),
  };
}

function maskFinding(f: ResultFinding, mask: SecretMask): ResultFinding {
  return { ...f, message: mask.scrub(f.message), lineText: mask.scrub(mask.line(f)), context: mask.scrub(f.context), suggestions: f.suggestions.map((s) => maskSuggestion(s, mask)) };
}

function maskValue(v: ValueSummary, mask: SecretMask): ValueSummary {
  return { ...v, text: mask.scrub(v.text) };
}

function maskSite(site: SiteSummary, mask: SecretMask): SiteSummary {
  const setting = (s: SettingSummary): SettingSummary => ({ ...s, production: s.production.map((v) => maskValue(v, mask)), development: s.development.map((v) => maskValue(v, mask)) });
  return { ...site, settings: site.settings.map(setting) };
}

/** Findings with their secrets masked (for the baseline file, which people read and commit). */
export function maskFindings(findings: readonly ResultFinding[], mask: SecretMask): ResultFinding[] {
  return mask.empty ? [...findings] : findings.map((f) => maskFinding(f, mask));
}

/** What every reporter gets: the results with each secret masked (identities and line hashes were already made from the masked code). */
export function maskResults(results: Results, mask: SecretMask): Results {
  if (mask.empty) return results;
  return {
    ...results,
    findings: maskFindings(results.findings, mask),
    fileErrors: results.fileErrors.map((e) => ({ ...e, message: mask.scrub(e.message) })),
    ...(results.sites ? { sites: results.sites.map((s) => maskSite(s, mask)) } : {}),
    ...(results.sources ? { sources: new Map([...results.sources].map(([file, text]) => [file, mask.file(file, text)])) } : {}),
  };
}
