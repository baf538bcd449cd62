import { cookieAttribute, defineRule, humanDuration, productionSites } from '../src/rule-kit.js';

type MessageIds = 'noExpiry' | 'tooLong' | 'expiryOff' | 'setMaxAge';
type Options = [{ maxAgeMs?: number }];

export default defineRule<MessageIds, Options>({
  id: 'require-cookie-expiry',
  meta: {
    type: 'problem',
    description: 'Require the session cookie (or the token it holds) to expire, optionally within a maximum lifetime',
    severity: 'warn',
    configs: ['strict'],
    messages: {
      noExpiry:
        'The session cookie sets {{options}}: it lives as long as the browser keeps it (often for weeks, with session restore), so a stolen or forgotten session never times out.',
      expiryOff: '`{{option}}: {{value}}` switches expiry off: {{meaning}}. A stolen or forgotten session never times out; give it a lifetime.',
      tooLong: 'The session cookie lives {{lifetime}}{{origin}}, longer than the allowed {{max}}.',
      setMaxAge: 'Set `{{name}}: {{value}}` ({{human}}).',
    },
    schema: [
      {
        type: 'object',
        properties: { maxAgeMs: { type: 'integer', minimum: 1, description: 'Longest allowed `maxAge`, in milliseconds.' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-613'],
    // CVSS 3.1 AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N: sessions outlive their purpose
    securitySeverity: 3.7,
    crossModule: true,
  },
  libraryOption: (lib) => cookieAttribute(lib, 'maxAge'),
  check({ model, report, options }) {
    const max = options[0]?.maxAgeMs;
    for (const s of productionSites(model)) {
      // iron-session and @fastify/secure-session take maxAge in seconds.
      const unit = s.library.options.maxAgeInSeconds ? 1000 : 1;
      // DESIGN: a server-side expiry (koa-session's maxAge, iron-session's ttl) stands in as the maxAge default: a default
      // above `maxAgeMs` is not reported (tooLong reads written values only); values that switch expiry off are reported
      // where the libraries table says so (iron-session `ttl: 0`), others (koa-session `maxAge: 'session'`) are not.
      const off = s.expiryOff();
      if (off) {
        report({ node: s.reportNode(off.ov), messageId: 'expiryOff', data: { option: off.option, value: off.value, meaning: off.meaning } });
        continue;
      }
      const maxAgePath = s.cookie('maxAge');
      const expiresPath = s.cookie('expires');
      if (!maxAgePath || !expiresPath) continue; // the library sets no session cookie
      const unset = (v: unknown) => v === undefined || v === null;
      const noMaxAge = s.certainly(maxAgePath, unset);
      const noExpiry = noMaxAge && s.classify(expiresPath, unset).other.length === 0;
      // An expiry given where the cookie is written (commitSession options), set at run time (`req.session.cookie.maxAge
      // = ...`), or a hand-set cookie's JWT that expires (`jwt.sign(p, key, { expiresIn: '1d' })`) is one. DESIGN: that
      // token's lifetime counts against `maxAgeMs`, without a suggestion (a cookie maxAge would leave the token valid).
      const token = noExpiry ? s.tokenExpiry : undefined;
      if (noExpiry && !s.expiryAtCommit && !s.expiryAtRuntime && !token) {
        const { ms, value } = s.maxAgeText(max);
        const fix = s.setOption(noMaxAge[0]!, 'maxAge', value);
        report({ node: s.reportNode(noMaxAge[0]), messageId: 'noExpiry', data: { options: s.expiryOptions }, suggestions: fix ? [{ messageId: 'setMaxAge', data: { name: s.attributeName('maxAge'), value, human: humanDuration(ms) }, edits: fix }] : [] });
        continue;
      }
      if (max === undefined) continue;
      if (token?.lifetimeMs !== undefined && token.lifetimeMs > max) {
        report({ node: s.reportNode(noMaxAge![0]), messageId: 'tooLong', data: { lifetime: humanDuration(token.lifetimeMs), max: humanDuration(max), origin: ` (its token's ${token.option})` } });
        continue;
      }
      // Every production possibility of maxAge is a number above the limit (a missing one is not).
      const ov = s.certainly(maxAgePath, (v) => typeof v === 'number' && v * unit > max, { value: undefined })?.[0];
      if (!ov) continue;
      const limit = String(Math.max(1, Math.floor(max / unit)));
      const fix = s.setOption(ov, 'maxAge', limit);
      const data = { lifetime: humanDuration((ov.value as { value: number }).value * unit), max: humanDuration(max), origin: s.origin(ov.value.node) };
      report({ node: s.reportNode(ov), messageId: 'tooLong', data, suggestions: fix ? [{ messageId: 'setMaxAge', data: { name: s.attributeName('maxAge'), value: limit, human: humanDuration(max) }, edits: fix }] : [] });
    }
  },
});
