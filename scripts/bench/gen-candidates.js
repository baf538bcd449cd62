#!/usr/bin/env node
/**
 * A corpus where every file is a candidate (issue 16, item 13: memory): N real-looking
 * session files in packages of 100, deterministic for a seed. Each package has a
 * package.json and, in turn, configuration modules exporting session options (a secret
 * with an environment fallback, cookie options), middleware files that import them and
 * call express-session or cookie-session, route files with logins (`req.session.userId`),
 * `regenerate`/`destroy`/`save` calls, CSRF and trust-proxy lines, and an app file; each
 * file is padded with ordinary functions to a realistic size (2-6 kB, 4 kB on average).
 *
 *   node scripts/bench/gen-candidates.js --files 9500 --out /tmp/corpus [--seed 1]
 */
import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './generate.js';

const MARK = 'candidates-manifest.json';

function parse(argv) {
  const o = { files: 9500, seed: 1, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    if (argv[i] === '--files') o.files = Number(v());
    else if (argv[i] === '--seed') o.seed = Number(v());
    else if (argv[i] === '--out') o.out = v();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!o.out || !Number.isInteger(o.files) || o.files < 1) throw new Error('usage: gen-candidates.js --files <n> --out <dir> [--seed <n>]');
  return o;
}

const WORDS = ['order', 'invoice', 'cart', 'user', 'profile', 'report', 'ticket', 'payment', 'search', 'audit', 'stock', 'price'];

function padding(rnd, n) {
  let out = '';
  for (let f = 0; f < n; f++) {
    const w = WORDS[Math.floor(rnd() * WORDS.length)];
    out += `function ${w}Helper${f}(items, limit = ${10 + f}) {\n  const out = [];\n  for (const it of items) {\n    if (out.length >= limit) break;\n`;
    out += `    out.push({ key: \`${w}-\${it.id ?? ${f}}\`, value: it.total * ${1 + f}, ok: Array.isArray(it.tags) && it.tags.includes('${w}') });\n  }\n`;
    out += `  return out.sort((a, b) => b.value - a.value);\n}\n\n`;
  }
  return out;
}

/** One file of a package: i is its index in the package (0..99). */
function file(rnd, pkg, i, esm) {
  const imp = (name, spec) => (esm ? `import ${name} from '${spec}';\n` : `const ${name} = require('${spec}');\n`);
  const exp = (name, value) => (esm ? `export const ${name} = ${value};\n` : `exports.${name} = ${value};\n`);
  const cfg = `../config/session-${i - (i % 4)}.js`;
  const pad = padding(rnd, 5 + Math.floor(rnd() * 11));
  switch (i % 4) {
    case 0: // configuration module (imported by the next three)
      return [`config/session-${i}.js`, `// session options of ${pkg}\n${exp('sessionOptions', `{\n  secret: process.env.SESSION_SECRET || 'dev-secret-${pkg}-${i}',\n  name: '${pkg}.sid',\n  resave: false,\n  saveUninitialized: false,\n  cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: ${3600000 * (1 + (i % 24))} },\n}`)}${pad}`];
    case 1: // middleware: express-session over the configuration
      return [`middleware/session-${i}.js`, `${imp('session', 'express-session')}${esm ? `import { sessionOptions } from '${cfg}';\n` : `const { sessionOptions } = require('${cfg}');\n`}${imp('RedisStore', 'connect-redis')}\n${pad}${esm ? 'export default' : 'module.exports ='} function sessionMiddleware(client) {\n  return session({ ...sessionOptions, store: ${rnd() < 0.5 ? 'new RedisStore({ client })' : 'undefined'} });\n}\n`];
    case 2: // routes: logins and lifecycle calls
      return [`routes/auth-${i}.js`, `${imp('express', 'express')}const router = express.Router();\n\nrouter.post('/login-${i}', async (req, res, next) => {\n  const user = await findUser(req.body.email);\n  if (!user) return res.status(401).end();\n  ${rnd() < 0.5 ? 'req.session.regenerate((err) => {\n    if (err) return next(err);\n    req.session.userId = user.id;\n    res.redirect(\'/\');\n  });' : 'req.session.userId = user.id;\n  res.redirect(\'/\');'}\n});\n\nrouter.post('/logout-${i}', (req, res) => {\n  req.session.destroy(${rnd() < 0.5 ? '' : '(err) => res.redirect(\'/\')'});\n});\n\nasync function findUser(email) {\n  return { id: email.length };\n}\n\n${pad}${esm ? 'export default router;' : 'module.exports = router;'}\n`];
    default: // an app
      return [`app-${i}.js`, `${imp('express', 'express')}${imp('cookieSession', 'cookie-session')}\nconst app = express();\n${rnd() < 0.5 ? "app.set('trust proxy', 1);\n" : ''}app.use(cookieSession({ name: 'sess${i}', keys: [process.env.KEY_A || 'key-a-${i}', 'key-b-${i}'], maxAge: 864e5, secure: ${rnd() < 0.5} }));\napp.get('/health', (req, res) => res.send('ok'));\n${pad}${esm ? 'export default app;' : 'module.exports = app;'}\n`];
  }
}

/** Writes the corpus into `out` (missing, empty, or an earlier corpus); returns its size. */
export function writeCandidates(out, files, seed = 1) {
  if (existsSync(out) && readdirSync(out).length && !existsSync(path.join(out, MARK))) throw new Error(`${out} is not empty and not a generated corpus`);
  rmSync(out, { recursive: true, force: true });
  const rnd = mulberry32(seed);
  let bytes = 0;
  for (let n = 0; n < files; n++) {
    const p = Math.floor(n / 100);
    const pkg = `pkg${p}`;
    const esm = p % 2 === 0;
    const dir = path.join(out, 'packages', pkg);
    if (n % 100 === 0) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg, version: '1.0.0', ...(esm ? { type: 'module' } : {}), dependencies: { express: '^4.21.0', 'express-session': '^1.18.0', 'cookie-session': '^2.1.0', 'connect-redis': '^7.1.0' } }, null, 2) + '\n');
    }
    const [rel, text] = file(rnd, pkg, n % 100, esm);
    mkdirSync(path.dirname(path.join(dir, 'src', rel)), { recursive: true });
    writeFileSync(path.join(dir, 'src', rel), text);
    bytes += text.length;
  }
  writeFileSync(path.join(out, 'package.json'), JSON.stringify({ name: 'candidates', private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  writeFileSync(path.join(out, MARK), JSON.stringify({ files, seed, bytes }, null, 2) + '\n');
  return { files, bytes, packages: Math.ceil(files / 100) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = parse(process.argv.slice(2));
  const { bytes, packages } = writeCandidates(o.out, o.files, o.seed);
  console.log(`wrote ${o.files} candidate files (${(bytes / 1e6).toFixed(1)} MB) in ${packages} packages into ${o.out}`);
}
