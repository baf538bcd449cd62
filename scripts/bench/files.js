/** The source files of a tree, as the floor and the benchmark count them. */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export const SOURCE = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** Every .js/.cjs/.mjs/.jsx/.ts/.cts/.mts/.tsx file under `dir` (not .d.ts), skipping node_modules and .git. */
export function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      yield* sourceFiles(path.join(dir, e.name));
    } else if (e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name)) {
      yield path.join(dir, e.name);
    }
  }
}
