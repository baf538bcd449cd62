// The editor path: the ESLint language server that editors run
// (vscode-eslint's server, as shipped by vscode-langservers-extracted), spoken to
// over stdio by a minimal LSP client, on a fixture app whose eslint.config.mjs
// loads session-audit as a user installs it. The server loads ESLint 10 from the
// fixture's folder (this repository's node_modules), lints the open document with
// `ESLint#lintText(text, { filePath })`, and answers code actions with our
// suggestions. This server speaks the LSP 3.17 pull model for diagnostics
// (`textDocument/diagnostic`), as VS Code does; it never pushes
// `textDocument/publishDiagnostics`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'fixtures/editor/app');
const FILE = path.join(APP, 'src/app.js');
const URI = pathToFileURL(FILE).href;
const TEXT = readFileSync(FILE, 'utf8');

const require = createRequire(import.meta.url);
const SERVER = path.join(path.dirname(require.resolve('vscode-langservers-extracted/package.json')), 'bin/vscode-eslint-language-server');

/** The settings VS Code's ESLint extension sends (workspace/configuration, section ''), for the fixture. */
function eslintSettings() {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: path.join(ROOT, 'node_modules'),
    workingDirectory: { directory: APP, '!cwd': false },
    workspaceFolder: { name: 'app', uri: pathToFileURL(APP).href },
  };
}

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  source: string;
  code: string;
  codeDescription?: { href: string };
  message: string;
}

interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}

type TextEdit = { range: Diagnostic['range']; newText: string };
type WorkspaceEdit = { documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[]; changes?: Record<string, TextEdit[]> };

const ruleOf = (d: Diagnostic) => d.code;

/** A document's text with LSP text edits applied (positions are UTF-16 code units, as in this file). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('vscode-eslint-language-server over stdio', () => {
  let client: LspClient;
  let diagnostics: Diagnostic[];
  let serverLog: string[];

  beforeAll(async () => {
    // The fixture's config imports 'session-audit', which resolves to this package's build.
    expect(existsSync(path.join(ROOT, 'dist/src/eslint/index.js')), 'run `npm run build` first').toBe(true);
    client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: APP });
    serverLog = [];
    client.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => eslintSettings()));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onRequest('workspace/diagnostic/refresh', () => null);
    client.onRequest('eslint/confirmESLintExecution', () => 4 /* approved */);
    client.onRequest('eslint/noLibrary', () => ({}));

    const init = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'session-audit-test' },
      rootUri: pathToFileURL(APP).href,
      workspaceFolders: [{ name: 'app', uri: pathToFileURL(APP).href }],
      capabilities: {
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
        textDocument: {
          synchronization: { didSave: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll', 'source.fixAll.eslint'] } } },
        },
      },
    });
    expect(init.capabilities).toMatchObject({ diagnosticProvider: { identifier: 'eslint' }, codeActionProvider: expect.anything() });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'javascript', version: 1, text: TEXT } });

    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    diagnostics = report.items;
    for (const m of client.received) if (m.method === 'window/logMessage') serverLog.push((m.params as { message: string }).message);
  }, 60_000);

  afterAll(async () => {
    await client?.shutdown();
  });

  it('loads ESLint 10 from the project and reports our findings with their rule ids and ranges', () => {
    expect(diagnostics, `server log:\n${serverLog.join('\n')}\nstderr:\n${client.stderr}`).toHaveLength(2);
    const shown = diagnostics.map((d) => ({ rule: ruleOf(d), range: d.range, severity: d.severity, source: d.source }));
    expect(shown).toEqual([
      {
        rule: 'session-audit/no-hardcoded-secret',
        // `secret: process.env.SESSION_SECRET || 'keyboard cat'` (LSP lines and characters are 0-based)
        range: { start: { line: 10, character: 4 }, end: { line: 10, character: 56 } },
        severity: 1,
        source: 'eslint',
      },
      {
        rule: 'session-audit/no-httponly-false',
        range: { start: { line: 13, character: 14 }, end: { line: 13, character: 29 } },
        severity: 1,
        source: 'eslint',
      },
    ]);
    expect(diagnostics[0]!.message).toContain('The session secret falls back to a hardcoded value when SESSION_SECRET is not set');
    // The rule's documentation is linked from the diagnostic.
    expect(diagnostics[0]!.codeDescription?.href).toBe('https://github.com/session-audit/session-audit/blob/main/docs/rules/no-hardcoded-secret.md');
    expect(serverLog.join('\n')).toMatch(/ESLint library loaded from: .*node_modules\/eslint/);
  });

  it('offers our suggestions as quick fixes; running one edits the document', async () => {
    const results: { rule: string; title: string; result: string }[] = [];
    for (const d of diagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      const titles = actions.map((a) => a.title);
      // The usual editor extras are there too (disable comments, the rule's documentation).
      expect(titles).toEqual(expect.arrayContaining([`Disable ${ruleOf(d)} for this line`, `Show documentation for ${ruleOf(d)}`]));
      const suggestion = actions.find((a) => a.command?.command === 'eslint.applySuggestion');
      expect(suggestion, `actions for ${ruleOf(d)}: ${JSON.stringify(titles)}`).toBeDefined();
      expect(suggestion!.kind).toBe('quickfix');
      expect(suggestion!.diagnostics?.map(ruleOf)).toEqual([ruleOf(d)]);
      // As an editor does: run the action's command; the server answers with workspace/applyEdit.
      const applied = new Promise<WorkspaceEdit>((resolve) =>
        client.onRequest('workspace/applyEdit', (params) => {
          resolve((params as { edit: WorkspaceEdit }).edit);
          return { applied: true };
        }),
      );
      await client.request('workspace/executeCommand', { command: suggestion!.command!.command, arguments: suggestion!.command!.arguments });
      const edit = await applied;
      const edits = edit.documentChanges?.find((c) => c.textDocument.uri === URI)?.edits ?? edit.changes?.[URI] ?? [];
      expect(edits.length).toBeGreaterThan(0);
      results.push({ rule: ruleOf(d), title: suggestion!.title, result: applyEdits(TEXT, edits).split('\n')[d.range.start.line]!.trim() });
    }
    expect(results).toEqual([
      {
        rule: 'session-audit/no-hardcoded-secret',
        title: 'Remove the fallback and use process.env.SESSION_SECRET alone. (session-audit/no-hardcoded-secret)',
        result: 'secret: process.env.SESSION_SECRET,',
      },
      {
        rule: 'session-audit/no-httponly-false',
        title: 'Set `httpOnly: true` (or remove the option: the default is true). (session-audit/no-httponly-false)',
        result: "cookie: { httpOnly: true, secure: true, sameSite: 'lax' },",
      },
    ]);
  });
});
