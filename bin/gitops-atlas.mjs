#!/usr/bin/env node
// The package's command. An installed package runs the CLI compiled at pack time (lib/atlas.mjs),
// because Node does not strip TypeScript types under node_modules; a checkout of the repository
// has no lib/ and runs the TypeScript sources directly.
//
// On a Node older than 22.12 (Debian's is 20), this file (plain JavaScript, so any Node can read it)
// re-runs itself with the Node that scripts/ensure-node.sh finds or installs, as the npm scripts do
// (in a checkout; the published package does not ship scripts/);
// where that cannot be done it says in one line what to do, and exits 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const ensure = fileURLToPath(new URL('../scripts/ensure-node.sh', import.meta.url));
  let bin = null;
  if (process.env.ATLAS_NODE_REEXEC !== '1' && process.platform !== 'win32' && existsSync(ensure)) {
    try {
      bin = execFileSync('sh', [ensure], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    } catch {
      bin = null;
    }
  }
  if (!bin || !existsSync(join(bin, 'node'))) {
    process.stderr.write(`gitops-atlas: Node ${process.versions.node} is too old; install Node 24 (e.g. \`nvm install 24\`) and run this again\n`);
    process.exit(2);
  }
  const run = spawnSync(join(bin, 'node'), [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ATLAS_NODE_REEXEC: '1', PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  process.exit(run.status ?? 1);
}

const compiled = new URL('../lib/atlas.mjs', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../scripts/atlas.mjs', import.meta.url).href);
