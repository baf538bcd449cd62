import { defineConfig } from 'vitest/config';

/**
 * Two suites (README, "Development"):
 * - `fast` (`npm test`): rules in both front ends, engine, CLI, reporters, docs, hostile input;
 *   the inner loop, a few minutes on 2 cores.
 * - `slow` (with `fast`, `npm run test:all`, which .ci/run runs): what starts other programs
 *   or measures at scale: the packed package in fresh projects (npm, ESLint's binary), the
 *   editor's language server, the HTML report in headless Chromium (required there: the suite
 *   fails without a browser instead of skipping it), property-based fuzzing, 100,000 files,
 *   the benchmark's test, time and memory budgets at scale (test/slow).
 */
export const SLOW = [
  'test/package/**/*.test.ts',
  'test/editor/**/*.test.ts',
  'test/report/html.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/hostile/scale.test.ts',
  'test/bench.test.ts',
  // budgets, memory and evaluator scale (issue 16, items 11-13): generated corpora, child processes
  'test/slow/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW, env: { SESSION_AUDIT_FULL_SUITE: '1' } } },
    ],
  },
});
