// Sessions in code across the files of an app (issue #12): which library a session object belongs to
// is decided by the app when the file itself does not say (a tRPC router of an iron-session app, a
// Koa routes file of a koa-session app without a store). A real multi-file program with the app
// facts both front ends use; each true positive has its hard negative beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/index.js';
import { checkModel } from '../../src/api.js';
import { programAppFacts } from '../../src/app-root.js';
import plugin from '../../src/eslint/index.js';
import { code } from '../rules/_util.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const PACKAGE = JSON.stringify({ name: 'app', private: true, type: 'module' });

/** Runs one rule over one file of a program made of every script in `files`; findings as `line:column messageId`. */
function check(files: Record<string, string>, file: string, rule: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-audit-code-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const rootNames = Object.keys(files).filter((f) => /\.[cm]?[jt]sx?$/.test(f)).map((f) => path.join(dir, f));
  const program = ts.createProgram({
    rootNames,
    options: { allowJs: true, checkJs: false, noEmit: true, noLib: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  });
  const checker = program.getTypeChecker();
  const facts = programAppFacts(ts, program);
  const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: true, appFacts: (sf) => facts.of(sf.fileName) });
  const sf = program.getSourceFile(path.join(dir, file))!;
  return checkModel(analyzer.analyze(sf), { rules: { [rule]: true } }).map((f) => {
    const at = sf.getLineAndCharacterOfPosition(f.start);
    return `${at.line + 1}:${at.character + 1} ${f.messageId}`;
  });
}

const ironContext = code`
  import { getIronSession } from 'iron-session';
  import { cookies } from 'next/headers';
  export async function createContext() {
    return { session: await getIronSession(cookies(), { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' }) };
  }
`;

const trpcRouter = code`
  export const appRouter = router({
    logout: procedure.mutation(async ({ ctx }) => {
      ctx.session.destroy();
      ctx.session.save();
      return true;
    }),
  });
`;

describe('handle-session-errors: the session of a context, by the app', () => {
  it("an iron-session app: destroy() is synchronous (not reported), save() as a statement is a dropped promise", () => {
    expect(check({ 'package.json': PACKAGE, 'src/context.js': ironContext, 'src/router.js': trpcRouter }, 'src/router.js', 'handle-session-errors')).toEqual(['4:5 promiseNotAwaited']);
  });

  it('hard negative: the same router in an express-session app is judged as express-session (callbacks)', () => {
    const expressApp = code`
      import session from 'express-session';
      export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET });
    `;
    expect(check({ 'package.json': PACKAGE, 'src/session.js': expressApp, 'src/router.js': trpcRouter }, 'src/router.js', 'handle-session-errors')).toEqual(['3:5 noCallback', '4:5 noCallback']);
  });
});

const koaRoutes = code`
  export async function login(ctx) {
    ctx.session.userId = (await users.verify(ctx.request.body)).id;
    ctx.session.githubToken = ctx.state.accessToken;
  }
`;

describe('koa-session without a store, seen from a routes file', () => {
  const server = (options: string) => code`
    import Koa from 'koa';
    import session from 'koa-session';
    import { login } from './routes.js';
    const app = new Koa();
    app.use(session(${options}, app));
    app.use(login);
  `;

  it('a cookie session: no fixation, the token is readable in the cookie', () => {
    const files = { 'package.json': PACKAGE, 'src/server.js': server('{ maxAge: 86400000 }'), 'src/routes.js': koaRoutes };
    expect(check(files, 'src/routes.js', 'regenerate-on-login')).toEqual([]);
    expect(check(files, 'src/routes.js', 'no-sensitive-session-data')).toEqual(['3:3 clientToken']);
  });

  it('hard negative: with a store, the cookie holds an ID: the login is reported, the token is not', () => {
    const files = { 'package.json': PACKAGE, 'src/server.js': server('{ store: redisStore }'), 'src/routes.js': koaRoutes };
    expect(check(files, 'src/routes.js', 'regenerate-on-login')).toEqual(['2:3 notRegenerated']);
    expect(check(files, 'src/routes.js', 'no-sensitive-session-data')).toEqual([]);
  });
});

describe('handle-session-errors in typed ESLint: the context session of an iron-session app', () => {
  const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] });
  const contextTs = code`
    import { getIronSession } from 'iron-session';
    export async function createContext(req: unknown, res: unknown) {
      return { session: await getIronSession(req as never, res as never, { password: process.env.SECRET_COOKIE_PASSWORD!, cookieName: 'app' }) };
    }
  `;
  const routerTs = code`
    export async function logout(ctx: { session: any }) {
      ctx.session.destroy();
      ctx.session.save();
      return true;
    }
  `;
  const expressTs = code`
    import session from 'express-session';
    export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET! });
  `;

  async function lint(files: Record<string, string>, typed: boolean) {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-audit-code-eslint-'));
    temps.push(dir);
    for (const [name, text] of Object.entries({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, ...files })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: typed ? { projectService: { allowDefaultProject: [] }, tsconfigRootDir: dir } : {} } },
        { files: ['**/*.ts'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/handle-session-errors': 'error' } },
      ] as never,
    });
    const [result] = await eslint.lintFiles(['src/router.ts']);
    return result!.messages.map((m) => `${m.line}:${m.column} ${m.messageId}`);
  }

  it('with types: the app is an iron-session app, so destroy() is not judged and save() is a dropped promise', async () => {
    expect(await lint({ 'src/context.ts': contextTs, 'src/router.ts': routerTs }, true)).toEqual(['3:3 promiseNotAwaited']);
  });

  it('hard negatives: an express-session app judges the same calls by callbacks; without types the file alone cannot tell', async () => {
    expect(await lint({ 'src/session.ts': expressTs, 'src/router.ts': routerTs }, true)).toEqual(['2:3 noCallback', '3:3 noCallback']);
    expect(await lint({ 'src/context.ts': contextTs, 'src/router.ts': routerTs }, false)).toEqual(['2:3 noCallback', '3:3 noCallback']);
  });
});
