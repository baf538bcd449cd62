// The editor path with type information: values imported from other modules
// resolve through the program typescript-eslint already built, and the finding
// names where the value comes from. Without types the same file is analyzed alone.
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';

const app = join(import.meta.dirname, '../../fixtures/eslint/typed-app');

function eslintWith(parserOptions: Record<string, unknown>): ESLint {
  return new ESLint({
    cwd: app,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions } },
      { ...plugin.configs.recommended, files: ['**/*.ts'] },
    ] as never,
  });
}

async function lint(eslint: ESLint) {
  const [result] = await eslint.lintFiles(['src/app.ts']);
  return result!.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, message: m.message }));
}

describe('typed linting', () => {
  it('follows imported values across modules and says where they come from', async () => {
    const messages = await lint(eslintWith({ projectService: { allowDefaultProject: [] }, tsconfigRootDir: app }));
    expect(messages).toEqual([
      {
        ruleId: 'session-audit/no-hardcoded-secret',
        line: 9,
        column: 5,
        message:
          'The session secret falls back to a hardcoded value when SESSION_SECRET is not set (from ./config.ts:2). A deployment that forgets the variable signs cookies with a public key; fail at start-up instead.',
      },
      {
        ruleId: 'session-audit/no-httponly-false',
        line: 13,
        column: 5, // the inline `cookie` property the value is spread into
        message:
          "The session cookie's `httpOnly` is false in production (from ./config.ts:5): any script on the page, including an injected one (XSS), can read the cookie and take over the session.",
      },
    ]);
  });

  it('without type information the same file stands alone: imports are unknown, so nothing is reported', async () => {
    expect(await lint(eslintWith({}))).toEqual([]);
  });
});
