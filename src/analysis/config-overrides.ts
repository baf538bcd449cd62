/**
 * Framework config files that override a session configuration in some worlds (Sails: `config/env/production.js`
 * in production, `config/local.js` everywhere, each deep-merged over `config/session.js`: sails
 * lib/app/configuration loads `config/*.js`, then `config/env/<environment>.js`, then `config/local.js`, merging
 * with lodash `_.merge`). The site's options in a world are its own, with each applicable override's export merged
 * over them. A file the host cannot load (ESLint without types reads no other file) adds nothing: the site is
 * judged on its own file there.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { moduleExports } from './evaluate-modules.js';
import { type ObjectValue, type Prop, type Value, type World, unknown } from './values.js';

/** An override of a configuration file: another file of the app, relative to the app's folder, and the worlds it applies in (all when left out). */
export interface ConfigOverride {
  readonly path: string;
  readonly worlds?: readonly World[];
}

/**
 * The options of a config-file site in `world`: `options` (its file's export) with the export `name` of each
 * override that applies merged over them, in order. `configFile` is the site's file, at `configPath` under the app.
 */
export function withOverrides(ev: Evaluator, world: World, options: readonly Value[], configFile: string, configPath: string, name: string, overrides: readonly ConfigOverride[], node: TS.Node): Value[] {
  const load = ev.host.loadFile;
  if (!load || overrides.length === 0) return [...options];
  const appDir = configFile.replace(/\\/g, '/').slice(0, -configPath.length);
  let out = [...options];
  for (const o of overrides) {
    if (o.worlds && !o.worlds.includes(world)) continue;
    const file = load(path.resolve(appDir, o.path));
    if (!file) continue;
    const values = ev.getProperty(moduleExports(ev, file), name, node);
    // Absent from that file: nothing to merge.
    if (values.every((v) => v.kind === 'missing' || (v.kind === 'literal' && v.value === undefined))) continue;
    out = out.flatMap((base) => values.map((over) => deepMerge(base, over, node)));
  }
  return out;
}

/** lodash `_.merge` of one possibility over another: objects key by key, `undefined` keeps the base, anything else replaces it. */
function deepMerge(base: Value, over: Value, node: TS.Node): Value {
  if (over.kind === 'missing' || (over.kind === 'literal' && over.value === undefined)) return base;
  if (base.kind !== 'object' || over.kind !== 'object') return over;
  const props = new Map<string, Prop>(base.props);
  for (const [key, op] of over.props) {
    const bp = base.props.get(key);
    const given = op.values.filter((v) => v.kind !== 'missing');
    const mayBeAbsent = given.length < op.values.length;
    const merged = bp ? given.flatMap((ov) => bp.values.map((bv) => deepMerge(bv, ov, node))) : given;
    const values = mayBeAbsent ? [...merged, ...(bp ? bp.values : [{ kind: 'missing', node } as Value])] : merged;
    props.set(key, { values, site: given.length > 0 ? (op.site ?? bp?.site) : bp?.site });
  }
  // A partly unknown override may replace any key of the base.
  if (over.open) for (const [key, bp] of base.props) if (!over.props.has(key)) props.set(key, { values: [...bp.values, unknown(node, `'${key}' may be replaced by an override session-audit cannot see`)], site: bp.site });
  const merged: ObjectValue = { kind: 'object', props, open: base.open || over.open, node: base.node, literal: base.literal ?? over.literal };
  return merged;
}
