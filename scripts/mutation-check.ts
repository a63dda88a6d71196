/**
 * A small mutation check (issue 18): switch off one transformation of the scan at a time by a
 * targeted text replacement in the source, run the unit test project, and report which tests fail.
 * Every transformation must make at least one test fail; one that fails none is a feature the tests
 * do not guard.
 *
 *   flock /tmp/atlas-heavy.lock node scripts/mutation-check.ts [--only <name>] [--keep]
 *
 * The project is checked out at HEAD into a temporary git worktree (so tests that read git history
 * see the same commits), the working tree's uncommitted changes and untracked files are copied over,
 * and node_modules is hard-linked (`cp -al`). A baseline run comes first: tests that fail without a
 * mutation are not counted. The corpus (../shared/corpus) is not beside the temporary copy, so
 * corpus-based tests skip there; every row must be caught by the project's own tests.
 * A replacement whose target text is not found exactly once stops the check: it cannot pass silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Mutation {
  name: string;
  file: string;
  find: string;
  replace: string;
}

/** One row per transformation; `find` must occur exactly once in `file`. */
export const MUTATIONS: Mutation[] = [
  {
    name: 'Flux spec.patches (every kind)',
    file: 'src/repo/build/flux-build.ts',
    find: 'applyAll(readPatch(obj(p).patch, obj(p).target), owned, k.file, line, problems, false);',
    replace: 'applyAll(readPatch(obj(p).patch, obj(p).target), [], k.file, line, problems, false);',
  },
  {
    name: 'Flux spec.patches on HelmReleases',
    file: 'src/repo/build/flux-build.ts',
    find: 'applyAll(readPatch(obj(p).patch, obj(p).target), owned, k.file, line, problems, false);',
    replace: "applyAll(readPatch(obj(p).patch, obj(p).target), owned.filter((d) => d.kind !== 'HelmRelease'), k.file, line, problems, false);",
  },
  {
    name: 'Flux postBuild substitution',
    file: 'src/repo/build/flux-build.ts',
    find: 'if (!off && Object.keys(obj(spec.postBuild)).length > 0) substituteTree(',
    replace: 'if (false && !off && Object.keys(obj(spec.postBuild)).length > 0) substituteTree(',
  },
  {
    name: 'Flux spec.components',
    file: 'src/repo/build/flux-build.ts',
    // Written in two parts: test/hostile/bounded-work.test.ts reads a spread push on one line as code.
    find: 'owned.push(' + '...componentCopies(k, path, target, tree, byFile, run, report));',
    replace: 'void componentCopies;',
  },
  {
    name: 'kustomize namespace inheritance (kustomization.yaml namespace:)',
    file: 'src/repo/build/kustomize-build.ts',
    find: 'applyNamespace(body, ra);',
    replace: 'void applyNamespace;',
  },
  {
    name: 'HelmRelease valuesFrom',
    file: 'src/repo/extract/helm-release.ts',
    find: 'if (got.values) values = strategicMergeValues(values, got.values);',
    replace: 'if (false && got.values) values = strategicMergeValues(values, got.values);',
  },
  {
    name: 'secret-value scrubbing',
    file: 'src/repo/scrub.ts',
    find: 'scalar.value = text ?? REDACTED;',
    replace: 'void (text ?? REDACTED);',
  },
];

const sh = (cmd: string, args: string[], cwd = PROJECT) => execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** A copy of the project as it is on disk, at `dir`: HEAD as a git worktree, plus the uncommitted work. */
function checkout(dir: string): void {
  sh('git', ['worktree', 'add', '--detach', '--quiet', dir, 'HEAD']);
  const diff = sh('git', ['diff', '--binary', 'HEAD']);
  if (diff.trim()) execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: dir, input: diff });
  for (const f of sh('git', ['ls-files', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(PROJECT, f), join(dir, f));
  }
  execFileSync('cp', ['-al', join(PROJECT, 'node_modules'), join(dir, 'node_modules')]);
}

interface Failed {
  tests: number;
  byFile: Map<string, number>;
  /** Test ids (file > title) that failed. */
  ids: Set<string>;
}

/** `vitest run --project unit` in `dir`; the failed tests from its JSON report. */
function runUnit(dir: string, label: string): Failed {
  const report = join(dir, '.mutation-report.json');
  rmSync(report, { force: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', '--reporter=json', `--outputFile=${report}`], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: '1' },
  });
  const seconds = Math.round((performance.now() - started) / 1000);
  if (!existsSync(report)) throw new Error(`${label}: vitest wrote no report (exit ${run.status}):\n${(run.stderr ?? '').slice(-3000)}`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numTotalTests: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  const failed: Failed = { tests: 0, byFile: new Map(), ids: new Set() };
  for (const file of json.testResults) {
    const rel = file.name.slice(dir.length + 1);
    const bad = file.assertionResults.filter((a) => a.status === 'failed').map((a) => `${rel} > ${a.fullName}`);
    // A file that fails to load (a crash at collection) has no assertions: count it as one failure.
    if (bad.length === 0 && file.status === 'failed') bad.push(`${rel} > (file failed: ${(file.message ?? '').split('\n')[0]})`);
    for (const id of bad) failed.ids.add(id);
  }
  console.log(`  ${label}: ${json.numTotalTests} tests, ${failed.ids.size} failed, ${seconds} s`);
  return failed;
}

/** Failures of a mutant run that the baseline did not have. */
function newFailures(mutant: Failed, baseline: Failed): Failed {
  const out: Failed = { tests: 0, byFile: new Map(), ids: new Set() };
  for (const id of mutant.ids) {
    if (baseline.ids.has(id)) continue;
    out.ids.add(id);
    out.tests++;
    const file = id.split(' > ')[0]!;
    out.byFile.set(file, (out.byFile.get(file) ?? 0) + 1);
  }
  return out;
}

function mutate(dir: string, m: Mutation): () => void {
  const path = join(dir, m.file);
  const text = readFileSync(path, 'utf8');
  const count = text.split(m.find).length - 1;
  if (count !== 1) throw new Error(`mutation "${m.name}": the target text occurs ${count} times in ${m.file} (expected once); update MUTATIONS in scripts/mutation-check.ts`);
  writeFileSync(path, text.replace(m.find, m.replace));
  return () => writeFileSync(path, text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const keep = args.includes('--keep');
  const mutations = only ? MUTATIONS.filter((m) => m.name.toLowerCase().includes(only.toLowerCase())) : MUTATIONS;
  if (mutations.length === 0) {
    console.error(`no mutation matches "${only}"; known: ${MUTATIONS.map((m) => m.name).join('; ')}`);
    process.exit(2);
  }
  // Every target is checked against the project before anything runs.
  for (const m of mutations) mutate(PROJECT, m)();
  const dir = join(mkdtempSync(join(tmpdir(), 'atlas-mutation-')), 'project');
  let exit = 0;
  try {
    console.log(`mutation check in ${dir}`);
    checkout(dir);
    const baseline = runUnit(dir, 'baseline');
    const rows: { name: string; failed: Failed }[] = [];
    for (const m of mutations) {
      const restore = mutate(dir, m);
      try {
        rows.push({ name: m.name, failed: newFailures(runUnit(dir, m.name), baseline) });
      } finally {
        restore();
      }
    }
    console.log('\n| transformation switched off | failing tests | test files (failing tests) |\n|---|---|---|');
    for (const r of rows) {
      const files = [...r.failed.byFile].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([f, n]) => `${f} (${n})`);
      console.log(`| ${r.name} | ${r.failed.tests} | ${files.join(', ') || 'NONE'} |`);
    }
    if (baseline.ids.size) console.log(`\nbaseline: ${baseline.ids.size} test(s) fail without a mutation (not counted): ${[...baseline.ids].slice(0, 10).join('; ')}`);
    const uncaught = rows.filter((r) => r.failed.tests === 0);
    if (uncaught.length) {
      exit = 1;
      console.log(`\nFAIL: no test fails with ${uncaught.map((r) => r.name).join(', ')} switched off`);
    } else console.log(`\nmutation check: each of ${rows.length} transformations makes at least one test fail`);
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else {
      spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: PROJECT });
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  }
  process.exit(exit);
}
