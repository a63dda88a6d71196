/**
 * The scan's parse thread (src/repo/parse-pool.ts) changes where files are parsed, never what the
 * scan makes of them: the model and findings with the thread are those without it, on our example
 * repository, on the bad-input files (parse errors, binary, UTF-16, alias bombs) and on a repository
 * with secrets and documents nested past our depth limit; what crosses from the thread is scrubbed.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { ParseThread, ThreadGone } from '../../src/repo/parse-pool.ts';
import { readYamlFile } from '../../src/repo/read-yaml.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const repo = tempRepo('parse-thread');
afterAll(repo.remove);
cpSync('test/fixtures/bad-input', join(repo.root, 'bad-input'), { recursive: true });
cpSync('test/fixtures/repos/secrets-plain-secret-real-value', join(repo.root, 'secrets'), { recursive: true });
// A mapping 300 levels deep (past our limit of 256), and a flow sequence 3,000 deep (past yaml's stack on some threads).
const deep = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n');
repo.put('deep/too-deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n${deep} 1\n`);
repo.put('deep/flow.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flow\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
repo.put('off/release.yaml.dis', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: off\n');
repo.put('commented/cm.yaml', '# apiVersion: v1\n# kind: Secret\n# metadata:\n#   name: old\n# stringData:\n#   password: hunter2-commented\n');

describe('the parse thread', () => {
  it.each([
    ['examples/homelab', 'examples/homelab'],
    ['a repository of bad input, secrets and deep documents', repo.root],
  ])('gives the same model and findings as the main thread: %s', async (_, root) => {
    const config = parseConfig({});
    const alone = await scanRepo(root, config, { parseThread: 'never' });
    const threaded = await scanRepo(root, config, { parseThread: 'always' });
    expect(threaded.model.files.length).toBeGreaterThan(5);
    expect(JSON.stringify(threaded.model)).toBe(JSON.stringify(alone.model));
    expect(JSON.stringify(threaded.docs)).toBe(JSON.stringify(alone.docs));
  });

  it('reads and parses a file as readYamlFile does, and what it sends back holds no secret value', async () => {
    const thread = ParseThread.start();
    expect(thread, 'the worker file is beside parse-pool.ts and starts').not.toBeNull();
    try {
      const file = { path: 'secrets/kubernetes/apps/media/app/secret.yaml', abs: join(repo.root, 'secrets/kubernetes/apps/media/app/secret.yaml'), kind: 'yaml' as const };
      const reply = await thread!.read(file, 8 << 20, false);
      expect('result' in reply && reply.result).toEqual(await readYamlFile(file));
      expect(JSON.stringify(reply)).not.toContain('Zml4dHVyZS1yZWFsLXZhbHVlLTM=');
      expect(JSON.stringify(reply)).toContain('DB_PASSWORD');
      const gone = await thread!.read({ ...file, abs: join(repo.root, 'missing.yaml') }, 8 << 20, true);
      expect(gone).toMatchObject({ result: { docs: [], findings: [{ code: 'FILE_UNREADABLE' }] } });
    } finally {
      thread!.close();
    }
    // A closed (or dead) thread refuses work at once: the scan then reads the file itself.
    await expect(thread!.read({ path: 'a.yaml', abs: '/nonexistent/a.yaml', kind: 'yaml' }, 1, false)).rejects.toBeInstanceOf(ThreadGone);
  });

  it('is one thread for the scans of a process: a scan that ends leaves it warm for the next, and one scan closing leaves the other reading', async () => {
    const file = { path: 'secrets/kubernetes/apps/media/app/secret.yaml', abs: join(repo.root, 'secrets/kubernetes/apps/media/app/secret.yaml'), kind: 'yaml' as const };
    const first = ParseThread.start()!;
    const second = ParseThread.start()!;
    expect(first.threadId).toBeGreaterThan(0);
    expect(second.threadId).toBe(first.threadId);
    const pending = first.read(file, 8 << 20, false);
    first.close();
    // What the closed scan still waited for is dropped; the other scan's reads go on.
    await expect(pending).rejects.toBeInstanceOf(ThreadGone);
    await expect(first.read(file, 8 << 20, false)).rejects.toBeInstanceOf(ThreadGone);
    expect(await second.read(file, 8 << 20, false)).toMatchObject({ result: await readYamlFile(file) });
    second.close();
    const later = ParseThread.start()!;
    try {
      expect(later.threadId, 'the next scan gets the same, already started thread').toBe(first.threadId);
      expect(await later.read(file, 8 << 20, false)).toMatchObject({ result: await readYamlFile(file) });
    } finally {
      later.close();
    }
  });
});
