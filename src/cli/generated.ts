/**
 * Generated and bundled files, told cheaply from their text: build output is not where a
 * session is configured (its source is), it is often huge, and minified code is slow to
 * analyze for nothing. The CLI skips them with one note; `--include-generated` checks them.
 *
 * Only candidates (files that pass the prefilter) are tested, and each test is one pass
 * over the text at most: a source map comment at the end, a bundler's runtime names, a
 * line longer than any written by hand.
 */

/** A line this long is not written by hand (minified code, a bundle on one line). */
const LONG_LINE = 2000;

/**
 * Bundler runtimes: webpack's module loader and chunk registry (`self.webpackChunk<name>`,
 * not the `webpackChunkName` comments of hand-written dynamic imports), Parcel's, Vite's SSR loader.
 */
const BUNDLER = /__webpack_require__|\b(?:self|window|globalThis)\.webpackChunk|\bwebpackJsonp\b|\bparcelRequire\b|__vite_ssr_import__/;

/** `//# sourceMappingURL=` (or the older `//@`) in the file's last lines: compiler or bundler output. */
const SOURCE_MAP = /\/\/[#@] ?sourceMappingURL=/;

/** Why a file looks generated or bundled (a few words), or undefined. */
export function generatedReason(text: string): string | undefined {
  if (SOURCE_MAP.test(text.slice(-1024))) return 'it ends with a sourceMappingURL comment';
  if (BUNDLER.test(text)) return 'a bundle (bundler runtime code)';
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start >= LONG_LINE) return `minified (a line of ${(stop - start).toLocaleString('en-US')} characters)`;
    if (end === -1) return undefined;
    start = end + 1;
  }
}

/** The one-line note for the files skipped (up to three named). */
export function skippedNote(skipped: readonly { path: string; reason: string }[]): string {
  const named = skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`);
  const more = skipped.length > 3 ? `; and ${skipped.length - 3} more` : '';
  const files = skipped.length === 1 ? 'file' : 'files';
  return `skipped ${skipped.length} generated or bundled ${files} (${named.join('; ')}${more}); --include-generated checks them`;
}
