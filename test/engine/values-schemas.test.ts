// Schema defaults are fallbacks (issue #12): a literal default of a validated environment
// variable is reported like `process.env.S || 'dev'`, and the message names the schema.
// Untyped ESLint (one file) and the CLI (the env module apart, t3-style).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

function eslintSecrets(code: string, sourceType: 'module' | 'commonjs' = 'commonjs'): string[] {
  const linter = new Linter({ configType: 'flat', cwd: '/srv/app' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/no-hardcoded-secret': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType } } as never],
    { filename: '/srv/app/server.js' },
  );
  return messages.map((m) => `${m.line}:${m.column} ${m.message.split('. ')[0]} [${m.suggestions?.length ?? 0} suggestions]`);
}

const use = "app.use(session({ secret: env.SESSION_SECRET }));\n";

// Environment readers other than process.env (ENV_READERS, evaluate-schemas.ts): a default argument is the variable's
// fallback; the suggestion removes it so that the variable is required (getOrFail, the argument dropped, .required()).
function eslintFull(code: string, sourceType: 'module' | 'commonjs' = 'commonjs', filename = '/srv/app/server.js') {
  const linter = new Linter({ configType: 'flat', cwd: '/srv/app' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.js', '**/*.ts'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/no-hardcoded-secret': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType } } as never],
    { filename },
  );
  return messages.map((m) => ({
    at: `${m.line}:${m.column}`,
    message: m.message,
    suggestions: (m.suggestions ?? []).map((s) => ({ desc: s.desc, output: code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]) })),
  }));
}


describe('untyped ESLint: schema defaults', () => {
  it.each([
    ['zod .parse(process.env)', "const { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string().min(8).default('dev') }).parse(process.env);", "the zod schema's .default()", "z.string().min(8)"],
    ['zod through a constant and .safeParse().data', "const { z } = require('zod');\nconst schema = z.object({ SESSION_SECRET: z.string().default('dev') });\nconst env = schema.safeParse(process.env).data;", "the zod schema's .default()", "z.string()"],
    ['@t3-oss/env-nextjs createEnv', "const { createEnv } = require('@t3-oss/env-nextjs');\nconst { z } = require('zod');\nconst env = createEnv({ server: { SESSION_SECRET: z.string().default('dev') }, runtimeEnv: { SESSION_SECRET: process.env.SESSION_SECRET } });", "the @t3-oss/env schema's .default()", "z.string()"],
    ['envalid default', "const { cleanEnv, str } = require('envalid');\nconst env = cleanEnv(process.env, { SESSION_SECRET: str({ default: 'dev' }) });", "envalid's default", "str({})"],
    ['envalid default beside other options', "const { cleanEnv, str } = require('envalid');\nconst env = cleanEnv(process.env, { SESSION_SECRET: str({ desc: 'signs cookies', default: 'dev' }) });", "envalid's default", "str({ desc: 'signs cookies' })"],
    ['joi .validate().value', "const Joi = require('joi');\nconst { value: env } = Joi.object({ SESSION_SECRET: Joi.string().default('dev') }).unknown().validate(process.env);", "the joi schema's .default()", "Joi.string()"],
    ['yup .validateSync()', "const yup = require('yup');\nconst env = yup.object({ SESSION_SECRET: yup.string().default('dev') }).validateSync(process.env);", "the yup schema's .default()", "yup.string()"],
  ])('%s', (_name, def, via, field) => {
    const code = `const session = require('express-session');\n${def}\n${use}`;
    const line = code.split('\n').length - 1;
    expect(eslintSecrets(code)).toEqual([`${line}:19 The session secret falls back to a hardcoded value (${via}) when SESSION_SECRET is not set [1 suggestions]`]);
    // The suggestion removes the default: the field is then required, and the schema still parses.
    const fixed = eslintFull(code)[0]!.suggestions;
    expect(fixed.map((f) => f.desc)).toEqual([`Remove the default (${via}) so that SESSION_SECRET is required.`]);
    expect(fixed[0]!.output).toBe(code.replace(/SESSION_SECRET: ([^,}]*?)\.default\('dev'\)|SESSION_SECRET: str\(\{[^}]*\}\)/, `SESSION_SECRET: ${field}`));
  });

  it('zod: a default after .optional() is reported without a fix (the field would be left unset, not required)', () => {
    const code = `const session = require('express-session');\nconst { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string().optional().default('dev') }).parse(process.env);\n${use}`;
    expect(eslintFull(code)).toEqual([
      {
        at: '4:19',
        message: "The session secret falls back to a hardcoded value (the zod schema's .default()) when SESSION_SECRET is not set. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead. No fix is offered: the field is also `.optional()`, so without its default the secret would be left unset rather than required.",
        suggestions: [],
      },
    ]);
  });

  it('convict: a leaf with an env variable and a default (no fix: convict requires a default)', () => {
    const code = "const session = require('express-session');\nconst convict = require('convict');\nconst config = convict({ session: { secret: { format: String, default: 'dev', env: 'SESSION_SECRET' } } });\napp.use(session({ secret: config.get('session.secret') }));\n";
    expect(eslintFull(code)).toEqual([
      {
        at: '4:19',
        message: "The session secret falls back to a hardcoded value (the convict schema's default) when SESSION_SECRET is not set. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead. No fix is offered: convict requires a `default` in every setting, so the schema would not load without it; check the value at start-up instead.",
        suggestions: [],
      },
    ]);
  });

  it("envalid's devDefault holds only outside production: used whenever NODE_ENV is not set", () => {
    const code = `const session = require('express-session');\nconst { cleanEnv, str } = require('envalid');\nconst env = cleanEnv(process.env, { SESSION_SECRET: str({ devDefault: 'dev' }) });\n${use}`;
    expect(eslintSecrets(code)).toEqual(['4:19 The session secret is hardcoded whenever NODE_ENV is not set: a server started without NODE_ENV=production is not \'production\' to this code, so it signs cookies with a public key [0 suggestions]']);
  });

  it('hard negatives: no default; a default of another variable; a convict leaf without env; a look-alike builder that is not a schema library', () => {
    for (const def of [
      "const { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string().min(32) }).parse(process.env);",
      "const { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string(), PORT: z.string().default('3000') }).parse(process.env);",
      "const { createEnv } = require('@t3-oss/env-core');\nconst { z } = require('zod');\nconst env = createEnv({ server: { SESSION_SECRET: z.string() }, runtimeEnv: process.env });",
      "const { cleanEnv, str } = require('envalid');\nconst env = cleanEnv(process.env, { SESSION_SECRET: str() });",
      "const convict = require('convict');\nconst c = convict({ secret: { format: String, default: 'dev' } });\nconst env = { SESSION_SECRET: c.get('secret') };",
      "const z = require('./schema-helpers');\nconst env = z.object({ SESSION_SECRET: z.string().default('dev') }).parse(process.env);",
      "const { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string().optional() }).parse(process.env);",
      "const { z } = require('zod');\nconst env = z.object({ SESSION_SECRET: z.string().default(process.env.OLD_SESSION_SECRET) }).parse(process.env);",
      "const { cleanEnv, str } = require('envalid');\nconst env = cleanEnv(process.env, { SESSION_SECRET: str(), COOKIE_NAME: str({ default: 'sid' }) });",
    ]) {
      expect(eslintSecrets(`const session = require('express-session');\n${def}\n${use}`), def).toEqual([]);
    }
  });
});

describe('CLI: a validated env module apart from the session', () => {
  it('t3-style src/env.js read by the server; hard negative: the same schema without a default', async () => {
    const env = (secret: string) =>
      `import { createEnv } from '@t3-oss/env-core';\nimport { z } from 'zod';\nexport const env = createEnv({\n  server: { SESSION_SECRET: ${secret} },\n  runtimeEnv: process.env,\n});\n`;
    const cwd = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'package.json': JSON.stringify({ name: 'tmp', private: true, type: 'module' }),
      'src/env.js': env("z.string().default('insecure-dev-secret')"),
      'src/strict-env.js': env('z.string().min(32)'),
      'src/server.js': "import session from 'express-session';\nimport { env } from './env.js';\nimport { env as strict } from './strict-env.js';\napp.use(session({ secret: env.SESSION_SECRET }));\napp.use(session({ secret: strict.SESSION_SECRET }));\n",
    });
    const r = await cli(['-f', 'json'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message.split('. ')[0]}`)).toEqual([
      "src/server.js:4:19 The session secret falls back to a hardcoded value (the @t3-oss/env schema's .default()) when SESSION_SECRET is not set (from ./env.js:4)",
    ]);
  });
});

describe('untyped ESLint: environment readers with a default', () => {
  const session = "const session = require('express-session');\n";
  it.each([
    [
      'AdonisJS 4 use(\'Env\')',
      "const Env = use('Env');\napp.use(session({ secret: Env.get('SESSION_SECRET', 'dev-secret') }));\n",
      "the default of AdonisJS's Env.get()",
      "const Env = use('Env');\napp.use(session({ secret: Env.getOrFail('SESSION_SECRET') }));\n",
    ],
    [
      'AdonisJS 5 @ioc:Adonis/Core/Env',
      "const Env = require('@ioc:Adonis/Core/Env').default;\napp.use(session({ secret: Env.get('SESSION_SECRET', 'dev-secret') }));\n",
      "the default of AdonisJS's Env.get()",
      "const Env = require('@ioc:Adonis/Core/Env').default;\napp.use(session({ secret: Env.getOrFail('SESSION_SECRET') }));\n",
    ],
    [
      'AdonisJS 6 Env.create() of @adonisjs/core/env',
      "const { Env } = require('@adonisjs/core/env');\nconst env = Env.create(appRoot, { SESSION_SECRET: Env.schema.string() });\napp.use(session({ secret: env.get('SESSION_SECRET', 'dev-secret') }));\n",
      "the default of AdonisJS's env.get()",
      "const { Env } = require('@adonisjs/core/env');\nconst env = Env.create(appRoot, { SESSION_SECRET: Env.schema.string() });\napp.use(session({ secret: env.get('SESSION_SECRET') }));\n",
    ],
    [
      'env-var .default()',
      "const env = require('env-var');\napp.use(session({ secret: env.get('SESSION_SECRET').default('dev-secret').asString() }));\n",
      "env-var's .default()",
      "const env = require('env-var');\napp.use(session({ secret: env.get('SESSION_SECRET').required().asString() }));\n",
    ],
    [
      'env-var .default() beside .required()',
      "const env = require('env-var');\napp.use(session({ secret: env.get('SESSION_SECRET').required().default('dev-secret').asString() }));\n",
      "env-var's .default()",
      "const env = require('env-var');\napp.use(session({ secret: env.get('SESSION_SECRET').required().asString() }));\n",
    ],
  ])('%s', (_name, body, via, fixed) => {
    const code = session + body;
    const [f, ...rest] = eslintFull(code);
    expect(rest).toEqual([]);
    expect(f?.at).toBe(`${code.split('\n').length - 1}:19`);
    expect(f?.message).toBe(`The session secret falls back to a hardcoded value (${via}) when SESSION_SECRET is not set. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead.`);
    expect(f?.suggestions).toEqual([{ desc: `Remove the default (${via}) so that SESSION_SECRET is required.`, output: session + fixed }]);
  });

  it('a default built elsewhere (a constant) is reported at the call and removed there', () => {
    const code = `${session}const Env = use('Env');\nconst DEV_SECRET = 'dev-secret';\napp.use(session({ secret: Env.get('SESSION_SECRET', DEV_SECRET) }));\n`;
    const [f, ...rest] = eslintFull(code);
    expect(rest).toEqual([]);
    expect(f?.at).toBe('4:19');
    expect(f?.message.split('. ')[0]).toBe("The session secret falls back to a hardcoded value (the default of AdonisJS's Env.get()) when SESSION_SECRET is not set");
    expect(f?.suggestions.map((x) => x.output)).toEqual([code.replace("Env.get('SESSION_SECRET', DEV_SECRET)", "Env.getOrFail('SESSION_SECRET')")]);
  });

  it("production-conditional through the reader's NODE_ENV: quiet in production, reported for a server started without NODE_ENV", () => {
    const code = `${session}const Env = use('Env');\napp.use(session({ secret: Env.get('NODE_ENV') === 'production' ? Env.getOrFail('SESSION_SECRET') : 'dev-secret' }));\n`;
    expect(eslintFull(code).map((f) => `${f.at} ${f.message.split(':')[0]}`)).toEqual(['3:19 The session secret is hardcoded whenever NODE_ENV is not set']);
  });

  it('hard negatives: no default, getOrFail, a default read from another variable, a look-alike reader', () => {
    for (const body of [
      "const Env = use('Env');\napp.use(session({ secret: Env.get('SESSION_SECRET') }));",
      "const Env = use('Env');\napp.use(session({ secret: Env.getOrFail('SESSION_SECRET') }));",
      "const Env = use('Env');\napp.use(session({ secret: Env.get('SESSION_SECRET', Env.get('OLD_SESSION_SECRET')) }));",
      "const Env = require('@ioc:Adonis/Core/Env').default;\napp.use(session({ secret: Env.get('SESSION_SECRET', process.env.OLD_SECRET) }));",
      "const Config = use('Config');\napp.use(session({ secret: Config.get('session.secret', 'x') }));",
      "const env = require('env-var');\napp.use(session({ secret: env.get('SESSION_SECRET').required().asString() }));",
      "const env = require('./my-env');\napp.use(session({ secret: env.get('SESSION_SECRET').default('dev-secret').asString() }));",
    ]) {
      expect(eslintFull(`${session}${body}\n`), body).toEqual([]);
    }
  });
});

describe('CLI: an environment reader in a module apart from the session', () => {
  it('AdonisJS 6 start/env.ts (Env.create) read through #start/env with a default; env-var in a config module; --fix makes both required', async () => {
    const cwd = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'package.json': JSON.stringify({ name: 'tmp', private: true, type: 'module', imports: { '#start/*': './start/*.js' } }),
      'start/env.ts': "import { Env } from '@adonisjs/core/env';\nexport default await Env.create(new URL('../', import.meta.url), {\n  SESSION_SECRET: Env.schema.string(),\n});\n",
      'src/config.ts': "import env from 'env-var';\nexport const adminSecret = env.get('ADMIN_SECRET').default('admin-dev-secret').asString();\nexport const plain = env.get('PLAIN_SECRET').required().asString();\n",
      'src/app.ts':
        "import session from 'express-session';\nimport env from '#start/env';\nimport { adminSecret, plain } from './config.js';\napp.use(session({ secret: env.get('SESSION_SECRET', 'insecure-dev-secret') }));\napp.use('/admin', session({ secret: adminSecret }));\napp.use('/plain', session({ secret: plain }));\napp.use('/strict', session({ secret: env.get('SESSION_SECRET') }));\n",
    });
    const r = await cli(['-f', 'json'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message.split('. ')[0]} | ${f.suggestions.map((s) => s.message).join(' | ')}`)).toEqual([
      "src/app.ts:4:19 The session secret falls back to a hardcoded value (the default of AdonisJS's env.get()) when SESSION_SECRET is not set | Remove the default (the default of AdonisJS's env.get()) so that SESSION_SECRET is required.",
      "src/app.ts:5:29 The session secret falls back to a hardcoded value (env-var's .default()) when ADMIN_SECRET is not set (from ./config.ts:2) | Remove the default (env-var's .default()) so that ADMIN_SECRET is required.",
    ]);
    await cli(['--fix', '-f', 'json'], { cwd });
    expect(read(cwd, 'src/app.ts')).toContain("app.use(session({ secret: env.get('SESSION_SECRET') }));\n");
    expect(read(cwd, 'src/config.ts')).toBe("import env from 'env-var';\nexport const adminSecret = env.get('ADMIN_SECRET').required().asString();\nexport const plain = env.get('PLAIN_SECRET').required().asString();\n");
    const again = await cli(['-f', 'json'], { cwd });
    expect(parseJson(again.stdout).findings).toEqual([]);
  });
});
