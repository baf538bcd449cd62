/**
 * Groups a program's files into apps: an app is everything under the nearest
 * package.json, so each package of a monorepo is judged on its own. Used by both
 * front ends to give the engine `EngineHost.appFiles`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as TS from 'typescript';

export function packageRootOf(fileName: string, cache: Map<string, string>): string {
  const start = dirname(fileName);
  const seen: string[] = [];
  let dir = start;
  let root: string | undefined;
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      root = cached;
      break;
    }
    seen.push(dir);
    if (existsSync(join(dir, 'package.json'))) {
      root = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      root = start;
      break;
    }
    dir = parent;
  }
  for (const d of seen) cache.set(d, root);
  return root;
}

/** `appFiles` for a set of source files: the files that share the given file's package root (same array for the same app). */
export function appFilesFor(files: () => readonly TS.SourceFile[]): (sf: TS.SourceFile) => readonly TS.SourceFile[] | undefined {
  let groups: Map<string, TS.SourceFile[]> | undefined;
  const roots = new Map<string, string>();
  return (sf) => {
    if (!groups) {
      groups = new Map();
      for (const f of files()) {
        if (f.isDeclarationFile || /[\\/]node_modules[\\/]/.test(f.fileName) || f.fileName.endsWith('.json')) continue;
        const root = packageRootOf(f.fileName, roots);
        const list = groups.get(root) ?? [];
        list.push(f);
        groups.set(root, list);
      }
    }
    return groups.get(packageRootOf(sf.fileName, roots));
  };
}
