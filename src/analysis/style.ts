/**
 * The code style of a file, read from its own text, so that inserted code looks like
 * the code around it: string quotes, semicolons, the indentation unit, trailing commas in
 * multi-line literals, line endings. Remedies are computed here in the engine, which also
 * runs inside the ESLint plugin (no ts-morph there, no file system): the file's text is
 * the one source both front ends share. A front end may add what the project's formatter
 * settings say (`EngineHost.codeStyle`, read by the CLI from .editorconfig and JSON
 * Prettier settings); the file's own evidence wins, the settings fill in what the file
 * cannot tell (a file without a string literal), then the defaults.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { walk } from './walk.js';

export interface CodeStyle {
  /** The quote of string literals: `'` or `"`. */
  readonly quote: "'" | '"';
  /** Whether statements end with a semicolon. */
  readonly semicolons: boolean;
  /** One level of indentation: two spaces, four, a tab. */
  readonly indent: string;
  /** Whether multi-line object and array literals end with a comma. */
  readonly trailingComma: boolean;
  /** The line ending: CRLF when the file's first line break is one, else LF. */
  readonly eol: '\n' | '\r\n';
}

/** What a project's formatter settings say, where they say it. */
export type StyleSettings = Partial<Omit<CodeStyle, 'eol'>> & { readonly eol?: '\n' | '\r\n' };

const DEFAULT_STYLE: CodeStyle = { quote: "'", semicolons: true, indent: '  ', trailingComma: false, eol: '\n' };

const cache = new WeakMap<TS.SourceFile, CodeStyle>();

/** The style of a file (computed once per source file): its own evidence, then `settings`, then the defaults. */
export function styleOf(sf: TS.SourceFile, ts: TSModule, settings?: StyleSettings): CodeStyle {
  let s = cache.get(sf);
  if (!s) {
    s = readStyle(sf, ts, settings ?? {});
    cache.set(sf, s);
  }
  return s;
}

function readStyle(sf: TS.SourceFile, ts: TSModule, settings: StyleSettings): CodeStyle {
  const text = sf.text;
  let single = 0;
  let double = 0;
  let withSemi = 0;
  let withoutSemi = 0;
  let trailing = 0;
  let notTrailing = 0;
  walk(ts, sf, (n) => {
    if (ts.isStringLiteral(n) && !ts.isJsxAttribute(n.parent)) {
      const q = text[n.getStart(sf)];
      if (q === "'") single++;
      else if (q === '"') double++;
    } else if (ts.isExpressionStatement(n) || ts.isVariableStatement(n) || ts.isReturnStatement(n) || ts.isThrowStatement(n)) {
      // The statement's last token: `;` or not (a statement on the last line of a block ends before `}`).
      if (text[n.getEnd() - 1] === ';') withSemi++;
      else withoutSemi++;
    } else if ((ts.isObjectLiteralExpression(n) && n.properties.length > 0) || (ts.isArrayLiteralExpression(n) && n.elements.length > 0)) {
      const list = ts.isObjectLiteralExpression(n) ? n.properties : n.elements;
      const last = list[list.length - 1]!;
      // Multi-line only: the closing bracket on a line after the last element.
      if (text.slice(last.getEnd(), n.getEnd()).includes('\n')) {
        if (list.hasTrailingComma) trailing++;
        else notTrailing++;
      }
    }
    return true;
  });
  const i = text.indexOf('\n');
  const eol = i > 0 && text[i - 1] === '\r' ? '\r\n' : i >= 0 ? '\n' : (settings.eol ?? DEFAULT_STYLE.eol);
  return {
    quote: single + double === 0 ? (settings.quote ?? DEFAULT_STYLE.quote) : double > single ? '"' : "'",
    semicolons: withSemi + withoutSemi === 0 ? (settings.semicolons ?? DEFAULT_STYLE.semicolons) : withSemi >= withoutSemi,
    indent: indentUnit(text) ?? settings.indent ?? DEFAULT_STYLE.indent,
    trailingComma: trailing + notTrailing === 0 ? (settings.trailingComma ?? DEFAULT_STYLE.trailingComma) : trailing > notTrailing,
    eol,
  };
}

/**
 * The indentation unit: a tab when most indented lines start with one, else the most
 * common step between a line and the next, deeper one (2, 4 spaces...). Undefined when the
 * file has no indented line.
 */
function indentUnit(text: string): string | undefined {
  let tabs = 0;
  let spaced = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  let start = 0;
  // One pass over the lines, without splitting the whole text.
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let j = start;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    // Blank lines and the ` * ` lines of block comments tell nothing.
    if (j < end && text[j] !== '\r' && text[j] !== '*') {
      if (text[start] === '\t') tabs++;
      else if (j > start) {
        spaced++;
        const width = j - start;
        if (width > previous && width - previous <= 8) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
        previous = width;
      } else previous = 0;
    }
    start = end + 1;
  }
  if (tabs === 0 && spaced === 0) return undefined;
  if (tabs > spaced) return '\t';
  let best = 0;
  let count = 0;
  for (const [step, n] of steps) if (n > count || (n === count && step < best)) [best, count] = [step, n];
  return best > 0 ? ' '.repeat(best) : undefined;
}

/** A string literal in the file's quotes. */
export function stringLiteral(value: string, style: CodeStyle): string {
  const q = style.quote;
  const body = value.replace(/\\/g, '\\\\').split(q).join(`\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${q}${body}${q}`;
}

/**
 * Code the engine or a rule wrote (never the user's), in the file's quotes: each simple
 * single-quoted string literal of `code` is written with the file's quote. A literal that
 * holds either quote or a backslash is left as it is.
 */
export function inFileQuotes(code: string, style: CodeStyle): string {
  if (style.quote === "'") return code;
  return code.replace(/'([^'"\\\n]*)'/g, (_m, body: string) => `"${body}"`);
}

/** A statement's end in the file's style: `;` or nothing. */
export function semi(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}
