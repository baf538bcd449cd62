import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import type * as TS from 'typescript';
import { insertProperty, replaceNode } from '../src/analysis/edits.js';
import { describeDefault } from '../src/analysis/libraries.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'implicit' | 'saveUninitialized' | 'setExplicit' | 'setFalse';

export default defineRule<MessageIds, []>({
  id: 'explicit-save-options',
  meta: {
    type: 'problem',
    description: 'Require explicit `resave` and `saveUninitialized`, and disallow `saveUninitialized: true`',
    severity: 'warn',
    configs: ['recommended', 'strict'],
    messages: {
      implicit:
        '{{options}} not set: {{library}} falls back to deprecated defaults (and warns at start-up); `saveUninitialized` then stores a session for every visitor, bot and health check.',
      saveUninitialized:
        '`saveUninitialized` is true{{origin}}: a session is stored (and a cookie set) for every visitor, bot and health check, which fills the store and sets a tracking cookie before consent.',
      setExplicit: 'Set {{assignments}}.',
      setFalse: 'Set `saveUninitialized: false`.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-400'],
    // CVSS 3.1 AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L: stores filled with empty sessions, races
    securitySeverity: 3.7,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.saveUninitialized ? { option: [...new Set([...lib.explicitOptions, lib.options.saveUninitialized])].join(', '), default: lib.explicitOptions.map((o) => `${o}: ${describeDefault(lib.defaults[o])}`).join(', ') || `${lib.options.saveUninitialized}: ${describeDefault(lib.defaults[lib.options.saveUninitialized])}` } : undefined),
  check({ model, report }) {
    const ts = model.host.ts;
    for (const site of model.sites) {
      const lib = site.library;
      // @fastify/session warns about nothing, but `saveUninitialized: true` is as wasteful there.
      // DESIGN: its default is true too; only an explicit true is reported, since leaving it out is not a choice the library flags.
      if (lib.explicitOptions.length === 0 && !lib.options.saveUninitialized) continue;
      const view = site.view('production');
      if (view.reachable === false) continue;
      // Options certainly left out in every production possibility.
      const missing = lib.explicitOptions.filter((o) => {
        const values = view.option(o);
        return values.length > 0 && values.every((ov) => ov.missingPath);
      });
      if (missing.length > 0) {
        const targets = missing.map((o) => view.option(o)[0]!);
        const holder = targets[0]!.holder?.literal;
        // One insertion of every missing option into the options object, when they are all missing from it;
        // one written as `undefined` there is replaced, not duplicated.
        const writtenUndefined = (t: (typeof targets)[number]) => t.site !== undefined && ts.isPropertyAssignment(t.site) && t.site.parent === holder;
        const toInsert = missing.filter((_, i) => !writtenUndefined(targets[i]!));
        const edits =
          holder && targets.every((t) => t.holder?.literal === holder && t.missingPath?.length === 1)
            ? [
                ...targets.filter(writtenUndefined).map((t) => replaceNode((t.site as TS.PropertyAssignment).initializer, 'false')),
                ...(toInsert.length > 0 ? insertProperty(holder, toInsert.map((o) => `${o}: false`)) : []),
              ]
            : undefined;
        const assignments = missing.map((o) => `\`${o}: false\``).join(' and ');
        report({
          node: reportNode(site, targets[0], ts),
          messageId: 'implicit',
          data: { options: missing.map((o) => `\`${o}\``).join(' and ') + (missing.length > 1 ? ' are' : ' is'), library: lib.displayName },
          suggestions: edits ? [{ messageId: 'setExplicit', data: { assignments }, edits }] : [],
        });
        continue;
      }
      const option = lib.options.saveUninitialized;
      if (!option) continue;
      const { bad, other } = classify(view.option(option), lib.defaults[option], (v) => v === true);
      if (bad.length === 0 || other.length > 0) continue;
      const ov = bad.find((x) => !x.missingPath);
      if (!ov) continue;
      const fix = setOption(ts, ov, option, 'false');
      report({
        node: reportNode(site, ov, ts),
        messageId: 'saveUninitialized',
        data: { origin: originSuffix(ov.value.node, model.sourceFile) },
        suggestions: fix ? [{ messageId: 'setFalse', edits: fix }] : [],
      });
    }
  },
});

