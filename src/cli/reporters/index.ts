/**
 * Reporters by name: each a pure function of the results and a context. Each is loaded when
 * its format is asked for: the pretty reporter's modules (string-width, wrap-ansi, diff) cost
 * more to load than a JSON report takes to write (docs/performance.md).
 */
import type { FormatName } from '../args.js';
import type { ReporterContext, Results } from '../results.js';

export type Reporter = (results: Results, ctx: ReporterContext) => string;

const loaders: Readonly<Record<FormatName, () => Promise<Reporter>>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  pretty: async () => (await import('./pretty.js')).pretty,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  rdjson: async () => (await import('./rdjson.js')).rdjson,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
  html: async () => (await import('./html.js')).html,
};

/** The reporter of a format, loaded on first use. */
export function loadReporter(format: FormatName): Promise<Reporter> {
  return loaders[format]();
}
