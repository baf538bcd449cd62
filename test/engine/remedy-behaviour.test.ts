/**
 * Fixes keep the handler's meaning (issue #11, items 1 and 8): each remedy that adds or
 * moves code is applied to a small handler, and the original and the fixed handler run
 * against a fake request, session and store (test/harness/run-handler.ts): with a working
 * store the fixed handler answers, calls `next`, settles and leaves the session as the
 * original does; with a failing store the error reaches `next`, a rejection or an error
 * response, and nothing throws on the way (no `TypeError: trackSession is not a function`,
 * no `ReferenceError` for a hoisted function moved into a callback).
 *
 * The fixed text comes from the engine at test time (the rule's first suggestion, as
 * `--fix` applies it), so a remedy that changes is judged by what it does, not by its text.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';
import { planForReview } from '../../src/analysis/compose.js';
import { type Outcome, STORE_ERROR, behaviour, passedError, runHandler } from '../harness/run-handler.js';
import { code } from '../rules/_util.js';

interface Case {
  readonly title: string;
  readonly rule: 'handle-session-errors' | 'regenerate-on-login';
  readonly code: string;
  readonly target: string;
  readonly session?: Record<string, unknown>;
  readonly body?: Record<string, unknown>;
  readonly args?: readonly unknown[];
  readonly fileName?: string;
}

function fixed(c: Case): string {
  const findings = analyzeText(c.code, c.fileName ?? 'app.js', { rules: { [c.rule]: true } }).filter((f) => f.ruleId === c.rule);
  expect(findings, 'one finding of the rule').toHaveLength(1);
  const s = findings[0]!.suggestions[0];
  expect(s, `a suggestion (message: ${findings[0]!.message})`).toBeDefined();
  let out = c.code;
  for (const e of [...s!.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

async function run(text: string, c: Case, storeFails: boolean): Promise<Outcome> {
  return runHandler(text, { target: c.target, storeFails, session: structuredClone(c.session ?? {}), body: c.body, args: c.args, fileName: c.fileName });
}

const CASES: readonly Case[] = [
  {
    title: 'destroy() in a (req, res) route: next is added, the redirect waits for the store',
    rule: 'handle-session-errors',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/logout', (req, res) => {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    target: 'POST /logout',
    session: { userId: 7 },
  },
  {
    title: 'a hoisted function declaration after the call stays in the handler',
    rule: 'handle-session-errors',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/logout', (req, res) => {
        log(); req.session.destroy(); res.redirect('/'); function log() { audit('logout'); }
      });
    `,
    target: 'POST /logout',
    session: { userId: 7 },
  },
  {
    title: 'a third parameter with a default value is not next: the async helper awaits the call instead',
    rule: 'handle-session-errors',
    code: code`
      async function onLogin(req, uid, trackSession = true) {
        try {
          if (!uid) throw new Error('no user');
          await work(uid, trackSession);
        } catch (err) {
          req.session.destroy();
          throw err;
        }
      }
      module.exports = { onLogin };
    `,
    target: 'onLogin',
    args: [undefined],
  },
  {
    title: "inside bcrypt's callback the error goes to the route's next, and bcrypt's callback keeps its parameters",
    rule: 'handle-session-errors',
    code: code`
      const express = require('express');
      const bcrypt = require('bcrypt');
      const router = express.Router();
      router.post('/login', (req, res) => {
        bcrypt.compare(req.body.password, 'hash', async (error, isMatch) => {
          if (error || !isMatch) return res.redirect('/login');
          req.session.save();
          res.redirect('/');
        });
      });
    `,
    target: 'POST /login',
    body: { password: 'pw' },
  },
  {
    title: 'a callback that ignores its error: it checks it first',
    rule: 'handle-session-errors',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/touch', (req, res) => {
        req.session.reload(() => {
          res.json({ user: req.session.userId });
        });
      });
    `,
    target: 'POST /touch',
    session: { userId: 7 },
  },
  {
    title: 'in a promise executor the error rejects that promise',
    rule: 'handle-session-errors',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/save', async (req, res) => {
        req.session.n = 1;
        await new Promise((resolve, reject) => {
          req.session.save(() => resolve());
        });
        res.end();
      });
    `,
    target: 'POST /save',
  },
  {
    title: 'TypeScript: the added next is typed, and the handler runs the same',
    rule: 'handle-session-errors',
    fileName: 'app.ts',
    code: code`
      import express, { type Request, type Response } from 'express';
      const app = express();
      app.post('/logout', (req: Request, res: Response) => {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    target: 'POST /logout',
    session: { userId: 7 },
  },
  {
    title: 'an exported controller without next answers with a 500 through its response',
    rule: 'handle-session-errors',
    code: code`
      function logout(req, res) {
        req.session.destroy();
        res.redirect('/');
      }
      module.exports = { logout };
    `,
    target: 'logout',
    args: ['$res'],
    session: { userId: 7 },
  },
  {
    title: 'regenerate goes before the first of two login writes (login is kept)',
    rule: 'regenerate-on-login',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/login', async (req, res) => {
        const user = await findUser(req.body);
        req.session.login = user.login;
        req.session.userId = user.id;
        res.redirect('/');
      });
    `,
    target: 'POST /login',
  },
  {
    title: 'what the login reads of the old session is read before the regeneration and kept',
    rule: 'regenerate-on-login',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/signup', async (req, res) => {
        req.session.userId = await createUser(req.session.pending.data);
        res.redirect(req.session.returnTo || '/');
      });
    `,
    target: 'POST /signup',
    session: { pending: { data: 'ada' }, returnTo: '/welcome' },
  },
  {
    title: 'an earlier write in an outer block moves the regeneration before it, keeping the counter',
    rule: 'regenerate-on-login',
    code: code`
      const express = require('express');
      const app = express();
      app.post('/login', async (req, res) => {
        req.session.attempts = (req.session.attempts || 0) + 1;
        const user = await findUser(req.body);
        if (user) {
          req.session.userId = user.id;
        }
        res.redirect('/');
      });
    `,
    target: 'POST /login',
    session: { attempts: 2 },
  },
];

describe('fixed handlers behave as the original on success and pass the store error on failure', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.title}`, async () => {
      const after = fixed(c);
      const [origOk, fixedOk, fixedFail] = [await run(c.code, c, false), await run(after, c, false), await run(after, c, true)];
      expect(origOk.uncaught, 'the original runs').toEqual([]);
      expect(behaviour(fixedOk), `success, fixed:\n${after}`).toEqual(behaviour(origOk));
      expect(fixedFail.uncaught, `failure, nothing throws where nothing catches it:\n${after}`).toEqual([]);
      expect(passedError(fixedFail), `failure, the store's error is passed on:\n${after}\n${JSON.stringify(fixedFail)}`).toBe(true);
    });
  }
});

/** The text after every finding's fix, composed as `--fix` composes them (compose.ts, `forFix`). */
function fixedByAll(text: string, fileName: string): string {
  const findings = analyzeText(text, fileName);
  const plan = planForReview(findings, () => text, { forFix: true });
  const edits = new Map<string, { start: number; end: number; text: string }>();
  for (const f of findings) for (const e of plan.get(f)?.[0]?.edits ?? []) edits.set(`${e.start}:${e.end}:${e.text}`, e);
  let out = text;
  for (const e of [...edits.values()].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('a session cookie set by hand without options: the added options argument', () => {
  const handler = code`
    const express = require('express');
    const app = express();
    app.post('/login', async (req, res) => {
      const user = await findUser(req.body);
      res.cookie('session', req.body.token);
      res.redirect('/');
    });
  `;
  const c = { target: 'POST /login', body: { token: 'tok.en' } };
  const runAt = async (text: string, env: string) => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = env;
    try {
      return await runHandler(text, c);
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
  };

  it('carries every attribute the rules ask for, and the handler does nothing else differently', async () => {
    const after = fixedByAll(handler, 'app.js');
    expect(after).not.toBe(handler);
    const [orig, prod, dev] = [await runAt(handler, 'production'), await runAt(after, 'production'), await runAt(after, 'development')];
    expect(orig.uncaught).toEqual([]);
    expect(orig.cookies).toEqual(['session=tok.en; Path=/']);
    expect(prod.cookies, after).toEqual(['session=tok.en; Max-Age=86400; Path=/; Expires=+86400s; HttpOnly; Secure; SameSite=Lax']);
    // Plain-HTTP development keeps a cookie the browser sends back (no Secure there).
    expect(dev.cookies).toEqual(['session=tok.en; Max-Age=86400; Path=/; Expires=+86400s; HttpOnly; SameSite=Lax']);
    expect(behaviour(prod)).toEqual(behaviour(orig));
    expect(behaviour(dev)).toEqual(behaviour(orig));
    // Nothing is left to fix.
    expect(fixedByAll(after, 'app.js')).toBe(after);
  });
});

describe('the harness itself', () => {
  it('tells a handler that loses the error from one that passes it', async () => {
    const c = CASES[0]!;
    const lost = await run(c.code, c, true);
    expect(passedError(lost)).toBe(false);
    expect(lost.responses).toEqual(['redirect /']);
    const broken = c.code.replace('req.session.destroy();', 'req.session.destroy((err) => { if (err) return trackSession(err); });');
    const failing = await run(broken, c, true);
    expect(failing.uncaught).toEqual(['ReferenceError: trackSession is not defined']);
    expect(passedError(failing)).toBe(false);
  });

  it('sees the session a regeneration replaced', async () => {
    const c = CASES.find((x) => x.target === 'POST /signup')!;
    // The regeneration between the read and the write (main's placement) loses `pending`: a TypeError.
    const wrong = c.code.replace('req.session.userId =', 'await new Promise((resolve) => req.session.regenerate(resolve));\n  req.session.userId =');
    const o = await run(wrong, c, false);
    expect(o.settled).toBe("rejected: TypeError: Cannot read properties of undefined (reading 'data')");
    expect(STORE_ERROR).toBe('store unavailable');
  });
});
