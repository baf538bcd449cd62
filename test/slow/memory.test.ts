/**
 * Issue 16, item 13: memory. Over a corpus where every file is a candidate, the CLI needed
 * memory in proportion to the whole corpus (2.8 GB for 9,500 files) and died with "Reached
 * heap limit" under a smaller heap (exit 134, no report). Now candidates are analyzed in
 * batches that are released when done, batches shrink when the heap has little room, and
 * when memory still runs short the run stops cleanly with a report. (Slow suite: a
 * generated corpus of 2,000 session files, scanned by the built CLI in a child process.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HeapWatch } from '../../src/analysis/budget.js';
import { AppRoots } from '../../src/app-root.js';
import { Workspace } from '../../src/cli/analyze.js';
import type { EffectiveRules } from '../../src/cli/config.js';
import { rules } from '../../rules/index.js';
import { ROOT } from '../cli/helpers.js';
import { bin, tempProject } from '../hostile/helpers.js';

const base = mkdtempSync(path.join(tmpdir(), 'session-audit-memory-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('memory', () => {
  it('2,000 candidate files under a 160 MB heap: a complete report (before: V8 aborted, exit 134)', () => {
    const corpus = path.join(base, 'corpus');
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench/gen-candidates.js'), '--files', '2000', '--out', corpus], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const full = bin(['-f', 'json'], corpus, {}, 300_000);
    const small = bin(['-f', 'json'], corpus, { NODE_OPTIONS: '--max-old-space-size=160' }, 300_000);
    expect(small.stderr).not.toMatch(/heap limit|FATAL|JavaScript heap out of memory/);
    expect(small.code).toBe(1);
    const a = JSON.parse(full.stdout) as { findings: unknown[]; stats: { analyzedFiles: number; fileErrors: number } };
    const b = JSON.parse(small.stdout) as typeof a;
    expect(b.stats).toMatchObject({ analyzedFiles: 2000, fileErrors: 0 });
    expect(b.findings).toEqual(a.findings);
    expect(b.findings.length).toBeGreaterThan(2000);
  }, 600_000);

  it('when memory still runs short, the run stops cleanly: the files done keep their findings, the rest are reported', () => {
    const session = (i: number) => `const session = require('express-session');\nmodule.exports = session({ secret: 'hardcoded-${i}', resave: false, saveUninitialized: false });\n`;
    const files: Record<string, string> = { 'package.json': '{"name":"tmp","private":true}' };
    for (let i = 0; i < 5; i++) files[`s${i}.js`] = session(i);
    const dir = tempProject(files);
    // A heap that is fine for two files, then stays at 95% of its limit whatever is released.
    let done = 0;
    const heap = new HeapWatch(0.85, 0.5, () => ({ used: done >= 2 ? 1.425e9 : 0.3e9, limit: 1.5e9 }));
    const ws = new Workspace(
      Object.entries(files)
        .filter(([name]) => name.endsWith('.js'))
        .map(([name, text]) => ({ file: path.join(dir, name), text, analyze: true })),
      { cwd: dir, warn: () => undefined, apps: new AppRoots(dir), heap },
    );
    const only: EffectiveRules = new Map([['no-hardcoded-secret', { severity: 'error', options: rules.find((r) => r.id === 'no-hardcoded-secret')!.meta.defaultOptions }]]);
    const pass = ws.analyze(
      () => only,
      () => {
        done++; // before each file: from the second one on, the heap reports 95% of its limit
      },
    );
    expect(pass.findings.map((f) => path.basename(f.finding.file))).toEqual(['s0.js', 's1.js']);
    expect(pass.fileErrors.map((e) => `${path.basename(e.file)}: ${e.message}`)).toEqual([
      's2.js: not analyzed: memory ran short (heap 1.4 GB of 1.5 GB)',
      's3.js: not analyzed: memory ran short (heap 1.4 GB of 1.5 GB)',
      's4.js: not analyzed: memory ran short (heap 1.4 GB of 1.5 GB)',
    ]);
  });
});
