// The catalog and the ESLint plugin agree: every rule in rules/index.ts is exported with its
// metadata, and the flat configs are built from that metadata.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import plugin from '../../src/eslint/index.js';
import { INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE, docsUrl } from '../../src/rule.js';

const root = join(import.meta.dirname, '../..');
const CONFIGS = ['recommended', 'strict', 'all'] as const;
type PluginRule = (typeof plugin.rules)[string];

describe('the rule catalog', () => {
  it('has unique kebab-case ids, each in rules/<id>.ts', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(existsSync(join(root, 'rules', `${id}.ts`))).toBe(true);
    }
  });

  it('is exactly what the plugin exports', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('the plugin names its namespace', () => {
    expect(plugin.meta.namespace).toBe('session-audit');
    expect(plugin.meta.name).toBe('session-audit');
    expect(typeof plugin.meta.version).toBe('string');
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, def) => {
  const rule = plugin.rules[id] as PluginRule;

  it('is exported with a docs URL to its page', () => {
    expect(rule).toBeDefined();
    expect(rule.meta.docs?.url).toBe(docsUrl(id));
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('carries the catalog description, type and CWE references', () => {
    expect(rule.meta.docs?.description).toBe(def.meta.description);
    expect(def.meta.description).not.toMatch(/\.$/);
    expect(rule.meta.type).toBe(def.meta.type);
    expect(['problem', 'suggestion']).toContain(def.meta.type);
    expect((rule.meta.docs as { recommended?: boolean }).recommended).toBe(def.meta.configs.includes('recommended'));
    for (const cwe of def.meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
  });

  it('has a security severity code scanning can rank (0.1–10.0, one decimal), the same in both', () => {
    const s = def.meta.securitySeverity;
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(10);
    expect(Math.round(s * 10) / 10).toBe(s);
    expect((rule.meta.docs as { securitySeverity?: number }).securitySeverity).toBe(s);
  });

  it('has messages that end with a period, the same in both (the plugin adds the one for a rule that fails and the one for a file whose analysis ran out of time)', () => {
    expect(rule.meta.messages).toEqual({ ...def.meta.messages, [INTERNAL_ERROR]: INTERNAL_ERROR_MESSAGE, analysisStopped: '{{message}}' });
    expect(INTERNAL_ERROR_MESSAGE).toMatch(/\.$/);
    expect(def.meta.messages).not.toHaveProperty(INTERNAL_ERROR);
    const entries = Object.entries(def.meta.messages);
    expect(entries.length).toBeGreaterThan(0);
    for (const [messageId, text] of entries) expect(text, messageId).toMatch(/\.$/);
  });

  it('declares suggestions exactly when the catalog does', () => {
    expect(Boolean(rule.meta.hasSuggestions)).toBe(def.meta.hasSuggestions);
    expect(rule.meta.fixable).toBeUndefined(); // remedies change behaviour: suggestions, never autofixes
  });

  it('has a JSON schema (objects closed to unknown properties) and default options', () => {
    expect(Array.isArray(rule.meta.schema)).toBe(true);
    expect(rule.meta.schema).toEqual(def.meta.schema);
    for (const s of def.meta.schema) if (s.type === 'object') expect(s.additionalProperties).toBe(false);
    expect(Array.isArray(def.meta.defaultOptions)).toBe(true);
    expect(rule.defaultOptions).toEqual(def.meta.defaultOptions);
  });

  it('says what it does in test files, and takes the includeTests option (src/test-files.ts)', () => {
    expect(['skip', 'check']).toContain(def.meta.testFiles);
    const first = def.meta.schema[0] as { type: string; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(first.type).toBe('object');
    expect(first.properties.includeTests).toMatchObject({ type: 'boolean' });
    expect(first.additionalProperties).toBe(false);
  });

  it('is in `all` and in the configs its metadata names, with its severity', () => {
    expect(plugin.configs.all.rules[`session-audit/${id}`]).toBe(def.meta.severity);
    for (const name of ['recommended', 'strict'] as const) {
      const entry = plugin.configs[name].rules[`session-audit/${id}`];
      if (def.meta.configs.includes(name)) expect(entry).toBe(def.meta.severity);
      else expect(entry).toBeUndefined();
    }
  });
});

describe('configs', () => {
  it.each(CONFIGS)('%s is a flat config with the plugin and only session-audit/<id> entries, for every JS and TS extension', (name) => {
    const config = plugin.configs[name];
    expect(config.name).toBe(`session-audit/${name}`);
    expect(config.plugins['session-audit']).toBe(plugin);
    expect(Object.keys(config).sort()).toEqual(['files', 'languageOptions', 'name', 'plugins', 'rules']);
    expect(config.files).toEqual(['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx']);
    // Only a parser: a project's parserOptions (typed linting) apply as they are.
    expect(Object.keys(config.languageOptions)).toEqual(['parser']);
    expect(config.languageOptions.parser).toBe(plugin.configs.recommended.languageOptions.parser);
    const expected = rules.filter((r) => name === 'all' || r.meta.configs.includes(name)).map((r) => `session-audit/${r.id}`);
    expect(Object.keys(config.rules).sort()).toEqual(expected.sort());
    for (const severity of Object.values(config.rules)) expect(['error', 'warn']).toContain(severity);
  });

  it('recommended ⊆ strict ⊆ all', () => {
    const keys = (name: (typeof CONFIGS)[number]) => Object.keys(plugin.configs[name].rules);
    for (const k of keys('recommended')) expect(keys('strict')).toContain(k);
    for (const k of keys('strict')) expect(keys('all')).toContain(k);
    expect(keys('all')).toHaveLength(rules.length);
  });

  it('the five core rules are recommended', () => {
    const recommended = Object.keys(plugin.configs.recommended.rules);
    for (const id of ['no-hardcoded-secret', 'no-memory-store', 'require-secure-cookie', 'no-httponly-false', 'handle-session-errors']) {
      expect(recommended).toContain(`session-audit/${id}`);
    }
  });

  it('work as given in an eslint.config.js (`export default [sessionAudit.configs.recommended]`)', () => {
    const linter = new Linter({ configType: 'flat' });
    const text = [
      "import session from 'express-session';",
      "app.use(session({ secret: 'keyboard cat', cookie: { httpOnly: false } }));",
      "app.post('/logout', (req, res) => { req.session.destroy(); res.end(); });",
      '',
    ].join('\n');
    const messages = linter.verify(text, [plugin.configs.recommended as never], { filename: 'app.js' });
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const found = new Set(messages.map((m) => m.ruleId));
    for (const id of ['no-hardcoded-secret', 'no-memory-store', 'require-secure-cookie', 'no-httponly-false', 'handle-session-errors']) {
      expect(found).toContain(`session-audit/${id}`);
    }
    for (const m of messages) expect(m.ruleId).toMatch(/^session-audit\//);
  });

  it('lint TypeScript with no other config block (the same findings as the JavaScript twin)', () => {
    const linter = new Linter({ configType: 'flat' });
    const lines = (typed: boolean) =>
      [
        `import session${typed ? ', { type SessionOptions }' : ''} from 'express-session';`,
        // (not declared `: SessionOptions`: options declared by the library type report where they are written, see test/cli/shared-definitions.test.ts)
        `const options${typed ? ': Record<string, unknown> & {}' : ''} = { secret: 'keyboard cat'${typed ? ' as string' : ''}, cookie: { httpOnly: false } };`,
        `app.use(session(options${typed ? ' satisfies SessionOptions' : ''}));`,
        '',
      ].join('\n');
    const found = (text: string, filename: string) => {
      const messages = linter.verify(text, [plugin.configs.recommended as never], { filename });
      expect(messages.filter((m) => m.fatal), filename).toEqual([]);
      return messages.map((m) => `${m.line} ${m.ruleId}`).sort();
    };
    const js = found(lines(false), 'app.js');
    expect(js).toHaveLength(6);
    for (const filename of ['app.ts', 'app.mts', 'app.cts', 'app.tsx']) expect(found(lines(true), filename), filename).toEqual(js);
    // JSX in a .jsx file parses (ESLint's default parser needs ecmaFeatures.jsx for it).
    const jsx = "import session from 'express-session';\napp.use(session({ secret: 'x' }));\nexport const Page = () => <main>hi</main>;\n";
    const messages = linter.verify(jsx, [plugin.configs.recommended as never], { filename: 'page.jsx' });
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.map((m) => m.ruleId)).toContain('session-audit/no-hardcoded-secret');
  });
});
