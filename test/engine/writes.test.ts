// Property writes after creation: certain in the declaring function, only possible in a callback.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { TSModule } from '../../src/analysis/host.js';
import { singleFileAnalyzer } from '../../src/analysis/index.js';

function secureValues(code: string): unknown[] {
  const { analyzer, sourceFile } = singleFileAnalyzer(ts as unknown as TSModule, 'app.js', code);
  const [site] = analyzer.analyze(sourceFile).sites;
  return site!.view('production').option('cookie.secure').map((ov) => (ov.missingPath ? 'missing' : ov.value.kind === 'literal' ? ov.value.value : ov.value.kind));
}

describe('property writes after creation', () => {
  it('a production-guarded write in the function that declares the options replaces the value', () => {
    expect(
      secureValues(`import session from 'express-session';
export function adminSession(app) {
  const sess = { secret: process.env.S, cookie: {} };
  if (app.get('env') === 'production') { sess.cookie.secure = true; }
  return session(sess);
}`),
    ).toEqual([true]);
  });

  it('a write inside a callback may never run: both values stay possible', () => {
    expect(
      secureValues(`import session from 'express-session';
const sess = { secret: process.env.S, cookie: {} };
onReady(() => { sess.cookie.secure = true; });
app.use(session(sess));`),
    ).toEqual(['missing', true]);
  });
});
