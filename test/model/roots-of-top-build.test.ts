/**
 * A repository whose bootstrap is outside it (Terraform, `flux bootstrap --path=gitops` with the sync
 * not committed) applies a top kustomization.yaml that lists each part's Flux Kustomization. One of
 * them that contains another Kustomization was taken for the one cluster root, and every sibling was
 * "not deployed", its findings hidden (outside review: 17 of 19 apps). The build that applies that
 * root applies its siblings too: they are roots alike. A Kustomization the top build does not list
 * stays unreached.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  k: v\n`;

describe('Kustomizations a top kustomization.yaml lists, applied from outside the repository', () => {
  const repo = tempRepos(afterAll);

  it('are roots alike, whether or not one of them contains another Kustomization', async () => {
    const r = repo('top-build-roots');
    r.put('platform/kustomization.yaml', 'namespace: flux-system\nresources:\n  - certs/flux.yaml\n  - web/flux.yaml\n');
    r.put('platform/certs/flux.yaml', fluxKustomization('certs', './platform/certs/sub'));
    r.put('platform/certs/sub/flux.yaml', fluxKustomization('certs-issuer', './platform/certs/sub/app'));
    r.put('platform/certs/sub/app/cm.yaml', configMap('issuer'));
    r.put('platform/web/flux.yaml', fluxKustomization('web', './platform/web/app'));
    r.put('platform/web/app/cm.yaml', configMap('web'));
    r.put('platform/stray/flux.yaml', fluxKustomization('stray', './platform/stray/app'));
    r.put('platform/stray/app/cm.yaml', configMap('stray'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const state = Object.fromEntries(model.kustomizations.map((k) => [k.name, k.isRoot ? 'root' : k.reachedFromRoot ? 'reached' : 'unreached']));
    expect(state).toEqual({ certs: 'root', 'certs-issuer': 'reached', web: 'root', stray: 'unreached' });
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file)).toEqual(['platform/stray/flux.yaml']);
  });

  // The roots written in a base the applied overlay includes through `../` (`overlays/homelab`
  // listing `secrets.yaml` and `../../base/`, the base's Flux Kustomizations depending on `secrets`):
  // the overlay is what `flux bootstrap --path` names, so its own Kustomization is a root too (outside
  // review: `secrets` was "not deployed", and the SOPS Secrets it applies never checked).
  it('are roots where the top build includes their folder from beside it', async () => {
    const r = repo('top-build-overlay');
    r.put('overlays/homelab/kustomization.yaml', 'namespace: flux-system\nresources:\n  - secrets.yaml\n  - ../../base/\n');
    r.put('overlays/homelab/secrets.yaml', fluxKustomization('secrets', './overlays/homelab/secrets'));
    r.put('overlays/homelab/secrets/cm.yaml', configMap('secret-ish'));
    r.put('base/kustomization.yaml', 'resources:\n  - namespaces.yaml\n  - apps.yaml\n');
    r.put('base/namespaces.yaml', fluxKustomization('namespaces', './base/namespaces'));
    r.put('base/namespaces/cm.yaml', configMap('ns'));
    r.put('base/apps.yaml', fluxKustomization('apps', './base/apps', '  dependsOn:\n    - name: secrets\n    - name: namespaces\n'));
    r.put('base/apps/app.yaml', fluxKustomization('inner', './base/apps/inner'));
    r.put('base/apps/inner/cm.yaml', configMap('inner'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const state = Object.fromEntries(model.kustomizations.map((k) => [k.name, k.isRoot ? 'root' : k.reachedFromRoot ? 'reached' : 'unreached']));
    expect(state).toEqual({ secrets: 'root', namespaces: 'root', apps: 'root', inner: 'reached' });
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED' || f.code === 'DEPENDS_ON_MISSING')).toEqual([]);
  });
});
