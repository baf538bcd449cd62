/**
 * Apps: an app is everything under the nearest package.json (as the engine's
 * app facts and typed ESLint see it). Files outside any package fall back to
 * the working folder.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export class AppRoots {
  private readonly byDir = new Map<string, string>();

  constructor(private readonly fallback: string) {}

  /** The app root of a file. */
  of(file: string): string {
    return this.forDir(path.dirname(file));
  }

  /** Whether a package.json marks this root (false for the fallback). */
  isPackage(root: string): boolean {
    return existsSync(path.join(root, 'package.json'));
  }

  private forDir(dir: string): string {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let root: string;
    if (existsSync(path.join(dir, 'package.json'))) root = dir;
    else {
      const parent = path.dirname(dir);
      root = parent === dir ? this.fallback : this.forDir(parent);
    }
    this.byDir.set(dir, root);
    return root;
  }
}
