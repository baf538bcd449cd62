// AdonisJS 5's config stub calls `sessionConfig({...})` from '@adonisjs/session/build/config' (the v5 `config/session.ts`),
// the same options as v6's `defineConfig`: the libraries table's AdonisJS entry reads both. Both front ends (cli-parity).
import { code, ruleRunner, ts } from './_util.js';

const noMemoryStore = ruleRunner('no-memory-store');
const requireSameSite = ruleRunner('require-same-site');

noMemoryStore('AdonisJS 5: sessionConfig() from @adonisjs/session/build/config', [
  ts({
    filename: 'config/session.ts',
    code: code`
      import { sessionConfig } from '@adonisjs/session/build/config';
      export default sessionConfig({ enabled: true, driver: 'memory', cookieName: 'app-session', age: '2h', cookie: { path: '/', httpOnly: true, sameSite: 'lax' } });
    `,
    errors: [{ messageId: 'memoryStore', line: 2, column: 47, endLine: 2, endColumn: 63 }],
  }),
  ts({
    filename: 'config/session.ts',
    code: code`
      import Env from '@ioc:Adonis/Core/Env';
      import { sessionConfig } from '@adonisjs/session/build/config';
      export default sessionConfig({ enabled: true, driver: Env.get('SESSION_DRIVER'), cookieName: 'app-session', age: '2h', cookie: { path: '/', httpOnly: true, sameSite: 'lax' } });
    `,
  }),
]);

requireSameSite('AdonisJS 5: the v5 stub writes sameSite: false', [
  ts({
    filename: 'config/session.ts',
    code: code`
      import { sessionConfig } from '@adonisjs/session/build/config';
      export default sessionConfig({ enabled: true, driver: 'cookie', cookieName: 'app-session', age: '2h', cookie: { path: '/', httpOnly: true, sameSite: false } });
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 140, endLine: 2, endColumn: 155,
        suggestions: [
          { messageId: 'setLax', output: code`
              import { sessionConfig } from '@adonisjs/session/build/config';
              export default sessionConfig({ enabled: true, driver: 'cookie', cookieName: 'app-session', age: '2h', cookie: { path: '/', httpOnly: true, sameSite: 'lax' } });
            ` },
        ],
      },
    ],
  }),
]);
