/**
 * One escaping function per output format, for every field that carries text from the
 * scanned repository (file names, source text quoted in messages, rule text). A file may
 * be named `::error file=x.js::pwned.js` or hold `\u001b[2J`: whatever the format, such
 * text is shown as data and never acts as a terminal escape, a CI log command, markup or
 * a second diff header.
 *
 * | format | function |
 * | --- | --- |
 * | stylish, warnings and errors on stderr | `terminalText`, `terminalPath` (a line that starts with a path) |
 * | github (workflow commands) | `githubData` (message), `githubProperty` (title), `githubFile` (file=) |
 * | html | `htmlText` |
 * | the fix diff (--fix-dry-run) | `gitQuotedPath` |
 * | sarif (artifact URIs) | `sarifUriPath`; its text fields, json, rdjson and gitlab are JSON: `JSON.stringify` escapes them |
 */
import { printable } from './text.js';

/**
 * CI log commands that run anywhere in a line: GitHub's and Azure Pipelines' `##[command]`,
 * Azure's `##vso[...]`, TeamCity's `##teamcity[...]`. The second `#` is shown as `\u0023`.
 */
const LOG_COMMAND = /##(?=\[|vso\[|teamcity\[)/gi;

/**
 * Text from scanned code or file names, for a terminal or a CI log: control characters
 * (ESC, CR, LF, TAB, DEL, C1) and bidirectional controls shown as `\uXXXX`, and in-line CI
 * log commands broken (`#\u0023[error]`).
 */
export function terminalText(s: string): string {
  return printable(s).replace(LOG_COMMAND, '#\\u0023');
}

/**
 * A path at the start of a terminal line (stylish's file headers). GitHub Actions runs a
 * line as a workflow command when, after its leading white space, it starts with `::`: a
 * relative path that would is shown as `./<path>` (the same file).
 */
export function terminalPath(p: string): string {
  const shown = terminalText(p);
  return /^\s*::/.test(shown) ? `./${shown}` : shown;
}

/** Percent-encodes the characters GitHub's runner unescapes in a workflow command's message (`%` first). */
function githubEncode(s: string, props: boolean): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (props) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/** A workflow command's message: `%`, CR and LF percent-encoded (GitHub's rule); other control characters shown as `\uXXXX` (the message is shown in the log). */
export function githubData(s: string): string {
  return printable(githubEncode(s, false));
}

/** A workflow command's shown property (`title`): also `:` and `,` (they end the command and separate properties). */
export function githubProperty(s: string): string {
  return printable(githubEncode(s, true));
}

/**
 * The `file=` property: exactly GitHub's escaping (`%`, CR, LF, `:`, `,`) and nothing else,
 * so that the runner decodes it to the real file name (an escape of its own, like `\u001b`,
 * would name a file that does not exist). The property is never shown raw in the log.
 */
export function githubFile(p: string): string {
  return githubEncode(p, true);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Control and bidirectional characters, except TAB (kept: code is shown in `<pre>`). */
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for HTML content and quoted attribute values: markup characters as entities, and
 * control and bidirectional characters shown as `\uXXXX` (a right-to-left override in a file
 * name or a line of code would reorder what the reader sees). Lines are split before this.
 */
export function htmlText(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const C_ESCAPES: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };

/**
 * A path in a diff header as git writes it (core.quotePath): unchanged when it holds only
 * printable ASCII other than `"` and `\`; otherwise in double quotes, with C escapes
 * (`\n`, `\t`, `\"`, `\\`, ...) and every other control byte or UTF-8 byte above 0x7f as a
 * three-digit octal escape. `git apply` reads both forms.
 */
export function gitQuotedPath(p: string): string {
  const bytes = Buffer.from(p, 'utf8');
  if (!bytes.some((b) => b < 0x20 || b >= 0x7f || b === 34 || b === 92)) return p;
  let out = '"';
  for (const b of bytes) {
    const c = C_ESCAPES[b];
    if (c !== undefined) out += `\\${c}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

/** A relative path as a SARIF URI reference: each segment percent-encoded (a drive letter `C:` kept). */
export function sarifUriPath(p: string): string {
  return p
    .split('/')
    .map((seg) => (/^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg.replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => (isPaired(s, i) ? c : '\ufffd')))))
    .join('/');
}

/** Whether the surrogate at `i` is half of a pair (encodeURIComponent throws on a lone one). */
function isPaired(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c <= 0xdbff) return i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  return i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
}
