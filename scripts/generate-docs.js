#!/usr/bin/env node
// Generates the parts of the docs that come from rule metadata: the README rule
// table, the header of each docs/rules/<id>.md and its options table. `--check` fails (exit 1) when
// a generated part is out of date instead of writing it. Runs on the built catalog.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rules, resolveOptions } = await import(join(root, 'dist/rules/index.js'));
const { LIBRARIES } = await import(join(root, 'dist/src/analysis/libraries.js'));
const check = process.argv.includes('--check');

const BEGIN_LIST = '<!-- begin auto-generated rules list -->';
const END_LIST = '<!-- end auto-generated rules list -->';
const BEGIN_HEADER = '<!-- begin auto-generated rule header -->';
const END_HEADER = '<!-- end auto-generated rule header -->';
const BEGIN_OPTIONS = '<!-- begin auto-generated rule options list -->';
const END_OPTIONS = '<!-- end auto-generated rule options list -->';

const CONFIG_EMOJI = { recommended: '✅', strict: '🔒' };

function ruleTable() {
  const lines = [
    '✅ in `recommended` · 🔒 in `strict` · 💡 has suggestions (`--fix` in the CLI) · 🌐 follows values across modules (CLI, typed linting)',
    '',
    '| Rule | Description | Configs | Severity | 💡 | 🌐 | CWE |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rules) {
    const configs = r.meta.configs.map((c) => CONFIG_EMOJI[c]).join(' ');
    lines.push(
      `| [${r.id}](docs/rules/${r.id}.md) | ${r.meta.description} | ${configs} | ${r.meta.severity} | ${r.meta.hasSuggestions ? '💡' : ''} | ${r.meta.crossModule ? '🌐' : ''} | ${r.meta.cwe.join(', ')} |`,
    );
  }
  return lines.join('\n');
}

/** GitHub code scanning's bands for SARIF `security-severity`. */
function severityBand(score) {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

function ruleHeader(r) {
  const notes = [];
  const configs = r.meta.configs.map((c) => `${CONFIG_EMOJI[c]} \`${c}\``);
  notes.push(configs.length ? `Enabled in ${configs.join(' and ')} (as \`${r.meta.severity}\`), and in \`all\`.` : `Only in \`all\` (as \`${r.meta.severity}\`).`);
  if (r.meta.hasSuggestions) notes.push('💡 Offers suggestions (ESLint editor quick fixes; applied by `session-audit --fix`).');
  if (r.meta.crossModule) notes.push('🌐 Follows values across modules in the CLI and with typed linting; plain ESLint sees one file.');
  notes.push(`Weakness: ${r.meta.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(', ')}; security severity ${r.meta.securitySeverity.toFixed(1)} (${severityBand(r.meta.securitySeverity)}, as code scanning ranks it from the CLI's SARIF).`);
  const lines = [`# session-audit/${r.id}`, '', `> ${r.meta.description}.`, '', ...notes.map((n) => `- ${n}`)];
  if (r.libraryOption) {
    const rows = LIBRARIES.map((lib) => [lib, r.libraryOption(lib)]).filter(([, o]) => o);
    lines.push('', 'Where each library keeps the setting, and its default when left out:', '', '| Library | Option | Default |', '| --- | --- | --- |');
    for (const [lib, o] of rows) lines.push(`| [${lib.displayName}](${lib.docs}) | \`${o.option}\` | ${o.default === undefined ? '' : o.default.startsWith('"') || /^[\d.]+$|^(true|false|null)$/.test(o.default) ? `\`${o.default}\`` : o.default} |`);
  }
  return lines.join('\n');
}

/** The options table of a rule page: each property of its schema, with the default the rule runs with (resolveOptions, as ESLint merges it). */
function optionsList(r) {
  if (r.meta.schema.length === 0) return 'None.';
  const defaults = resolveOptions(r, []);
  const lines = ['| Option | Type | Default | Description |', '| --- | --- | --- | --- |'];
  r.meta.schema.forEach((s, i) => {
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      const limits = [p.minimum === undefined ? '' : `≥ ${p.minimum}`, p.maximum === undefined ? '' : `≤ ${p.maximum}`].filter(Boolean).join(', ');
      const value = defaults[i]?.[name];
      lines.push(`| \`${name}\` | ${[].concat(p.type ?? 'any').join(' or ')}${limits ? ` (${limits})` : ''} | ${value === undefined ? 'not set' : `\`${JSON.stringify(value)}\``} | ${p.description ?? ''} |`);
    }
  });
  return lines.join('\n');
}

function replaceBetween(text, begin, end, content, file) {
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a) throw new Error(`${file}: missing the markers ${begin} … ${end}`);
  return `${text.slice(0, a + begin.length)}\n${content}\n${text.slice(b)}`;
}

const stale = [];
function update(file, compute) {
  const before = readFileSync(file, 'utf8');
  const after = compute(before);
  if (after === before) return;
  if (check) stale.push(file);
  else writeFileSync(file, after);
}

update(join(root, 'README.md'), (t) => replaceBetween(t, BEGIN_LIST, END_LIST, ruleTable(), 'README.md'));
for (const r of rules) {
  const file = join(root, 'docs/rules', `${r.id}.md`);
  if (!existsSync(file)) {
    if (check) stale.push(`${file} (missing)`);
    else writeFileSync(file, `${BEGIN_HEADER}\n${END_HEADER}\n\n## Why\n\nTODO\n\n## Options\n\n${BEGIN_OPTIONS}\n${END_OPTIONS}\n`);
  }
  if (existsSync(file)) update(file, (t) => replaceBetween(replaceBetween(t, BEGIN_HEADER, END_HEADER, ruleHeader(r), file), BEGIN_OPTIONS, END_OPTIONS, optionsList(r), file));
}
if (stale.length) {
  console.error(`Generated docs are out of date (run \`npm run docs\`):\n${stale.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
if (!check) console.log(`Docs up to date for ${rules.length} rules.`);
