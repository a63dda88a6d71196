/**
 * A Kustomization that runs an app of its own (its release, its secret) beside the one child
 * Kustomization it applies is that app, not plumbing: read as an aggregator, its app was split in two,
 * the Kustomization's half in flux-system where nothing of it runs (outside review: tailscale-operator
 * with its `router` child). A Kustomization of Kustomizations only stays plumbing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a Kustomization with its own app and one child Kustomization', () => {
  const repo = tempRepos(afterAll);

  it('is one app with its release', async () => {
    const r = repo('one-child-app');
    bootstrap(r, 'home');
    r.put('clusters/home/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - vpn/ks.yaml\n  - tools/ks.yaml\n');
    r.put('infrastructure/vpn/ks.yaml', fluxKustomization('tailscale-operator', './infrastructure/vpn'));
    r.put('infrastructure/vpn/kustomization.yaml', 'namespace: vpn\nresources:\n  - namespace.yaml\n  - ../../base/tailscale\n  - router/ks.yaml\n');
    r.put('infrastructure/vpn/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vpn\n');
    r.put('infrastructure/vpn/router/ks.yaml', fluxKustomization('router', './infrastructure/vpn/router').replace('namespace: flux-system', 'namespace: vpn') + '  dependsOn:\n    - name: tailscale-operator\n      namespace: flux-system\n');
    r.put('infrastructure/vpn/router/connector.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: router\n  namespace: vpn\n');
    r.put('base/tailscale/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('base/tailscale/release.yaml', helmRelease({ name: 'tailscale-operator', namespace: 'flux-system' }));
    // Plumbing: a Kustomization of Kustomizations only.
    r.put('infrastructure/tools/ks.yaml', fluxKustomization('tools', './infrastructure/tools'));
    r.put('infrastructure/tools/kustomization.yaml', 'resources:\n  - a/ks.yaml\n');
    r.put('infrastructure/tools/a/ks.yaml', fluxKustomization('tool-a', './infrastructure/tools/a/app'));
    r.put('infrastructure/tools/a/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: tools\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ksApp = (name: string) => model.kustomizations.find((k) => k.name === name)?.appId;
    const release = model.helmReleases.find((h) => h.name === 'tailscale-operator');
    expect(release?.appId).toBe(ksApp('tailscale-operator'));
    expect(model.apps.find((a) => a.id === release?.appId)?.namespace).toBe('vpn');
    expect(ksApp('router')).not.toBe(ksApp('tailscale-operator'));
    expect(ksApp('tools')).not.toBe(ksApp('tool-a'));
  });
});
