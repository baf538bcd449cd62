// Suggestions keep the file's layout: inserted lines use its line endings and indentation.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';

function applyFirst(text: string, ruleId: string): string {
  const [finding] = analyzeText(text, 'app.js', { rules: { [ruleId]: true } });
  expect(finding).toBeDefined();
  const edits = [...finding!.suggestions[0]!.edits].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('edits', () => {
  const lines = ["const session = require('express-session');", 'app.use(session({', '  secret: process.env.SESSION_SECRET,', '  cookie: {', '    maxAge: 60000, // one minute', '  },', '}));', ''];

  it('inserts a property on its own line, after a trailing comment, with LF', () => {
    expect(applyFirst(lines.join('\n'), 'require-secure-cookie')).toBe(
      [...lines.slice(0, 4), '    maxAge: 60000, // one minute', "    secure: process.env.NODE_ENV === 'production',", ...lines.slice(5)].join('\n'),
    );
  });

  it('keeps CRLF line endings in inserted lines', () => {
    const out = applyFirst(lines.join('\r\n'), 'require-secure-cookie');
    expect(out).toBe([...lines.slice(0, 4), '    maxAge: 60000, // one minute', "    secure: process.env.NODE_ENV === 'production',", ...lines.slice(5)].join('\r\n'));
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps the comments an empty object holds, inserting after them (multi-line and inline)', () => {
    const multi = ["const session = require('express-session');", 'app.use(session({', '  // TODO: a store', '  // the secret comes later', '}));', ''];
    expect(applyFirst(multi.join('\n'), 'require-secure-cookie')).toBe(
      [...multi.slice(0, 4), "  cookie: { secure: process.env.NODE_ENV === 'production' }", ...multi.slice(4)].join('\n'),
    );
    const inline = "const session = require('express-session');\napp.use(session({ /* later */ }));\n";
    expect(applyFirst(inline, 'require-secure-cookie')).toBe("const session = require('express-session');\napp.use(session({ /* later */ cookie: { secure: process.env.NODE_ENV === 'production' } }));\n");
  });

  it('adds an error callback with CRLF in a CRLF file, moving the rest of the handler into it', () => {
    const text = ["app.post('/logout', (req, res, next) => {", '  req.session.destroy();', "  res.redirect('/');", '});', ''].join('\r\n');
    const out = applyFirst(text, 'handle-session-errors');
    expect(out).toBe(
      ["app.post('/logout', (req, res, next) => {", '  req.session.destroy((err) => {', '    if (err) return next(err);', "    res.redirect('/');", '  });', '});', ''].join('\r\n'),
    );
  });
});
