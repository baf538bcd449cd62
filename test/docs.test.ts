// Docs and metadata agree: every rule has a page, the README lists it, and the
// generated parts (README table, page headers) are up to date.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

const root = join(import.meta.dirname, '..');

describe('docs', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s has a page with why, examples and further reading', (id) => {
    const file = join(root, 'docs/rules', `${id}.md`);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`# session-audit/${id}`);
    for (const section of ['## Why', '❌ Incorrect', '✅ Correct', '## Options', '## Further reading']) expect(text).toContain(section);
  });

  it('the README lists every rule, with a link to its page', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const r of rules) expect(readme).toContain(`[${r.id}](docs/rules/${r.id}.md)`);
  });

  it('generated parts are up to date (npm run docs)', () => {
    // Throws (non-zero exit) when the README table or a page header differs from rule metadata.
    execFileSync(process.execPath, [join(root, 'scripts/generate-docs.js'), '--check'], { stdio: 'pipe' });
  });

  it('every rule file in rules/ is in the catalog', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'));
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(rules.map((r) => r.id).sort());
  });
});
