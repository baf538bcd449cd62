/**
 * Shared set-up of the rule tests: one RuleTester on ESLint's default parser
 * (espree) for .js/.cjs/.mjs cases, one on @typescript-eslint/parser for .ts
 * cases, and `run(title, [cases])` which sends each case to the
 * tester its file name calls for, so a true positive and its hard negative sit
 * side by side in one group whatever their language.
 *
 * `collectCases()` switches to recording instead: `run` then only records each case
 * (cli-parity.test.ts imports the rule tests this way and sends every case through the CLI).
 */
import * as tsParser from '@typescript-eslint/parser';
import { type InvalidTestCase, RuleTester, type ValidTestCase } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../src/eslint/index.js';

// RuleTester runs on vitest (its docs, "Vitest"). Wired here, where the testers are made, rather
// than in a setup file every test file would pay for (loading the rule tester takes ~0.5 s).
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.describeSkip = describe.skip;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;

type Valid = ValidTestCase<readonly unknown[]>;
type Invalid = InvalidTestCase<string, readonly unknown[]>;

// @typescript-eslint/rule-tester defaults to its own parser: name espree explicitly, as ESLint's default.
const espreeTester = new RuleTester({
  languageOptions: { parser: espree as never, ecmaVersion: 'latest', sourceType: 'module' },
});
const tsTester = new RuleTester({
  languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
});

/** One case as a rule test wrote it, with the rule and the tester it goes to. */
export interface RecordedCase {
  readonly ruleId: string;
  readonly title: string;
  readonly parser: 'espree' | 'typescript-eslint';
  readonly case: Valid | Invalid;
}

let collected: RecordedCase[] | undefined;

/** From now on `run` records its cases here instead of running RuleTester. */
export function collectCases(): readonly RecordedCase[] {
  return (collected ??= []);
}

const isTypeScript = (c: Valid | Invalid) => /\.[cm]?tsx?$/.test(c.filename ?? '');

/** A JavaScript case (espree); file name app.js unless given. */
export function js<T extends Valid | Invalid>(c: T): T {
  return { filename: 'app.js', ...c };
}

/** A TypeScript case (@typescript-eslint/parser); file name app.ts unless given. */
export function ts<T extends Valid | Invalid>(c: T): T {
  return { filename: 'app.ts', ...c };
}

/** A CommonJS script (espree, `sourceType: 'commonjs'`). */
export function cjs<T extends Valid | Invalid>(c: T): T {
  return { filename: 'app.cjs', ...c, languageOptions: { sourceType: 'commonjs', ...c.languageOptions } };
}

/**
 * `run(title, cases)`: the cases in reading order (a true positive, then its hard negative);
 * a case with `errors` is invalid, one without is valid. `run(title, { valid, invalid })` works too.
 */
export function ruleRunner(id: string) {
  const rule = plugin.rules[id as keyof typeof plugin.rules];
  if (!rule) throw new Error(`no rule ${id} in the plugin`);
  return function run(title: string, tests: readonly (Valid | Invalid)[] | { valid?: readonly Valid[]; invalid?: readonly Invalid[] }): void {
    const cases: readonly (Valid | Invalid)[] = isCaseList(tests) ? tests : [...(tests.invalid ?? []), ...(tests.valid ?? [])];
    if (collected) {
      for (const c of cases) collected.push({ ruleId: id, title, parser: isTypeScript(c) ? 'typescript-eslint' : 'espree', case: c });
      return;
    }
    const valid = cases.filter((c): c is Valid => !('errors' in c));
    const invalid = cases.filter((c): c is Invalid => 'errors' in c);
    for (const [name, tester, pick] of [
      ['espree', espreeTester, (c: Valid | Invalid) => !isTypeScript(c)],
      ['typescript-eslint', tsTester, isTypeScript],
    ] as const) {
      const part = { valid: valid.filter(pick), invalid: invalid.filter(pick) as Invalid[] };
      if (part.valid.length + part.invalid.length === 0) continue;
      describe(`${title} [${name}]`, () => tester.run(id, rule, part));
    }
  };
}

function isCaseList(t: unknown): t is readonly (Valid | Invalid)[] {
  return Array.isArray(t);
}

/**
 * Source text as written in a test, without the indentation of the test file:
 * drops the first (empty) line and the last (indentation only), strips the common
 * indentation, ends with a newline. Suggestion outputs use it too, so they match.
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0]!;
  values.forEach((v, i) => (text += String(v) + strings[i + 1]!));
  const lines = text.split('\n');
  if (lines[0]!.trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(Math.min(indent, l.length))).join('\n')}\n`;
}
