/**
 * Where the app runs, for remedies that read a secret from the environment: `process.env.NAME` is
 * right on Node and Bun, not on Cloudflare Workers (no `process` without the `nodejs_compat` flag;
 * secrets are bindings of the request's environment, `c.env.NAME` in Hono, `env.NAME` in a module
 * worker's `fetch(request, env)`: https://developers.cloudflare.com/workers/configuration/secrets/)
 * nor on Deno (`Deno.env.get('NAME')`: https://docs.deno.com/runtime/reference/env_variables/).
 *
 * Read from the app, never guessed: the file's own calls and imports (`Deno.serve`, `jsr:`/`npm:`
 * specifiers, `cloudflare:workers`, `hono/cloudflare-workers`) and the app's dependencies (wrangler,
 * the Workers types, Cloudflare's Vite plugin). A file that already reads `process.env` shows that it
 * works there (Workers with `nodejs_compat`, Deno's Node compatibility): it keeps the Node form.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { someNode } from './walk.js';

/** Packages an app depends on only to run on (or build for) Cloudflare Workers. */
export const WORKERS_PACKAGES: readonly string[] = ['wrangler', '@cloudflare/workers-types', '@cloudflare/vite-plugin', '@cloudflare/vitest-pool-workers'];
/** Modules only a Worker imports. */
const WORKERS_MODULES = new Set(['cloudflare:workers', 'hono/cloudflare-workers', '@cloudflare/workers-types']);

export type Runtime = 'node' | 'deno' | 'workers';

/** The runtime a file's code runs on, from the file and its app's dependencies ('node' when nothing says otherwise). */
export function runtimeOf(sf: TS.SourceFile, imported: ReadonlySet<string>, appDependsOn: (pkg: string) => boolean): Runtime {
  const text = sf.text;
  // A file that reads process.env already: that form works where it runs.
  if (/\bprocess\.env\b/.test(text)) return 'node';
  if (/\bDeno\.(env|serve|args|readTextFile|openKv)\b/.test(text) || [...imported].some((m) => /^(jsr:|npm:|https:\/\/deno\.land\/)/.test(m))) return 'deno';
  if ([...imported].some((m) => WORKERS_MODULES.has(m)) || WORKERS_PACKAGES.some(appDependsOn)) return 'workers';
  return 'node';
}

/** How a secret is read where the code runs, as code, or undefined when nothing in scope reads it there (with the reason). */
export type EnvReadText = { readonly text: string; readonly runtime: Runtime } | { readonly text?: undefined; readonly runtime: Runtime; readonly reason: string };

/**
 * The expression that reads `name` from the environment at `node` on `runtime`; TypeScript files get a
 * non-null assertion where the read may be undefined (as `process.env.NAME!`). On Workers the environment
 * is a parameter of an enclosing function: one named `env`, or one whose `.env` the function reads
 * (Hono's `c.env`), also `c` itself in a file that imports Hono (its handlers' context).
 */
export function envReadAt(ts: TSModule, node: TS.Node, name: string, runtime: Runtime, imported: ReadonlySet<string>): EnvReadText {
  const sf = node.getSourceFile();
  const tsFile = /\.[cm]?tsx?$/.test(sf.fileName);
  const plain = /^[A-Za-z_$][\w$]*$/.test(name);
  // single quotes: the caller writes them in the file's quotes (style.ts inFileQuotes)
  const quoted = /^[\w.-]*$/.test(name) ? `'${name}'` : JSON.stringify(name);
  const member = (obj: string) => (plain ? `${obj}.${name}` : `${obj}[${quoted}]`);
  if (runtime === 'deno') return { text: `Deno.env.get(${quoted})${tsFile ? '!' : ''}`, runtime };
  if (runtime === 'node') return { text: `${member('process.env')}${tsFile ? '!' : ''}`, runtime };
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n) || !('body' in n) || !n.body) continue;
    const fn = n as TS.FunctionLikeDeclaration;
    for (const p of fn.parameters) {
      if (!ts.isIdentifier(p.name)) continue;
      const param = p.name.text;
      if (param === 'env') return { text: member('env'), runtime };
      const honoContext = param === 'c' && [...imported].some((m) => m === 'hono' || m.startsWith('hono/'));
      if (honoContext || readsEnvOf(ts, fn.body!, param)) return { text: member(`${param}.env`), runtime };
    }
  }
  return {
    runtime,
    reason: 'this app runs on Cloudflare Workers, where secrets are bindings of the request\'s environment (`c.env.NAME` in Hono, `env.NAME` in `fetch(request, env)`), not `process.env`: create the configuration where that environment is in scope and read it there',
  };
}

/** Whether a function body reads `<param>.env`. */
function readsEnvOf(ts: TSModule, body: TS.Node, param: string): boolean {
  return someNode(ts, body, (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'env' && ts.isIdentifier(n.expression) && n.expression.text === param);
}
