/**
 * CORS configurations: the options of each CORS middleware call (libraries table:
 * CORS_MIDDLEWARE), evaluated in production, with `credentials` and `origin` classified.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { CORS_MIDDLEWARE } from './libraries.js';
import { findMiddlewareCalls } from './middleware.js';
import type { Value } from './values.js';

/**
 * Which origins a configuration lets in, when certain: `star` ('*'), `any` (true: the
 * request's origin reflected, or a function that accepts every origin). Undefined when some
 * possibility is a list, a safe function or unknown.
 */
export type OriginPolicy = 'star' | 'any';

export interface CorsConfig {
  /** The middleware call (`cors({...})`, `app.register(fastifyCors, {...})`). */
  readonly call: TS.CallExpression;
  /** `credentials` is true in every possibility. */
  readonly credentials: boolean;
  readonly origin: OriginPolicy | undefined;
  /** Where to report: the `origin` property when written inside the call, else the call. */
  readonly node: TS.Node;
  /** Where the origin's value comes from (for "from ./config.js:3"). */
  readonly originFrom: TS.Node;
}

/** One configuration per object the options can be in production (`cors()` alone allows no credentials: none). */
export function findCorsConfigs(sf: TS.SourceFile, ts: TSModule, ev: Evaluator): CorsConfig[] {
  const out: CorsConfig[] = [];
  for (const { call, options } of findMiddlewareCalls(sf, ts, ev, CORS_MIDDLEWARE)) {
    if (!options) continue;
    for (const opts of ev.evaluate(options)) {
      if (opts.kind !== 'object') continue;
      const credentials = opts.props.get('credentials');
      const origin = opts.props.get('origin');
      const values = origin?.values ?? [];
      const site = origin?.site;
      out.push({
        call,
        credentials: credentials !== undefined && credentials.values.every((v) => v.kind === 'literal' && v.value === true),
        origin: originPolicy(values, ts),
        node: site && site.getSourceFile() === sf && site.pos >= call.pos && site.end <= call.end ? site : call,
        originFrom: values[0]?.node ?? call,
      });
    }
  }
  return out;
}

function originPolicy(values: readonly Value[], ts: TSModule): OriginPolicy | undefined {
  if (values.length === 0) return undefined;
  let result: OriginPolicy | undefined;
  for (const v of values) {
    let k: OriginPolicy | undefined;
    if (v.kind === 'literal' && v.value === '*') k = 'star';
    else if (v.kind === 'literal' && v.value === true) k = 'any';
    else if (v.kind === 'function' && acceptsEveryOrigin(v.decl, ts)) k = 'any';
    if (!k) return undefined; // any safe or unknown possibility: not certain
    result = k;
  }
  return result;
}

/** `(origin, cb) => cb(null, true)` / `cb(null, origin)` with no condition before it. */
function acceptsEveryOrigin(fn: TS.SignatureDeclaration, ts: TSModule): boolean {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  const cbParam = fn.parameters[1];
  if (!body || !cbParam || !ts.isIdentifier(cbParam.name)) return false;
  const cb = cbParam.name.text;
  const originParam = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
  let expr: TS.Expression | undefined;
  if (!ts.isBlock(body)) expr = body as TS.Expression;
  else if (body.statements.length === 1) {
    const st = body.statements[0]!;
    expr = ts.isExpressionStatement(st) ? st.expression : ts.isReturnStatement(st) ? st.expression : undefined;
  }
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== cb) return false;
  const allow = expr.arguments[1];
  if (!allow) return false;
  return allow.kind === ts.SyntaxKind.TrueKeyword || (ts.isIdentifier(allow) && allow.text === originParam);
}
