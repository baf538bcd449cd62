/**
 * Which files are tests (src/source-files.ts), by their path below the project folder: the
 * CLI asks it of every file it lists, so the folder part of the answer is kept per folder;
 * the answers must be those of the path below the folder, wherever the file lies.
 */
import { describe, expect, it } from 'vitest';
import { isTestFile, isTestFolder } from '../../src/source-files.js';

describe('isTestFile', () => {
  const project = '/home/me/tests/app';
  it('a test folder or a test infix below the project folder makes a test; folders above it do not', () => {
    expect(isTestFile('/home/me/tests/app/src/session.js', project)).toBe(false);
    expect(isTestFile('/home/me/tests/app/test/session.js', project)).toBe(true);
    expect(isTestFile('/home/me/tests/app/src/__mocks__/deep/session.js', project)).toBe(true);
    expect(isTestFile('/home/me/tests/app/src/session.spec.ts', project)).toBe(true);
    expect(isTestFile('/home/me/tests/app/src/session.test.js', project)).toBe(true);
    // Asked again (the folder's answer is kept): the same answers.
    expect(isTestFile('/home/me/tests/app/src/other.js', project)).toBe(false);
    expect(isTestFile('/home/me/tests/app/test/other.js', project)).toBe(true);
  });

  it("the last folder's answer is reused only for that folder and that project folder", () => {
    // Same folder, then another project folder above which it is a test folder, then a folder that extends the last one's name.
    expect(isTestFile('/w/app/test/a.js', '/w/app')).toBe(true);
    expect(isTestFile('/w/app/test/b.js', '/w/app')).toBe(true);
    expect(isTestFile('/w/app/test/b.js', '/w/app/test')).toBe(false);
    expect(isTestFile('/w/app/test/c.js', '/w/app/test')).toBe(false);
    expect(isTestFile('/w/app/test/c.js', '/w/app')).toBe(true);
    expect(isTestFile('/w/app/testing/c.js', '/w/app')).toBe(false);
    expect(isTestFile('/w/app/tes/c.js', '/w/app')).toBe(false);
    expect(isTestFile('/w/app/tests/c.js', '/w/app')).toBe(true);
    expect(isTestFile('/w/app/tests2/c.js', '/w/app')).toBe(false);
  });

  it('a file outside the project folder: only its path below the folder both share counts', () => {
    expect(isTestFile('/tmp/tree/src/session.js', project)).toBe(false);
    expect(isTestFile('/tmp/tree/tests/session.js', project)).toBe(true);
    expect(isTestFile('/home/me/tests/other/session.js', project)).toBe(false);
    expect(isTestFile('/home/me/tests/other/test/session.js', project)).toBe(true);
  });

  it('the project folder itself, a folder above it, relative paths and a trailing slash', () => {
    expect(isTestFile(project, project)).toBe(false);
    expect(isTestFile('/home/me/tests', project)).toBe(false);
    expect(isTestFile('/home/me/tests/app/test/', project)).toBe(false); // the folder itself, as a file name
    expect(isTestFile('/home/me/tests/app/test/x/', project)).toBe(true);
    expect(isTestFile('test/a.js', project)).toBe(true);
    expect(isTestFile('src/a.js', project)).toBe(false);
    expect(isTestFolder('/home/me/tests/app/tests/unit', project)).toBe(true);
    expect(isTestFolder('/home/me/tests/app/src', project)).toBe(false);
  });
});
