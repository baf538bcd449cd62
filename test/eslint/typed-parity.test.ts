// Same input, same findings: with type information ESLint sees the whole
// program, as the CLI does, so on a TypeScript project the two agree exactly
// (rule, file, line, column), cross-module findings included.
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import plugin from '../../src/eslint/index.js';

const root = join(import.meta.dirname, '../..');
const projects = ['fixtures/eslint/typed-app', 'fixtures/apps/hardened-express', 'fixtures/apps/vulnerable-nextjs-authjs', 'fixtures/apps/hardened-nextjs-authjs'];

async function typedEslint(dir: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
      { ...plugin.configs.all, files: ['**/*.ts'] },
    ] as never,
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`)).sort();
}

async function cli(dir: string): Promise<string[]> {
  let out = '';
  const io = { stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => undefined }, cwd: dir, env: { NO_COLOR: '1' } };
  await run(['-f', 'json', '--preset', 'all', 'src'], io as never);
  const json = JSON.parse(out) as { findings: { file: string; line: number; column: number; rule: string }[] };
  return json.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort();
}

describe('parity: typed ESLint and the CLI', () => {
  it.each(projects)('%s', async (project) => {
    const dir = join(root, project);
    const [fromEslint, fromCli] = await Promise.all([typedEslint(dir), cli(dir)]);
    expect(fromEslint).toEqual(fromCli);
    if (project.endsWith('typed-app')) expect(fromCli).toContain('src/app.ts:9:5 no-hardcoded-secret'); // cross-module
  });
});
