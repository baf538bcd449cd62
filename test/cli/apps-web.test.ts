// The web-framework fixture apps (React Router 7, Nuxt server routes): each vulnerable app reports exactly the
// findings its README lists, at their lines, and none of its hard negatives; each hardened app reports nothing with
// every rule on. (test/cli/parity.test.ts holds ESLint to the same findings.)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
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

describe('sessions a library hands out, across modules (issue #15)', () => {
  // A storage made by the app's own factory around createSessionStorage (a database), exported by name list, imported
  // through a tsconfig path: the CLI follows each step (the function's return, the destructuring, `export { }`, `~/`).
  const storage = (factory: string) => `import { createSessionStorage, createCookieSessionStorage } from '@remix-run/node';
import { db } from '~/db.server';
function createDatabaseSessionStorage({ cookie }: { cookie: object }) {
  return createSessionStorage({
    cookie,
    async createData(data: object) { return db.insert(data); },
    async readData(id: string) { return db.read(id); },
    async updateData(id: string, data: object) { await db.update(id, data); },
    async deleteData(id: string) { await db.remove(id); },
  });
}
const cookie = { name: 'sid', httpOnly: true, secure: true, sameSite: 'lax' as const, maxAge: 3600, secrets: [process.env.SESSION_SECRET!] };
const { getSession, commitSession, destroySession } = ${factory}({ cookie });
export { getSession, commitSession, destroySession };
`;
  const login = `import { redirect } from '@remix-run/node';
import { commitSession, getSession } from '~/sessions.server';
export async function action({ request }: { request: Request }) {
  const session = await getSession(request.headers.get('Cookie'));
  const user = await verify(await request.formData());
  if (!user) {
    session.flash('error', 'Invalid email or password');
    return redirect('/login', { headers: { 'Set-Cookie': await commitSession(session) } });
  }
  session.set('userId', user.id);
  session.set('accessToken', user.apiToken);
  return redirect('/', { headers: { 'Set-Cookie': await commitSession(session) } });
}
declare function verify(form: FormData): Promise<{ id: string; apiToken: string } | null>;
`;
  const files = (factory: string) => ({
    'package.json': JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { '@remix-run/node': '^2.16.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ES2022', moduleResolution: 'bundler', jsx: 'react-jsx', paths: { '~/*': ['./app/*'] } } }),
    'app/sessions.server.ts': storage(factory),
    'app/routes/login.tsx': login,
  });

  it('a server-side storage: the login keeps the session ID (regenerate-on-login, with what to do); a token there stays on the server', async () => {
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: tempProject(files('createDatabaseSessionStorage')) });
    const { findings, fileErrors } = parseJson(r.stdout);
    expect(fileErrors).toEqual([]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.rule, f.message])).toEqual([
      [
        'app/routes/login.tsx', 10, 3, 'regenerate-on-login',
        "`session.set('userId', …)` stores who the user is in a session read from the request's cookie, and @remix-run/node's `createSessionStorage` keeps that session's ID on the server: a session ID planted before login (session fixation) becomes a logged-in session for whoever planted it. React Router has no regenerate(): log in on a new session, `getSession()` without the request's cookie (copy over what the login keeps), and delete the old one with `destroySession(session)`, so that `commitSession` stores the login under a new ID.",
      ],
    ]);
    expect(r.code).toBe(1);
  });

  it('hard negative: the same login on a cookie storage (no ID to fixate); the token in the cookie is a finding', async () => {
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: tempProject(files('createCookieSessionStorage')) });
    const { findings } = parseJson(r.stdout);
    expect(findings.map((f) => [f.file, f.line, f.rule, f.message])).toEqual([
      [
        'app/routes/login.tsx', 11, 'no-sensitive-session-data',
        "`session.set('accessToken', …)` puts a token or secret into a cookie-based session (@remix-run/node's `createCookieSessionStorage`): the cookie is signed, not encrypted, so anyone holding it can read the value.",
      ],
    ]);
  });
});

describe('h3 sessions auto-imported in Nuxt server/ (useSession, updateSession): the ESLint plugin as the CLI', () => {
  // The CLI's side is the README tables above; ESLint reads the app's package.json near the file (nuxt: auto-imports).
  const lint = (app: string) => {
    const file = path.join(APPS, app, 'server/api/signup.post.ts');
    const config = {
      files: ['**/*.ts'],
      plugins: { 'session-audit': plugin },
      rules: { 'session-audit/no-sensitive-session-data': 'error' },
      languageOptions: { parser: tsParser },
    } as unknown as Linter.Config;
    return new Linter({ configType: 'flat' }).verify(readFileSync(file, 'utf8'), [config], { filename: file }).map((m) => [m.line, m.column, m.message]);
  };

  it('vulnerable-nuxt: the password written by session.update and by updateSession', () => {
    expect(lint('vulnerable-nuxt')).toEqual([
      [6, 45, "`password: body.password` puts a password into the session, which h3's `useSession` sends to the browser. Sessions are copied to stores, logs and backups; keep credentials and payment data out of them (store a flag or an ID instead)."],
      [8, 49, "`pin: body.password` puts a password into the session, which h3's `updateSession` sends to the browser. Sessions are copied to stores, logs and backups; keep credentials and payment data out of them (store a flag or an ID instead)."],
    ]);
  });

  it('hardened-nuxt: a flag and a token in the sealed session are no finding', () => {
    expect(lint('hardened-nuxt')).toEqual([]);
  });
});
