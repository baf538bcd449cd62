// Sessions a library hands out (session-objects.ts): which writes the engine sees, through which getter, where each
// session lives, and when a React Router session is a new one. The rules' tests check the findings; these check the model.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { TSModule } from '../../src/analysis/host.js';
import { singleFileAnalyzer } from '../../src/analysis/index.js';

function writes(code: string, file = 'app.ts') {
  const { analyzer, sourceFile } = singleFileAnalyzer(ts as unknown as TSModule, file, code);
  return analyzer.analyze(sourceFile).sessionWrites.map((w) => ({
    key: w.key,
    via: w.via,
    kind: w.valueKind ?? 'removed',
    store: w.store && `${w.store.label} ${w.store.shape.storage}${w.store.fresh ? ' fresh' : ''}`,
  }));
}

describe('session objects', () => {
  it('React Router: set, flash and unset through the storage object, a destructured getter and a wrapper', () => {
    expect(
      writes(`import { createCookieSessionStorage, createFileSessionStorage } from 'react-router';
const KEY = 'userId';
const cookies = createCookieSessionStorage({ cookie: { name: 'a' } });
const { getSession } = createFileSessionStorage({ dir: '/tmp', cookie: { name: 'b' } });
const read = (request: Request) => cookies.getSession(request.headers.get('Cookie'));
export async function one(request: Request) {
  const a = await read(request);
  a.set(KEY, 1);
  a.flash('notice', 'hi');
  const b = await getSession();
  b.unset('userId');
}`),
    ).toEqual([
      { key: 'userId', via: 'library', kind: 'flag', store: "react-router's `createCookieSessionStorage` signed-cookie" },
      { key: 'notice', via: 'library', kind: 'data', store: "react-router's `createCookieSessionStorage` signed-cookie" },
      { key: 'userId', via: 'library', kind: 'removed', store: "react-router's `createFileSessionStorage` server fresh" },
    ]);
  });

  it('iron-session by property, h3 by update; Auth.js callbacks by assignment and by the returned object', () => {
    expect(
      writes(`import { getIronSession } from 'iron-session';
import { useSession } from 'h3';
import NextAuth from 'next-auth';
export async function a(event: unknown, cookieStore: unknown) {
  const s = await getIronSession(cookieStore, { password: process.env.P!, cookieName: 'x' });
  s.user = { id: 1 };
  const h = await useSession(event, { password: process.env.P! });
  await h.update({ theme: 'dark' });
}
export default NextAuth({
  callbacks: {
    jwt({ token }) { token.role = 'admin'; return token; },
    session: ({ session, token }) => ({ ...session, role: token.role }),
  },
});`),
    ).toEqual([
      { key: 'role', via: 'library', kind: 'data', store: "next-auth's `callbacks.session` browser" },
      { key: 'user', via: 'library', kind: 'data', store: "iron-session's `getIronSession` sealed-cookie" },
      { key: 'theme', via: 'library', kind: 'data', store: "h3's `useSession` sealed-cookie" },
      { key: 'role', via: 'library', kind: 'data', store: "next-auth's `callbacks.jwt` sealed-cookie" },
    ]);
  });

  it('hard negatives: a Map, an unknown getSession, callbacks in an object that is no Auth.js option', () => {
    expect(
      writes(`import { getSession } from './elsewhere';
const m = new Map();
m.set('userId', 1);
export async function f(request: Request) {
  const s = await getSession(request);
  s.set('userId', 1);
  const cfg = { callbacks: { session({ session }) { session.token = 'x'; return session; } } };
}`),
    ).toEqual([]);
  });
});
