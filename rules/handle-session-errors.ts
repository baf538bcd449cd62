import { defineRule } from '../src/rule-kit.js';

type MessageIds = 'noCallback' | 'errorIgnored' | 'awaitedNoPromise' | 'promiseNotAwaited' | 'forwardError' | 'forwardErrorThenRest';

export default defineRule<MessageIds, []>({
  id: 'handle-session-errors',
  meta: {
    type: 'problem',
    description: 'Require the errors of `req.session.destroy/regenerate/save/reload` to be handled',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      noCallback:
        '{{call}}() is called without a callback: when the session store fails, the error is lost and the request goes on as if the session had been {{done}}{{noFix}}.',
      errorIgnored:
        'The callback of {{call}}() ignores its error: when the session store fails, the request goes on as if the session had been {{done}}{{noFix}}.',
      awaitedNoPromise:
        '{{call}}() returns no promise ({{from}}): `await` waits for nothing, so a store error, passed only to a callback, is lost even inside try/catch, and the code goes on before the session is {{done}}{{noFix}}.',
      promiseNotAwaited:
        '{{call}}() returns a promise ({{from}}) that nothing waits on: when it fails, the rejection is unhandled and the response goes out as if the session had been {{done}}{{noFix}}.',
      forwardError: 'Handle the error: {{how}}.',
      forwardErrorThenRest: 'Handle the error: {{how}}, and run the rest of the handler in the callback, once the session is {{done}}.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-252', 'CWE-613'],
    // CVSS 3.1 AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N: a failed destroy or regenerate goes unnoticed
    securitySeverity: 4.3,
  },
  check({ model, report }) {
    for (const lc of model.lifecycleCalls) {
      if (lc.handling !== 'no-callback' && lc.handling !== 'error-ignored' && lc.handling !== 'awaited-no-promise' && lc.handling !== 'promise-not-awaited') continue;
      const done = PAST[lc.method] ?? 'handled';
      // The engine chooses where the error goes from the code's context (next, reject, a response, await), or says why nothing fits.
      const remedy = lc.remedy;
      const noFix = remedy ? '' : ` (no fix is suggested: ${lc.noRemedy})`;
      const awaited = lc.handling === 'awaited-no-promise';
      const dropped = lc.handling === 'promise-not-awaited';
      report({
        node: lc.handling === 'error-ignored' ? lc.callback! : lc.call,
        messageId: awaited ? 'awaitedNoPromise' : dropped ? 'promiseNotAwaited' : lc.handling === 'no-callback' ? 'noCallback' : 'errorIgnored',
        data: awaited ? { call: lc.name, done, noFix, from: lc.noPromiseFrom! } : dropped ? { call: lc.name, done, noFix, from: lc.promiseFrom! } : { call: lc.name, done, noFix },
        suggestions: remedy
          ? [
              remedy.movedStatements
                ? { messageId: 'forwardErrorThenRest', data: { how: remedy.how, done }, edits: remedy.edits }
                : { messageId: 'forwardError', data: { how: remedy.how }, edits: remedy.edits },
            ]
          : [],
      });
    }
  },
});

const PAST: Record<string, string> = { destroy: 'destroyed', regenerate: 'regenerated', save: 'saved', reload: 'reloaded' };
