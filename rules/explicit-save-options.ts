import { defineRule, describeDefault, productionSites } from '../src/rule-kit.js';

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
        '`saveUninitialized` is true{{origin}}: a session is stored (and a cookie set) for every visitor, bot and health check, which fills the store and sets a tracking cookie before consent{{noFix}}.',
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
    for (const s of productionSites(model)) {
      const lib = s.library;
      // @fastify/session warns about nothing, but `saveUninitialized: true` is as wasteful there.
      // DESIGN: its default is true too; only an explicit true is reported, since leaving it out is not a choice the library flags.
      const option = lib.options.saveUninitialized;
      // Options certainly left out in every production possibility: one insertion of them all, when they miss from one object.
      const missing = lib.explicitOptions.filter((o) => s.missing(o));
      if (missing.length > 0) {
        const edits = s.setMissing(missing, 'false');
        report({
          node: s.reportNode(s.option(missing[0]!)[0]),
          messageId: 'implicit',
          data: { options: missing.map((o) => `\`${o}\``).join(' and ') + (missing.length > 1 ? ' are' : ' is'), library: lib.displayName },
          suggestions: edits ? [{ messageId: 'setExplicit', data: { assignments: missing.map((o) => `\`${o}: false\``).join(' and ') }, edits }] : [],
        });
        continue;
      }
      const ov = option && s.certainly(option, (v) => v === true)?.find((x) => !x.missingPath);
      if (!option || !ov) continue;
      // A comment beside the setting explains a deliberate choice (a login flow that needs the session first): no fix.
      const commented = s.commented(ov);
      const fix = commented ? undefined : s.setOption(ov, option, 'false');
      const noFix = commented ? ' (no fix is suggested: the comment beside it explains the choice)' : '';
      report({ node: s.reportNode(ov), messageId: 'saveUninitialized', data: { origin: s.origin(ov.value.node), noFix }, suggestions: fix ? [{ messageId: 'setFalse', edits: fix }] : [] });
    }
  },
});
