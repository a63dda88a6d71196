/**
 * The only way `atlas export` touches the disk. The repository is not ours: a README.md, SECRETS.md
 * or CHANGELOG.md may be a symlink (existing or dangling) to a file outside it, a folder may be
 * named README.md, a file may be UTF-16 or Latin-1. So:
 * - every path component below the repository's real root is lstat'ed: a symlink anywhere on the
 *   way, a file where a folder is expected, or a folder where the file should be is refused with a
 *   finding (never followed, never created through);
 * - the file's bytes are decoded only when they round-trip exactly: UTF-8 with or without a BOM.
 *   UTF-16/32, invalid UTF-8 and NUL bytes are refused instead of being rewritten with U+FFFD;
 * - the write is atomic: a temp file opened with O_CREAT|O_EXCL|O_NOFOLLOW in the same folder,
 *   then renamed over the target (rename replaces the entry, it never follows a link);
 * - reading (`readTarget`) happens for every target before anything is written (see write-plan.ts).
 */
import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { finding, type Finding, type FindingCode } from '../../model/finding.ts';

/** What a target's current bytes are: absent, or text we can keep byte for byte around the markers. */
export type TargetState =
  | { kind: 'missing' }
  | { kind: 'file'; text: string; bom: boolean; mode: number }
  | { kind: 'refused'; finding: Finding };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A Markdown file the export edits is read whole; beyond this it is left alone. */
const MAX_TARGET_BYTES = 8 * 1024 * 1024;

function refusal(file: string, code: FindingCode, message: string): { kind: 'refused'; finding: Finding } {
  return { kind: 'refused', finding: finding(code, 'error', message, { file, line: 1, col: 1 }, { area: 'export' }) };
}

/** The repository's real root (symlinks of the path given on the command line resolved once). */
export function realRoot(root: string): string {
  return realpathSync(root);
}

/** Repo-relative POSIX path split into safe segments, or null (absolute, `..`, `.`, empty, NUL, backslash). */
function segments(file: string): string[] | null {
  if (file === '' || file.startsWith('/') || file.includes('\0') || file.includes('\\')) return null;
  const parts = file.split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..') ? parts : null;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

type PathCheck = { ok: true; abs: string; stat: Stats | null } | { ok: false; refusal: { kind: 'refused'; finding: Finding } };

/**
 * Walks `file` from the real root with lstat: every existing folder on the way must be a real
 * folder, the last component a regular file or absent. Nothing is followed.
 */
function checkPath(root: string, file: string): PathCheck {
  const parts = segments(file);
  if (!parts) return { ok: false, refusal: refusal(file, 'EXPORT_TARGET_OUTSIDE_REPO', `Not written: "${file}" is not a plain path inside the repository.`) };
  let abs = root;
  for (let i = 0; i < parts.length; i++) {
    abs = join(abs, parts[i]!);
    const st = lstatOrNull(abs);
    const shown = parts.slice(0, i + 1).join('/');
    if (st === null) return { ok: true, abs: join(root, ...parts), stat: null };
    if (st.isSymbolicLink()) {
      return { ok: false, refusal: refusal(file, 'EXPORT_TARGET_SYMLINK', `Not written: "${shown}" is a symbolic link; atlas export never writes through a link (it could point outside the repository). Replace the link with a real ${i === parts.length - 1 ? 'file' : 'folder'}.`) };
    }
    if (i < parts.length - 1 && !st.isDirectory()) {
      return { ok: false, refusal: refusal(file, 'EXPORT_TARGET_NOT_A_FILE', `Not written: "${shown}" is not a folder, so "${file}" cannot be created.`) };
    }
    if (i === parts.length - 1) {
      if (!st.isFile()) return { ok: false, refusal: refusal(file, 'EXPORT_TARGET_NOT_A_FILE', `Not written: "${file}" is a ${st.isDirectory() ? 'folder' : 'special file'}, not a Markdown file. Rename it so the generated file can be written.`) };
      return { ok: true, abs, stat: st };
    }
  }
  return { ok: true, abs, stat: null };
}

/**
 * Text of a file whose bytes we can keep exactly, or why not. UTF-8 decoding is fatal, so a
 * successful decode re-encodes to the very same bytes.
 */
function decodeKept(bytes: Buffer, file: string): TargetState {
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  if (!bom && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return refusal(file, 'EXPORT_ENCODING_UNSUPPORTED', `Not written: "${file}" is UTF-16 or UTF-32 encoded; atlas export only edits UTF-8 files, so that the text outside the markers stays exactly as it is. Convert it to UTF-8.`);
  }
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return refusal(file, 'EXPORT_ENCODING_UNSUPPORTED', `Not written: "${file}" contains NUL bytes (UTF-16 without a BOM, or a binary file); atlas export only edits UTF-8 text.`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { kind: 'file', text, bom, mode: 0 };
  } catch {
    return refusal(file, 'EXPORT_ENCODING_UNSUPPORTED', `Not written: "${file}" is not valid UTF-8; rewriting it would replace bytes outside the markers. Convert it to UTF-8.`);
  }
}

/** Reads a target for the plan without following any link. Never throws. */
export function readTarget(root: string, file: string): TargetState {
  try {
    const path = checkPath(root, file);
    if (!path.ok) return path.refusal;
    if (path.stat === null) return { kind: 'missing' };
    if (path.stat.size > MAX_TARGET_BYTES) return refusal(file, 'EXPORT_TARGET_TOO_LARGE', `Not written: "${file}" is ${path.stat.size} bytes, more than the ${MAX_TARGET_BYTES} bytes atlas export edits.`);
    // O_NOFOLLOW: if the file was swapped for a link since the lstat, the open fails (ELOOP).
    const fd = openSync(path.abs, constants.O_RDONLY | constants.O_NOFOLLOW);
    let bytes: Buffer;
    try {
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    const state = decodeKept(bytes, file);
    return state.kind === 'file' ? { ...state, mode: path.stat.mode & 0o7777 } : state;
  } catch (error) {
    return refusal(file, 'EXPORT_TARGET_UNREADABLE', `Not written: "${file}" could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** Creates the missing folders of `file` one at a time, each checked to be a real folder. */
function makeFolders(root: string, parts: readonly string[]): string {
  let abs = root;
  for (const part of parts) {
    abs = join(abs, part);
    const st = lstatOrNull(abs);
    if (st === null) mkdirSync(abs);
    const now = lstatSync(abs);
    if (now.isSymbolicLink() || !now.isDirectory()) throw Object.assign(new Error(`${part} is not a folder`), { code: 'ENOTDIR' });
  }
  return abs;
}

const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Writes `text` (plus the BOM the file had) to `file` under the real root atomically, refusing the
 * same things readTarget refuses. Returns a finding instead of throwing.
 */
export function writeTarget(root: string, file: string, text: string, options: { bom?: boolean; mode?: number } = {}): Finding | null {
  const path = checkPath(root, file);
  if (!path.ok) return path.refusal.finding;
  const parts = segments(file)!;
  let tmp: string | null = null;
  try {
    const folder = makeFolders(root, parts.slice(0, -1));
    if (!inside(root, realpathSync(folder))) return refusal(file, 'EXPORT_TARGET_OUTSIDE_REPO', `Not written: the folder of "${file}" resolves outside the repository.`).finding;
    tmp = join(folder, `.${parts.at(-1)}.atlas-${process.pid}-${Date.now().toString(36)}.tmp`);
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, options.mode || 0o644);
    try {
      const bytes = Buffer.from(text, 'utf8');
      if (options.bom) writeSync(fd, UTF8_BOM);
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The target may have become a link or a folder since it was read: check again right before the rename.
    const again = checkPath(root, file);
    if (!again.ok) {
      rmSync(tmp, { force: true });
      return again.refusal.finding;
    }
    renameSync(tmp, path.abs);
    tmp = null;
    return null;
  } catch (error) {
    if (tmp) rmSync(tmp, { force: true });
    return finding('EXPORT_WRITE_FAILED', 'error', `Could not write "${file}" (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { file, line: 1, col: 1 }, { area: 'export' });
  }
}
