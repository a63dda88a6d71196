/**
 * One `atlas build` at a time per site folder (scripts/build-lock.ts): a reviewer's five builds at
 * once in one checkout broke each other (four failed, one wrote a site without its CSS and exited 0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { takeBuildLock } from '../../scripts/build-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-build-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build lock', () => {
  it('makes a second build wait for the first, and says whom it waits for', async () => {
    const order: string[] = [];
    const releaseFirst = await takeBuildLock(dir);
    const waitedFor: number[] = [];
    const second = takeBuildLock(dir, (pid) => waitedFor.push(pid), 10).then((release) => {
      order.push('second');
      return release;
    });
    await new Promise((r) => setTimeout(r, 60));
    order.push('first done');
    releaseFirst();
    (await second)();
    expect(order).toEqual(['first done', 'second']);
    expect(waitedFor).toEqual([process.pid]);
    expect(existsSync(join(dir, 'build.lock'))).toBe(false);
  });

  it('takes over the lock of a build that no longer runs', async () => {
    // The id of a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'build.lock'), gone);
    const waitedFor: number[] = [];
    const release = await takeBuildLock(dir, (pid) => waitedFor.push(pid), 10);
    expect(waitedFor).toEqual([]);
    release();
  });
});
