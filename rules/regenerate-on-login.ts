import { defineRule, libraryLoginsWithoutRenewal, regenerateMissing } from '../src/rule-kit.js';

type MessageIds = 'notRegenerated' | 'notRenewedStore' | 'regenerateFirst' | 'regenerateFirstKeeping' | 'libraryLoginNotRenewed';

export default defineRule<MessageIds, []>({
  id: 'regenerate-on-login',
  meta: {
    type: 'problem',
    description: 'Require the session to be regenerated before an identity is stored in it (session fixation)',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      notRegenerated:
        "`{{target}}` stores who the user is, but the session was not regenerated first: a session ID planted before login (session fixation) becomes a logged-in session for whoever planted it{{noFix}}.",
      notRenewedStore:
        '`{{target}}` stores who the user is in a session read from the request\'s cookie, and {{store}} keeps that session\'s ID on the server: a session ID planted before login (session fixation) becomes a logged-in session for whoever planted it. {{renew}}.',
      regenerateFirst: 'Regenerate the session first: `await` {{call}} before the login writes to the session.',
      regenerateFirstKeeping: 'Regenerate the session first: `await` {{call}} before the login writes to the session, keeping {{kept}} that the handler still reads.',
      libraryLoginNotRenewed:
        '{{library}} {{version}} (from {{source}}) keeps the session ID on login (it regenerates the session since {{since}}, {{advisory}}): a session ID planted before login becomes a logged-in session. Upgrade {{library}} to {{since}} or later.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-384'],
    // as CodeQL js/session-fixation
    securitySeverity: 8.8,
  },
  check({ model, report }) {
    // Cookie-based sessions have no server-side ID to fixate (and no regenerate()). A session object a library handed
    // out says itself where it lives (the engine leaves out those kept in the cookie).
    const cookieSessions = model.clientSession !== undefined;
    // The engine judges each path to an identity write (regenerated first, in a regenerating callback,
    // after a session-creating passport login, a refresh of a logged-in user); these are the paths it found unprotected.
    // A library version without `regenerate()` (koa-session before 6.4) gets no suggestion to call it.
    const missing = regenerateMissing(model);
    // It also places the regeneration so that the handler keeps its meaning, or says why no place does.
    for (const login of model.logins) {
      for (const { write, remedy, noRemedy } of login.unrenewed) {
        if (write.store) {
          report({ node: write.target, messageId: 'notRenewedStore', data: { target: write.targetText, store: write.store.label, renew: noRemedy ?? '' } });
          continue;
        }
        if (cookieSessions) continue;
        const kept = remedy?.kept.map((k) => `\`${k}\``).join(', ');
        report({
          node: write.target,
          messageId: 'notRegenerated',
          data: { target: write.targetText, noFix: remedy && !missing ? '' : ` (no fix is suggested: ${missing ?? noRemedy})` },
          suggestions:
            remedy && !missing
              ? [kept ? { messageId: 'regenerateFirstKeeping', data: { call: remedy.call, kept }, edits: remedy.edits } : { messageId: 'regenerateFirst', data: { call: remedy.call }, edits: remedy.edits }]
              : [],
        });
      }
    }
    // The app's login library keeps the session ID itself in its version (passport before 0.6).
    if (cookieSessions) return;
    for (const login of libraryLoginsWithoutRenewal(model)) report({ node: login.node, messageId: 'libraryLoginNotRenewed', data: login.data });
  },
});
