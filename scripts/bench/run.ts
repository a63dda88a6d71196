/**
 * `npm run bench`: the figures of issues 12 and 19, each against its floor or baseline, measured in
 * one run on this machine; a Markdown table on stdout (progress on stderr) and artifacts/bench.json.
 *
 *   node scripts/bench/run.ts [--only docs-heavy,corpus,synthetic] [--runs 3] [--apps 1000]
 *                             [--commits 10000] [--quick] [--skip-build] [--corpus largest|all|NAME,...]
 *
 * Three groups of rows, all by default; --only picks some (comma-separated):
 * - docs-heavy: the docs-heavy synthetic repository (scripts/bench/docs.ts: 80 Markdown files of
 *   1.5 MB, a few dozen apps): cold build against a plain Starlight site of as many pages of the
 *   same size built in the same run, check against scan, scan against the read + parse floor (as
 *   processes, and in-process without the start-up), and the dev re-run after one HelmRelease edit;
 * - corpus: the same rows for the largest corpus repository (../shared/corpus, by YAML bytes;
 *   skipped with a stated row when ../shared is absent); --corpus all (or names) for every one;
 * - synthetic: the 1,000-app repository of issue 12 (scan in-process, dev, git history, diff, graphs).
 * --skip-build leaves out the builds (the slow rows); --quick: 150 apps, 1 run, 2,000 commits.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { devBench } from './dev-bench.ts';
import { yamlFilesOf } from './floor.ts';
import { DOCS_HEAVY, generateRepo } from './generate.ts';
import { appDir } from './layout.ts';
import { graphsBench } from './graphs-bench.ts';
import { copyProject, ensureOk, mb, median, PROJECT_ROOT, runChild, sec, tempDir } from './measure.ts';
import { checkProcess, corpusRepos, scanInProcess, scanProcess } from './scan-bench.ts';
import { siteBench } from './site-bench.ts';

const GROUPS = ['docs-heavy', 'corpus', 'synthetic'] as const;
type Group = (typeof GROUPS)[number];

const { values } = parseArgs({
  options: {
    runs: { type: 'string' }, apps: { type: 'string' }, commits: { type: 'string' },
    quick: { type: 'boolean' }, 'skip-build': { type: 'boolean' }, only: { type: 'string' }, corpus: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const runs = Number(values.runs ?? (quick ? 1 : 3));
const apps = Number(values.apps ?? (quick ? 150 : 1000));
const historyCommits = Number(values.commits ?? (quick ? 2000 : 10_000));
const only = new Set((values.only ?? GROUPS.join(',')).split(',').map((x) => x.trim()).filter(Boolean));
for (const g of only) {
  if (!(GROUPS as readonly string[]).includes(g)) {
    process.stderr.write(`--only: unknown group "${g}" (groups: ${GROUPS.join(', ')})\n`);
    process.exit(2);
  }
}
const wants = (g: Group) => only.has(g);
const log = (s: string) => process.stderr.write(`${s}\n`);

const GiB = 1024 ** 3;
const rows: { figure: string; measured: string; baseline: string; ratio: string; target: string; met: string }[] = [];
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const json: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memory: totalmem(), node: process.version, loadavgAtStart: loadavg() },
  options: { runs, apps, historyCommits, quick, only: [...only], skipBuild: values['skip-build'] ?? false },
};
const work = tempDir('repo');
let project: string | null = null;

/** A HelmRelease file with an image tag to bump (the middle one, sorted), relative to `root`. */
function helmReleaseWithTag(root: string): string | null {
  const candidates = yamlFilesOf(root).filter((f) => {
    const text = readFileSync(f, 'utf8');
    return /^kind: HelmRelease$/m.test(text) && /tag: \S+/.test(text);
  });
  const f = candidates[Math.floor(candidates.length / 2)];
  return f ? relative(root, f) : null;
}

/** The dev server's answer to a branch switch: one watcher event per touched file, coalesced (src/loaders/sync.ts). */
function markdownRow(label: string, dev: Awaited<ReturnType<typeof devBench>>): (typeof rows)[number] {
  const md = dev.markdown;
  return {
    figure: `${label}: dev, loaders re-run after one ${md ? md.file : 'Markdown'} edit (no YAML changed: the model is reused)`,
    measured: md ? sec(md.ms) : 'skipped', baseline: md ? `HelmRelease edit ${sec(dev.ms)}` : 'no ROADMAP.md or README.md', ratio: '-', target: '< 300 ms', met: md ? yes(md.ms < 300) : '-',
  };
}

function burstRow(label: string, dev: Awaited<ReturnType<typeof devBench>>): (typeof rows)[number] {
  return {
    figure: `${label}: dev, ${dev.burst.files} files touched at once (a branch switch), first event to the last reload`,
    measured: sec(dev.burst.ms), baseline: `${dev.burst.reloads} reload(s)`, ratio: '-', target: '(one reload, not one per file)', met: yes(dev.burst.reloads === 1),
  };
}

/**
 * The rows of issue 19 for one repository: cold build against plain Starlight (unless
 * --skip-build), check against scan, scan against the floor (processes, then in-process), dev re-run
 * after one HelmRelease edit, and after 100 files touched at once.
 * `devRoot` is a writable copy when `root` must not be touched (the corpus is read-only).
 */
async function repoRows(label: string, root: string, devRoot: string, helmRelease: string | null): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (!values['skip-build']) {
    log(`${label}: cold atlas build vs a plain Starlight site of as many pages...`);
    project ??= copyProject();
    const site = await siteBench(project, root, runs, log);
    out.site = site;
    rows.push({
      figure: `${label}: cold \`atlas build\`, ${site.pages} pages (${Math.round(site.avgPageBytes / 1000)} kB a page; dist/ ${mb(site.distBytes)}; peak RSS ${site.peakRss === null ? 'n/a' : mb(site.peakRss)})`,
      measured: sec(site.ms), baseline: `${sec(site.baselineMs)} (Starlight, ${Math.round(site.baselineAvgPageBytes / 1000)} kB a page; dist/ ${mb(site.baselineDistBytes)})`,
      ratio: `${site.ratio.toFixed(2)}x (fastest: ${site.fastestRatio.toFixed(2)}x)`, target: '<= 1.25x', met: yes(site.ratio <= 1.25),
    });
  }
  log(`${label}: atlas check vs atlas scan (processes)...`);
  const check = await checkProcess(root, Math.max(runs, 3));
  out.check = check;
  rows.push({
    figure: `${label}: \`atlas check\` process`, measured: sec(check.ms), baseline: `${sec(check.floorMs)} (\`atlas scan --json\`)`,
    ratio: `${check.ratio.toFixed(2)}x`, target: '<= 1.5x', met: yes(check.ratio <= 1.5),
  });
  log(`${label}: atlas scan vs the read + parse floor (processes)...`);
  const scan = await scanProcess(root, Math.max(runs, 3));
  out.scan = scan;
  rows.push({
    figure: `${label}: \`atlas scan --json\` process`, measured: sec(scan.ms), baseline: `${sec(scan.floorMs)} (floor: read + parse YAML and Markdown)`,
    ratio: `${scan.ratio.toFixed(2)}x`, target: '<= 1.5x', met: yes(scan.ratio <= 1.5),
  });
  // The same work without the process start-up (module loading, JIT): what the scan itself does over
  // the floor (read and parse the YAML), as row 1a measures it at 1,000 apps.
  log(`${label}: scan + model + analysis vs the floor (in-process)...`);
  const inProcess = await scanInProcess(root, Math.max(runs, 5));
  out.scanInProcess = inProcess;
  rows.push({
    figure: `${label}: scan + model + analysis in-process (${inProcess.docs} docs)`, measured: sec(inProcess.ms), baseline: `${sec(inProcess.floorMs)} (read + yaml-parse)`,
    ratio: `${inProcess.ratio.toFixed(2)}x`, target: '(row 1a: <= 1.5x)', met: '-',
  });
  if (helmRelease === null) {
    rows.push({ figure: `${label}: dev re-run`, measured: 'skipped', baseline: 'no HelmRelease with an image tag', ratio: '-', target: '< 300 ms', met: '-' });
    return out;
  }
  log(`${label}: dev mode, touch ${helmRelease} and re-run the loaders...`);
  const dev = await devBench(devRoot, helmRelease, Math.max(runs, 9));
  out.dev = dev;
  rows.push({
    figure: `${label}: dev, loaders re-run after one HelmRelease edit (apps re-stored: ${dev.appsStored} of ${dev.appsStored + dev.appsUnchanged})`,
    measured: sec(dev.ms), baseline: `scan alone ${sec(dev.scanMs)}`, ratio: '-', target: '< 300 ms', met: yes(dev.ms < 300),
  });
  rows.push(markdownRow(label, dev));
  rows.push(burstRow(label, dev));
  return out;
}

if (wants('docs-heavy')) {
  log('docs-heavy: generating the docs-heavy repository...');
  const repo = generateRepo(join(work, 'docs-heavy'), DOCS_HEAVY);
  const target = repo.layout.apps.slice(Math.floor(repo.layout.apps.length / 2)).find((a) => !a.valuesFile)!;
  const label = `docs-heavy synthetic (${repo.layout.apps.length} apps, ${repo.markdownFiles} Markdown files, ${mb(repo.markdownBytes)})`;
  json.docsHeavy = {
    repo: { apps: repo.layout.apps.length, files: repo.files, yamlBytes: repo.yamlBytes, markdownFiles: repo.markdownFiles, markdownBytes: repo.markdownBytes },
    ...(await repoRows(label, repo.root, repo.root, `${appDir(target)}/helmrelease.yaml`)),
  };
}

if (wants('corpus')) {
  // --corpus largest (default) | all | NAME[,NAME...]: which corpus repositories get the four rows.
  const all = corpusRepos();
  const choice = values.corpus ?? 'largest';
  const chosen = choice === 'largest' ? all.slice(0, 1) : choice === 'all' ? all : all.filter((r) => choice.split(',').includes(r.dir.split('/').pop()!));
  if (all.length === 0) {
    log('corpus: ../shared/corpus is absent, the corpus rows are skipped.');
    rows.push({ figure: 'largest corpus repository', measured: 'skipped', baseline: '../shared/corpus absent', ratio: '-', target: '-', met: '-' });
  } else if (chosen.length === 0) {
    process.stderr.write(`--corpus: no corpus repository "${choice}" (largest, all, or names: ${all.map((r) => r.dir.split('/').pop()).join(', ')})\n`);
    process.exit(2);
  }
  const results: Record<string, unknown>[] = [];
  for (const corpus of chosen) {
    const name = corpus.dir.split('/').pop()!;
    // The dev row edits a file: it works on a copy outside the project, never on the corpus.
    const devRoot = mkdtempSync(join(tmpdir(), 'atlas-bench-corpus-'));
    try {
      cpSync(corpus.dir, devRoot, { recursive: true });
      results.push({ repo: name, yamlBytes: corpus.yamlBytes, ...(await repoRows(`corpus ${name} (${mb(corpus.yamlBytes)} YAML)`, corpus.dir, devRoot, helmReleaseWithTag(devRoot))) });
    } finally {
      rmSync(devRoot, { recursive: true, force: true });
    }
  }
  if (results.length === 1) json.corpus = results[0];
  else if (results.length > 1) json.corpus = results;
}

const notes: string[] = [];
/** The 1,000-app repository of issue 12. */
async function syntheticRows(): Promise<void> {
  log(`synthetic: generating ${apps} apps (200 commits)...`);
  const repo = generateRepo(join(work, 'synthetic'), { apps, commits: 200 });
  json.repo = { apps: repo.layout.apps.length, files: repo.files, yamlBytes: repo.yamlBytes };

  log('1. scan + model + analysis vs the floor (in-process)...');
  const scan = await scanInProcess(repo.root, Math.max(runs, 5));
  json.scanInProcess = scan;
  rows.push({
    figure: `1a. scan + model + analysis, ${apps} apps (${scan.docs} docs), in-process`,
    measured: sec(scan.ms), baseline: `${sec(scan.floorMs)} (read + yaml-parse)`, ratio: `${scan.ratio.toFixed(2)}x`, target: '<= 1.5x', met: yes(scan.ratio <= 1.5),
  });

  if (!values['skip-build']) {
    log('2-3. astro build vs a plain Starlight site of as many pages...');
    project ??= copyProject();
    const site = await siteBench(project, repo.root, runs, log);
    json.site = site;
    rows.push({
      figure: `2. cold \`atlas build\`, ${site.pages} pages (${Math.round(site.avgPageBytes / 1000)} kB a page; dist/ ${mb(site.distBytes)})`,
      measured: sec(site.ms), baseline: `${sec(site.baselineMs)} (Starlight, ${Math.round(site.baselineAvgPageBytes / 1000)} kB a page; dist/ ${mb(site.baselineDistBytes)})`,
      ratio: `${site.ratio.toFixed(2)}x (fastest: ${site.fastestRatio.toFixed(2)}x)`, target: '<= 1.25x', met: yes(site.ratio <= 1.25),
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
  const dev = await devBench(repo.root, `${appDir(target)}/helmrelease.yaml`, Math.max(runs, 9));
  json.dev = dev;
  rows.push({
    figure: `4. dev: loaders re-run after one helmrelease.yaml changed (apps re-stored: ${dev.appsStored} of ${dev.appsStored + dev.appsUnchanged}; findings ${dev.findingsStored}, summary ${dev.summaryStored})`,
    measured: sec(dev.ms), baseline: `scan alone ${sec(dev.scanMs)}`, ratio: '-', target: '< 300 ms, 1 app re-stored',
    met: `${yes(dev.ms < 300)} / ${yes(dev.appsStored === 1)}`,
  });
  rows.push(markdownRow('4b. synthetic', dev));
  rows.push(burstRow('4c. synthetic', dev));

  log('6. atlas diff of two adjacent commits vs one atlas scan (processes)...');
  {
    const cli = join(PROJECT_ROOT, 'scripts/atlas.mjs');
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
  notes.push(`Graphs (issue 5): ${graphs.diagrams} diagrams (overview, namespaces, app neighbourhoods) rendered to SVG in ${sec(graphs.ms)} (${mb(graphs.svgBytes)} SVG).`);
}
if (wants('synthetic')) await syntheticRows();

json.loadavgAtEnd = loadavg();
const table = [
  '| figure | measured | floor / baseline | ratio | target | met? |',
  '|---|---:|---:|---:|---|---|',
  ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`),
].join('\n');
notes.push(
  `Medians of ${runs} run(s) (at least 3 for check and scan, 9 dev re-runs, 5 for the in-process scan); one build each of ours and the baseline per run, alternating which goes first, after one untimed build of each; ` +
    `${cpus().length} CPUs, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}.`,
);
process.stdout.write(`${table}\n\nCommand: node scripts/bench/run.ts ${process.argv.slice(2).join(' ')}\n${notes.join('\n')}\n`);
json.table = table;
mkdirSync(join(PROJECT_ROOT, 'artifacts'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'artifacts/bench.json'), JSON.stringify(json, null, 2) + '\n');
log('wrote artifacts/bench.json');
