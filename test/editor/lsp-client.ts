/**
 * A minimal Language Server Protocol client over stdio: JSON-RPC 2.0 messages
 * framed by `Content-Length` headers (LSP 3.17, "Base Protocol"). Enough to
 * drive a real language server the way an editor does: requests with ids,
 * notifications, and answers to the server's own requests.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type RequestHandler = (params: unknown) => unknown;

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly listeners: ((m: Message) => void)[] = [];
  /** Every message the server sent, in order (for failure messages). */
  readonly received: Message[] = [];
  stderr = '';
  private exited: Error | undefined;

  constructor(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`language server exited (code ${code}, signal ${signal}); stderr:\n${this.stderr}`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Answers the server's requests of this method (default: null). */
  onRequest(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return promise;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or still to come) that satisfies `test`. */
  waitFor(method: string, test: (params: any) => boolean, timeoutMs: number): Promise<any> {
    const seen = this.received.find((m) => m.method === method && m.id === undefined && test(m.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`no ${method} within ${timeoutMs} ms; the server sent:\n${this.transcript()}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const listener = (m: Message) => {
        if (m.method === method && m.id === undefined && test(m.params)) {
          clearTimeout(timer);
          remove();
          resolve(m.params);
        }
      };
      const remove = () => this.listeners.splice(this.listeners.indexOf(listener), 1);
      this.listeners.push(listener);
    });
  }

  /** The server's messages, one line each (for failure messages). */
  transcript(): string {
    return this.received.map((m) => JSON.stringify(m).slice(0, 400)).join('\n');
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    this.received.push(m);
    if (m.method !== undefined && m.id !== undefined) {
      // A request from the server: answer it.
      const handler = this.handlers.get(m.method);
      try {
        this.send({ jsonrpc: '2.0', id: m.id, result: handler ? (handler(m.params) ?? null) : null });
      } catch (e) {
        this.send({ jsonrpc: '2.0', id: m.id, error: { code: -32603, message: (e as Error).message } });
      }
      return;
    }
    if (m.method !== undefined) {
      for (const l of [...this.listeners]) l(m);
      return;
    }
    const p = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!p) return;
    this.pending.delete(m.id as number);
    if (m.error) p.reject(new Error(`${p.method} failed: ${m.error.message}`));
    else p.resolve(m.result);
  }
}
