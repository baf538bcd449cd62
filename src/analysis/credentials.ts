/**
 * Credentials written in the source: a secret option's hardcoded string (also inside
 * an array of secrets or a map of them), and a password or a URL with a password in a
 * session store's constructor arguments (following the clients and pools made for it).
 * Searches are depth first with an explicit stack: no recursion.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { OptionValue } from './sites.js';
import type { LiteralValue, Value } from './values.js';

/** The first string literal (in source order) that can sign cookies, with the env variable it is a fallback of. */
export function hardcodedSecret(ov: OptionValue): LiteralValue | undefined {
  const stack: Value[] = [ov.value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v.kind === 'literal' && typeof v.value === 'string' && v.value.length > 0) return { ...v, fallbackOf: v.fallbackOf ?? ov.value.fallbackOf };
    const next: Value[] = [];
    if (v.kind === 'array') for (const el of v.elements) next.push(...el);
    // A map of passwords for rotation (iron-session: `password: { 1: '...', 2: '...' }`): its literal entries.
    else if (v.kind === 'object') for (const prop of v.props.values()) next.push(...prop.values.filter((e) => e.kind === 'literal'));
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return undefined;
}

const PASSWORD_KEYS = /^(password|pass|passwd|pwd|passphrase|secret|auth_?pass)$/i;
/** scheme://user:password@host: a password in the URL's user info. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/@:]{0,200}:[^\s/@]{1,200}@/i;
/** How far into options, clients and pools the search goes. */
const MAX_DEPTH = 4;

export interface StoreCredential {
  readonly literal: LiteralValue;
  readonly kind: 'password' | 'url';
  /** The option that holds it (`password`, `mongoUrl`). */
  readonly key: string;
}

/** A credential written as a literal in a store value: its constructor's options, and the clients and pools made for it. */
export function storeCredential(store: Value, ev: Evaluator): StoreCredential | undefined {
  // A frame is a value to test, or the arguments of an instance, evaluated only when reached (in source order).
  type Frame = { value: Value; depth: number; key: string } | { arg: TS.Expression; depth: number; key: string };
  const stack: Frame[] = [{ value: store, depth: 0, key: '' }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (f.depth > MAX_DEPTH) continue;
    if ('arg' in f) {
      const values = ev.evaluate(f.arg);
      for (let i = values.length - 1; i >= 0; i--) stack.push({ value: values[i]!, depth: f.depth, key: f.key });
      continue;
    }
    const v = f.value;
    if (v.kind === 'literal' && typeof v.value === 'string' && v.value.length > 0) {
      if (URL_WITH_PASSWORD.test(v.value)) return { literal: v, kind: 'url', key: f.key };
      if (PASSWORD_KEYS.test(f.key)) return { literal: v, kind: 'password', key: f.key };
    } else if (v.kind === 'object') {
      const next = [...v.props].flatMap(([k, p]) => p.values.map((value) => ({ value, depth: f.depth + 1, key: k })));
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
    } else if (v.kind === 'instance') {
      for (let i = v.args.length - 1; i >= 0; i--) stack.push({ arg: v.args[i]!, depth: f.depth + 1, key: f.key });
    }
  }
  return undefined;
}
