/** Helpers for the CLI tests: run() in-process with captured streams, temporary projects. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { run } from '../../src/cli/run.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECTS = path.join(ROOT, 'fixtures/projects');
export const APPS = path.join(ROOT, 'fixtures/apps');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** The terminal's width (default 200). */
  columns?: number;
}

export async function cli(args: string[], opts: RunOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.stdoutTTY ?? false, columns: opts.columns ?? 200 },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.stderrTTY ?? false, columns: opts.columns ?? 200 },
    cwd: opts.cwd,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A temporary folder with the given files (removed after the test). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-audit-cli-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A package.json and a config that runs only the named rules (independent of the catalog's growth). */
export function onlyRules(rules: Record<string, string>): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'tmp', private: true }),
    'session-audit.config.json': JSON.stringify({ preset: 'none', rules }),
  };
}

export function parseJson(stdout: string): {
  findings: { rule: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string; fingerprint: string; identity: string; suggestions: { message: string; edits: { file: string; text: string }[] }[] }[];
  fileErrors: { file: string; kind: string; message: string; line?: number; column?: number }[];
  stats: Record<string, number>;
} {
  return JSON.parse(stdout);
}
