/**
 * `.ci/run` step: run `atlas check` over examples/homelab as a user would (a child process) and
 * compare what it reports with expected.txt beside this file: every line there is
 * `SEVERITY CODE file:line`, one per finding the example repository was written to contain
 * (see examples/homelab/EXPECTED.md). Extra or missing findings fail, and so does an exit code other
 * than 1 (the example has errors on purpose, so `check` must fail it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../..');
const run = spawnSync(process.execPath, [join(project, 'scripts/atlas.mjs'), 'check', '--repo', join(project, 'examples/homelab'), '--format', 'json', '--quiet'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const report = JSON.parse(run.stdout) as { findings: { code: string; severity: string; source: { file: string; line: number } }[] };
const got = report.findings.map((f) => `${f.severity} ${f.code} ${f.source.file}:${f.source.line}`).sort();
if (process.argv.includes('--write')) {
  writeFileSync(join(here, 'expected.txt'), got.join('\n') + '\n');
  console.log(`wrote ${got.length} expected findings`);
  process.exit(0);
}
const expected = readFileSync(join(here, 'expected.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).sort();
const missing = expected.filter((l) => !got.includes(l));
const extra = got.filter((l) => !expected.includes(l));
for (const l of missing) console.log(`  missing: ${l}`);
for (const l of extra) console.log(`  unexpected: ${l}`);
const exitOk = run.status === 1;
if (!exitOk) console.log(`  atlas check exited ${run.status}, expected 1 (the example has errors)`);
console.log(`example check: ${got.length - extra.length} of ${expected.length} expected findings reported, ${missing.length} missing, ${extra.length} unexpected`);
process.exit(missing.length || extra.length || !exitOk ? 1 : 0);
