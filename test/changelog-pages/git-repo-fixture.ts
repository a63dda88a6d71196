import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitWorkTree } from '../support/git-repo.ts';

export { hasGit } from '../support/git-repo.ts';

const helmRelease = (version: string, tag: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: jellyfin
spec:
  interval: 30m
  chart:
    spec:
      chart: app-template
      version: ${version}
      sourceRef:
        kind: HelmRepository
        name: bjw-s
        namespace: flux-system
  values:
    controllers:
      jellyfin:
        containers:
          app:
            image:
              repository: ghcr.io/jellyfin/jellyfin
              tag: ${tag}
`;

const ks = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: jellyfin
  namespace: flux-system
spec:
  targetNamespace: media
  path: ./kubernetes/apps/media/jellyfin/app
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  interval: 30m
`;

/** A hand-written CHANGELOG.md whose generated block must not be read back as entries. */
export const CHANGELOG = `# Changelog

<!-- BEGIN ATLAS -->
## Week 2024-W01 (from 2024-01-01)
- generated bullet that must not be read
<!-- END ATLAS -->

## 2024-03-06
- Upgraded jellyfin after testing \`10.10.4\` on staging
`;

/**
 * A Flux repository in the `homelab/` sub-folder of a git work tree, built commit by commit with
 * fixed author and committer dates (2024, so a bound measured from the clock would see nothing):
 *
 * - Fri 2024-03-01 the work tree's first commit, outside `homelab/` (so that the next commit has a
 *   parent: a root commit is where a history starts, it adds no app)
 * - Mon 2024-03-04 (W10) `feat(media): add jellyfin` adds the app and CHANGELOG.md
 * - Wed 2024-03-06 (W10) Renovate: image 10.10.3 → 10.10.4 (the hand-written bullet's day)
 * - Thu 2024-03-07 (W10) a commit outside `homelab/`, which must not appear
 * - Tue 2024-03-12 (W11) `chore: tidy`, whose diff bumps the chart 3.5.1 → 3.6.0
 * - Wed 2024-03-13 (W11) ks.yaml renamed to ks.dis (disabled)
 */
export function makeFixtureRepo(): { top: string; repo: string } {
  const top = mkdtempSync(join(tmpdir(), 'atlas-changelog-pages-'));
  const repo = join(top, 'homelab');
  const tree = gitWorkTree(top);
  const git = (...args: string[]): void => void tree.git(args);
  const write = tree.write;
  const commit = (at: string, subject: string): void => tree.commit(subject, at);
  const app = 'homelab/kubernetes/apps/media/jellyfin';
  git('init', '-q', '-b', 'main');
  write('README.md', '# infrastructure\n');
  commit('2024-03-01T10:00:00+01:00', 'docs: start');
  write(`${app}/ks.yaml`, ks);
  write(`${app}/app/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n');
  write(`${app}/app/helmrelease.yaml`, helmRelease('3.5.1', '10.10.3'));
  write('homelab/kubernetes/apps/media/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./jellyfin/ks.yaml\n');
  write('homelab/CHANGELOG.md', CHANGELOG);
  commit('2024-03-04T10:00:00+01:00', 'feat(media): add jellyfin');
  write(`${app}/app/helmrelease.yaml`, helmRelease('3.5.1', '10.10.4'));
  commit('2024-03-06T09:30:00+01:00', 'fix(container): update image ghcr.io/jellyfin/jellyfin ( 10.10.3 → 10.10.4 )');
  write('other/README.md', '# not the Flux repo\n');
  commit('2024-03-07T12:00:00+01:00', 'docs: unrelated');
  write(`${app}/app/helmrelease.yaml`, helmRelease('3.6.0', '10.10.4'));
  commit('2024-03-12T18:00:00+01:00', 'chore: tidy');
  renameSync(join(top, app, 'ks.yaml'), join(top, app, 'ks.dis'));
  commit('2024-03-13T08:00:00+01:00', 'chore(media): disable jellyfin for now');
  return { top, repo };
}
