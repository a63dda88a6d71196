/**
 * Which source is this repository's: the one whose Flux Kustomizations' paths are folders of the tree.
 * A path of the artifact's root (`./`) or one with `${VAR}` is no evidence either way.
 */
import { describe, expect, it } from 'vitest';
import { ownSourceKey } from '../../src/repo/build/external-source.ts';
import type { WorkDoc } from '../../src/repo/build/work-doc.ts';

const ks = (file: string, source: string, path: string | undefined) =>
  ({ file, body: { spec: { ...(path !== undefined ? { path } : {}), sourceRef: { kind: 'GitRepository', name: source } } } }) as unknown as WorkDoc;
const tree = new Set(['clusters/prod', 'apps', 'apps/prod', 'infra']);
const exists = (p: string) => tree.has(p);

describe('ownSourceKey', () => {
  it('prefers the source whose paths exist over one used more often with paths of another repository', () => {
    const docs = [ks('clusters/prod/flux.yaml', 'flux-system', './clusters/prod'), ...['a', 'b', 'c'].map((n) => ks(`apps/${n}.yaml`, 'other', `./deploy/${n}`))];
    expect(ownSourceKey(docs, exists)).toBe('GitRepository/flux-system');
  });

  it('counts neither `./` nor `${VAR}` paths as evidence (another repository applied at its root stays another)', () => {
    const docs = [
      ks('clusters/prod/flux.yaml', 'flux-system', './clusters/prod'),
      ks('clusters/prod/flux.yaml', 'flux-system', './apps/${CLUSTER}'),
      ks('clusters/prod/flux.yaml', 'flux-system', './infra/${CLUSTER}'),
      ks('clusters/prod/platform.yaml', 'platform', './'),
      ks('clusters/prod/platform.yaml', 'platform', './'),
      ks('clusters/prod/platform.yaml', 'platform', undefined),
    ];
    expect(ownSourceKey(docs, exists)).toBe('GitRepository/flux-system');
  });

  it('without evidence, the one most Kustomizations use, then flux-system on a tie', () => {
    expect(ownSourceKey([ks('a.yaml', 'x', './'), ks('b.yaml', 'x', './'), ks('c.yaml', 'y', './')], exists)).toBe('GitRepository/x');
    expect(ownSourceKey([ks('a.yaml', 'bot', './'), ks('b.yaml', 'flux-system', './')], exists)).toBe('GitRepository/flux-system');
  });

  it('is none where the only source is refuted by every telling path (an OCI artifact pushed from a sub-folder by a script)', () => {
    // Flux's flux-operator-local-dev: clusters/local/infra.yaml applies ./controllers and ./config of an
    // artifact pushed from infra/; neither is a folder of the tree, so the artifact is not this repository.
    const oci = (file: string, path: string) =>
      ({ file, body: { spec: { path, sourceRef: { kind: 'OCIRepository', name: 'infra-source' } } } }) as unknown as WorkDoc;
    expect(ownSourceKey([oci('clusters/local/infra.yaml', './controllers'), oci('clusters/local/infra.yaml', './config')], exists)).toBe('');
    // The bootstrap's flux-system is this repository by name, even where its paths are wrong.
    expect(ownSourceKey([ks('a.yaml', 'flux-system', './nowhere')], exists)).toBe('GitRepository/flux-system');
    // A source with a path that fits is not refuted by another that does not.
    expect(ownSourceKey([ks('a.yaml', 'mine', './apps'), ks('b.yaml', 'mine', './gone')], exists)).toBe('GitRepository/mine');
    // An artifact that is no Git repository, read only at its root, proves nothing either: not ours.
    expect(ownSourceKey([oci('clusters/local/apps.yaml', './'), oci('clusters/local/infra.yaml', './controllers')], exists)).toBe('');
    // (A Git repository read at its root is, where nothing else is: `flux bootstrap` of `./`.)
    expect(ownSourceKey([ks('a.yaml', 'repo', './')], exists)).toBe('GitRepository/repo');
  });
});
