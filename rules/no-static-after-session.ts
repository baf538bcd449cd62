import { defineRule } from '../src/rule-kit.js';

type MessageIds = 'staticAfterSession';

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
    const mounts = model.mounts;
    if (!mounts.some((m) => m.handlers.some((h) => h.servesStatic))) return;
    // Sessions kept in a server-side store: each request loads (and may save) one. A cookie-based session reads its
    // cookie lazily and writes nothing when the session is untouched; a cookie parser only parses: no cost per asset.
    const sessionMountedAt = new Map<unknown, number>();
    for (const mount of mounts) {
      for (const h of mount.handlers) {
        if (mount.atRoot && h.sessions.some((l) => l.options.store !== undefined) && !sessionMountedAt.has(mount.receiver)) sessionMountedAt.set(mount.receiver, mount.line);
        else if (h.servesStatic && sessionMountedAt.has(mount.receiver)) report({ node: h.node, messageId: 'staticAfterSession', data: { line: String(sessionMountedAt.get(mount.receiver)) } });
      }
    }
  },
});
