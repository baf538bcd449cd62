/** The package's name and version, read from its package.json (works from src/ and dist/). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function readPackage(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'session-audit' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // keep looking upwards
    }
    dir = dirname(dir);
  }
  return { name: 'session-audit', version: '0.0.0' };
}

export const PACKAGE = readPackage();
