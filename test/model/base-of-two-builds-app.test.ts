/**
 * A kustomize base outside every Flux path (`bases/external-secrets`), listed by an app's own folder
 * (`infrastructure/security/external-secrets`, its Kustomization's path) and built again by the parent
 * that builds `infrastructure/` (DUPLICATE_OBJECT): its objects are the app's, whose build is the more
 * specific one. Outside review (thirty-second round): the base became an app of its own, the real app
 * showed no chart and was renamed `external-secrets-2` with an APP_ID_COLLISION.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a base two builds reach', () => {
  const repo = tempRepos(afterAll);

  it('belongs to the app of the inner build, with no second app', async () => {
    const r = repo('base-of-two-builds');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - security\n  - networking\n');
    // (A parent of several Kustomizations: plumbing, whose builds' releases are grouped by folder.)
    r.put('infrastructure/networking/kustomization.yaml', 'resources:\n  - coredns/ks.yaml\n');
    r.put('infrastructure/networking/coredns/ks.yaml', fluxKustomization('coredns', './infrastructure/networking/coredns/app', '  targetNamespace: kube-system\n'));
    r.put('infrastructure/networking/coredns/app/helmrelease.yaml', helmRelease({ name: 'coredns' }));
    r.put('infrastructure/security/kustomization.yaml', 'resources:\n  - external-secrets/ks.yaml\n  - external-secrets\n');
    r.put('infrastructure/security/external-secrets/ks.yaml', fluxKustomization('external-secrets', './infrastructure/security/external-secrets', '  targetNamespace: external-secrets\n'));
    r.put('infrastructure/security/external-secrets/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - ../../../bases/external-secrets\n');
    r.put('infrastructure/security/external-secrets/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: external-secrets\n');
    r.put('bases/external-secrets/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('bases/external-secrets/helmrelease.yaml', helmRelease({ name: 'external-secrets', chart: 'external-secrets', version: '0.10.7' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'APP_ID_COLLISION')).toEqual([]);
    const apps = model.apps.filter((a) => a.name === 'external-secrets');
    expect(apps.map((a) => a.id)).toEqual(['external-secrets/external-secrets']);
    const release = model.helmReleases.find((h) => h.name === 'external-secrets')!;
    expect(release.appId).toBe('external-secrets/external-secrets');
    expect(model.kustomizations.find((k) => k.name === 'external-secrets')!.appId).toBe('external-secrets/external-secrets');
  });
});
