/**
 * The project boundary and the one function that reads the scanned repository's files.
 *
 * The scanned repository may be hostile (a pull request from a fork): a symbolic link, an
 * import or a tsconfig `extends` can point anywhere. The scan reads regular files inside
 * the project and nothing else:
 *
 * - the project is the git work tree's top level above each scanned path (a `.git` folder
 *   or file, found without running git), else the outermost folder with a package.json
 *   above it, else the working folder (or the scanned path itself when it lies outside
 *   the working folder); `--project-root <folder>` names it instead;
 * - inside it: regular files only (no devices, FIFOs or sockets: checked before opening
 *   and again on the opened descriptor, opened with O_NONBLOCK so that a FIFO cannot hang
 *   the open), nothing under /proc, /sys or /dev, nothing whose real path (after symbolic
 *   links) leaves the project, nothing over MAX_FILE_BYTES (the bytes read are capped too:
 *   /proc reports size 0), and nothing under node_modules except what a purpose allows;
 * - a path the user names (--config, --baseline, --tsconfig) may lie outside the project
 *   when its name does; a named path inside the project must not lead out of it.
 *
 * Every read of a project file goes through `ProjectFiles.read` (or `tryRead`, which
 * records a refusal for one warning per kind at the end of the run: a value from a file
 * that was not read is unknown, and the report says so), settings files that only tune the
 * run (`.gitignore`, `.editorconfig`, Prettier's JSON) through `readSmall`.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isInside, relativePath } from './text.js';

/** The largest file the scan reads (a 5 MB minified bundle is read; a 2 GB /dev/zero is not). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file was not read. `dependency`: under node_modules (packages are known by name, not read). */
export type Refusal = 'outside' | 'system' | 'not-regular' | 'too-large' | 'dependency';

const REFUSAL_TEXT: Record<Refusal, string> = {
  outside: 'outside the project',
  system: 'a system file (under /proc, /sys or /dev)',
  'not-regular': 'not a regular file',
  'too-large': `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
  dependency: 'inside node_modules',
};

/** A read the boundary refused: one line, no stack (`describeFsError` shows its message). */
export class ReadRefused extends Error {
  override readonly name = 'ReadRefused';
  constructor(
    readonly reason: Refusal,
    readonly file: string,
  ) {
    super(REFUSAL_TEXT[reason]);
  }
}

/**
 * What a read is for.
 * - `project` (default): any file the scan finds by itself (imports, JSON modules, configs
 *   found upwards, tsconfig chains, package.json): inside the project, not under node_modules;
 * - `scanned`: a file discovery listed or the user named as a path to scan (under
 *   node_modules too: the user chose it);
 * - `named`: a file named by an option (--config, --baseline, --tsconfig): outside the
 *   project only when its name is;
 * - `tsconfig`: a tsconfig chain (a shared base from a package, `@tsconfig/node20`, is allowed);
 * - `package-metadata`: package versions: the package.json of an installed package and lockfiles.
 */
export type ReadPurpose = 'project' | 'scanned' | 'named' | 'tsconfig' | 'package-metadata';

const SYSTEM_DIRS = ['/proc', '/sys', '/dev'];
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', '.package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock']);
const NODE_MODULES = /(^|[\\/])node_modules([\\/]|$)/;
/** `node_modules/<name>/package.json` or `node_modules/@scope/<name>/package.json`, at any depth. */
const PACKAGE_METADATA = /[\\/]node_modules[\\/](@[^\\/]+[\\/])?[^\\/@][^\\/]*[\\/]package\.json$/;

/** O_NONBLOCK: opening a FIFO never waits for a writer; O_NOFOLLOW: the real path's last part is not swapped for a link. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

function realpath(p: string): string {
  return realpathSync.native(p);
}

/** The top of the git work tree above `dir`: the nearest folder holding `.git` (a folder, or a file in worktrees and submodules). */
function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      lstatSync(path.join(d, '.git'));
      return d;
    } catch {
      // not here
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The outermost folder above `dir` (itself included) with a package.json: a monorepo's root rather than one package. */
function outermostPackage(dir: string): string | undefined {
  let found: string | undefined;
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      if (statSync(path.join(d, 'package.json')).isFile()) found = d;
    } catch {
      // none here
    }
    if (path.dirname(d) === d) return found;
  }
}

/** Whether `real` lies under /proc, /sys or /dev (never read, whatever the boundary). */
function isSystemPath(real: string): boolean {
  return path.sep === '/' && SYSTEM_DIRS.some((d) => real === d || real.startsWith(`${d}/`));
}

export class ProjectFiles {
  /** Refused reads by reason (absolute paths as named). */
  private readonly refused = new Map<Refusal, Set<string>>();

  /** @param roots absolute real paths of the project's folders (and of scanned paths outside them). */
  constructor(readonly roots: readonly string[]) {}

  /**
   * The project of a scan: for each scanned path, the git work tree above it, else the
   * outermost package root, else the working folder (or the path itself outside it).
   * `projectRoot` (--project-root) replaces the detection. Scanned paths are always inside.
   */
  static of(inputs: readonly string[], cwd: string, projectRoot?: string): ProjectFiles {
    const realCwd = safeRealpath(cwd) ?? path.resolve(cwd);
    const roots = new Set<string>();
    if (projectRoot !== undefined) roots.add(safeRealpath(path.resolve(realCwd, projectRoot)) ?? path.resolve(realCwd, projectRoot));
    for (const input of inputs) {
      const real = safeRealpath(path.resolve(realCwd, input));
      if (real === undefined) continue;
      let dir = real;
      try {
        if (!statSync(real).isDirectory()) dir = path.dirname(real);
      } catch {
        continue;
      }
      if (projectRoot !== undefined) {
        roots.add(dir);
        continue;
      }
      roots.add(gitTop(dir) ?? outermostPackage(dir) ?? (isInside(dir, realCwd) ? realCwd : dir));
    }
    if (roots.size === 0) roots.add(realCwd);
    // Drop roots inside other roots.
    const sorted = [...roots].sort((a, b) => a.length - b.length);
    return new ProjectFiles(sorted.filter((r, i) => !sorted.slice(0, i).some((o) => isInside(r, o))));
  }

  /** Whether an absolute path lies inside the project (no file system access: compare real paths). */
  contains(abs: string): boolean {
    return this.roots.some((r) => isInside(abs, r));
  }

  /**
   * Why a file must not be read, if it must not (its real path decides, except for a named
   * path outside the project). Throws the file system's error for a missing file.
   */
  private check(file: string, purpose: ReadPurpose): { real: string; refusal?: Refusal } {
    const abs = path.resolve(file);
    let real: string;
    try {
      real = realpath(abs);
    } catch (e) {
      // A link to something with no path (/dev/stdin -> /proc/self/fd/0 -> pipe:[123]).
      const st = safeStat(abs);
      if (st && !st.isFile() && !st.isDirectory()) return { real: abs, refusal: 'not-regular' };
      throw e;
    }
    if (isSystemPath(real)) return { real, refusal: 'system' };
    const namedOutside = purpose === 'named' && !this.contains(abs);
    if (!namedOutside && !this.contains(real)) return { real, refusal: 'outside' };
    if (purpose !== 'scanned' && purpose !== 'named' && NODE_MODULES.test(path.relative(this.rootOf(real) ?? path.dirname(real), real))) {
      const allowed =
        (purpose === 'package-metadata' && (PACKAGE_METADATA.test(real) || LOCKFILES.has(path.basename(real)))) ||
        (purpose === 'tsconfig' && /\.json$/i.test(real));
      if (!allowed) return { real, refusal: 'dependency' };
    }
    return { real };
  }

  private rootOf(real: string): string | undefined {
    return this.roots.find((r) => isInside(real, r));
  }

  /**
   * The bytes of a regular file inside the project. Throws `ReadRefused` (with the reason)
   * or the file system's error (ENOENT, EACCES, ...).
   */
  readBytes(file: string, purpose: ReadPurpose = 'project'): Buffer {
    const { real, refusal } = this.check(file, purpose);
    if (refusal) throw new ReadRefused(refusal, file);
    // Before opening: opening a device can have effects of its own (a tape rewinds).
    const st = statSync(real);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: a folder, not a file: ${file}`), { code: 'EISDIR' });
    if (!st.isFile()) throw new ReadRefused('not-regular', file);
    return readRegularFile(real, file);
  }

  /** A file's text as UTF-8 (invalid bytes become U+FFFD, as editors show them). Throws as `readBytes`. */
  read(file: string, purpose: ReadPurpose = 'project'): string {
    const { real, refusal } = this.check(file, purpose);
    if (refusal) throw new ReadRefused(refusal, file);
    const st = statSync(real);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: a folder, not a file: ${file}`), { code: 'EISDIR' });
    if (!st.isFile()) throw new ReadRefused('not-regular', file);
    return readRegularText(real, file);
  }

  /**
   * The text of a file that discovery listed (`discoverFiles`): an absolute real path, found
   * as a regular entry of a folder listing under a scanned root (or a named file, resolved
   * and checked by discovery), so no `realpath` or `stat` per file: the checked open (no
   * final link, non-blocking, the open descriptor must be a regular file of at most
   * MAX_FILE_BYTES) keeps the guarantee, and a system path or one outside the project is
   * refused by name. 0.2 s of 50,000 files' reads (docs/performance.md). Throws as `read`.
   */
  readListed(file: string): string {
    if (!path.isAbsolute(file)) return this.read(file, 'scanned');
    if (isSystemPath(file)) throw new ReadRefused('system', file);
    // Under a root by its name (both are normalized real paths), else as `contains` decides (path.relative per file: 70 ms at 50,000 files).
    const under = !file.includes('/..') && !file.includes('\\..') && this.roots.some((r) => file.startsWith(r) && (file[r.length] === '/' || file[r.length] === path.sep) && !r.endsWith('/') && !r.endsWith(path.sep));
    if (!under && !this.contains(file)) throw new ReadRefused('outside', file);
    return readRegularText(file, file);
  }

  /**
   * A file's text, or undefined when it cannot be read: a refusal is recorded (one warning per
   * kind at the end of the run: `warnings()`); a missing or unreadable file is just undefined.
   */
  tryRead(file: string, purpose: ReadPurpose = 'project'): string | undefined {
    try {
      return this.read(file, purpose);
    } catch (e) {
      if (e instanceof ReadRefused) this.record(e.reason, file);
      return undefined;
    }
  }

  /**
   * A small settings file's text (a `.gitignore`, an `.editorconfig`, a JSON Prettier config),
   * or undefined: read only when it is a regular file inside the project (as `read` decides;
   * `links: false`: never through a symbolic link, as git reads `.gitignore`) of at most
   * `maxBytes`. A refusal is not recorded: these files only tune discovery and the style of
   * remedies, and the run says nothing of a missing one either.
   */
  readSmall(file: string, maxBytes: number, links = true): string | undefined {
    try {
      const { real, refusal } = this.check(file, 'project');
      if (refusal || (!links && lstatSync(file).isSymbolicLink())) return undefined;
      const st = statSync(real);
      if (!st.isFile() || st.size > maxBytes) return undefined;
      return readRegularFile(real, file).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * Whether a file exists as something the scan may read (for module resolution and config
   * lookups): a regular file inside the project. An existing file that is refused is recorded
   * (`quiet`: not recorded, for lookups that probe many places).
   */
  exists(file: string, purpose: ReadPurpose = 'project', quiet = false): boolean {
    let st;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (st.isDirectory()) return false;
    let checked;
    try {
      checked = this.check(file, purpose);
    } catch {
      return false;
    }
    const refusal = checked.refusal ?? (st.isFile() ? undefined : 'not-regular');
    if (refusal === undefined) return true;
    if (!quiet) this.record(refusal, file);
    return false;
  }

  private record(reason: Refusal, file: string): void {
    if (reason === 'dependency') return; // by design: packages are known by name
    let files = this.refused.get(reason);
    if (!files) this.refused.set(reason, (files = new Set()));
    files.add(path.resolve(file));
  }

  /** One line per kind of refused read (for `session-audit: warning: ...`), files relative to `cwd`. */
  warnings(cwd: string): string[] {
    const label: Record<Exclude<Refusal, 'dependency'>, string> = {
      outside: 'outside the project',
      system: 'system files under /proc, /sys or /dev',
      'not-regular': 'not regular files (devices, FIFOs, sockets)',
      'too-large': `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    };
    const out: string[] = [];
    for (const reason of ['outside', 'system', 'not-regular', 'too-large'] as const) {
      const files = [...(this.refused.get(reason) ?? [])].map((f) => relativePath(cwd, f)).sort();
      if (files.length === 0) continue;
      const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
      const hint = reason === 'outside' ? '; --project-root <folder> widens the project' : '';
      out.push(`not read, ${label[reason]}: ${shown} (values from ${files.length === 1 ? 'it' : 'them'} stay unknown${hint})`);
    }
    return out;
  }

  /**
   * Checks that writing `file` (a report or baseline the user named) stays where the user
   * asked: a path named inside the project must not lead out of it through a symbolic
   * link (a committed `reports -> /elsewhere`). A path named outside is where they asked.
   * Returns the reason when it must not be written.
   */
  writeRefusal(file: string): string | undefined {
    const abs = path.resolve(file);
    if (!this.contains(abs)) return undefined;
    // The nearest folder that exists (the rest is created inside it).
    let dir = path.dirname(abs);
    while (safeLstat(dir) === undefined && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const realDir = safeRealpath(dir);
    if (realDir !== undefined && !this.contains(realDir)) return `the folder ${relativePath(this.rootOf(abs) ?? '/', dir)} leads outside the project (a symbolic link to ${realDir})`;
    const st = safeLstat(abs);
    if (st?.isSymbolicLink()) {
      const real = safeRealpath(abs);
      if (real === undefined || !this.contains(real)) return `it is a symbolic link that leads outside the project${real ? ` (to ${real})` : ''}`;
    }
    return undefined;
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpath(p);
  } catch {
    return undefined;
  }
}

function safeStat(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function safeLstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a regular file, never through a symbolic link (its last part), never blocking
 * on a FIFO, at most MAX_FILE_BYTES. The low-level read under `ProjectFiles.readBytes`, and
 * for files --fix is about to replace. `shown` names the file in a refusal.
 */
export function readRegularFile(file: string, shown = file): Buffer {
  return withCheckedOpen(file, shown, (fd, size) => readCapped(fd, size, shown));
}

/**
 * A regular file's text as UTF-8, read as `readRegularFile` reads it, through one scratch
 * buffer reused from file to file (most files are small: no buffer allocated per file, and
 * the text is decoded once from the bytes read).
 */
function readRegularText(file: string, shown = file): string {
  return withCheckedOpen(file, shown, (fd, size) => {
    if (size >= SCRATCH_BYTES) return readCapped(fd, size, shown).toString('utf8');
    const total = readInto(fd, (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)), shown, size);
    // The file grew past the scratch buffer while being read: read it again as a whole.
    if (total === SCRATCH_BYTES) return readCapped(fd, SCRATCH_BYTES, shown, scratch).toString('utf8');
    return scratch.toString('utf8', 0, total);
  });
}

/**
 * Opens a file without following a final symbolic link and without blocking, checks the open
 * file (a regular file, within the size cap) and hands it to `read`; closes it whatever happens.
 */
function withCheckedOpen<T>(file: string, shown: string, read: (fd: number, size: number) => T): T {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    // ELOOP: the last part is a symbolic link (it became one since it was checked).
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new ReadRefused('outside', shown);
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadRefused('not-regular', shown);
    if (st.size > MAX_FILE_BYTES) throw new ReadRefused('too-large', shown);
    return read(fd, st.size);
  } finally {
    closeSync(fd);
  }
}

/** The scratch buffer of `readRegularText` (files smaller than it are read into it). */
const SCRATCH_BYTES = 1 << 20;
let scratch: Buffer | undefined;

/**
 * Reads from an open file until its end or until `buf` is full; the number of bytes read.
 * `size`: what fstat said; once that much is read the file is taken as read (as `readFileSync`
 * takes it), which saves the one more read that would return 0: a system call per file, about
 * 0.05 s of 50,000 files. A size of 0 (a file that does not say) reads to the end.
 */
function readInto(fd: number, buf: Buffer, file: string, size = 0): number {
  let total = 0;
  while (total < buf.length && (size === 0 || total < size)) {
    const n = readChunk(fd, buf, total, file);
    if (n === 0) break;
    total += n;
  }
  return total;
}

/** One read into `buf` from `offset` on; the number of bytes read (0 at the end). */
function readChunk(fd: number, buf: Buffer, offset: number, file: string): number {
  try {
    return readSync(fd, buf, offset, buf.length - offset, null);
  } catch (e) {
    // A non-blocking descriptor of something that is not a file after all.
    if ((e as NodeJS.ErrnoException).code === 'EAGAIN') throw new ReadRefused('not-regular', file);
    throw e;
  }
}

/**
 * Reads an open file to its end, at most MAX_FILE_BYTES (a file may grow, and /proc files say
 * size 0). `head`: bytes already read from it (continued from there).
 */
function readCapped(fd: number, size: number, file: string, head?: Buffer): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(MAX_FILE_BYTES + 1, Math.max(size + 1, 64 * 1024)));
  if (head) head.copy(buf);
  let total = head ? head.length : 0;
  for (;;) {
    if (total === buf.length) {
      if (buf.length > MAX_FILE_BYTES) throw new ReadRefused('too-large', file);
      const bigger = Buffer.allocUnsafe(Math.min(MAX_FILE_BYTES + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = readChunk(fd, buf, total, file);
    if (n === 0) break;
    total += n;
  }
  if (total > MAX_FILE_BYTES) throw new ReadRefused('too-large', file);
  return buf.subarray(0, total);
}
