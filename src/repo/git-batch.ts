import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { safeGitArgs, safeGitEnv } from './git-env.ts';

/**
 * Questions to git that used to be one process per path or per commit, asked of one process each.
 * A roadmap's history was one `git show` per version (up to 50, one after the other: ~210 ms for 50),
 * and the last-change dates of the SOPS files a site shows one `git log -1` per file (8 at a time:
 * 100 files of a 300-commit home-ops ~400-500 ms, the second core busy all along). Both answer what
 * the per-path commands answered (test/repo/git-batch.test.ts compares them on a history with
 * merges, renames and deletions).
 */

/** Characters that make a pathspec a pattern (or magic): such a path is asked on its own. */
const PATTERN = /[*?[\\]|^:/;

/**
 * The committer date (ISO 8601) of the last commit that changed each path, a file or a folder, as
 * `git log -1 --format=%cI -- <path>` gives it; null where git knows none. One `git log --name-only`
 * over the paths' history, stopped once every path has its date. (A merge that kept one side's
 * version of a path while the other side changed it too is the one case where this can differ: the
 * walk over all the paths may follow the side whose change the merge dropped.)
 */
export async function lastChangeDates(repoRoot: string, paths: readonly string[], gitBinary = 'git'): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  // A path by its form as git lists it: no `./`, no trailing slash.
  const wanted = new Map<string, string[]>();
  const alone: string[] = [];
  for (const p of paths) {
    out.set(p, null);
    const key = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (key === '' || key === '.' || key.startsWith('/') || key.split('/').includes('..') || PATTERN.test(key)) alone.push(p);
    else (wanted.get(key) ?? wanted.set(key, []).get(key)!).push(p);
  }
  await Promise.all([
    wanted.size > 0 ? walk(repoRoot, wanted, out, gitBinary) : null,
    ...alone.map(async (p) => out.set(p, (await gitText(repoRoot, ['log', '-1', '--format=%cI', '--', p], gitBinary))?.trim() || null)),
  ]);
  return out;
}

function walk(repoRoot: string, wanted: Map<string, string[]>, out: Map<string, string | null>, gitBinary: string): Promise<void> {
  // -z: names as they are, NUL after each; each commit starts with \x1e, its hash, parents and date.
  // --relative: names relative to -C (a repository in a sub-folder of a larger work tree). -m: a
  // merge lists what differs from each parent, once per parent.
  const args = ['--literal-pathspecs', 'log', '-z', '-m', '--format=%x1e%H%x1f%P%x1f%cI', '--name-only', '--no-renames', '--relative', '--', ...wanted.keys()];
  return new Promise((resolve) => {
    const child = startGit(repoRoot, args, gitBinary, 'ignore');
    if (child === null) return resolve();
    // The commit being read: a path changed in it when it differs from every parent (as `git log --
    // <path>` decides: a merge that kept one parent's version of the path is no change of it).
    let commit: { hash: string; parents: number; date: string | null; lists: Map<string, number> } | null = null;
    let listed = new Set<string>();
    const endList = () => {
      if (commit) for (const key of listed) commit.lists.set(key, (commit.lists.get(key) ?? 0) + 1);
      listed = new Set();
    };
    const endCommit = () => {
      endList();
      if (!commit || commit.date === null) return;
      for (const [key, n] of commit.lists) {
        const asked = wanted.get(key);
        if (asked === undefined || n < Math.max(1, commit.parents)) continue;
        for (const p of asked) out.set(p, commit.date);
        wanted.delete(key);
      }
    };
    const take = (token: string) => {
      if (token.startsWith('\x1e')) {
        const [hash = '', parents = '', date = ''] = token.slice(1).trim().split('\x1f');
        if (commit?.hash === hash) return endList();
        endCommit();
        commit = { hash, parents: parents.split(' ').filter(Boolean).length, date: date || null, lists: new Map() };
        return;
      }
      // The first name after the header comes after a newline.
      const name = token.startsWith('\n') ? token.slice(1) : token;
      // The file, then each folder above it, may be a path asked for.
      for (let end = name.length; end > 0; end = name.lastIndexOf('/', end - 1)) {
        const key = end === name.length ? name : name.slice(0, end);
        if (wanted.has(key)) listed.add(key);
      }
    };
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (wanted.size === 0) return;
      const tokens = (rest + chunk).split('\0');
      rest = tokens.pop()!;
      for (const t of tokens) if (t !== '') take(t);
      // Every path has its date: the rest of the history is not needed.
      if (wanted.size === 0) child.kill();
    });
    child.on('error', () => resolve());
    child.on('close', () => {
      if (rest !== '') take(rest);
      endCommit();
      resolve();
    });
  });
}

/**
 * The text of each `<rev>:<path>` (`<rev>:./<path>` is resolved against -C), or null where git has no
 * such blob: one `git cat-file --batch` for all of them, in order.
 */
export function readBlobs(repoRoot: string, specs: readonly string[], gitBinary = 'git'): Promise<(string | null)[]> {
  const none = specs.map(() => null);
  if (specs.length === 0 || specs.some((s) => /[\n\r]/.test(s))) return Promise.resolve(none);
  return new Promise((resolve) => {
    const child = startGit(repoRoot, ['cat-file', '--batch'], gitBinary, 'pipe');
    if (child === null) return resolve(none);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdin.on('error', () => {});
    child.on('error', () => resolve(none));
    child.on('close', () => resolve(parseBatch(Buffer.concat(chunks), specs.length)));
    child.stdin.end(specs.map((s) => `${s}\n`).join(''));
  });
}

/**
 * Each blob of `specs` handed to `onBlob` as git streams it, one at a time (never all of them held
 * together: the changelog names thousands of bumps from their files), in order; blobs above `maxBytes`
 * and specs git has no blob for are skipped. One `git cat-file --batch`.
 */
export function eachBlob(
  repoRoot: string,
  specs: readonly string[],
  onBlob: (index: number, text: string) => void,
  options: { maxBytes: number; gitBinary?: string },
): Promise<void> {
  const stream = blobStream(repoRoot, options);
  stream.read(specs, onBlob);
  return stream.close();
}

/**
 * A `git cat-file --batch` that is asked again and again (eachBlob's, kept open): `read` queues specs
 * whose blobs reach `onBlob` as they stream, `close` ends it once every answer has come. A caller that
 * asks as it goes (the changelog, after each chunk of the history's diff) pays for one process, and
 * git answers while the caller reads on.
 */
export function blobStream(repoRoot: string, options: { maxBytes: number; gitBinary?: string }) {
  /** The callback of each spec asked, in order: git answers in the order it was asked. */
  const asked: (((text: string) => void) | undefined)[] = [];
  let answered = 0;
  let child: ChildProcessByStdio<Writable, Readable, null> | null | undefined;
  let closed: Promise<void> = Promise.resolve();
  let pending: Buffer = Buffer.alloc(0);
  /** The object being read: its bytes left (content and the newline after it), kept or skipped. */
  let body: { left: number; keep: Buffer[] | null } | null = null;
  const take = (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (body) {
        const n = Math.min(body.left, pending.length);
        if (body.keep) body.keep.push(pending.subarray(0, n));
        pending = pending.subarray(n);
        body.left -= n;
        if (body.left > 0) return;
        const onBlob = asked[answered];
        if (body.keep && onBlob) {
          const bytes = Buffer.concat(body.keep);
          onBlob(bytes.toString('utf8', 0, bytes.length - 1));
        }
        body = null;
        asked[answered++] = undefined; // answered: what the callback holds can go
        continue;
      }
      const eol = pending.indexOf(0x0a);
      if (eol < 0) return;
      const header = pending.toString('utf8', 0, eol);
      pending = pending.subarray(eol + 1);
      const m = /^[0-9a-f]{7,64} (\w+) (\d+)$/.exec(header);
      if (!m) {
        asked[answered++] = undefined;
        continue;
      }
      const size = Number(m[2]);
      body = { left: size + 1, keep: m[1] === 'blob' && size <= options.maxBytes ? [] : null };
    }
  };
  const start = () => {
    const c = startGit(repoRoot, ['cat-file', '--batch'], options.gitBinary ?? 'git', 'pipe');
    if (c === null) return null;
    c.stdout.on('data', take);
    c.stdin.on('error', () => {});
    closed = new Promise((resolve) => {
      c.on('error', () => resolve());
      c.on('close', () => resolve());
    });
    return c;
  };
  return {
    read(specs: readonly string[], onBlob: (index: number, text: string) => void): void {
      // A spec with a line break would be read as two: none of them is asked.
      if (specs.length === 0 || specs.some((spec) => /[\n\r]/.test(spec))) return;
      if (child === undefined) child = start();
      if (child === null) return;
      specs.forEach((_, i) => asked.push((text) => onBlob(i, text)));
      child.stdin.write(specs.map((spec) => `${spec}\n`).join(''));
    },
    close(): Promise<void> {
      child?.stdin.end();
      return closed;
    },
  };
}

/** `<oid> <type> <size>\n<content>\n` per object, or `<spec> missing\n` (also `ambiguous`). */
function parseBatch(buf: Buffer, count: number): (string | null)[] {
  const out: (string | null)[] = [];
  let at = 0;
  while (out.length < count && at < buf.length) {
    const eol = buf.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = buf.toString('utf8', at, eol);
    at = eol + 1;
    const m = /^[0-9a-f]{7,64} (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.push(null);
      continue;
    }
    const size = Number(m[2]);
    out.push(m[1] === 'blob' ? buf.toString('utf8', at, at + size) : null);
    at += size + 1;
  }
  while (out.length < count) out.push(null);
  return out;
}

/** What one git command prints, or null where it fails (no git, no repository, no such revision). */
export function gitText(repoRoot: string, args: readonly string[], gitBinary = 'git'): Promise<string | null> {
  return new Promise((resolve) => {
    const child = startGit(repoRoot, args, gitBinary, 'ignore');
    if (child === null) return resolve(null);
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (text += c));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? text : null));
  });
}

/** git with the safe settings (git-env.ts), its stdout piped (and its stdin, when asked); null where it cannot be started at all. */
function startGit(repoRoot: string, args: readonly string[], gitBinary: string, stdin: 'pipe'): ChildProcessByStdio<Writable, Readable, null> | null;
function startGit(repoRoot: string, args: readonly string[], gitBinary: string, stdin: 'ignore'): ChildProcessByStdio<null, Readable, null> | null;
function startGit(repoRoot: string, args: readonly string[], gitBinary: string, stdin: 'pipe' | 'ignore'): ChildProcessByStdio<Writable | null, Readable, null> | null {
  try {
    return spawn(gitBinary, safeGitArgs(repoRoot, args), { env: safeGitEnv(), stdio: [stdin, 'pipe', 'ignore'], windowsHide: true }) as ChildProcessByStdio<Writable | null, Readable, null>;
  } catch {
    return null;
  }
}
