// Sessions configured by a framework config file rather than a call (LibraryInfo.configFile): Sails'
// config/session.js in an app that depends on sails. Both front ends on the same temporary apps: the
// CLI, and ESLint (no types) with the plugin's recommended config.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from '../cli/helpers.js';

const SAILS_PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { sails: '^1.5.14' } });

const generated = `/**
 * Session Configuration
 * (sails-generate: a secret made by \`sails new\`)
 */
module.exports.session = {
  secret: '5f5c8c1c2b36c3d3c0f1c3b2a3e7e0c1',
  cookie: { maxAge: 24 * 60 * 60 * 1000 },
};
`;

const fromEnv = `module.exports.session = {
  secret: process.env.SESSION_SECRET,
};
`;

async function findings(files: Record<string, string>): Promise<{ cli: string[]; eslint: string[] }> {
  const dir = tempProject(files);
  const r = await cli(['-f', 'json'], { cwd: dir });
  const fromCli = parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ ...plugin.configs.recommended, files: ['**/*.js'] }] as never });
  const results = await eslint.lintFiles(['**/*.js']);
  const fromEslint = results.flatMap((x) => x.messages.map((m) => `${x.filePath.slice(dir.length + 1)}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`));
  return { cli: fromCli.sort(), eslint: fromEslint.sort() };
}

describe('framework config files: Sails config/session.js', () => {
  it("reports the generated secret of config/session.js in a Sails app, at the property, in both front ends", async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': generated });
    expect(got.cli).toEqual(['config/session.js:6:3 no-hardcoded-secret']);
    expect(got.eslint).toEqual(got.cli);
  });

  it('does not report a secret read from the environment', async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': fromEnv });
    expect(got).toEqual({ cli: [], eslint: [] });
  });

  it('does not treat the file as Sails configuration in an app that does not depend on sails', async () => {
    const got = await findings({ 'package.json': JSON.stringify({ name: 'app', private: true }), 'config/session.js': generated });
    expect(got).toEqual({ cli: [], eslint: [] });
  });

  it('reads only config/session.js, not the same export elsewhere', async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/other.js': generated });
    expect(got).toEqual({ cli: [], eslint: [] });
  });
});
