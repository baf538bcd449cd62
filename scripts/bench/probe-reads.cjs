/**
 * Preloaded (`node --require`) into one unmeasured CLI run per tree by the benchmark:
 * counts the files the process reads, and which of them are type declarations from
 * node_modules (issue 5: "node_modules type declarations are never loaded unless a
 * value cannot be resolved otherwise"). Writes a JSON summary to $BENCH_PROBE_OUT at exit.
 */
'use strict';
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const { fileURLToPath } = require('node:url');

const out = process.env.BENCH_PROBE_OUT;
const seen = new Set();
const summary = { reads: 0, distinctFiles: 0, sourceFiles: 0, nodeModulesDeclarations: 0, nodeModulesDeclarationPackages: {}, examples: [] };

function record(p) {
  let file;
  if (typeof p === 'string') file = p;
  else if (p instanceof URL) file = fileURLToPath(p);
  else return;
  summary.reads++;
  if (seen.has(file)) return;
  seen.add(file);
  summary.distinctFiles++;
  if (/\.d\.[cm]?ts$/.test(file) && file.includes('/node_modules/')) {
    summary.nodeModulesDeclarations++;
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.slice(file.lastIndexOf('/node_modules/')));
    const pkg = m ? m[1] : '?';
    summary.nodeModulesDeclarationPackages[pkg] = (summary.nodeModulesDeclarationPackages[pkg] ?? 0) + 1;
    if (summary.examples.length < 5) summary.examples.push(file);
  } else if (/\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/.test(file) && !file.includes('/node_modules/')) {
    summary.sourceFiles++;
  }
}

const original = fs.readFileSync;
fs.readFileSync = function readFileSync(p, ...rest) {
  record(p);
  return original.call(this, p, ...rest);
};
syncBuiltinESMExports();

if (out) {
  process.on('exit', () => {
    try {
      original.call(fs, '/dev/null'); // keep the original reachable
      fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
    } catch {
      // a probe must never change the run's outcome
    }
  });
}
