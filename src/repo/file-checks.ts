import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';

/**
 * What a file looked like when it was read (stampOf): the dev server's caches (the YAML read
 * cache in scan.ts, the bootstrap-comment cache in bootstrap-read.ts) read a file again only when
 * its stamp changed. Throws when the file is gone.
 */
export function fileStamp(abs: string): string {
  return stampOf(statSync(abs));
}

/**
 * The stamp of stat results already at hand: mtime and size, and which file it is (device and inode).
 * A symlink is stamped by its target's stat, so a link moved to another file with the same mtime and
 * size (a checkout writes many files in the same second) would keep its old documents without the
 * inode; so would a file replaced by another (an editor's save by rename) with the same mtime and size.
 */
export function stampOf(st: { mtimeMs: number; size: number; dev: number; ino: number }): string {
  return `${st.mtimeMs}:${st.size}:${st.dev}:${st.ino}`;
}

/** Default size above which a file is not read: real manifests are far smaller, vendored CRDs ~1 MiB. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** How much of the start of a file is searched for NUL bytes to tell binary from text (as git does). */
const BINARY_SNIFF_BYTES = 8000;

export interface TextResult {
  /** The decoded text, or null when the file is skipped (too large, binary, unreadable). */
  text: string | null;
  findings: Finding[];
}

/**
 * Read a file as text, never more than `maxBytes`: the size is checked on the open handle before
 * any byte is read, so a 50 MB file costs one fstat.
 *
 * Synchronous I/O on purpose (the function stays async for its callers): manifests are small, and
 * four thread-pool round trips per file (open, fstat, read, close) cost 5-10 times the read itself
 * (5,700 files: ~400 ms against ~60 ms on 2 cores, scripts/bench).
 */
export async function readTextFile(path: string, abs: string, maxBytes = DEFAULT_MAX_BYTES): Promise<TextResult> {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return skip(finding('FILE_UNREADABLE', 'warning', 'The file could not be opened.', fileSource(path), { area: 'yaml' }));
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return skip(tooLarge(path, size, maxBytes));
    // Read at most maxBytes + 1 even if the file grew since fstat.
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buf.length) break;
    }
    if (length > maxBytes) return skip(tooLarge(path, length, maxBytes));
    return decodeText(buf.subarray(0, length), path);
  } catch {
    return skip(finding('FILE_UNREADABLE', 'warning', 'The file could not be read.', fileSource(path), { area: 'yaml' }));
  } finally {
    closeSync(fd);
  }
}

/**
 * Turn bytes into text the way an editor would: UTF-16 with a BOM is decoded (info finding), a NUL
 * byte near the start means binary (skipped), invalid UTF-8 is decoded with U+FFFD and reported at
 * the line of its first bad byte, so the rest of the file is still read.
 */
function decodeText(bytes: Uint8Array, path: string): TextResult {
  const findings: Finding[] = [];
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    findings.push(finding('ENCODING_UTF16', 'info', `The file is UTF-16 (${le ? 'LE' : 'BE'}) with a byte order mark; it was decoded, but Flux and kubectl expect UTF-8.`, fileSource(path), { area: 'yaml' }));
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return { text, findings };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    return skip(finding('BINARY_FILE', 'warning', 'The file contains NUL bytes and looks binary; it was not read as YAML.', fileSource(path, lineAt(bytes, nul)), { area: 'yaml' }));
  }
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  if (!isUtf8(body)) {
    const bad = firstInvalidUtf8(body);
    findings.push(finding('ENCODING_INVALID_UTF8', 'warning', 'The file is not valid UTF-8; invalid bytes were replaced with U+FFFD.', fileSource(path, lineAt(body, bad)), { area: 'yaml' }));
  }
  return { text: new TextDecoder('utf-8').decode(body), findings };
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (only called once isUtf8 said there is one). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let n: number;
    let min: number;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function tooLarge(path: string, size: number, maxBytes: number): Finding {
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  return finding('FILE_TOO_LARGE', 'warning', `The file is ${mib(size)} MiB, over the ${mib(maxBytes)} MiB limit; it was not read (raise maxBytes to include it).`, fileSource(path), { area: 'yaml' });
}

function skip(f: Finding): TextResult {
  return { text: null, findings: [f] };
}
