// Later writes that win (issue #12): a start-up module that replaces a placeholder before the
// session is created hides no hardcoded secret; a write that only may happen (a condition, a
// function called later, a module loaded after the read) keeps the placeholder possible.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const files = {
  ...onlyRules({ 'no-hardcoded-secret': 'error' }),
  'config.js': "module.exports = { session: { secret: 'placeholder' }, cond: { secret: 'placeholder' }, late: { secret: 'placeholder' } };\n",
  'bootstrap.js': [
    "const crypto = require('crypto');",
    "const config = require('./config');",
    "config.session.secret = crypto.randomBytes(32).toString('hex');",
    "if (process.env.ROTATE) config.cond.secret = crypto.randomBytes(32).toString('hex');",
    "module.exports = function later() { config.late.secret = crypto.randomBytes(32).toString('hex'); };",
    '',
  ].join('\n'),
};

async function secretLines(extra: Record<string, string>): Promise<string[]> {
  const r = await cli(['-f', 'json'], { cwd: tempProject({ ...files, ...extra }) });
  return parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}`);
}

describe('CLI: writes of a start-up module loaded before the read', () => {
  it('a certain write replaces the placeholder; a conditional one, one in a function, or one loaded after the read does not', async () => {
    expect(
      await secretLines({
        'server.js': [
          "const session = require('express-session');",
          "const config = require('./config');",
          "require('./bootstrap');",
          'app.use(session({ secret: config.session.secret }));',
          'app.use(session({ secret: config.cond.secret }));',
          'app.use(session({ secret: config.late.secret }));',
          '',
        ].join('\n'),
        'early.js': "const session = require('express-session');\nconst config = require('./config');\napp.use(session({ secret: config.session.secret }));\nrequire('./bootstrap');\n",
      }),
    ).toEqual(['early.js:3', 'server.js:5', 'server.js:6']);
  });

  it('ESM: every import runs before the module body, wherever it is written', async () => {
    expect(
      await secretLines({
        'package.json': JSON.stringify({ name: 'tmp', private: true, type: 'module' }),
        'config.mjs': "export default { session: { secret: 'placeholder' } };\n",
        'boot.mjs': "import crypto from 'node:crypto';\nimport config from './config.mjs';\nconfig.session.secret = crypto.randomUUID();\n",
        'server.mjs': "import session from 'express-session';\nimport config from './config.mjs';\napp.use(session({ secret: config.session.secret }));\nimport './boot.mjs';\n",
        'plain.mjs': "import session from 'express-session';\nimport config from './config.mjs';\napp.use(session({ secret: config.session.secret }));\n",
      }),
    ).toEqual(['plain.mjs:3']);
  });
});

describe('one file (ESLint without types): writes in the same module', () => {
  const secrets = (code: string) => analyzeText(code, 'app.js', { rules: { 'no-hardcoded-secret': true } }).length;
  it('a top-level write before the session replaces the literal; a conditional one keeps it', () => {
    const head = "const session = require('express-session');\nconst crypto = require('crypto');\nconst config = { secret: 'placeholder' };\n";
    expect(secrets(`${head}config.secret = crypto.randomBytes(32).toString('hex');\napp.use(session({ secret: config.secret }));\n`)).toBe(0);
    expect(secrets(`${head}if (process.env.ROTATE) config.secret = crypto.randomBytes(32).toString('hex');\napp.use(session({ secret: config.secret }));\n`)).toBe(1);
  });
});
