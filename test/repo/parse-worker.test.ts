/**
 * A large scan parses part of its YAML on a second thread (src/repo/parse-pool.ts). Whichever thread
 * read a file, the scan's result must be the same: the same documents (plain data that crossed by
 * structured clone, secret values already wiped), findings, model; and when the worker is not there
 * or stops halfway, the scan reads those files itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { ParsePool, PoolUnavailable } from '../../src/repo/parse-pool.ts';
import { sameOnEitherThread } from '../../src/repo/parse-worker-main.ts';
import { readYamlFile } from '../../src/repo/read-yaml.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-parse-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** The example repository, plus files whose values structured clone must carry as the reader made them. */
function repository(): string {
  const repo = join(dir, `repo-${Math.random().toString(36).slice(2)}`);
  cpSync('examples/homelab', repo, { recursive: true });
  writeFileSync(
    join(repo, 'kubernetes/odd-values.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: odd, namespace: default}',
      'data:',
      '  __proto__: {polluted: "yes"}',
      '  when: !!timestamp 2024-05-01T10:00:00Z',
      '  anchor: &a {x: 1}',
      '  alias: *a',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: creds, namespace: default}',
      'stringData:',
      '  password: hunter2-worker-thread',
      '---',
      'apiVersion: v1',
      'kind: [unclosed',
      '',
    ].join('\n'),
  );
  writeFileSync(join(repo, 'kubernetes/commented.yaml'), '# apiVersion: v1\n# kind: ConfigMap\n# metadata:\n#   name: off\n');
  return repo;
}

/** What a scan gives, in a form two scans can be compared by (functions and identities aside). */
async function scanned(repo: string, parseWorker: 'always' | 'never', onText?: (path: string, text: string) => void) {
  const { model, docs } = await scanRepo(repo, loadConfig(repo), { parseWorker, ...(onText ? { onText } : {}) });
  return { model, docs };
}

describe('the scan’s parse worker', () => {
  it('gives the same documents, findings and model as reading every file on the scan’s thread', async () => {
    const repo = repository();
    // Count the files the worker answered for (not only those sent: a worker that never started rejects them).
    const own = ParsePool.prototype.read;
    let answered = 0;
    const sent = vi.spyOn(ParsePool.prototype, 'read').mockImplementation(function (this: ParsePool, ...args) {
      const reply = own.apply(this, args);
      reply.then(() => answered++, () => {});
      return reply;
    });
    const texts = new Map<string, string>();
    const viaWorker = await scanned(repo, 'always', (path, text) => texts.set(path, text));
    expect(answered).toBeGreaterThan(0);
    sent.mockClear();
    const inline = await scanned(repo, 'never');
    expect(sent).not.toHaveBeenCalled();
    expect(viaWorker.docs).toEqual(inline.docs);
    expect(viaWorker.model).toEqual(inline.model);
    // Every file's text still reaches onText (the bootstrap-comment reader), from either thread.
    expect([...texts.keys()].sort()).toEqual(inline.model.files.filter((f) => f.kind === 'yaml' || f.kind === 'disabled-yaml').map((f) => f.path).sort());

    const odd = viaWorker.docs.find((d) => d.source.file === 'kubernetes/odd-values.yaml')!.value as { data: Record<string, unknown> };
    // A `__proto__` key stays a key, a timestamp a Date, an alias a copy of its anchor.
    expect(Object.hasOwn(odd.data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(odd.data.when).toBeInstanceOf(Date);
    expect(odd.data.alias).toEqual({ x: 1 });
    expect(JSON.stringify(viaWorker.docs)).not.toContain('hunter2-worker-thread');
    expect(viaWorker.model.findings.some((f) => f.source.file === 'kubernetes/odd-values.yaml' && f.code === 'YAML_PARSE_ERROR')).toBe(true);
  });

  it('reads the files itself when the worker stops halfway, with the same result', async () => {
    const repo = repository();
    const own = ParsePool.prototype.read;
    let calls = 0;
    vi.spyOn(ParsePool.prototype, 'read').mockImplementation(function (this: ParsePool, ...args) {
      // The worker goes away with files in flight (as when it crashes): they are rejected, read here.
      if (++calls === 5) this.close();
      return own.apply(this, args);
    });
    const stopped = await scanned(repo, 'always');
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(stopped).toEqual(await scanned(repo, 'never'));
  });

  it('reads everything itself when no worker can start', async () => {
    const repo = repository();
    vi.spyOn(ParsePool, 'start').mockReturnValue(null);
    expect(await scanned(repo, 'always')).toEqual(await scanned(repo, 'never'));
  });

  it('starts for 2 MiB of YAML to read, not for a small repository, a scan of two revisions or a dev re-scan', async () => {
    const repo = repository();
    const start = vi.spyOn(ParsePool, 'start');
    const config = loadConfig(repo);
    // The example is far below the 2 MiB a worker is worth starting for.
    await scanRepo(repo, config);
    expect(start).not.toHaveBeenCalled();
    // Generated ConfigMaps, 2.2 MB: a cold scan (the dev server's first, with an empty read cache) starts one.
    const big = Array.from({ length: 2_200 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: default}\ndata: {blob: "${'x'.repeat(900)}"}\n`);
    writeFileSync(join(repo, 'kubernetes/generated.yaml'), big.join('---\n'));
    const cache = new Map();
    await scanRepo(repo, config, { cache });
    // (On one core there is no second thread to parse on.)
    const cold = availableParallelism() >= 2 ? 1 : 0;
    expect(start).toHaveBeenCalledTimes(cold);
    // A re-scan reads only what changed (here nothing); atlas diff shares parses through `parsed`, on this thread.
    await scanRepo(repo, config, { cache });
    await scanRepo(repo, config, { parsed: new Map() });
    expect(start).toHaveBeenCalledTimes(cold);
  });

  it('answers for plain data as the scan’s own reader does, and leaves other values to the scan', async () => {
    const repo = repository();
    const files = {
      binary: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bin}\nbinaryData:\n  blob: !!binary aGVsbG8=\n',
      symbol: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sym}\ndata: {a: !!merge <<}\n',
      deep: `deep: ${'['.repeat(3_000)}${']'.repeat(3_000)}\n`,
      sets: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sets}\ndata:\n  s: !!set {a, b}\n  m: !!omap [{x: 1}, {y: 2}]\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(repo, `${name}.yaml`), text);
    const file = (path: string) => ({ path, abs: join(repo, path), kind: 'yaml' as const });
    const pool = ParsePool.start()!;
    try {
      // Plain data, Dates, Maps and Sets, `__proto__` keys, aliases and wiped secrets cross as they are.
      for (const path of ['kubernetes/odd-values.yaml', 'sets.yaml', 'kubernetes/commented.yaml']) {
        const { result } = await pool.read(file(path), 1_000_000, false);
        expect(result, path).toEqual(await readYamlFile(file(path), { maxBytes: 1_000_000 }));
      }
      const odd = (await pool.read(file('kubernetes/odd-values.yaml'), 1_000_000, true));
      const data = (odd.result.docs[0]!.value as { data: Record<string, unknown> }).data;
      expect(Object.hasOwn(data, '__proto__')).toBe(true);
      expect(data.when).toBeInstanceOf(Date);
      expect(odd.text).toContain('hunter2-worker-thread'); // the text, for onText; never a document
      expect(JSON.stringify(odd.result.docs)).not.toContain('hunter2-worker-thread');
      // A Buffer would arrive as a bare Uint8Array, a Symbol cannot cross, and where the stack ends
      // depends on the thread: these files are the scan's to read.
      for (const path of ['binary.yaml', 'symbol.yaml', 'deep.yaml']) {
        await expect(pool.read(file(path), 1_000_000, false), path).rejects.toBeInstanceOf(PoolUnavailable);
      }
      // The worker is still there for the next file.
      expect(pool.alive).toBe(true);
      expect((await pool.read(file('sets.yaml'), 1_000_000, false)).result.docs).toHaveLength(1);
    } finally {
      pool.close();
    }
    expect(sameOnEitherThread({ docs: [], findings: [] })).toBe(true);
    // yaml makes a new Symbol for each parse of `!!merge <<`, so no two scans give equal values for that file.
    rmSync(join(repo, 'symbol.yaml'));
    const viaWorker = await scanned(repo, 'always');
    expect(viaWorker).toEqual(await scanned(repo, 'never'));
    const blob = viaWorker.docs.find((d) => d.source.file === 'binary.yaml')!.value as { binaryData: { blob: unknown } };
    expect(Buffer.isBuffer(blob.binaryData.blob)).toBe(true);
  });

  it('keeps the process alive while it holds a file, and not once idle', () => {
    // A process whose only work left is a file on the worker waits for the answer; one that never
    // closes its pool still exits when the worker is idle (a scan does not wait for the worker to exit).
    const pool = pathToFileURL(resolve('src/repo/parse-pool.ts')).href;
    const script = `import { ParsePool } from ${JSON.stringify(pool)};
const pool = ParsePool.start();
const { result } = await pool.read({ path: 'ks.yaml', abs: ${JSON.stringify(resolve('examples/homelab/kubernetes/flux/cluster/ks.yaml'))}, kind: 'yaml' }, 1000000, false);
console.log(result.docs.length);`;
    // A file, not `-e`: a worker inherits its process's flags, and `--input-type` is not for a worker's entry.
    const file = join(dir, 'alive.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(Number(run.stdout.trim())).toBeGreaterThan(0);
  });
});
