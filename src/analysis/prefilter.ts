/**
 * The text prefilters, run on every file the CLI reads: is it a candidate (rules run on it:
 * `mayHoldSessionCode`), and may it add to its app's facts (`mayHoldAppFacts`)? Most files
 * are neither, and one pass over the text for any word either test needs tells so.
 */
import { APP_FACTS_WORDS, mayHoldAppFacts } from './app-facts.js';
import { PREFILTER_WORDS, anyWord, mayHoldSessionCode } from './libraries.js';

/** Every word without which both tests are false ('.keys' starts Koa's `app.keys =`). */
export const ANY_PREFILTER = anyWord([...new Set(['session', ...PREFILTER_WORDS, '.keys', ...APP_FACTS_WORDS])]);

export interface Prefiltered {
  readonly analyze: boolean;
  readonly facts: boolean;
}

const NEITHER: Prefiltered = { analyze: false, facts: false };

/** Both prefilters at once: the same answers as `mayHoldSessionCode` and `mayHoldAppFacts`. */
export function prefilter(text: string): Prefiltered {
  if (!ANY_PREFILTER.test(text)) return NEITHER;
  return { analyze: mayHoldSessionCode(text), facts: mayHoldAppFacts(text) };
}
