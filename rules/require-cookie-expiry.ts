import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { cookieAttribute } from '../src/analysis/libraries.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'noExpiry' | 'tooLong' | 'setMaxAge';
type Options = [{ maxAgeMs?: number }];

const DAY = 24 * 60 * 60 * 1000;

export default defineRule<MessageIds, Options>({
  id: 'require-cookie-expiry',
  meta: {
    type: 'problem',
    description: 'Require the session cookie to expire (`maxAge` or `expires`), optionally within a maximum lifetime',
    severity: 'warn',
    configs: ['strict'],
    messages: {
      noExpiry:
        'The session cookie sets neither `maxAge` nor `expires`: it lives as long as the browser keeps it (often for weeks, with session restore), so a stolen or forgotten session never times out.',
      tooLong: 'The session cookie lives {{lifetime}}{{origin}}, longer than the allowed {{max}}.',
      setMaxAge: 'Set `maxAge: {{value}}` ({{human}}).',
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
    const ts = model.host.ts;
    const max = options[0]?.maxAgeMs;
    for (const site of model.sites) {
      // iron-session and @fastify/secure-session take maxAge in seconds.
      const unit = site.library.options.maxAgeInSeconds ? 1000 : 1;
      // DESIGN: a server-side expiry (koa-session's maxAge, @fastify/secure-session's `expiry`, iron-session's ttl)
      // stands in as the maxAge default, so a default above `maxAgeMs` is not reported (tooLong reads written values
      // only), and values that switch expiry off (koa-session `maxAge: 'session'`, iron-session `ttl: 0` or an
      // explicit `maxAge: undefined`) are not known to mean that.
      const view = site.view('production');
      if (view.reachable === false) continue;
      const maxAgePath = site.cookiePath('maxAge');
      if (maxAgePath === undefined) continue; // the library sets no session cookie
      const expiresPath = site.cookiePath('expires');
      if (expiresPath === undefined) continue; // the library sets no session cookie
      const maxAge = view.option(maxAgePath);
      const expires = view.option(expiresPath);
      const noMaxAge = classify(maxAge, site.library.defaults[maxAgePath], (v) => v === undefined || v === null);
      const noExpires = classify(expires, site.library.defaults[expiresPath], (v) => v === undefined || v === null);
      if (noMaxAge.other.length === 0 && noExpires.other.length === 0 && noMaxAge.bad.length > 0) {
        const target = noMaxAge.bad[0]!;
        const ms = max && max < DAY ? max : DAY;
        const value = ms === DAY ? (unit === 1 ? '24 * 60 * 60 * 1000' : '24 * 60 * 60') : String(Math.max(1, Math.floor(ms / unit)));
        const fix = setOption(ts, target, 'maxAge', value);
        report({
          node: reportNode(site, target, ts),
          messageId: 'noExpiry',
          suggestions: fix ? [{ messageId: 'setMaxAge', data: { value, human: human(ms) }, edits: fix }] : [],
        });
        continue;
      }
      if (max === undefined) continue;
      // Every production possibility of maxAge is a number above the limit.
      const tooLong = classify(maxAge, undefined, (v) => typeof v === 'number' && v * unit > max);
      if (tooLong.bad.length === 0 || tooLong.other.length > 0) continue;
      const ov = tooLong.bad[0]!;
      const limit = String(Math.max(1, Math.floor(max / unit)));
      const fix = setOption(ts, ov, 'maxAge', limit);
      report({
        node: reportNode(site, ov, ts),
        messageId: 'tooLong',
        data: { lifetime: human((ov.value as { value: number }).value * unit), max: human(max), origin: originSuffix(ov.value.node, model.sourceFile) },
        suggestions: fix ? [{ messageId: 'setMaxAge', data: { value: limit, human: human(max) }, edits: fix }] : [],
      });
    }
  },
});

function human(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'day'],
    [60 * 60 * 1000, 'hour'],
    [60 * 1000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}
