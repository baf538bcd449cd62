import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const APP = [
  "const session = require('express-session');",
  '',
  "app.use(session({ secret: 'first' }));",
  "app.use(session({ secret: 'same' }));",
  "app.use(session({ secret: 'same' }));",
  '',
].join('\n');

describe('--baseline', () => {
  it('records the current findings and then reports only new ones; identity survives line shifts', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'src/app.js': APP });
    const update = await cli(['--baseline', '.session-audit/baseline.json', '--update-baseline', '-f', 'json'], { cwd: dir });
    expect(update.stderr).toBe('session-audit: baseline written to .session-audit/baseline.json (3 findings)\n');
    expect(update.code).toBe(0);
    expect(parseJson(update.stdout)).toMatchObject({ findings: [], stats: { baselined: 3, errors: 0 } });
    const baseline = JSON.parse(readFileSync(path.join(dir, '.session-audit/baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((e: { rule: string; file: string; count: number; message: string }) => [e.rule, e.file, e.count, e.message.slice(0, 32)]).sort()).toEqual([
      ['no-hardcoded-secret', '../src/app.js', 1, 'The session secret is hardcoded.'],
      ['no-hardcoded-secret', '../src/app.js', 2, 'The session secret is hardcoded.'],
    ]);

    // Lines added above and re-indentation: still the same findings.
    const shifted = `// a comment\n\n${APP.replace("app.use(session({ secret: 'first' }));", "  app.use(session({  secret: 'first' }));")}`;
    writeFileSync(path.join(dir, 'src/app.js'), shifted);
    const same = await cli(['--baseline', '.session-audit/baseline.json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('✔ No problems found (1 file checked).\n  3 known findings from the baseline not shown.\n');

    // A third occurrence of a known line, and a new line: both are new.
    writeFileSync(path.join(dir, 'src/app.js'), `${shifted}app.use(session({ secret: 'same' }));\napp.use(session({ secret: 'new' }));\n`);
    const fresh = await cli(['--baseline', '.session-audit/baseline.json', '-f', 'json'], { cwd: dir });
    expect(fresh.code).toBe(1);
    const out = parseJson(fresh.stdout);
    expect(out.findings.map((f) => f.line)).toEqual([8, 9]); // the third "same" line and the new one
    expect(out.stats.baselined).toBe(3);
  });

  it('refuses a missing or foreign baseline file with exit code 2', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'app.js': APP, 'other.json': '{"findings": []}' });
    expect(await cli(['--baseline', 'nope.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'session-audit: baseline file not found: nope.json (create it with --update-baseline)\n',
    });
    expect((await cli(['--baseline', 'other.json'], { cwd: dir })).stderr).toBe(
      'session-audit: other.json is not a session-audit baseline (version 1); recreate it with --update-baseline\n',
    );
  });
});
