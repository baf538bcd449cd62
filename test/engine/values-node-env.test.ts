// A literal in the non-production branch is used whenever NODE_ENV is not set (issue #12): the
// secret rules report it, and say so; a literal reachable only under an explicit NODE_ENV
// ('test', 'development') stays quiet. Across modules in the CLI: a layered config whose name
// falls back to 'development' loads development.js on a server started without NODE_ENV.
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const rules = onlyRules({ 'no-hardcoded-secret': 'error', 'no-hardcoded-store-credentials': 'error' });

async function findings(files: Record<string, string>) {
  const r = await cli(['-f', 'json'], { cwd: tempProject({ ...rules, ...files }) });
  return parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message.split(': ')[0]}`);
}

describe('CLI: literals used when NODE_ENV is not set', () => {
  it('the development file a layered config falls back to, named in the message', async () => {
    expect(
      await findings({
        'config/env/production.js': 'module.exports = { secret: process.env.SESSION_SECRET };\n',
        'config/env/development.js': "module.exports = { secret: 'dev-secret', redis: 'redis://:devpass@localhost:6379' };\n",
        'config/index.js': "const path = require('path');\nmodule.exports = require(path.join(__dirname, 'env', process.env.NODE_ENV || 'development'));\n",
        'server.js': [
          "const session = require('express-session');",
          "const RedisStore = require('connect-redis')(session);",
          "const config = require('./config');",
          'app.use(session({ secret: config.secret, store: new RedisStore({ url: config.redis }) }));',
          '',
        ].join('\n'),
      }),
    ).toEqual([
      'server.js:4 no-hardcoded-secret: The session secret is hardcoded whenever NODE_ENV is not set (from ./config/env/development.js:1)',
      "server.js:4 no-hardcoded-store-credentials: The session store's connection URL carries a password in the source, used whenever NODE_ENV is not set (from ./config/env/development.js:1). Anyone who can read the source can reach the store, and with it every user's session; read it from the environment.",
    ]);
  });

  it('hard negatives: a name without a fallback (no file for an unset NODE_ENV), test-only and development-only literals', async () => {
    expect(
      await findings({
        'config/env/production.js': 'module.exports = { secret: process.env.SESSION_SECRET };\n',
        'config/env/development.js': "module.exports = { secret: 'dev-secret' };\n",
        'config/index.js': "const path = require('path');\nmodule.exports = require(path.join(__dirname, 'env', process.env.NODE_ENV));\n",
        'server.js': [
          "const session = require('express-session');",
          "const config = require('./config');",
          'app.use(session({ secret: config.secret }));',
          "app.use(session({ secret: process.env.NODE_ENV === 'test' ? 'test-secret' : process.env.SESSION_SECRET }));",
          "if (process.env.NODE_ENV === 'development') app.use(session({ secret: 'dev-secret' }));",
          '',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
