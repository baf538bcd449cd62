import { LIBRARIES } from '../src/analysis/libraries.js';
import { findMounts, madeBy } from '../src/analysis/middleware.js';
import type { ModuleValue } from '../src/analysis/values.js';
import { defineRule } from '../src/rule.js';

type MessageIds = 'staticAfterSession';

// Sessions kept in a server-side store: each request loads (and may save) one. cookie-session reads its cookie
// lazily and writes nothing when the session is untouched; cookie-parser only parses: neither costs a static request.
const isSessionFactory = (m: ModuleValue) => LIBRARIES.some((l) => l.options.store !== undefined && l.modules.includes(m.module) && l.factories.some((f) => f.export.join('.') === m.path.join('.')));
const isStatic = (m: ModuleValue) => (m.module === 'express' && m.path.length === 1 && m.path[0] === 'static') || (m.module === 'serve-static' && m.path.length === 0);

export default defineRule<MessageIds, []>({
  id: 'no-static-after-session',
  meta: {
    type: 'problem',
    description: 'Disallow serving static files after the session middleware',
    severity: 'warn',
    configs: ['recommended', 'strict'],
    messages: {
      staticAfterSession:
        'Static files are served after the session middleware (mounted at line {{line}}): every request for an image, script or stylesheet loads the session from the store, may write it back, and may set a session cookie. Mount the static middleware before the session.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    cwe: ['CWE-400'],
    // CVSS 3.1 AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L: a session store hit for every asset
    securitySeverity: 3.7,
  },
  check({ model, report }) {
    const text = model.sourceFile.text;
    if (!text.includes('static')) return;
    const ev = model.evaluator('production');
    const sessionMountedAt = new Map<unknown, number>();
    for (const mount of findMounts(model)) {
      const rootMount = mount.path === undefined || mount.path === '/';
      for (const h of mount.handlers) {
        const values = ev.evaluate(h);
        if (rootMount && madeBy(values, isSessionFactory) && !sessionMountedAt.has(mount.receiver)) {
          const line = model.sourceFile.getLineAndCharacterOfPosition(mount.call.getStart(model.sourceFile)).line + 1;
          sessionMountedAt.set(mount.receiver, line);
        } else if (madeBy(values, isStatic) && sessionMountedAt.has(mount.receiver)) {
          report({ node: h, messageId: 'staticAfterSession', data: { line: String(sessionMountedAt.get(mount.receiver)) } });
        }
      }
    }
  },
});
