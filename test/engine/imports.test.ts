// Session libraries are found however the module is loaded; a function that
// merely has a loader's name is not a loader.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';

const secretFindings = (code: string) => analyzeText(code, 'app.mjs', { rules: { 'no-hardcoded-secret': true } }).map((f) => code.slice(f.start, f.end));

describe('module loading forms', () => {
  it('a require made by createRequire(import.meta.url)', () => {
    expect(
      secretFindings(`import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const session = require('express-session');
app.use(session({ secret: 'x' }));`),
    ).toEqual(["secret: 'x'"]);
  });

  it('dynamic import, destructured or through the namespace', () => {
    expect(secretFindings(`const { default: session } = await import('express-session');\napp.use(session({ secret: 'x' }));`)).toEqual(["secret: 'x'"]);
    expect(secretFindings(`const mod = await import('express-session');\napp.use(mod.default({ secret: 'x' }));`)).toEqual(["secret: 'x'"]);
  });

  it('hard negative: a local function called require is not a loader', () => {
    expect(secretFindings(`const require = (x) => x;\nconst session = require('express-session');\napp.use(session({ secret: 'x' }));`)).toEqual([]);
  });

  it('hard negative: import() of another module', () => {
    expect(secretFindings(`const { default: session } = await import('./session.js');\napp.use(session({ secret: 'x' }));`)).toEqual([]);
  });
});
