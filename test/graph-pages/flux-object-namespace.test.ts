/**
 * The graph pages name a Flux object by its own namespace, the one its id, the app pages, the findings
 * and `flux reconcile ks <name> -n <namespace>` use; where it applies to (spec.targetNamespace) is shown
 * beside it. They file it under the namespace its app runs in, so each namespace's graph shows its
 * apps' dependencies (filed under their own namespace, a home-ops repository's Kustomizations, all in
 * flux-system, made one graph of thousands of nodes at 1,000 apps). An outside review found
 * `cilium-gatewayclass` (in flux-system, targetNamespace kube-system) labelled
 * `kube-system/cilium-gatewayclass`; the app pages' "Needed by" (and atlas.json's dependedOnBy) named
 * the app (`kube-system/gateway`) where dependsOn names Flux objects.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { diagramEdgeLines, graphGroups, namespaceDiagram, namespaceNodeList, neighbourhoodDiagram, overviewDiagram } from '../../src/lib/site/graph-views.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

async function graphOf(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, graph: analyse(model, config).graph.graph };
}

describe('graph pages name Flux objects by their own namespace', () => {
  const repo = tempRepos(afterAll);

  /** Two Kustomizations in flux-system that apply into kube-system, both waiting for external-secrets (in flux-system too). */
  function ciliumShape(name: string) {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', [
      fluxKustomization('external-secrets', './infra/external-secrets', '  targetNamespace: external-secrets\n  wait: true\n'),
      fluxKustomization('cilium-gatewayclass', './infra/cilium/gateway', '  targetNamespace: kube-system\n  dependsOn:\n    - name: external-secrets\n'),
      fluxKustomization('cilium-clustermesh-secret', './infra/cilium/clustermesh', '  targetNamespace: kube-system\n  dependsOn:\n    - name: external-secrets\n'),
    ].join('---\n'));
    r.put('infra/external-secrets/release.yaml', helmRelease({ name: 'external-secrets' }));
    r.put('infra/cilium/gateway/cm.yaml', configMap('gateway'));
    r.put('infra/cilium/clustermesh/cm.yaml', configMap('clustermesh'));
    return graphOf(r.root);
  }

  it('a Kustomization in flux-system with targetNamespace kube-system is labelled flux-system/<name>, filed under its app in kube-system', async () => {
    const { graph } = await ciliumShape('graph-target-namespace');

    const gateway = graph.nodes.find((n) => n.name === 'cilium-gatewayclass')!;
    expect([gateway.id, gateway.group]).toEqual(['Kustomization/flux-system/cilium-gatewayclass', 'kube-system']);
    expect(gateway.targetNamespace).toBe('kube-system');
    // The overview's boxes are the namespaces the apps run in; the arrow stands for their dependsOn entries.
    expect(diagramEdgeLines(overviewDiagram(graph, '/')).map((l) => `${l.from.label} -> ${l.to.label}: ${l.label}`)).toEqual(['external-secrets · 1 -> kube-system · 2: 2']);

    const list = namespaceNodeList(graph, 'kube-system', '/');
    expect(list.map((n) => [n.label, n.targetNamespace, n.dependsOn.map((d) => d.label)])).toEqual([
      ['flux-system/cilium-clustermesh-secret', 'kube-system', ['flux-system/external-secrets']],
      ['flux-system/cilium-gatewayclass', 'kube-system', ['flux-system/external-secrets']],
    ]);
    // Outside nodes of a namespace's drawing, and an app page's neighbourhood, name the other end by its own namespace.
    expect(namespaceDiagram(graph, 'kube-system', '/').nodes.filter((n) => n.style === 'external').map((n) => n.label)).toEqual(['flux-system/external-secrets']);
    const neighbour = neighbourhoodDiagram(graph, gateway.appId!, '/').nodes.find((n) => n.style === 'external')!;
    expect(neighbour.label).toBe('flux-system/external-secrets');
    expect(graphGroups(graph).map((g) => g.group)).not.toContain('flux-system/cilium-gatewayclass');
  });

  it("an app page's Needed by (atlas.json's dependedOnBy) names the dependent Flux objects, as dependsOn names them", async () => {
    const { model, graph } = await ciliumShape('graph-depended-on-by');
    const appOf = (name: string) => graph.nodes.find((n) => n.name === name && n.kind === 'kustomization')!.appId!;
    expect(appFacts(model, appOf('external-secrets'))!.dependedOnBy.map((l) => [l.namespace, l.name, l.appId])).toEqual([
      ['flux-system', 'cilium-clustermesh-secret', appOf('cilium-clustermesh-secret')],
      ['flux-system', 'cilium-gatewayclass', appOf('cilium-gatewayclass')],
    ]);
    // (Its other side, an app's dependsOn, already named the Flux object.)
    expect(appFacts(model, appOf('cilium-gatewayclass'))!.dependsOn.map((l) => [l.namespace, l.name])).toEqual([['flux-system', 'external-secrets']]);
  });

  it('an app with two dependent Kustomizations is two entries of Needed by, and named once in its README', async () => {
    const r = repo('graph-depended-on-twice');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('apps', './apps'), fluxKustomization('longhorn', './infra/longhorn', '  wait: true\n')].join('---\n'));
    r.put('infra/longhorn/release.yaml', helmRelease({ name: 'longhorn', namespace: 'longhorn-system' }));
    r.put('apps/kustomization.yaml', 'resources:\n  - media/plex/ks.yaml\n');
    // One app folder, two Kustomizations (the app and its config), both waiting for longhorn.
    const dep = '  targetNamespace: media\n  dependsOn:\n    - name: longhorn\n';
    r.put('apps/media/plex/ks.yaml', [fluxKustomization('plex', './apps/media/plex/app', dep), fluxKustomization('plex-config', './apps/media/plex/config', dep)].join('---\n'));
    r.put('apps/media/plex/app/cm.yaml', configMap('plex'));
    r.put('apps/media/plex/config/cm.yaml', configMap('plex-config'));
    const { model, graph } = await graphOf(r.root);
    const longhorn = appFacts(model, graph.nodes.find((n) => n.name === 'longhorn')!.appId!)!;
    const plexApp = graph.nodes.find((n) => n.name === 'plex')!.appId;
    expect(longhorn.dependedOnBy.map((l) => [l.namespace, l.name, l.appId])).toEqual([
      ['flux-system', 'plex', plexApp],
      ['flux-system', 'plex-config', plexApp],
    ]);
    expect(renderAppReadme(longhorn)).toContain(`Needed by: ${plexApp}.\n`);
  });

  it('a Kustomization whose parent kustomization.yaml sets `namespace:` is labelled by the namespace it moved to', async () => {
    const r = repo('graph-moved-namespace');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    // Written without a namespace; the folder's kustomization.yaml puts them in flux-system, and each
    // applies into its app's namespace.
    r.put('apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: flux-system\nresources:\n  - db.yaml\n  - web.yaml\n');
    const unplaced = (name: string, spec: string) => fluxKustomization(name, `./apps/${name}/app`, spec).replace('  namespace: flux-system\n', '');
    r.put('apps/db.yaml', unplaced('db', '  targetNamespace: database\n  wait: true\n'));
    r.put('apps/web.yaml', unplaced('web', '  targetNamespace: web\n  dependsOn:\n    - name: db\n'));
    r.put('apps/db/app/cm.yaml', configMap('db'));
    r.put('apps/web/app/cm.yaml', configMap('web'));
    // (Where kubectl runs, it says where kustomize puts them: the oracle for the built namespace.)
    const built = kubectlKustomize(`${r.root}/apps`);
    if (typeof built === 'object') expect(built.output.match(/^  namespace: .*$/gm)).toEqual(['  namespace: flux-system', '  namespace: flux-system']);
    const { graph } = await graphOf(r.root);

    const apps = graph.nodes.filter((n) => n.name === 'db' || n.name === 'web');
    expect(apps.map((n) => [n.id, n.group])).toEqual([
      ['Kustomization/flux-system/db', 'database'],
      ['Kustomization/flux-system/web', 'web'],
    ]);
    expect(apps.map((n) => n.targetNamespace)).toEqual(['database', 'web']);
    expect(namespaceNodeList(graph, 'web', '/').find((n) => n.label === 'flux-system/web')!.dependsOn.map((d) => d.label)).toEqual(['flux-system/db']);
  });

  it('a HelmRelease is labelled by its own namespace, filed under the namespace its app installs to', async () => {
    const r = repo('graph-release-namespace');
    bootstrap(r);
    // Releases kept in flux-system that install elsewhere: their apps are in the namespaces they install to.
    r.put('clusters/prod/apps.yaml', [fluxKustomization('cnpg', './apps/cnpg'), fluxKustomization('postgres', './apps/postgres')].join('---\n'));
    r.put('apps/cnpg/release.yaml', helmRelease({ name: 'cnpg', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: cnpg-system\n'));
    r.put('apps/postgres/release.yaml', helmRelease({ name: 'postgres', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: database\n  dependsOn:\n    - name: cnpg\n'));
    const { graph } = await graphOf(r.root);
    const releases = graph.nodes.filter((n) => n.kind === 'helmrelease');
    expect(releases.map((n) => [n.id, n.group])).toEqual([
      ['HelmRelease/flux-system/cnpg', 'cnpg-system'],
      ['HelmRelease/flux-system/postgres', 'database'],
    ]);
    expect(releases.map((n) => n.targetNamespace)).toEqual(['cnpg-system', 'database']);
    expect(releases.map((n) => n.appId)).toEqual(['cnpg-system/cnpg', 'database/postgres']);
    expect(namespaceNodeList(graph, 'database', '/').filter((n) => n.kind === 'helmrelease').map((n) => [n.label, n.dependsOn.map((d) => d.label)])).toEqual([['flux-system/postgres', ['flux-system/cnpg']]]);
  });
});
