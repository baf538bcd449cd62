/**
 * A folder with 100,000 empty files (next to one session file): the run scales
 * linearly. Each step of a run (discovery, reading, the program, the checker, app
 * facts) is one pass over the files; before the fix, adding files to a ts-morph
 * project rebuilt its root list on every file, which took minutes at 40,000.
 *
 * Time per file at 100k must stay near time per file at 10k (generous bounds: CI
 * machines are noisy and the smaller run pays more of the fixed start-up cost).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD, SECRET_ONLY, cli, parseJson, tempProject } from './helpers.js';

function folderOf(count: number): string {
  const dir = tempProject({ ...SECRET_ONLY, 'src/good.js': GOOD });
  // 1,000 files a folder, as generated code and vendored trees look.
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, 'src', `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub);
    writeFileSync(path.join(sub, `f${i}.js`), '');
  }
  return dir;
}

async function perFile(count: number): Promise<number> {
  const dir = folderOf(count);
  const started = performance.now();
  const r = await cli(['-f', 'json'], { cwd: dir });
  const ms = performance.now() - started;
  expect(r.code).toBe(1);
  expect(parseJson(r.stdout).stats).toMatchObject({ files: count + 1, analyzedFiles: 1, errors: 1, fileErrors: 0 });
  return ms / count;
}

describe('many files', () => {
  it('100,000 empty files: time per file stays flat from 10,000 to 100,000', async () => {
    const small = await perFile(10_000);
    const large = await perFile(100_000);
    // Linear: about 0.15 ms a file here. Quadratic growth would make the large run's
    // per-file time ten times the small one's.
    expect(large).toBeLessThan(small * 3 + 0.05);
    expect(large).toBeLessThan(2); // ms per file, an absolute ceiling
  }, 300_000);
});
