/**
 * Runs request handlers of our own test fixtures (never scanned code) against a fake
 * request, response, `next`, express-session `Session` and store, to check that a fix keeps
 * the handler's meaning: on success it behaves as the original did, and when the store
 * fails the error reaches `next`, a promise's rejection or an error response, with no
 * TypeError or ReferenceError on the way.
 *
 * The fixture's text is transpiled to CommonJS (TypeScript's `transpileModule`, so .ts
 * fixtures run too) and run as a function body with fakes for `require('express')`,
 * `require('express-session')`, `require('bcrypt')`, and an `app`/`router` that record
 * the handlers registered on them. The handler is then called as express would call it.
 *
 * The fake session follows express-session 1.18 (session/session.js, session/store.js):
 * `destroy` deletes `req.session` and calls the store; `regenerate` destroys the stored
 * session, makes a new one (also when the store failed) and calls back with the store's
 * error; `save` and `reload` call the store. Store callbacks run on a later turn of the
 * event loop, as a network store's do; a callback that was not given is not called.
 */
import ts from 'typescript';

export interface RunOptions {
  /** Which handler: a route registered on `app`/`router` ('POST /login'), or an export's name. */
  readonly target: string;
  /** The store fails every operation with this error. */
  readonly storeFails?: boolean;
  /** The session's data before the request. */
  readonly session?: Record<string, unknown>;
  readonly body?: Record<string, unknown>;
  /** Arguments for an exported function after `req` (a route handler gets `req, res, next`); '$res' and '$next' are the fakes. */
  readonly args?: readonly unknown[];
  /** File name (a .ts fixture is transpiled as TypeScript). */
  readonly fileName?: string;
}

export interface Outcome {
  /** What the handler answered, in order: `redirect /`, `status 500`, `send ok`, ... */
  readonly responses: string[];
  /** Arguments `next` was called with (the error's message, or 'next()'). */
  readonly next: string[];
  /** How the handler's returned promise settled, if it returned one: 'resolved' or 'rejected: message'. */
  readonly settled: string | undefined;
  /** The session's data at the end (undefined: no session), without the cookie. */
  readonly session: Record<string, unknown> | undefined;
  /** Store operations in order: `destroy`, `regenerate`, `set`, `get`. */
  readonly store: string[];
  /** Errors thrown where nothing catches them (in callbacks, timers): a TypeError here is a broken fix. */
  readonly uncaught: string[];
  /** Calls of other fakes the fixture makes (`log`, `audit`...), in order. */
  readonly calls: string[];
  /** The Set-Cookie headers `res.cookie` wrote, as express 5 writes them (see `setCookieHeader`). */
  readonly cookies: string[];
}

export const STORE_ERROR = 'store unavailable';

let nextId = 1;

export async function runHandler(code: string, opts: RunOptions): Promise<Outcome> {
  const out = { responses: [] as string[], next: [] as string[], settled: undefined as string | undefined, store: [] as string[], uncaught: [] as string[], calls: [] as string[], cookies: [] as string[] };
  let pending = 0;
  /** Runs a callback on a later turn, recording what it throws. */
  const later = (fn: () => void) => {
    pending++;
    setTimeout(() => {
      pending--;
      guard(fn);
    }, 1);
  };
  const guard = (fn: () => unknown) => {
    try {
      const r = fn();
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, (e: unknown) => out.uncaught.push(describe(e)));
    } catch (e) {
      out.uncaught.push(describe(e));
    }
  };
  const fail = () => (opts.storeFails ? new Error(STORE_ERROR) : null);
  const store = {
    destroy(_id: string, cb?: (err: Error | null) => void) {
      out.store.push('destroy');
      later(() => cb?.(fail()));
    },
    set(_id: string, _data: unknown, cb?: (err: Error | null) => void) {
      out.store.push('set');
      later(() => cb?.(fail()));
    },
    get(_id: string, cb: (err: Error | null, data?: unknown) => void) {
      out.store.push('get');
      later(() => cb(fail(), undefined));
    },
  };
  const req: Record<string, unknown> = { body: opts.body ?? {}, query: {}, params: {}, sessionStore: store };
  const makeSession = (data: Record<string, unknown>) => {
    const s = Object.create(sessionProto) as Record<string, unknown>;
    Object.defineProperty(s, 'id', { value: `s${nextId++}`, enumerable: false });
    Object.assign(s, data);
    return s;
  };
  const sessionProto = {
    destroy(this: { id: string }, cb?: (err: Error | null) => void) {
      delete req.session;
      store.destroy(this.id, cb);
      return this;
    },
    regenerate(this: { id: string }, cb?: (err: Error | null) => void) {
      out.store.push('regenerate');
      store.destroy(this.id, (err) => {
        req.session = makeSession({});
        cb?.(err);
      });
      return this;
    },
    save(this: { id: string }, cb?: (err: Error | null) => void) {
      store.set(this.id, { ...this }, cb);
      return this;
    },
    reload(this: { id: string }, cb?: (err: Error | null) => void) {
      store.get(this.id, (err) => cb?.(err));
      return this;
    },
  };
  req.session = makeSession(opts.session ?? {});
  const res = {
    statusCode: 200,
    status(code: number) {
      out.responses.push(`status ${code}`);
      return res;
    },
    sendStatus(code: number) {
      out.responses.push(`sendStatus ${code}`);
      return res;
    },
    redirect(url: string) {
      out.responses.push(`redirect ${url}`);
      return res;
    },
    send(body?: unknown) {
      out.responses.push(`send ${body instanceof Error ? `error: ${body.message}` : String(body)}`);
      return res;
    },
    json(body: unknown) {
      out.responses.push(`json ${JSON.stringify(body)}`);
      return res;
    },
    end() {
      out.responses.push('end');
      return res;
    },
    render(view: string) {
      out.responses.push(`render ${view}`);
      return res;
    },
    cookie(name: string, value: unknown, options?: CookieOptions) {
      out.cookies.push(setCookieHeader(name, value, options));
      return res;
    },
    clearCookie(name: string) {
      out.responses.push(`clearCookie ${name}`);
      return res;
    },
  };
  const next = (err?: unknown) => {
    out.next.push(err === undefined ? 'next()' : describe(err));
  };

  // What the fixture can reach: a registrar for routes, fakes for the modules it loads, recorded helpers.
  const routes = new Map<string, ((...a: unknown[]) => unknown)[]>();
  const registrar = (): Record<string, unknown> => {
    const r: Record<string, unknown> = {};
    for (const m of ['get', 'post', 'put', 'patch', 'delete', 'all']) {
      r[m] = (path: string, ...handlers: ((...a: unknown[]) => unknown)[]) => {
        routes.set(`${m.toUpperCase()} ${path}`, handlers);
        return r;
      };
    }
    r.use = () => r;
    r.set = () => r;
    r.listen = () => r;
    return r;
  };
  const app = registrar();
  const express = Object.assign(() => app, { Router: () => registrar(), json: () => () => undefined, static: () => () => undefined });
  const session = Object.assign(() => () => undefined, { MemoryStore: class {} });
  const bcrypt = {
    compare(_a: unknown, _b: unknown, cb: (err: Error | null, ok: boolean) => unknown) {
      later(() => cb(null, true));
    },
  };
  const modules: Record<string, unknown> = { express, 'express-session': session, bcrypt };
  const recorded = (name: string) => (...args: unknown[]) => {
    out.calls.push(`${name}(${args.map((a) => (typeof a === 'string' ? a : typeof a)).join(', ')})`);
    return { id: 7, login: 'ada', data: args[0] };
  };
  const mod = { exports: {} as Record<string, unknown> };
  const fileName = opts.fileName ?? 'fixture.js';
  const js = ts.transpileModule(code, { fileName, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const requireFake = (name: string) => {
    if (!(name in modules)) throw new Error(`the harness has no fake for '${name}'`);
    return modules[name];
  };
  const globals = { require: requireFake, module: mod, exports: mod.exports, app, router: registrar(), audit: recorded('audit'), createUser: recorded('createUser'), findUser: recorded('findUser'), work: recorded('work') };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own fixture, see the header
  // In a block of its own, so the fixture may declare its own `app` or `router` over the fakes.
  new Function(...Object.keys(globals), `{\n${js}\n}`)(...Object.values(globals));
  const route = routes.get(opts.target);
  const exported = route ? undefined : (mod.exports[opts.target] ?? (opts.target === 'default' ? mod.exports : undefined));
  if (!route && typeof exported !== 'function') throw new Error(`no route or export '${opts.target}' in the fixture`);
  const fake = (a: unknown) => (a === '$res' ? res : a === '$next' ? next : a);
  const call = () => (route ? runChain(route) : (exported as (...a: unknown[]) => unknown)(req, ...(opts.args ?? []).map(fake)));
  const runChain = (handlers: ((...a: unknown[]) => unknown)[]) => handlers[handlers.length - 1]!(req, res, next);
  let returned: unknown;
  try {
    returned = call();
  } catch (e) {
    out.uncaught.push(describe(e));
  }
  if (returned && typeof (returned as Promise<unknown>).then === 'function') {
    pending++;
    (returned as Promise<unknown>).then(
      () => {
        pending--;
        out.settled = 'resolved';
      },
      (e: unknown) => {
        pending--;
        out.settled = `rejected: ${describe(e)}`;
      },
    );
  }
  // Until nothing is pending any more (store callbacks, the handler's promise).
  for (let i = 0; i < 200 && pending > 0; i++) await new Promise((r) => setTimeout(r, 2));
  await new Promise((r) => setTimeout(r, 5));
  const sess = req.session as Record<string, unknown> | undefined;
  return { ...out, session: sess ? { ...sess } : undefined };
}

/** The options `res.cookie` reads (express 5 lib/response.js, and the `cookie` package's `serialize`). */
interface CookieOptions {
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly path?: string;
  readonly domain?: string;
  readonly httpOnly?: boolean;
  readonly secure?: boolean;
  readonly sameSite?: boolean | 'lax' | 'strict' | 'none';
}

/**
 * The Set-Cookie header express 5's `res.cookie(name, value, options)` writes: an object value as
 * `j:` JSON; `maxAge` (milliseconds) becomes `Max-Age` in seconds and an `Expires` that far ahead
 * (written here as `Expires=+<seconds>s`, so that a test does not depend on the clock); `Path=/`
 * unless given; then the attributes in the order of `cookie.serialize` (cookie 0.7/1.0).
 */
function setCookieHeader(name: string, value: unknown, options: CookieOptions = {}): string {
  const val = typeof value === 'object' ? `j:${JSON.stringify(value)}` : String(value);
  const parts = [`${name}=${encodeURIComponent(val)}`];
  const maxAge = options.maxAge === undefined ? undefined : Math.floor(Number(options.maxAge) / 1000);
  if (maxAge !== undefined && !Number.isNaN(maxAge)) parts.push(`Max-Age=${maxAge}`);
  if (options.domain) parts.push(`Domain=${options.domain}`);
  parts.push(`Path=${options.path ?? '/'}`);
  if (maxAge !== undefined && !Number.isNaN(maxAge)) parts.push(`Expires=+${maxAge}s`);
  else if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  const sameSite = options.sameSite === true ? 'strict' : options.sameSite;
  if (sameSite) parts.push(`SameSite=${sameSite[0]!.toUpperCase()}${sameSite.slice(1)}`);
  return parts.join('; ');
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.message === STORE_ERROR ? STORE_ERROR : `${e.name}: ${e.message}`) : String(e);
}

/** Whether the store's error reached the code's error path: `next(err)`, a rejection, or an error response. */
export function passedError(o: Outcome): boolean {
  return o.next.includes(STORE_ERROR) || o.settled === `rejected: ${STORE_ERROR}` || o.responses.some((r) => /^(sendStatus|status) 5\d\d$/.test(r) || r === `send error: ${STORE_ERROR}`);
}

/** What must be the same on success: answers, next calls, settling, the session's data, uncaught errors and other calls (not the store's operations: a fix may add one). */
export function behaviour(o: Outcome) {
  return { responses: o.responses, next: o.next, settled: o.settled, session: o.session, uncaught: o.uncaught, calls: o.calls };
}
