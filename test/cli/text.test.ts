import { describe, expect, it } from 'vitest';
import { LineIndex, dominantEol } from '../../src/cli/text.js';

describe('positions', () => {
  it('counts lines as ECMAScript does (LF, CRLF, CR, LS, PS) and columns in UTF-16 units', () => {
    const idx = new LineIndex('a\r\nb\rc\u2028d\u2029e\n🍪x');
    expect([0, 3, 5, 7, 9, 11, 13].map((o) => idx.position(o))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 2, column: 1, offset: 3 },
      { line: 3, column: 1, offset: 5 },
      { line: 4, column: 1, offset: 7 },
      { line: 5, column: 1, offset: 9 },
      { line: 6, column: 1, offset: 11 },
      { line: 6, column: 3, offset: 13 },
    ]);
    expect(idx.lineText(1)).toBe('a');
    expect(idx.lineText(6)).toBe('🍪x');
  });

  it('gives UTF-8 byte columns', () => {
    const idx = new LineIndex('x\né🍪y');
    expect(idx.byteColumn(idx.position(2))).toBe(1);
    expect(idx.byteColumn(idx.position(3))).toBe(3); // after é (2 bytes)
    expect(idx.byteColumn(idx.position(5))).toBe(7); // after 🍪 (4 bytes, 2 units)
  });

  it('finds the dominant line ending', () => {
    expect(dominantEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(dominantEol('a\nb\r\nc\n')).toBe('\n');
    expect(dominantEol('abc')).toBe('\n');
  });

  it('lineIn: a line of a text of the same length (secrets masked), cut where the text as is breaks its lines', () => {
    const raw = "a = 'x\r\ny';\r\nb\u2028c\rd";
    // The masked text has bullets where the raw text's line break inside the secret was.
    const masked = "a = '••••';\r\nb\u2028c\rd";
    const idx = new LineIndex(raw);
    expect([1, 2, 3, 4, 5, 6].map((l) => idx.lineIn(masked, l))).toEqual(["a = '•", "•';", 'b', 'c', 'd', '']);
    expect([1, 2, 3, 4, 5].map((l) => idx.lineText(l))).toEqual(["a = 'x", "y';", 'b', 'c', 'd']);
  });
});
