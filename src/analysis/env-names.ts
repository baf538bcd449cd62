/**
 * Environment variable names for remedies that move a hardcoded secret out of the code,
 * unique per session configuration in an app: a second, separate session is not told to
 * read the same SESSION_SECRET as the first.
 *
 * A configuration's name comes from its own context, first found of: the path it is mounted
 * on (`app.use('/admin', session(...))`), its cookie's name (`name: 'admin.sid'`), the variable
 * it is assigned to (`const adminSession = session(...)`): ADMIN_SESSION_SECRET. Without
 * one, the plain name (SESSION_SECRET). When two configurations of the app still get the same
 * name, the first (by file, then line) keeps it and the others are numbered (_2, _3...). Only
 * configurations of libraries whose secret has the same variable compete (`cookieParser(secret)`
 * beside `session({ secret })` leaves SESSION_SECRET to the session).
 *
 * The app's configurations are found by syntax in each file (`sessionConfigs` of the app
 * facts: calls of a name the file binds to a session library); a file seen alone (ESLint
 * without types) knows its own.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { skipWrappers } from './syntax.js';

/** A session configuration as the app facts keep it: where, and the context its name comes from. */
export interface SessionConfigFact {
  readonly file: string;
  /** 1-based line of the call. */
  readonly line: number;
  /** The context word (ADMIN), or undefined. */
  readonly context: string | undefined;
  /**
   * The variable its library's secret is named after (SESSION_SECRET; cookie-parser's COOKIE_SECRET, Auth.js's
   * AUTH_SECRET): only configurations of the same one compete for a name.
   */
  readonly secretEnv: string;
}

/** Words that say "session" or "cookie", not which one. */
const NOISE = new Set(['SESSION', 'SESSIONS', 'SESS', 'SID', 'COOKIE', 'MIDDLEWARE', 'CONNECT', 'EXPRESS', 'CONFIG', 'OPTIONS', 'OPTS', 'STORE', 'APP', 'HANDLER', 'ID', 'KEY', 'NAME', 'ROUTER', 'SERVER', 'FASTIFY', 'INSTANCE']);

/** `adminSession` → ADMIN, `/api/v1` → API_V1, `admin.sid` → ADMIN; undefined when nothing is left. */
function contextWord(raw: string): string | undefined {
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toUpperCase())
    .filter((w) => w !== '' && !NOISE.has(w));
  const word = words.join('_');
  return word === '' || /^\d/.test(word) ? undefined : word.slice(0, 40);
}

/**
 * The context of a session factory call: its mount path, the literal cookie name in its
 * options (the options property names to look at are given), or the variable it is assigned to.
 */
export function contextOf(call: TS.Node, ts: TSModule, nameOptions: readonly string[]): string | undefined {
  let outer: TS.Node = call;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const p = outer.parent;
  // app.use('/admin', session(...)), admin.use(session(...))
  const mount = p && ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && (p.expression.name.text === 'use' || p.expression.name.text === 'register') ? p : undefined;
  if (mount) {
    const first = mount.arguments[0];
    if (first && first !== outer && ts.isStringLiteralLike(first)) {
      const w = contextWord(first.text);
      if (w) return w;
    }
  }
  // session({ name: 'admin.sid' })
  if (ts.isCallExpression(call)) {
    for (const a of call.arguments) {
      const o = skipWrappers(a, ts);
      if (!ts.isObjectLiteralExpression(o)) continue;
      for (const prop of o.properties) {
        if (ts.isPropertyAssignment(prop) && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) && nameOptions.includes(prop.name.text) && ts.isStringLiteralLike(prop.initializer)) {
          const w = contextWord(prop.initializer.text);
          if (w) return w;
        }
      }
    }
  }
  // admin.use(session(...)): the app or router it is mounted on, when its name says which
  const receiver = mount && skipWrappers((mount.expression as TS.PropertyAccessExpression).expression, ts);
  if (receiver && ts.isIdentifier(receiver)) {
    const w = contextWord(receiver.text);
    if (w) return w;
  }
  // const adminSession = session(...)
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
    const w = contextWord(p.name.text);
    if (w) return w;
  }
  return undefined;
}

/**
 * The variable name for a configuration: `base` with its context, numbered when another
 * configuration of the app has the same, or when the app's code already reads a variable of
 * that name (`process.env.SESSION_SECRET` in a config module, for another session).
 */
export function uniqueEnvName(base: string, here: SessionConfigFact, appConfigs: readonly SessionConfigFact[], read: ReadonlySet<string>): string {
  const nameOf = (c: { context: string | undefined }) => (c.context ? `${c.context}_${base}` : base);
  const name = nameOf(here);
  // a session and the cookie-parser beside it are not two sessions
  const configs = appConfigs.filter((c) => c.secretEnv === here.secretEnv);
  const all = configs.some((c) => c.file === here.file && c.line === here.line) ? configs : [...configs, here];
  const same = all.filter((c) => nameOf(c) === name).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  let n = Math.max(0, same.findIndex((c) => c.file === here.file && c.line === here.line)) + 1;
  // Taken by the code already: the next number that is free.
  const numbered = (k: number) => (k <= 1 ? name : `${name}_${k}`);
  while (read.has(numbered(n)) && n < 100) n++;
  return numbered(n);
}
