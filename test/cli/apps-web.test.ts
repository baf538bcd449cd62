// The web-framework fixture apps (React Router 7, Nuxt server routes): each vulnerable app reports exactly the
// findings its README lists, at their lines, and none of its hard negatives; each hardened app reports nothing with
// every rule on. (test/cli/parity.test.ts holds ESLint to the same findings.)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPS, cli, parseJson, tempProject } from './helpers.js';

type Row = [file: string, line: number, rule: string];

/** The rows of the README table under a "## " heading: file, line, rule cell. */
function table(readme: string, heading: string): [string, number, string][] {
  const start = readme.indexOf(`## ${heading}`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \| (\d+) \| ([^|]+) \|/gm)].map((m) => [m[1]!, Number(m[2]), m[3]!.trim()]);
}

describe('web-framework fixture apps', () => {
  for (const app of ['vulnerable-react-router', 'vulnerable-nuxt']) {
    it(`${app}: every expected finding of the README, at its line, and no hard negative`, async () => {
      const cwd = path.join(APPS, app);
      const readme = readFileSync(path.join(cwd, 'README.md'), 'utf8');
      const expected = table(readme, 'Expected findings').map(([f, l, r]): Row => [f, l, r.replace(/`/g, '')]);
      expect(expected.length).toBeGreaterThan(0);
      const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
      expect(r.code).toBe(1);
      const { findings, fileErrors } = parseJson(r.stdout);
      expect(fileErrors).toEqual([]);
      const got = findings.map((f): Row => [f.file, f.line, f.rule]);
      const sort = (rows: Row[]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));
      expect(sort(got)).toEqual(sort(expected));
      for (const [file, line, rules] of table(readme, 'Hard negatives (must not be reported)')) {
        for (const rule of [...rules.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)) expect(got, `${file}:${line} ${rule}`).not.toContainEqual([file, line, rule]);
      }
    });
  }

  for (const app of ['hardened-react-router', 'hardened-nuxt']) {
    it(`${app}: nothing to report with every rule on`, async () => {
      const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: path.join(APPS, app) });
      const { findings, fileErrors, stats } = parseJson(r.stdout);
      expect({ findings, fileErrors }).toEqual({ findings: [], fileErrors: [] });
      expect(stats.analyzedFiles).toBeGreaterThan(0);
      expect(r.code).toBe(0);
    });
  }
});

describe('nuxt-auth-utils: runtimeConfig.session in nuxt.config', () => {
  // A nuxt.config that never mentions the session (the module's defaults apply) and does not import defineNuxtConfig.
  const config = "export default defineNuxtConfig({\n  modules: ['nuxt-auth-utils'],\n});\n";
  const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: deps });

  it('an app that depends on nuxt-auth-utils: its defaults (no maxAge, the nuxt-session name) are reported at defineNuxtConfig', async () => {
    const cwd = tempProject({ 'package.json': pkg({ nuxt: '^4.2.1', 'nuxt-auth-utils': '^0.5.25' }), 'nuxt.config.ts': config });
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
    const { findings } = parseJson(r.stdout);
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ['nuxt.config.ts', 1, 'no-default-cookie-name'],
      ['nuxt.config.ts', 1, 'require-cookie-expiry'],
    ]);
  });

  it('a Nuxt app without nuxt-auth-utils configures no session in nuxt.config', async () => {
    const cwd = tempProject({ 'package.json': pkg({ nuxt: '^4.2.1' }), 'nuxt.config.ts': config });
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
    expect(parseJson(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});
