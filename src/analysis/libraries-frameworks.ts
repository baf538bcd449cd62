/**
 * What session-audit knows about each web framework, as data: how an app instance is
 * made (the centre of an app, see src/app-root.ts) and how the app is told to trust
 * its proxy (X-Forwarded-Proto decides whether a request is HTTPS). app-facts.ts reads
 * this table; no rule names a framework.
 */

/** How an app instance is made from the module's exports. */
export interface AppFactory {
  /** Export path of the factory: [] is the module itself / its default export. */
  readonly export: readonly string[];
  /** `call`: `express()`, `fastify(opts)`, `NestFactory.create(AppModule)`; `new`: `new Koa(opts)`. */
  readonly via: 'call' | 'new';
  /** Which argument holds the app's options (absent: the factory takes none that matter). */
  readonly optionsArg?: number;
}

export interface FrameworkInfo {
  readonly name: string;
  /** Module specifiers that load the framework (without a `node:` prefix). */
  readonly modules: readonly string[];
  readonly apps: readonly AppFactory[];
  /** The forms that make the app trust X-Forwarded-* headers (each with its source). */
  readonly trustProxy: {
    /** A setting written `app.set(NAME, value)` (a value other than `false`/`0`) or `app.enable(NAME)`. */
    readonly setting?: string;
    /** An option of the app factory's options: `fastify({ trustProxy: true })`, `new Koa({ proxy: true })`. */
    readonly option?: string;
    /**
     * The option's name is the framework's own (`trustProxy`): written in any object of a file that
     * loads the framework or of a module the app's options come from, it counts (options are often
     * built elsewhere). A generic name (`proxy`, also an HTTP client's option) counts only in the factory's call.
     */
    readonly optionAnywhere?: boolean;
    /** A property of the app: `app.proxy = true`. */
    readonly property?: string;
    readonly source: string;
  };
}

const EXPRESS: FrameworkInfo = {
  name: 'express',
  modules: ['express'],
  apps: [{ export: [], via: 'call' }],
  trustProxy: { setting: 'trust proxy', source: 'https://expressjs.com/en/guide/behind-proxies.html' },
};

const KOA: FrameworkInfo = {
  name: 'koa',
  modules: ['koa'],
  apps: [
    { export: [], via: 'new', optionsArg: 0 },
    { export: ['Koa'], via: 'new', optionsArg: 0 },
  ],
  trustProxy: { option: 'proxy', property: 'proxy', source: 'https://koajs.com/#settings ("app.proxy when true proxy header fields will be trusted")' },
};

const FASTIFY: FrameworkInfo = {
  name: 'fastify',
  modules: ['fastify'],
  apps: [
    { export: [], via: 'call', optionsArg: 0 },
    { export: ['fastify'], via: 'call', optionsArg: 0 },
  ],
  trustProxy: { option: 'trustProxy', optionAnywhere: true, source: 'https://fastify.dev/docs/latest/Reference/Server/#trustproxy' },
};

/** Nest: `NestFactory.create(AppModule, adapter?)`; on the Express adapter `app.set('trust proxy', 1)` is express's setting. */
const NEST: FrameworkInfo = {
  name: 'nest',
  modules: ['@nestjs/core'],
  apps: [{ export: ['NestFactory', 'create'], via: 'call' }],
  trustProxy: { setting: 'trust proxy', source: 'https://docs.nestjs.com/security/rate-limiting#proxies ("app.set(\'trust proxy\', \'loopback\')" on NestExpressApplication)' },
};

export const FRAMEWORKS: readonly FrameworkInfo[] = [EXPRESS, KOA, FASTIFY, NEST];

/** `app.set(NAME, ...)` / `app.enable(NAME)` names that trust the proxy. */
export const TRUST_PROXY_SETTINGS: ReadonlySet<string> = new Set(FRAMEWORKS.flatMap((f) => (f.trustProxy.setting ? [f.trustProxy.setting] : [])));
/** Text without which a file makes no app instance (the facts prefilter's words). */
export const APP_WORDS: readonly string[] = ['express(', "express')(", 'express")(', 'Koa(', 'fastify(', 'Fastify(', "fastify')(", 'fastify")(', 'NestFactory'];
