/**
 * The tool's own security: every regular expression in src/ and rules/ runs in
 * linear time. They are collected from the source (every regex literal; the code
 * builds none at run time) and each is fed 100,000-character adversarial inputs
 * built from its own characters: runs of one character, a prefix followed by a
 * run, and runs of two alternating characters, each with and without a tail that
 * makes the match fail. Each is run as a global replace (every start position
 * and every match), the most any caller can make of it, and must take < 100 ms.
 *
 * The harness is checked on a planted quadratic pattern (/\s+$/), which it flags.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { globbySync } from 'globby';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { PREFILTER } from '../../src/analysis/libraries.js';
import { FACTS_PREFILTER, RUNTIME_EXPIRY_TEXT } from '../../src/analysis/app-facts.js';
import { ANY_PREFILTER } from '../../src/analysis/prefilter.js';

/** The regular expressions src/ builds at run time (from word lists), by the file that builds them. */
const BUILT: Record<string, readonly [string, RegExp][]> = {
  'src/analysis/libraries.ts': [
    ['PREFILTER', PREFILTER],
    ['FACTS_PREFILTER (src/analysis/app-facts.ts)', FACTS_PREFILTER],
    ['ANY_PREFILTER (src/analysis/prefilter.ts)', ANY_PREFILTER],
  ],
  // from the libraries table's runtimeExpiry paths
  'src/analysis/app-facts.ts': [['RUNTIME_EXPIRY_TEXT', RUNTIME_EXPIRY_TEXT]],
};

interface Found {
  readonly where: string;
  readonly regex: RegExp;
}

function collect(): Found[] {
  const out: Found[] = [];
  for (const rel of globbySync(['src/**/*.ts', 'rules/*.ts'], { cwd: ROOT })) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = n.getText(sf);
        const end = literal.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
        out.push({ where: `${rel}:${line + 1} ${literal}`, regex: new RegExp(literal.slice(1, end), literal.slice(end + 1)) });
      }
      if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isIdentifier(callee) && callee.text === 'RegExp') {
          const built = BUILT[rel];
          if (!built) throw new Error(`${rel}: RegExp built at run time; add it to this test by hand (BUILT)`);
          for (const [name, regex] of built) out.push({ where: `${rel} ${name} /${regex.source}/`, regex });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const COMMON = [' ', '\t', '\n', '\r', 'a', 'Z', '0', '-', '_', '.', '/', '\\', '"', "'", '`', ',', ':', ';', '=', '(', ')', '[', ']', '{', '}', '<', '>', '*', '+', '?', '|', '@', '#', '%', '!', '$', '\u00a0', '\u2028', '\ufeff', '\u001b', '\u00e9'];

/** Characters a pattern mentions (literally, as \uXXXX / \xXX escapes, or through a class), for building inputs it partly matches. */
function alphabetOf(re: RegExp): string[] {
  const chars = new Set<string>();
  const src = re.source;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== '\\') {
      chars.add(c);
      continue;
    }
    const next = src[++i] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 1, i + 5))) {
      chars.add(String.fromCharCode(parseInt(src.slice(i + 1, i + 5), 16)));
      i += 4;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 1, i + 3))) {
      chars.add(String.fromCharCode(parseInt(src.slice(i + 1, i + 3), 16)));
      i += 2;
    } else if ('sS'.includes(next)) ['\u0020', '\t', '\n', 'a'].forEach((x) => chars.add(x));
    else if ('dD'.includes(next)) ['0', 'a'].forEach((x) => chars.add(x));
    else if ('wW'.includes(next)) ['a', '_', ' '].forEach((x) => chars.add(x));
    else if (next === 'n') chars.add('\n');
    else if (next === 'r') chars.add('\r');
    else if (next === 't') chars.add('\t');
    else chars.add(next);
  }
  return [...chars];
}

/** Adversarial inputs of about `n` characters. */
function* inputsFor(re: RegExp, n: number): Generator<string> {
  const own = alphabetOf(re);
  const tails = ['', '\u0000', '!x'];
  for (const c of new Set([...own, ...COMMON])) for (const t of tails) yield c.repeat(n) + t;
  const pairs = own.slice(0, 10); // the pattern's first characters: pairs grow as the square
  for (const p of pairs) {
    for (const c of pairs) {
      if (p === c) continue;
      for (const t of tails) {
        yield p + c.repeat(n) + t;
        yield (p + c).repeat(n / 2) + t;
      }
    }
  }
}

/** The slowest input's time (ms), stopping at the first one over the limit (re-timed to rule out a GC pause). */
function worst(re: RegExp, n: number, limitMs: number): { ms: number; input?: string } {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const time = (s: string) => {
    const t = performance.now();
    s.replace(global, '');
    return performance.now() - t;
  };
  let max = 0;
  for (const s of inputsFor(re, n)) {
    let ms = time(s);
    if (ms > limitMs) ms = Math.min(ms, time(s), time(s));
    if (ms > limitMs) return { ms, input: s };
    max = Math.max(max, ms);
  }
  return { ms: max };
}

const found = collect();

describe('regular expressions are linear-time', () => {
  it('finds the regexes (the collector works)', () => {
    expect(found.length).toBeGreaterThan(20);
    expect(found.some((f) => f.where.startsWith('src/cli/suppressions.ts'))).toBe(true);
  });

  it('flags a planted quadratic pattern', () => {
    const r = worst(/\s+$/, 20_000, 100);
    expect(r.input).toBeDefined();
  });

  it.each(found.map((f) => [f.where, f.regex] as const))('%s', (_where, regex) => {
    const r = worst(regex, 100_000, 100);
    expect(r.input === undefined, `slow input: ${JSON.stringify(r.input?.slice(0, 40))}… (${r.input?.length} chars) took ${r.ms.toFixed(0)} ms`).toBe(true);
  });
});
