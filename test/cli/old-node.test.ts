/**
 * bin/gitops-atlas.mjs on a Node older than 22.12 (Debian's 20): it re-runs itself with the Node
 * that scripts/ensure-node.sh finds (the one `npm ci` installed), or says in one line what to do.
 * Needs such an old Node on the machine; the machine's /usr/bin/node is one on the project's images.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const OLD_NODE = process.env.ATLAS_OLD_NODE ?? '/usr/bin/node';
const oldVersion = (() => {
  try {
    return execFileSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
const isOld = oldVersion !== null && /^v(1\d|2[01])\.|^v22\.([0-9]|1[01])\./.test(oldVersion);

describe.skipIf(!isOld)(`bin/gitops-atlas.mjs on an old Node (${OLD_NODE} ${oldVersion ?? 'absent'}; skipped unless it is older than 22.12)`, () => {
  const bin = join(ROOT, 'bin/gitops-atlas.mjs');

  it('re-runs with a new enough Node: same output and exit codes as the CLI itself', () => {
    const version = spawnSync(OLD_NODE, [bin, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect([version.status, version.stdout.split(' ')[0]]).toEqual([0, 'gitops-atlas']);
    const typo = spawnSync(OLD_NODE, [bin, 'scan', '--jsn'], { cwd: ROOT, encoding: 'utf8' });
    expect([typo.status, typo.stderr]).toEqual([2, 'atlas scan: unknown flag --jsn (did you mean --json?)\n']);
  });

  it('where no newer Node can be had, one line says what to do, exit 2', () => {
    const r = spawnSync(OLD_NODE, [bin, '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ATLAS_NODE_REEXEC: '1' } });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `gitops-atlas: Node ${oldVersion!.slice(1)} is too old; install Node 24 (e.g. \`nvm install 24\`) and run this again\n`]);
  });
});
