import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { ChangelogEntry } from '../../src/model/changelog-entry.ts';
import { changelogBlock, type ChangelogData } from '../../src/lib/export/changelog-md.ts';
import { computeChangelog } from '../../src/pipeline/changelog.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization } from '../support/temp-repo.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

/**
 * The shapes of a home-ops history the changelog got wrong (outside review of onedr0p/home-ops and
 * bjw-s-labs/home-ops bundles, whose first commit has no parent): an app folder per `ks.yaml` under
 * `kubernetes/apps/<namespace>/`, all of it built by a `cluster-apps` Kustomization whose folder,
 * `kubernetes/apps`, holds every app's.
 */
const clusterApps = fluxKustomization('cluster-apps', './kubernetes/apps');

const ks = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
spec:
  interval: 1h
  path: ./kubernetes/apps/default/${name}/app
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
  targetNamespace: default
`;

const oci = (chart: string, tag: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: ${chart}
spec:
  interval: 15m
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
  ref:
    tag: ${tag}
  url: oci://ghcr.io/bjw-s-labs/helm/${chart}
`;

/** An app-template release: the app's image, a sidecar's, and one named by registry and repository. */
const release = (name: string, image: string, tags: { app: string; sidecar: string; prompp: string }) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: app-template
  values:
    controllers:
      ${name}:
        containers:
          app:
            image:
              repository: ${image}
              tag: ${tags.app}@sha256:${'a'.repeat(64)}
          sidecar:
            image:
              repository: ghcr.io/home-operations/gatus-sidecar
              tag: ${tags.sidecar}
          prompp:
            image:
              registry: docker.io
              repository: prompp/prompp
              tag: ${tags.prompp}
`;

const appFiles = (write: (p: string, t: string) => void, name: string, image: string, chart = '5.0.1') => {
  const dir = `kubernetes/apps/default/${name}`;
  write(`${dir}/ks.yaml`, ks(name));
  write(`${dir}/app/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n  - ./ocirepository.yaml\n');
  write(`${dir}/app/ocirepository.yaml`, oci('app-template', chart));
  write(`${dir}/app/helmrelease.yaml`, release(name, image, { app: '1.0.0', sidecar: '0.4.0', prompp: '0.8.1' }));
};

const namespaceKustomization = (apps: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: default\nresources:\n${apps.map((a) => `  - ./${a}/ks.yaml\n`).join('')}`;

function entry(data: ChangelogData, subject: string): ChangelogEntry {
  const found = data.changelog.entries.find((e) => e.subject === subject);
  if (!found) throw new Error(`no entry "${subject}"`);
  return found;
}

describe.runIf(hasGit)('a home-ops history: a root commit, removed and renamed apps, tag-only bumps', () => {
  let top = '';
  let data: ChangelogData;
  let markdown = '';
  const subjects = {
    root: 'fix(container): update image ghcr.io/home-operations/radarr (1.0.0 ➔ 1.0.1) (#11275)',
    zigbee: 'feat(container): update image ghcr.io/koenkk/zigbee2mqtt (1.0.0 ➔ 1.1.0)',
    sidecar: 'fix(container): update image ghcr.io/home-operations/gatus-sidecar (0.4.0 ➔ 0.4.1)',
    prompp: 'fix(container): update image docker.io/prompp/prompp (0.8.1 ➔ 0.8.4)',
    chart: 'feat(container): update image ghcr.io/bjw-s-labs/helm/app-template (5.0.1 ➔ 5.1.0)',
    rename: 'feat(cleanrr): replace deduparr with cleanrr (#11566)',
    remove: 'feat(cluster): remove zigbee (#11447)',
  };

  beforeAll(async () => {
    top = mkdtempSync(join(tmpdir(), 'atlas-history-shapes-'));
    // The Flux repository is a sub-folder of the work tree (git paths relative to it, `--relative`).
    const repo = join(top, 'homelab');
    const tree = gitWorkTree(top);
    const { git, commit } = tree;
    const write = (path: string, text: string) => tree.write(`homelab/${path}`, text);
    git(['init', '-q', '-b', 'main']);
    write('kubernetes/flux/cluster/ks.yaml', clusterApps);
    write('kubernetes/apps/default/kustomization.yaml', namespaceKustomization(['deduparr', 'radarr', 'zigbee']));
    appFiles(write, 'radarr', 'ghcr.io/home-operations/radarr');
    appFiles(write, 'deduparr', 'ghcr.io/home-operations/deduparr');
    appFiles(write, 'zigbee', 'ghcr.io/koenkk/zigbee2mqtt');
    // The first commit of the history (a bundle's, a shallow clone's): every file is "added" by it.
    commit(subjects.root, '2026-07-01T10:00:00+00:00');
    const edit = (path: string, from: string, to: string) => write(path, readFileSync(join(repo, path), 'utf8').replaceAll(from, to));
    edit('kubernetes/apps/default/zigbee/app/helmrelease.yaml', `tag: 1.0.0@`, `tag: 1.1.0@`);
    commit(subjects.zigbee, '2026-07-02T10:00:00+00:00');
    edit('kubernetes/apps/default/radarr/app/helmrelease.yaml', 'tag: 0.4.0', 'tag: 0.4.1');
    commit(subjects.sidecar, '2026-07-03T10:00:00+00:00');
    edit('kubernetes/apps/default/radarr/app/helmrelease.yaml', 'tag: 0.8.1', 'tag: 0.8.4');
    commit(subjects.prompp, '2026-07-04T10:00:00+00:00');
    for (const app of ['deduparr', 'radarr']) edit(`kubernetes/apps/default/${app}/app/ocirepository.yaml`, 'tag: 5.0.1', 'tag: 5.1.0');
    commit(subjects.chart, '2026-07-05T10:00:00+00:00');
    renameSync(join(repo, 'kubernetes/apps/default/deduparr'), join(repo, 'kubernetes/apps/default/cleanrr'));
    edit('kubernetes/apps/default/cleanrr/ks.yaml', 'deduparr', 'cleanrr');
    edit('kubernetes/apps/default/kustomization.yaml', 'deduparr', 'cleanrr');
    commit(subjects.rename, '2026-07-06T10:00:00+00:00');
    rmSync(join(repo, 'kubernetes/apps/default/zigbee'), { recursive: true });
    write('kubernetes/apps/default/kustomization.yaml', namespaceKustomization(['cleanrr', 'radarr']));
    commit(subjects.remove, '2026-07-07T10:00:00+00:00');

    const config = loadConfig(repo);
    const { model } = await scanRepo(repo, config);
    data = await computeChangelog({ repoRoot: repo, model, config });
    markdown = changelogBlock(data, model.apps).generated;
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('the root commit is where the history starts: it adds no app and credits its update to none', () => {
    const root = entry(data, subjects.root);
    expect(root.appEvents).toEqual([]);
    expect(root.apps).toEqual([]);
    expect(data.changelog.stats.appEvents.added).toBe(1); // cleanrr, by the rename
    expect(markdown).toContain('- ghcr.io/home-operations/radarr 1.0.0 → 1.0.1 `');
    // The apps it held were there from the start: a later commit of only new files in one is no addition.
    expect(data.changelog.entries.flatMap((e) => e.appEvents).filter((e) => e.event === 'added').map((e) => e.app)).toEqual(['default/cleanrr']);
  });

  it('names a removed or renamed app after its own folder as it was, not the app of the folder above', () => {
    expect(entry(data, subjects.rename).appEvents).toEqual([
      { app: 'default/cleanrr', dir: 'kubernetes/apps/default/cleanrr', event: 'added' },
      { app: 'default/deduparr', dir: 'kubernetes/apps/default/deduparr', event: 'removed' },
    ]);
    expect(entry(data, subjects.remove).appEvents).toEqual([{ app: 'default/zigbee', dir: 'kubernetes/apps/default/zigbee', event: 'removed' }]);
    // A bump in an app HEAD no longer has is that app's.
    expect(entry(data, subjects.zigbee).bumps.map((b) => b.app)).toEqual(['default/zigbee']);
    expect(entry(data, subjects.zigbee).apps).toEqual(['default/zigbee']);
    expect(markdown).toMatch(/### Apps removed\n\n- \*\*zigbee\*\* 2026-07-07: .*\n- \*\*deduparr\*\* 2026-07-06: /);
    expect(markdown).not.toMatch(/\*\*cluster-apps\*\* 2026-07-0[67]/);
  });

  it('names a tag-only image bump by the repository beside the tag at that commit, and says it is an image', () => {
    expect(entry(data, subjects.zigbee).bumps.map((b) => [b.kind, b.name, b.from, b.to])).toEqual([['image', 'ghcr.io/koenkk/zigbee2mqtt', '1.0.0', '1.1.0']]);
    expect(entry(data, subjects.sidecar).bumps.map((b) => [b.kind, b.name, b.app])).toEqual([['image', 'ghcr.io/home-operations/gatus-sidecar', 'default/radarr']]);
    expect(entry(data, subjects.prompp).bumps.map((b) => [b.kind, b.name])).toEqual([['image', 'docker.io/prompp/prompp']]);
    expect(markdown).toContain('- ghcr.io/home-operations/gatus-sidecar image 0.4.0 → 0.4.1 (**radarr**)');
    expect(markdown).toContain('- ghcr.io/koenkk/zigbee2mqtt image 1.0.0 → 1.1.0 (**zigbee**)');
  });

  it('names a chart bump of an app HEAD no longer has by its OCIRepository at that commit', () => {
    const chart = entry(data, subjects.chart);
    expect(chart.bumps.map((b) => [b.kind, b.name, b.app])).toEqual([
      ['chart', 'app-template', 'default/deduparr'],
      ['chart', 'app-template', 'default/radarr'],
    ]);
    expect(markdown).toContain('- chart app-template 5.0.1 → 5.1.0 (**deduparr**, **radarr**)');
  });
});

describe.runIf(hasGit)('a shallow clone', () => {
  let top = '';
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('starts at its boundary commit: that commit adds no app', async () => {
    top = mkdtempSync(join(tmpdir(), 'atlas-history-shallow-'));
    const origin = join(top, 'origin');
    mkdirSync(origin);
    const { git, write, commit } = gitWorkTree(origin);
    git(['init', '-q', '-b', 'main']);
    write('kubernetes/flux/cluster/ks.yaml', clusterApps);
    write('kubernetes/apps/default/kustomization.yaml', namespaceKustomization(['radarr']));
    appFiles(write, 'radarr', 'ghcr.io/home-operations/radarr');
    commit('feat: radarr', '2026-07-01T10:00:00+00:00');
    write('kubernetes/apps/default/radarr/README.md', '# radarr\n');
    commit('docs(radarr): readme', '2026-07-02T10:00:00+00:00');
    write('kubernetes/apps/default/radarr/NOTES.md', '# notes\n');
    commit('docs(radarr): notes', '2026-07-03T10:00:00+00:00');
    const clone = join(top, 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${origin}`, clone], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    const config = loadConfig(clone);
    const { model } = await scanRepo(clone, config);
    const data = await computeChangelog({ repoRoot: clone, model, config });
    expect(data.changelog.entries.map((e) => [e.subject, e.apps, e.appEvents.length])).toEqual([
      ['docs(radarr): notes', ['default/radarr'], 0],
      ['docs(radarr): readme', [], 0],
    ]);
  });
});
