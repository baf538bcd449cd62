import { callbackRemedy } from '../src/analysis/lifecycle-remedies.js';
import { defineRule } from '../src/rule.js';

type MessageIds = 'noCallback' | 'errorIgnored' | 'forwardError' | 'forwardErrorThenRest';

export default defineRule<MessageIds, []>({
  id: 'handle-session-errors',
  meta: {
    type: 'problem',
    description: 'Require the errors of `req.session.destroy/regenerate/save/reload` to be handled',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      noCallback:
        '{{call}}() is called without a callback: when the session store fails, the error is lost and the request goes on as if the session had been {{done}}.',
      errorIgnored:
        'The callback of {{call}}() ignores its error: when the session store fails, the request goes on as if the session had been {{done}}.',
      forwardError: 'Handle the error: pass it to {{next}}(err).',
      forwardErrorThenRest: 'Handle the error: pass it to {{next}}(err), and run the rest of the handler in the callback, once the session is {{done}}.',
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
    const ts = model.host.ts;
    const sf = model.sourceFile;
    for (const lc of model.lifecycleCalls) {
      if (lc.handling !== 'no-callback' && lc.handling !== 'error-ignored') continue;
      const callee = lc.call.expression as import('typescript').PropertyAccessExpression;
      // `req.session\n  .destroy` reads as one name; `(req.session as any)` keeps its spaces.
      // (One pass over whitespace runs: `/\s*\n\s*/` backtracks quadratically on long runs of spaces.)
      const call = callee.getText(sf).replace(/\s+/g, (ws) => (ws.includes('\n') ? '' : ' '));
      const remedy = callbackRemedy(ts, lc);
      report({
        node: lc.handling === 'no-callback' ? lc.call : lc.callback!,
        messageId: lc.handling === 'no-callback' ? 'noCallback' : 'errorIgnored',
        data: { call, done: PAST[lc.method] ?? 'handled' },
        suggestions: remedy
          ? [
              remedy.movedStatements
                ? { messageId: 'forwardErrorThenRest', data: { next: remedy.next, done: PAST[lc.method] ?? 'handled' }, edits: remedy.edits }
                : { messageId: 'forwardError', data: { next: remedy.next }, edits: remedy.edits },
            ]
          : [],
      });
    }
  },
});

const PAST: Record<string, string> = { destroy: 'destroyed', regenerate: 'regenerated', save: 'saved', reload: 'reloaded' };
