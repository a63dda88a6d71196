/**
 * Issue 15, class 12 (implicit dependencies): only where the dependency is something this
 * repository installs through Flux. Cases in test/fixtures/repos/graph-implicit-class12/README.md.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/graph/analyze.ts';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { checkImplicitDependencies } from '../../src/analysis/graph/implicit-check.ts';
import { parseConfig } from '../../src/config/load.ts';
import { preinstalledIn, readPreinstalled } from '../../src/repo/bootstrap-read.ts';
import { defaultStorageClass } from '../../src/repo/build/default-storage-class.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appWithKs, externalSecret, hr, ks, model, monitor, pvc, secretStore } from './make.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/graph-implicit-class12');

describe('implicit dependencies class 12 on the graph-implicit-class12 fixture', async () => {
  const { model: m } = await scanRepo(FIXTURE, parseConfig({}));
  const preinstalled = await readPreinstalled(FIXTURE, m.files);
  const withBootstrap = analyzeGraph(m, { preinstalled });
  const implicit = (a: typeof withBootstrap) => a.findings.filter((f) => f.code.startsWith('IMPLICIT_'));

  it('with a dev cache: the same answer, and a file is read again only when its mtime or size changed', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'atlas-preinstalled-'));
    try {
      cpSync(FIXTURE, tmp, { recursive: true });
      const helmfile = join(tmp, 'kubernetes/bootstrap/helmfile.yaml');
      const text = readFileSync(helmfile, 'utf8');
      // Whole seconds, so that setting the same mtime again gives the same stamp.
      const mtime = new Date(Math.floor(statSync(helmfile).mtimeMs / 1000) * 1000);
      utimesSync(helmfile, mtime, mtime);
      const cache = new Map();
      expect(await readPreinstalled(tmp, m.files, cache)).toEqual(preinstalled);
      // Same size and mtime (an editor would not do this): the kept answer is used, the file is not read.
      writeFileSync(helmfile, text.replaceAll('coredns', 'corexyz'));
      utimesSync(helmfile, mtime, mtime);
      const fromHelmfile = async () => (await readPreinstalled(tmp, m.files, cache)).filter((p) => p.via === 'helmfile').map((p) => p.name);
      expect(await fromHelmfile()).toContain('coredns');
      // A save changes the mtime: read again.
      utimesSync(helmfile, mtime, new Date(mtime.getTime() + 5000));
      const names = await fromHelmfile();
      expect(names).toContain('corexyz');
      expect(names).not.toContain('coredns');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('in dev, checks its cache against the stamps discovery took: no stat of its own, and a changed file is read again', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'atlas-preinstalled-stamps-'));
    try {
      cpSync(FIXTURE, tmp, { recursive: true });
      const config = parseConfig({});
      const scanStamps = async () => {
        const stamps = new Map<string, string>();
        const { model: scanned } = await scanRepo(tmp, config, { stamps });
        return { files: scanned.files, stamps };
      };
      const first = await scanStamps();
      expect(first.stamps.size).toBe(first.files.length);
      const cache = new Map();
      expect(await readPreinstalled(tmp, first.files, cache, undefined, first.stamps)).toEqual(preinstalled);
      // With these stamps every answer comes from the cache: nothing under the root is looked at.
      expect(await readPreinstalled(join(tmp, 'no-such-folder'), first.files, cache, undefined, first.stamps)).toEqual(preinstalled);
      // A save: discovery's new stamp for the file makes it read again.
      const helmfile = join(tmp, 'kubernetes/bootstrap/helmfile.yaml');
      writeFileSync(helmfile, `${readFileSync(helmfile, 'utf8').replaceAll('coredns', 'corexyz')}\n`);
      const second = await scanStamps();
      const names = (await readPreinstalled(tmp, second.files, cache, undefined, second.stamps)).filter((p) => p.via === 'helmfile').map((p) => p.name);
      expect(names).toContain('corexyz');
      expect(names).not.toContain('coredns');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('takes what the scan read from each YAML file instead of reading it again', async () => {
    const said = new Map<string, ReturnType<typeof preinstalledIn>>();
    const { model: scanned } = await scanRepo(FIXTURE, parseConfig({}), { onText: (path, text) => said.set(path, preinstalledIn(path, text)) });
    expect([...said.keys()].sort()).toEqual(scanned.files.filter((f) => f.kind === 'yaml').map((f) => f.path).sort());
    expect(await readPreinstalled(FIXTURE, scanned.files, undefined, said)).toEqual(preinstalled);
    // With the repository gone, what its YAML files said is all still there: they were not read again.
    const fromYaml = preinstalled.filter((p) => /\.ya?ml$/.test(p.source.file));
    expect(fromYaml.map((p) => p.via)).toEqual(expect.arrayContaining(['helmfile', 'comment', 'manifest']));
    expect(await readPreinstalled(join(FIXTURE, 'no-such-folder'), scanned.files, undefined, said)).toEqual(fromYaml);
  });

  it('reads the releases of the bootstrap helmfile, with their lines', () => {
    expect(preinstalled.filter((p) => p.via === 'helmfile').map((p) => `${p.name} ${p.source.file}:${p.source.line}`)).toEqual([
      'coredns kubernetes/bootstrap/helmfile.yaml:8',
      // helmfile creates each release's namespace (createNamespace defaults to true): NAMESPACE_MISSING reads these.
      'namespace:kube-system kubernetes/bootstrap/helmfile.yaml:8',
      'namespace:observability kubernetes/bootstrap/helmfile.yaml:4',
      'prometheus-operator-crds kubernetes/bootstrap/helmfile.yaml:4',
    ]);
  });

  it('reads bootstrap scripts (helm install, kubectl apply) and CRDs under bootstrap/', () => {
    const by = (via: string) => preinstalled.filter((p) => p.via === via).map((p) => `${p.name} ${p.source.file}:${p.source.line}`);
    expect(by('manifest')).toEqual(['crd:monitoring.coreos.com kubernetes/bootstrap/crds/servicemonitors.yaml:4']);
    expect(by('script').filter((s) => /cilium|gateway/.test(s))).toEqual([
      'cilium kubernetes/bootstrap/install.sh:3',
      'gateway-api kubernetes/bootstrap/install.sh:4',
    ]);
    // The helmfile's own comment says CoreDNS is installed before Flux.
    expect(by('comment').filter((s) => s.startsWith('coredns') || s.startsWith('prometheus'))).toEqual(['coredns kubernetes/bootstrap/helmfile.yaml:2']);
  });

  it('warns only for the default-class Longhorn claim of plex, which sonarr orders and plex does not', () => {
    expect(implicit(withBootstrap).map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`])).toEqual([
      ['IMPLICIT_DEPENDENCY_MISSING', 'warning', 'kubernetes/apps/media/plex/ks.yaml:2'],
    ]);
    expect(withBootstrap.result.implicit.map((v) => [v.ruleId, v.objects])).toEqual([['storage-longhorn', ['PersistentVolumeClaim/media/plex-config']]]);
  });

  it('without the bootstrap, the ServiceMonitor and the DNS gateway would need their providers upstream', () => {
    const rules = new Set(analyzeGraph(m).result.implicit.map((v) => v.ruleId));
    expect(rules).toEqual(new Set(['storage-longhorn', 'prometheus-crds', 'dns-gateway-coredns']));
  });

  it('a provider whose folder is commented out in its parent is not missing (ceph-block claim)', () => {
    expect(withBootstrap.result.implicit.some((v) => v.ruleId === 'storage-rook-ceph')).toBe(false);
    expect(m.pvcs.find((p) => p.name === 'plex-transcode-ceph')?.storageClass).toBe('ceph-block');
  });
});

describe('implicit dependencies class 12: the repository convention', () => {
  const kps = appWithKs('observability', 'kube-prometheus-stack', [], { wait: true });
  const a = appWithKs('media', 'plex');
  const b = appWithKs('media', 'sonarr');
  const monitors = [a, b].map((x) => monitor({ name: x.app.name, namespace: 'media', appId: x.app.id, owner: x.ks.id }));

  it('several consumers and none declares the dependency: one info, not a warning each', () => {
    const m = model({ apps: [kps.app, a.app, b.app], kustomizations: [kps.ks, a.ks, b.ks], monitors });
    const { result, findings } = checkImplicitDependencies(m, buildGraph(m).result);
    expect(result.map((v) => [v.consumer, v.undeclaredEverywhere])).toEqual([[a.ks.id, true], [b.ks.id, true]]);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['IMPLICIT_DEPENDENCY_UNDECLARED', 'info']]);
    expect(findings[0]!.message).toContain('2 Kustomizations (flux-system/plex, flux-system/sonarr)');
  });

  it('none of the consumers declares it, but another Kustomization does: said, not "ordered outside Flux"', () => {
    // grafana holds no monitor; its dependsOn on the provider shows the owner orders it in Flux.
    const grafana = appWithKs('observability', 'grafana', ['kube-prometheus-stack']);
    const m = model({ apps: [kps.app, a.app, b.app, grafana.app], kustomizations: [kps.ks, a.ks, b.ks, grafana.ks], monitors });
    const { findings } = checkImplicitDependencies(m, buildGraph(m).result);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['IMPLICIT_DEPENDENCY_UNDECLARED', 'info']]);
    expect(findings[0]!.message).toContain('none of them declares it, though flux-system/grafana lists it in dependsOn: Flux orders nothing between them and it.');
    expect(findings[0]!.message).not.toContain('ordered outside Flux');
  });

  it('cites no Kustomization that is not deployed (an archived one) as declaring it', () => {
    // A root that reaches the three apps and the provider, and an old grafana nothing reaches.
    const root = appWithKs('flux-system', 'cluster', [], { isRoot: true });
    const [p, x, y] = [appWithKs('flux-system', 'kube-prometheus-stack', [], { wait: true }), appWithKs('flux-system', 'plex'), appWithKs('flux-system', 'sonarr')];
    const old = appWithKs('observability', 'grafana', ['kube-prometheus-stack'], { reachedFromRoot: false });
    const mons = [monitor({ name: 'plex', namespace: 'media', appId: x.app.id, owner: x.ks.id }), monitor({ name: 'sonarr', namespace: 'media', appId: y.app.id, owner: y.ks.id })];
    const m = model({ apps: [root.app, p.app, x.app, y.app, old.app], kustomizations: [root.ks, p.ks, x.ks, y.ks, old.ks], monitors: mons });
    const { findings } = checkImplicitDependencies(m, buildGraph(m).result);
    expect(findings.map((f) => f.code)).toEqual(['IMPLICIT_DEPENDENCY_UNDECLARED']);
    expect(findings[0]!.message).not.toContain('grafana');
  });

  it('names a provider once where its Kustomization and its HelmRelease share the name', () => {
    // A release with a dependsOn of its own is a node of the graph too.
    const crds = hr({ name: 'prometheus-operator-crds', namespace: 'flux-system', appId: kps.app.id, owner: kps.ks.id });
    const release = hr({ name: 'kube-prometheus-stack', namespace: 'flux-system', appId: kps.app.id, owner: kps.ks.id, dependsOn: ['prometheus-operator-crds'] });
    const m = model({ apps: [kps.app, a.app, b.app], kustomizations: [kps.ks, a.ks, b.ks], helmReleases: [crds, release], monitors });
    const { findings } = checkImplicitDependencies(m, buildGraph(m).result);
    expect(findings.map((f) => f.code)).toEqual(['IMPLICIT_DEPENDENCY_UNDECLARED']);
    expect(findings[0]!.message).toContain('need flux-system/kube-prometheus-stack or flux-system/prometheus-operator-crds first');
  });

  it('one consumer declares it: the one that does not is a warning', () => {
    const c = appWithKs('media', 'radarr', ['kube-prometheus-stack']);
    const mon = monitor({ name: 'radarr', namespace: 'media', appId: c.app.id, owner: c.ks.id });
    const m = model({ apps: [kps.app, a.app, c.app], kustomizations: [kps.ks, a.ks, c.ks], monitors: [monitors[0]!, mon] });
    const { findings } = checkImplicitDependencies(m, buildGraph(m).result);
    expect(findings.map((f) => [f.code, f.objectId])).toEqual([['IMPLICIT_DEPENDENCY_MISSING', a.ks.id]]);
  });

  it('a PVC without a class counts on the default class', () => {
    const lh = appWithKs('storage', 'longhorn', [], { wait: true });
    const claim = pvc({ name: 'c', namespace: 'media', storageClass: null, appId: a.app.id, owner: a.ks.id });
    const sc = { id: 'StorageClass/_cluster/longhorn', apiVersion: 'storage.k8s.io/v1', group: 'storage.k8s.io', kind: 'StorageClass', name: 'longhorn', namespace: null, source: { file: 'sc.yaml', line: 1, col: 1 }, disabled: null, owner: lh.ks.id, appId: lh.app.id, labels: {}, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } };
    const parts = { apps: [lh.app, a.app], kustomizations: [lh.ks, a.ks], pvcs: [claim], objects: [sc] };
    // The default is resolved at model time; the rule reads model.defaultStorageClass.
    const m = model({ ...parts, defaultStorageClass: defaultStorageClass(model(parts)) });
    expect(m.defaultStorageClass?.name).toBe('longhorn');
    expect(checkImplicitDependencies(m, buildGraph(m).result).result.map((v) => v.ruleId)).toEqual(['storage-longhorn']);
    // Without it, a claim without a class needs nothing.
    expect(checkImplicitDependencies(model(parts), buildGraph(model(parts)).result).result).toEqual([]);
  });
});

describe('DEPENDED_ON_WITHOUT_WAIT only where the dependency applies something that becomes ready later', () => {
  const obj = (kind: string, owner: string) => ({ id: `${kind}/x/${kind.toLowerCase()}`, apiVersion: 'v1', group: '', kind, name: kind.toLowerCase(), namespace: 'x', source: { file: `${kind}.yaml`, line: 1, col: 1 }, disabled: null, owner, appId: null, labels: {}, annotations: {} });
  const run = (kinds: string[]) => {
    const dep = appWithKs('infra', 'configs');
    const app = appWithKs('media', 'plex', ['configs']);
    const m = model({ apps: [dep.app, app.app], kustomizations: [dep.ks, app.ks], objects: kinds.map((k) => obj(k, dep.ks.id)) });
    return buildGraph(m).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT').map((f) => f.objectId);
  };

  it('configuration only (ClusterIssuer, ConfigMap): ready once applied, no finding', () => {
    expect(run(['ClusterIssuer', 'ConfigMap'])).toEqual([]);
  });

  it("Flux's reference infra-configs (ClusterIssuer, GatewayClass, Gateway): routes attach when the Gateway is programmed, no finding", () => {
    expect(run(['ClusterIssuer', 'GatewayClass', 'Gateway'])).toEqual([]);
  });

  // A review probe: a ClusterIssuer and a Longhorn RecurringJob; Velero's Schedule and Prometheus rules likewise.
  it('configuration a controller reads, with no readiness of its own (RecurringJob, Schedule, ServiceMonitor, Middleware): no finding', () => {
    expect(run(['ClusterIssuer', 'RecurringJob'])).toEqual([]);
    expect(run(['Schedule', 'ServiceMonitor', 'PrometheusRule', 'Middleware', 'VolumeSnapshotClass'])).toEqual([]);
  });

  it('a HelmRelease or Kyverno policies: its dependents start before it is ready', () => {
    expect(run(['ConfigMap', 'HelmRelease'])).toEqual(['Kustomization/flux-system/configs']);
    expect(run(['ClusterPolicy'])).toEqual(['Kustomization/flux-system/configs']);
  });
});

describe('implicit dependencies: a consumer that deploys its provider, a provider installed before Flux', () => {
  const store = appWithKs('external-secrets', 'onepassword', [], { wait: true });
  const st = secretStoreOf(store.ks.id, store.app.id);

  it('xunholy cluster root: the root applies the store Kustomization beside component ExternalSecrets, so it cannot depend on it', () => {
    const root = ks({ name: 'cluster', isRoot: true, reachedFromRoot: true });
    const storeKs = { ...store.ks, owner: root.id };
    const es = externalSecret({ name: 'github-status-token', namespace: 'ai-system', store: 'onepassword', owner: root.id, appId: 'ai-system/_namespace' });
    const m = model({ apps: [store.app], kustomizations: [root, storeKs], externalSecrets: [es], secretStores: [st] });
    expect(checkImplicitDependencies(m, buildGraph(m).result).result).toEqual([]);
    // The same ExternalSecret in a sibling Kustomization still needs the store upstream.
    const sib = appWithKs('ai-system', 'n8n');
    const es2 = { ...es, appId: sib.app.id, owner: sib.ks.id };
    const m2 = model({ apps: [store.app, sib.app], kustomizations: [root, storeKs, { ...sib.ks, owner: root.id }], externalSecrets: [es2], secretStores: [st] });
    expect(checkImplicitDependencies(m2, buildGraph(m2).result).result.map((v) => v.consumer)).toEqual([sib.ks.id]);
  });

  it('bjw-s bootstrap helmfile: a release named like the store app (onepassword) is installed before Flux', () => {
    const a = appWithKs('ai', 'context7-mcp');
    const es = externalSecret({ name: 'c7', namespace: 'ai', store: 'onepassword', owner: a.ks.id, appId: a.app.id });
    const m = model({ apps: [store.app, a.app], kustomizations: [store.ks, a.ks], externalSecrets: [es], secretStores: [st] });
    expect(checkImplicitDependencies(m, buildGraph(m).result).result.map((v) => v.ruleId)).toEqual(['external-secret-store']);
    const pre = [{ name: 'onepassword', via: 'helmfile' as const, source: { file: 'kubernetes/bootstrap/helmfile/apps.yaml', line: 61, col: 5 } }];
    expect(checkImplicitDependencies(m, buildGraph(m).result, undefined, { preinstalled: pre }).result).toEqual([]);
    // mrtbi: the helmfile installs the operator (external-secrets); the store's Kustomization
    // (infisical-store, in the external-secrets app) is still Flux's, so the need stands.
    const operator = [{ ...pre[0]!, name: 'external-secrets' }];
    const inOperatorApp = model({ apps: [{ ...store.app, name: 'external-secrets' }, a.app], kustomizations: [store.ks, a.ks], externalSecrets: [es], secretStores: [st] });
    expect(checkImplicitDependencies(inOperatorApp, buildGraph(inOperatorApp).result, undefined, { preinstalled: operator }).result.map((v) => v.ruleId)).toEqual(['external-secret-store']);
  });
});

describe('DEPENDED_ON_WITHOUT_WAIT: a dependent commented out in its parent (xunholy zigbee2mqtt on mosquitto)', () => {
  it('starts nothing, so no finding', () => {
    const root = ks({ name: 'cluster', isRoot: true });
    const mq = appWithKs('home-system', 'mosquitto');
    const z = appWithKs('home-system', 'zigbee2mqtt', ['mosquitto'], { reachedFromRoot: false });
    const objs = [{ ...mq.ks, id: 'HelmRelease/home-system/mosquitto', kind: 'HelmRelease', owner: mq.ks.id }];
    const m = model({ apps: [mq.app, z.app], kustomizations: [root, mq.ks, z.ks], objects: objs });
    expect(buildGraph(m).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT')).toEqual([]);
    const live = model({ apps: [mq.app, z.app], kustomizations: [root, mq.ks, { ...z.ks, reachedFromRoot: true }], objects: objs });
    expect(buildGraph(live).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT').map((f) => f.objectId)).toEqual([mq.ks.id]);
  });
});

function secretStoreOf(owner: string, appId: string) {
  return secretStore({ name: 'onepassword', owner, appId });
}

describe('DEPENDED_ON_WITHOUT_WAIT: children that depend on the Kustomization that applies them', () => {
  it('is not reported for them (wait: true would deadlock the parent on its children), only for other dependents', () => {
    const root = appWithKs('flux-system', 'flux-system', [], { isRoot: true });
    const child = appWithKs('cert-manager', 'cert-manager-config', ['flux-system']);
    // The root applies a HelmRelease that becomes ready later, and the child Kustomization itself.
    const objs = [
      { ...child.ks, owner: root.ks.id },
      { ...root.ks, id: 'HelmRelease/flux-system/weave', kind: 'HelmRelease', name: 'weave', owner: root.ks.id },
    ];
    const m = model({ apps: [root.app, child.app], kustomizations: [root.ks, child.ks], objects: objs });
    expect(buildGraph(m).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT')).toEqual([]);
    // A sibling that the root does not apply still starts before the root is ready.
    const other = appWithKs('media', 'plex', ['flux-system']);
    const m2 = model({ apps: [root.app, child.app, other.app], kustomizations: [root.ks, child.ks, other.ks], objects: objs });
    const found = buildGraph(m2).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT');
    expect(found.map((f) => f.objectId)).toEqual([root.ks.id]);
    expect(found[0]!.message).toContain('is a dependency of flux-system/plex but');
  });
});

describe('DEPENDED_ON_WITHOUT_WAIT: a grandchild that depends on the root', () => {
  it('counts when the Kustomization between them does not wait (no deadlock), not when it waits', () => {
    const root = appWithKs('flux-system', 'flux-system', [], { isRoot: true });
    const mid = (wait: boolean) => appWithKs('flux-system', 'apps', [], wait ? { wait: true } : {});
    const leaf = appWithKs('media', 'plex', ['flux-system']);
    const run = (wait: boolean) => {
      const m1 = mid(wait);
      const objs = [
        { ...m1.ks, owner: root.ks.id },
        { ...leaf.ks, owner: m1.ks.id },
        { ...root.ks, id: 'HelmRelease/flux-system/weave', kind: 'HelmRelease', name: 'weave', owner: root.ks.id },
      ];
      const m = model({ apps: [root.app, m1.app, leaf.app], kustomizations: [root.ks, m1.ks, leaf.ks], objects: objs });
      return buildGraph(m).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT').map((f) => f.objectId);
    };
    expect(run(false)).toEqual([root.ks.id]);
    expect(run(true)).toEqual([]);
  });
});
