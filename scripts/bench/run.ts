/**
 * `npm run bench`: the five figures of issue 12, each against its floor or baseline, measured in
 * one run on this machine; a Markdown table on stdout (progress on stderr) and artifacts/bench.json.
 *
 *   node scripts/bench/run.ts [--runs 3] [--apps 1000] [--commits 10000] [--quick] [--skip-build]
 *
 * --quick: 150 apps, 1 run, 2,000 commits (a smoke test of the benchmark, not a measurement).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { devBench } from './dev-bench.ts';
import { generateRepo } from './generate.ts';
import { appDir } from './layout.ts';
import { graphsBench } from './graphs-bench.ts';
import { copyProject, ensureOk, mb, median, PROJECT_ROOT, runChild, sec, tempDir } from './measure.ts';
import { largestCorpusRepo, scanInProcess, scanProcess } from './scan-bench.ts';
import { siteBench } from './site-bench.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' }, apps: { type: 'string' }, commits: { type: 'string' },
    quick: { type: 'boolean' }, 'skip-build': { type: 'boolean' },
  },
});
const quick = values.quick ?? false;
const runs = Number(values.runs ?? (quick ? 1 : 3));
const apps = Number(values.apps ?? (quick ? 150 : 1000));
const historyCommits = Number(values.commits ?? (quick ? 2000 : 10_000));
const log = (s: string) => process.stderr.write(`${s}\n`);

const GiB = 1024 ** 3;
const rows: { figure: string; measured: string; baseline: string; ratio: string; target: string; met: string }[] = [];
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const json: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memory: totalmem(), node: process.version, loadavgAtStart: loadavg() },
  options: { runs, apps, historyCommits, quick },
};

log(`generating ${apps} apps (200 commits)...`);
const work = tempDir('repo');
const repo = generateRepo(join(work, 'synthetic'), { apps, commits: 200 });
json.repo = { apps: repo.layout.apps.length, files: repo.files, yamlBytes: repo.yamlBytes };

log('1. scan + model + analysis vs the floor (in-process)...');
const scan = await scanInProcess(repo.root, Math.max(runs, 5));
json.scanInProcess = scan;
rows.push({
  figure: `1a. scan + model + analysis, ${apps} apps (${scan.docs} docs), in-process`,
  measured: sec(scan.ms), baseline: `${sec(scan.floorMs)} (read + yaml-parse)`, ratio: `${scan.ratio.toFixed(2)}x`, target: '<= 1.5x', met: yes(scan.ratio <= 1.5),
});
const corpus = largestCorpusRepo();
if (corpus) {
  log(`1. scan --json process vs floor process on ${corpus.dir}...`);
  const proc = await scanProcess(corpus.dir, Math.max(runs, 5));
  json.scanProcess = { repo: corpus.dir, yamlBytes: corpus.yamlBytes, ...proc };
  rows.push({
    figure: `1b. \`atlas scan --json\` process, largest corpus repo (${corpus.dir.split('/').pop()}, ${mb(corpus.yamlBytes)} YAML)`,
    measured: sec(proc.ms), baseline: `${sec(proc.floorMs)} (floor process)`, ratio: `${proc.ratio.toFixed(2)}x`, target: '<= 1.5x', met: yes(proc.ratio <= 1.5),
  });
} else {
  log('   ../shared/corpus is absent: the process comparison is skipped.');
  rows.push({ figure: '1b. `atlas scan --json` process, largest corpus repo', measured: 'skipped', baseline: '../shared/corpus absent', ratio: '-', target: '<= 1.5x', met: '-' });
}

if (!values['skip-build']) {
  log('2-3. astro build vs a plain Starlight site of as many pages...');
  const project = copyProject();
  const site = await siteBench(project, repo.root, runs, log);
  json.site = site;
  rows.push({
    figure: `2. cold \`atlas build\`, ${site.pages} pages (${Math.round(site.avgPageBytes / 1000)} kB a page; dist/ ${mb(site.distBytes)})`,
    measured: sec(site.ms), baseline: `${sec(site.baselineMs)} (Starlight, ${Math.round(site.baselineAvgPageBytes / 1000)} kB a page; dist/ ${mb(site.baselineDistBytes)})`,
    ratio: `${site.ratio.toFixed(2)}x`, target: '<= 1.25x', met: yes(site.ratio <= 1.25),
  });
  rows.push({
    figure: '3. peak RSS of the build',
    measured: site.peakRss === null ? 'n/a' : mb(site.peakRss), baseline: site.baselinePeakRss === null ? '-' : `${mb(site.baselinePeakRss)} (Starlight)`,
    ratio: site.peakRss && site.baselinePeakRss ? `${(site.peakRss / site.baselinePeakRss).toFixed(2)}x` : '-', target: '< 2 GiB', met: site.peakRss === null ? '-' : yes(site.peakRss < 2 * GiB),
  });
}

log('4. dev mode: touch one helmrelease.yaml, re-run the loaders...');
// An app with inline values, so that the HelmRelease itself carries the image tag the bench bumps.
const target = repo.layout.apps.slice(Math.floor(repo.layout.apps.length / 2)).find((a) => !a.valuesFile)!;
const dev = await devBench(repo.root, `${appDir(target)}/helmrelease.yaml`, Math.max(runs, 3));
json.dev = dev;
rows.push({
  figure: `4. dev: loaders re-run after one helmrelease.yaml changed (apps re-stored: ${dev.appsStored} of ${dev.appsStored + dev.appsUnchanged}; findings ${dev.findingsStored}, summary ${dev.summaryStored})`,
  measured: sec(dev.ms), baseline: `scan alone ${sec(dev.scanMs)}`, ratio: '-', target: '< 300 ms, 1 app re-stored',
  met: `${yes(dev.ms < 300)} / ${yes(dev.appsStored === 1)}`,
});

log('6. atlas diff of two adjacent commits vs one atlas scan (processes)...');
{
  const cli = join(PROJECT_ROOT, 'scripts/atlas.ts');
  const scans: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < Math.max(runs, 3); i++) {
    scans.push(ensureOk(await runChild(process.execPath, [cli, 'scan', '--repo', repo.root, '--json', '--quiet']), 'atlas scan').ms);
    diffs.push(ensureOk(await runChild(process.execPath, [cli, 'diff', '--repo', repo.root, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--quiet']), 'atlas diff').ms);
  }
  const scanMs = median(scans);
  const diffMs = median(diffs);
  json.diff = { scanMs, diffMs, ratio: diffMs / scanMs };
  rows.push({
    figure: `6. \`atlas diff\` of two adjacent commits, ${apps} apps (both revisions built; unchanged files parsed once)`,
    measured: sec(diffMs), baseline: `${sec(scanMs)} (\`atlas scan --json\`)`, ratio: `${(diffMs / scanMs).toFixed(2)}x`, target: '<= 2x', met: yes(diffMs / scanMs <= 2),
  });
}

log(`5. git history of ${historyCommits} commits...`);
const big = generateRepo(join(work, 'history'), { apps, commits: historyCommits });
const git = ensureOk(await runChild(process.execPath, [join(PROJECT_ROOT, 'scripts/bench/git-read.ts'), big.root, String(historyCommits)]), 'git history read');
const gitOut = JSON.parse(git.stdout) as { commits: number; historyMs: number; bumpsMs: number; bumps: number };
json.gitHistory = { ...gitOut, processMs: git.ms, peakRss: git.peakRss };
rows.push({
  figure: `5. git history read for the changelog: ${gitOut.commits} commits (readGitHistory ${sec(gitOut.historyMs)} + readGitBumps ${sec(gitOut.bumpsMs)}, ${gitOut.bumps} bumps)`,
  measured: `${sec(git.ms)}, peak RSS ${git.peakRss === null ? 'n/a' : mb(git.peakRss)}`, baseline: '-', ratio: '-', target: 'time and memory (reported)', met: '-',
});

log('graphs: overview + namespace graphs + app neighbourhoods...');
const graphs = await graphsBench(repo.root);
json.graphs = graphs;

json.loadavgAtEnd = loadavg();
const table = [
  '| figure | measured | floor / baseline | ratio | target | met? |',
  '|---|---:|---:|---:|---|---|',
  ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`),
].join('\n');
const notes = [
  `Graphs (issue 5): ${graphs.diagrams} diagrams (overview, namespaces, app neighbourhoods) rendered to SVG in ${sec(graphs.ms)} (${mb(graphs.svgBytes)} SVG).`,
  `Medians of ${runs} run(s) (${Math.max(runs, 5)} for the scan); ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}.`,
];
process.stdout.write(`${table}\n\n${notes.join('\n')}\n`);
json.table = table;
mkdirSync(join(PROJECT_ROOT, 'artifacts'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'artifacts/bench.json'), JSON.stringify(json, null, 2) + '\n');
log('wrote artifacts/bench.json');
