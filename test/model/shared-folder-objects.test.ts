/**
 * A folder that makes several apps, one a HelmRelease file (`logging/release-loki.yaml`,
 * `release-promtail.yaml`), holds what they share: the Namespace and the chart's HelmRepository. Those
 * are the folder's apps', not the app of the Kustomization above that builds the folder among others
 * (`clusters/<c>/infrastructure` -> `../../base`, which lists `logging/`): read as that wrapper's, its
 * page carried NETWORK_POLICY_MISSING for `logging`, where it runs nothing (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { appFacts, appFindings } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe("a folder of one-file apps' shared objects", () => {
  const repo = tempRepos(afterAll);

  it("belong to the folder's apps, and the namespace's finding to the apps that run there", async () => {
    const r = repo('shared-folder-objects');
    for (const c of ['prod', 'staging']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/infra-sync.yaml`, fluxKustomization(`${c}-infrastructure`, `./clusters/${c}/infrastructure`));
      r.put(`clusters/${c}/infrastructure/kustomization.yaml`, 'resources:\n  - ../../base/\n');
    }
    r.put('clusters/base/kustomization.yaml', 'resources:\n  - cert-manager/\n  - logging/\n');
    r.put('clusters/base/cert-manager/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - repository.yaml\n  - release.yaml\n');
    r.put('clusters/base/cert-manager/namespace.yaml', namespace('cert-manager'));
    r.put('clusters/base/cert-manager/repository.yaml', helmRepository('jetstack', 'https://charts.jetstack.io'));
    r.put('clusters/base/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', source: 'jetstack' }));
    r.put('clusters/base/logging/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - repository.yaml\n  - release-loki.yaml\n  - release-promtail.yaml\n');
    r.put('clusters/base/logging/namespace.yaml', namespace('logging'));
    r.put('clusters/base/logging/repository.yaml', helmRepository('grafana', 'https://grafana.github.io/helm-charts'));
    r.put('clusters/base/logging/release-loki.yaml', helmRelease({ name: 'loki', namespace: 'logging', source: 'grafana' }));
    r.put('clusters/base/logging/release-promtail.yaml', helmRelease({ name: 'promtail', namespace: 'logging', source: 'grafana' }));
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;

    for (const c of ['prod', 'staging']) {
      expect(model.apps.map((a) => a.id)).toEqual(expect.arrayContaining([`${c}/logging/loki`, `${c}/logging/promtail`, `${c}/flux-system/infrastructure`]));
      // One owner an object: of the two apps the chart source and the Namespace serve, the first by name.
      expect(appOf(`Namespace/_cluster/logging@${c}`)).toBe(`${c}/logging/loki`);
      expect(appOf(`HelmRepository/flux-system/grafana@${c}`)).toBe(`${c}/logging/loki`);
      // (A folder of one app is that app's, as before.)
      expect(appOf(`Namespace/_cluster/cert-manager@${c}`)).toBe(`${c}/cert-manager/cert-manager`);

      const open = model.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' && f.message.startsWith(`Namespace logging of cluster ${c} `));
      expect(open.map((f) => [f.appId, f.alsoAppIds])).toEqual([[`${c}/logging/loki`, [`${c}/logging/promtail`]]]);
      const pageCodes = (id: string) => appFindings(model, id).filter((f) => f.ref.file === 'clusters/base/logging/namespace.yaml').map((f) => f.code);
      expect(pageCodes(`${c}/logging/loki`)).toEqual(['NETWORK_POLICY_MISSING']);
      expect(pageCodes(`${c}/logging/promtail`)).toEqual(['NETWORK_POLICY_MISSING']);
      expect(pageCodes(`${c}/flux-system/infrastructure`)).toEqual([]);
      // Each page says whose page lists what the folder shares.
      const holder = { appId: `${c}/logging/loki`, name: 'loki', path: `/apps/${c}/logging/loki/`, objects: ['HelmRepository grafana', 'Namespace logging'] };
      expect(appFacts(model, `${c}/logging/promtail`)!.sharedFolder).toEqual({ folder: 'clusters/base/logging', apps: [{ appId: `${c}/logging/loki`, name: 'loki', path: `/apps/${c}/logging/loki/` }], shared: [holder] });
      expect(appFacts(model, `${c}/logging/loki`)!.sharedFolder?.shared).toEqual([holder]);
      expect(appFacts(model, `${c}/cert-manager/cert-manager`)!.sharedFolder).toBeNull();
    }
  });

  it("stay the Kustomization's in its own folder (a sources file beside the release files it applies)", async () => {
    // Flux's reference layout: `infrastructure/controllers` is the Kustomization's path; its
    // sources.yaml is the plumbing's, not the first release's.
    const r = repo('shared-folder-own-path');
    bootstrap(r, 'prod');
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - sources.yaml\n  - cert-manager.yaml\n  - ingress-nginx.yaml\n');
    r.put('infrastructure/controllers/sources.yaml', `${helmRepository('jetstack', 'https://charts.jetstack.io')}---\n${helmRepository('ingress-nginx', 'https://kubernetes.github.io/ingress-nginx')}`);
    r.put('infrastructure/controllers/cert-manager.yaml', `${namespace('cert-manager')}---\n${helmRelease({ name: 'cert-manager', namespace: 'cert-manager', source: 'jetstack' })}`);
    r.put('infrastructure/controllers/ingress-nginx.yaml', `${namespace('ingress-nginx')}---\n${helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx', source: 'ingress-nginx' })}`);
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const ks = model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/infra-controllers'));
    expect(model.objects.filter((o) => o.kind === 'HelmRepository').map((o) => o.appId)).toEqual([ks?.id, ks?.id]);
  });
});
