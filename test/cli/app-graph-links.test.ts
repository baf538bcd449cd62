// An app's files are linked through files that add no fact of their own: a router hub that the app's centre loads
// (`require('./middlewares/routes.mdw')(app)`, which mounts `require('../controllers/cart.route')`) holds no session,
// framework or route word, yet the routes behind it are the app's (found on HCMUS-18SE2-WebDev, docs/real-apps.md).
// The hard negative beside it: a route module that only another app's hub loads, and a hub that names a module only in a comment.
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const RULES = onlyRules({ 'require-csrf-protection': 'error' });

const appJs = [
  "const express = require('express');",
  'const app = express();',
  "require('./middlewares/session.mdw')(app);",
  "require('./middlewares/routes.mdw')(app);",
  'app.listen(3000);',
  '',
].join('\n');
const sessionJs = [
  "const session = require('express-session');",
  'module.exports = function (app) {',
  '  app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { maxAge: 3600000 } }));',
  '};',
  '',
].join('\n');
const cartJs = [
  "const express = require('express');",
  'const router = express.Router();',
  "router.post('/add', (req, res) => res.redirect('/cart'));",
  'module.exports = router;',
  '',
].join('\n');

async function findings(files: Record<string, string>) {
  const r = await cli(['-f', 'json'], { cwd: tempProject({ ...RULES, ...files }) });
  expect(r.stderr).toBe('');
  return parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${/\((\w+ at [^)]*)\)/.exec(f.message)?.[1]}`);
}

describe('the app graph runs through files that add no fact', () => {
  it('routes mounted by a router hub (no session, framework or route word) are the app\'s: CSRF reported', async () => {
    const got = await findings({
      'app.js': appJs,
      'middlewares/session.mdw.js': sessionJs,
      'middlewares/routes.mdw.js': "module.exports = function (app) {\n  app.use('/cart', require('../controllers/cart.route'));\n};\n",
      'controllers/cart.route.js': cartJs,
    });
    expect(got).toEqual(['middlewares/session.mdw.js:3 require-csrf-protection: POST at ../controllers/cart.route.js:3']);
  });

  it('ESM: a hub that imports the routes and re-exports them', async () => {
    const got = await findings({
      'package.json': JSON.stringify({ name: 'tmp', private: true, type: 'module' }),
      'app.js': "import express from 'express';\nimport session from 'express-session';\nimport { mount } from './routes/index.js';\nconst app = express();\napp.use(session({ secret: process.env.S, resave: false, saveUninitialized: false }));\nmount(app);\n",
      'routes/index.js': "import cart from './cart.js';\nexport function mount(app) {\n  app.use('/cart', cart);\n}\n",
      'routes/cart.js': "import { Router } from 'express';\nconst router = Router();\nrouter.post('/add', (req, res) => res.end());\nexport default router;\n",
    });
    expect(got).toEqual(['app.js:5 require-csrf-protection: POST at ./routes/cart.js:3']);
  });

  it('hard negatives: routes that only another app\'s hub loads; a hub that names the routes only in a comment', async () => {
    const other = {
      'admin/app.js': "const express = require('express');\nconst admin = express();\nrequire('./routes.mdw')(admin);\n",
      'admin/routes.mdw.js': "module.exports = function (app) {\n  app.use('/cart', require('../controllers/cart.route'));\n};\n",
      'controllers/cart.route.js': cartJs,
    };
    expect(await findings({ 'app.js': appJs, 'middlewares/session.mdw.js': sessionJs, 'middlewares/routes.mdw.js': 'module.exports = function () {};\n', ...other })).toEqual([]);
    expect(
      await findings({
        'app.js': appJs,
        'middlewares/session.mdw.js': sessionJs,
        'middlewares/routes.mdw.js': "// app.use('/cart', require('../controllers/cart.route'));\nmodule.exports = function () {};\n",
        'controllers/cart.route.js': cartJs,
      }),
    ).toEqual([]);
  });
});
