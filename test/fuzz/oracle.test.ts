/**
 * Property: on every generated express-session configuration (options in any
 * combination and value form, inline, through variables and spreads, or imported
 * from a second module), the engine, as the CLI runs it (a whole program, values
 * followed across modules), fires exactly the site rules the reference oracle says.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rulesById } from '../../rules/index.js';
import { Workspace } from '../../src/cli/analyze.js';
import { AppRoots } from '../../src/app-root.js';
import type { EffectiveRules } from '../../src/cli/config.js';
import { SITE_RULES, oracle, params, render, runs, sessionCase } from './session-config.js';

const RULES: EffectiveRules = new Map(SITE_RULES.map((id) => [id, { severity: 'error' as const, options: rulesById.get(id)!.meta.defaultOptions }]));

const base = mkdtempSync(path.join(tmpdir(), 'session-audit-fuzz-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** The CLI's engine (its Workspace: a program over the files, values followed across modules). */
function engine(files: Record<string, string>): { fired: string[]; errors: string[] } {
  // Real folders: module resolution looks at the file system.
  const root = path.join(base, String(n++));
  mkdirSync(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  const ws = new Workspace(
    Object.entries(files).map(([name, text]) => ({ file: path.join(root, name).split(path.sep).join('/'), text, analyze: name === 'app.js' })),
    { cwd: root, warn: () => undefined, apps: new AppRoots(root) },
  );
  const pass = ws.analyze(() => RULES);
  return {
    fired: pass.findings.map((f) => `${f.finding.ruleId}/${f.finding.messageId}`).sort(),
    errors: pass.fileErrors.map((e) => `${e.kind}: ${e.message}`),
  };
}

const show = (files: Record<string, string>) => Object.entries(files).map(([name, text]) => `// ${name}\n${text}`).join('\n');

describe('generated session configurations: the engine agrees with the oracle', () => {
  it('in one module (inline, variables, spreads)', () => {
    fc.assert(
      fc.property(sessionCase({ imports: false }), (c) => {
        const files = render(c);
        const got = engine(files);
        expect(got.errors, show(files)).toEqual([]);
        expect(got.fired, show(files)).toEqual(oracle(c));
      }),
      params(150),
    );
  }, runs(150) * 500);

  it('across modules (values imported from a second file)', () => {
    fc.assert(
      fc.property(sessionCase({ imports: true }), (c) => {
        const files = render(c);
        const got = engine(files);
        expect(got.errors, show(files)).toEqual([]);
        expect(got.fired, show(files)).toEqual(oracle(c));
      }),
      params(100),
    );
  }, runs(100) * 500);
});
