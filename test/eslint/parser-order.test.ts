/**
 * ESLint flat config: for each file, later config objects win, `languageOptions.parser`
 * included. session-audit's configs set a parser (src/eslint/parser.ts: espree for JavaScript,
 * @typescript-eslint/parser for TypeScript) so that they lint every extension with no other
 * block, so a block of the project's own that sets a parser for the same files must come
 * after them (README, "ESLint"; docs/editors.md). A config object cannot set a parser "unless
 * one is set" (ESLint merges objects in order, and a parser sees only the merged options, not
 * the parsers it replaced), so this pins the documented behaviour both ways.
 */
import * as espree from 'espree';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { tempProject } from '../cli/helpers.js';

/** A parser of the project's own (espree underneath) that counts the files it parses. */
function recordingParser() {
  const parsed: string[] = [];
  return {
    parsed,
    parser: {
      meta: { name: 'recording-parser', version: '1.0.0' },
      parseForESLint(text: string, options: { filePath?: string } = {}) {
        parsed.push(options.filePath ?? '');
        return { ast: espree.parse(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, comment: true, tokens: true }) };
      },
    },
  };
}

const APP = "import session from 'express-session';\napp.use(session({ secret: 'keyboard cat' }));\n";

async function lint(order: 'before' | 'after') {
  const dir = tempProject({ 'app.js': APP });
  const { parsed, parser } = recordingParser();
  const own = { files: ['**/*.js'], languageOptions: { parser } };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: (order === 'before' ? [own, plugin.configs.recommended] : [plugin.configs.recommended, own]) as never });
  const [result] = await eslint.lintFiles(['app.js']);
  return { parsed: parsed.length, rules: result!.messages.map((m) => m.ruleId) };
}

describe("a project's own parser block and session-audit's configs (later blocks win)", () => {
  it('placed after session-audit\'s config: the project\'s parser reads the file, and the rules run on its tree', async () => {
    const after = await lint('after');
    expect(after.parsed).toBe(1);
    expect(after.rules).toContain('session-audit/no-hardcoded-secret');
  });

  it("placed before: session-audit's parser replaces it for the files both match (the README says to put it after)", async () => {
    const before = await lint('before');
    expect(before.parsed).toBe(0);
    // The same findings either way: this file parses with both.
    expect(before.rules).toEqual((await lint('after')).rules);
  });
});
