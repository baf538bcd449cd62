/**
 * docs/reliability.md stays true to the hostile-input suites: every suite in test/hostile
 * is listed with what it checks, and the page states the threat model and the behaviour
 * of each case of issue #16 (reading, writing, names).
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const doc = readFileSync(path.join(ROOT, 'docs/reliability.md'), 'utf8');

describe('docs/reliability.md', () => {
  it('lists every suite of test/hostile', () => {
    const suites = readdirSync(path.join(ROOT, 'test/hostile')).filter((f) => f.endsWith('.test.ts') && f !== 'reliability-doc.test.ts');
    for (const s of suites) expect(doc, s).toContain(`| \`test/hostile/${s}\` |`);
  });

  it('has the threat model and a section for each part of the hostile-repository work', () => {
    for (const heading of ['## Threat model', '## The project boundary', '## Writing', '## Names that are code', '## Fix safety']) expect(doc).toContain(`\n${heading}\n`);
  });
});
