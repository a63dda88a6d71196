/**
 * Three kustomize rules a review against `kubectl kustomize` found us getting wrong (each fixture
 * folder is also compared with kubectl): a `*List` document is its items; a patch target's kind,
 * group and version are anchored regexes like its name, and an empty group selects any group; the
 * generator that merges into a base decides whether the name keeps its hash suffix.
 */
import { describe, expect, it } from 'vitest';
import { at, type Obj } from '../../src/model/values.ts';
import { resName } from '../../src/repo/build/kustomize-resource.ts';
import { build, expectSameAsKubectl, find, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize: a List document is its items', () => {
  it("builds each item as an object of its own (a nested List's too), nothing of an empty List, and keeps a kind that only ends in List", async () => {
    const b = await build('lists', '');
    expect(b.objects.map(idOf).sort()).toEqual(['ConfigMap|media|jellyfin-config', 'ConfigMap|media|jellyfin-env', 'ConfigMap|media|nested', 'Service|media|jellyfin', 'TeleportAccessList|media|admins']);
    expect(b.problems).toEqual([]);
    // Each item keeps its own place in the file.
    expect(find(b, 'ConfigMap', 'jellyfin-env').doc?.raw.source).toMatchObject({ file: 'config-list.yaml', line: 11 });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('lists', '', await build('lists', ''));
  });
});

describe('kustomize: patch targets select by regex on kind, group and version', () => {
  it('a kind alternative selects both kinds; an empty group any group; a kind pattern with a name pattern', async () => {
    const b = await build('target-regex', '');
    expect(at(find(b, 'Deployment', 'web').body, 'metadata.labels.tier')).toBe('app');
    expect(at(find(b, 'StatefulSet', 'db').body, 'metadata.labels.tier')).toBe('app');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.replicas')).toBe(3);
    expect(at(find(b, 'StatefulSet', 'db').body, 'spec.replicas')).toBe(1);
    expect(at(find(b, 'ConfigMap', 'keep').body, 'data.patched')).toBe('yes');
    expect(b.problems).toEqual([]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('target-regex', '', await build('target-regex', ''));
  });
});

describe('kustomize: the merging generator decides the hash suffix', () => {
  it("an overlay's disableNameSuffixHash (its own or generatorOptions) drops the base's suffix; a plain merge keeps it", async () => {
    const overlay = await build('generator-overlay', 'overlay');
    expect(overlay.objects.map((r) => [resName(r), r.hashSuffix])).toEqual([
      ['cfg', false],
      ['env', true],
    ]);
    const global = await build('generator-overlay', 'global');
    expect(global.objects.map((r) => [resName(r), r.hashSuffix])).toEqual([
      ['cfg-o', false],
      ['env-o', true],
    ]);
  });

  it('a plain merge adds no hash to a base without one (kubectl: the name stays as written)', async () => {
    const b = await build('generator-overlay', 'unhashed-overlay');
    expect(b.objects.map((r) => [resName(r), r.hashSuffix])).toEqual([['flags', false]]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('generator-overlay', 'overlay', await build('generator-overlay', 'overlay'));
    expectSameAsKubectl('generator-overlay', 'global', await build('generator-overlay', 'global'));
  });
});

describe('kustomize: a merging generator finds its base with an unset namespace read as default', () => {
  it('merges into a base of `default` or of no namespace (a false GENERATOR_NO_BASE left the data out)', async () => {
    const b = await build('generator-namespace', '');
    expect(b.problems).toEqual([]);
    expect(at(find(b, 'ConfigMap', 'settings').body, 'data')).toEqual({ a: '1', b: '2' });
    expect(at(find(b, 'ConfigMap', 'defaults').body, 'data')).toEqual({ a: '1', c: '3' });
    if (KUBECTL) expectSameAsKubectl('generator-namespace', '', b);
  });

  it("merges into a base whose namespace its own kustomization gives (the file's namespace is what counts)", async () => {
    const b = await build('generator-namespace', 'overlay');
    expect(b.problems).toEqual([]);
    expect(at(find(b, 'ConfigMap', 'media-settings').body, 'data')).toEqual({ a: '1', b: '2' });
    if (KUBECTL) expectSameAsKubectl('generator-namespace', 'overlay', b);
  });
});

describe("Flux: a Kustomization's own spec.patches select the same way", () => {
  it('a kind alternative and an empty group select what kustomize selects', async () => {
    const { tempRepo, fluxKustomization } = await import('../support/temp-repo.ts');
    const { scanRepo } = await import('../../src/repo/scan.ts');
    const { loadConfig } = await import('../../src/config/load.ts');
    const repo = tempRepo('flux-target-regex');
    try {
      repo.put(
        'clusters/home/apps.yaml',
        fluxKustomization(
          'apps',
          './apps',
          '  patches:\n    - target:\n        kind: Deployment|StatefulSet\n      patch: |-\n        - op: add\n          path: /spec/replicas\n          value: 2\n    - target:\n        group: ""\n        kind: StatefulSet\n      patch: |-\n        - op: add\n          path: /metadata/labels\n          value:\n            tier: db\n',
        ),
      );
      repo.put('apps/workloads.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: default\n');
      const { model } = await scanRepo(repo.root, loadConfig(repo.root));
      const web = model.objects.find((o) => o.kind === 'Deployment')!;
      const db = model.objects.find((o) => o.kind === 'StatefulSet')!;
      expect([web.name, db.name, db.labels.tier]).toEqual(['web', 'db', 'db']);
      expect(model.findings.map((f) => f.code)).not.toContain('PATCH_NO_TARGET');
    } finally {
      repo.remove();
    }
  });
});

describe('kustomize: $patch: replace', () => {
  it('as a list item replaces the list with the other items; at the top of a patch it changes nothing (kustomize 5.5)', async () => {
    const b = await build('patch-replace', '');
    expect(at(find(b, 'Deployment', 'd').body, 'spec.template.spec.containers.0.env')).toEqual([{ name: 'NEW', value: '1' }]);
    expect(find(b, 'ConfigMap', 'c').body).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
    expect(b.objects.map(idOf).sort()).toEqual(['ConfigMap||c', 'Deployment||d']);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('patch-replace', '', await build('patch-replace', ''));
  });
});

describe('kustomize: replacement field paths and types', () => {
  it('a [key.with.dots] segment names one key; create builds lists for index segments; the target keeps its type', async () => {
    const b = await build('replacement-paths', '');
    expect(b.problems).toEqual([]);
    const d = find(b, 'Deployment', 'd').body;
    expect(at(d, 'metadata.labels')).toEqual({ 'app.kubernetes.io/name': '3' });
    expect([at(d, 'spec.replicas'), at(d, 'spec.paused')]).toEqual([3, true]);
    expect(at(d, 'spec.template.spec.tls')).toEqual([{ hosts: ['3'] }]);
  });
});

/**
 * Strategic merge patches on lists, as kustomize 5.5 applies them (an outside probe found both
 * wrong): a Kubernetes kind's list merges by its schema's patch merge key with the patch's items
 * first (a sidecar added by a patch is the first container); a HelmRelease's lists, like every custom
 * resource's, are the patch's whole. The old merge of every list by `name` gave an overlay's
 * HelmRelease the base's dependsOn entries and env variables besides its own.
 */
describe('kustomize: strategic merge of lists', () => {
  it("merges a Kubernetes kind's lists by their merge key, the patch's items first; replaces a custom resource's", async () => {
    const b = await build('patch-lists', '');
    expect(b.problems).toEqual([]);
    const dep = find(b, 'Deployment', 'dep').body;
    expect((at(dep, 'spec.template.spec.containers') as Obj[]).map((c) => c.name)).toEqual(['b', 'a']);
    expect(at(dep, 'spec.template.spec.containers.1.ports')).toEqual([{ containerPort: 9090, name: 'prom' }, { containerPort: 80, name: 'http' }]);
    expect(at(dep, 'spec.template.spec.containers.1.args')).toEqual(['--z']);
    expect(at(dep, 'spec.template.spec.tolerations')).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect(at(find(b, 'Service', 'svc').body, 'spec.ports')).toEqual([{ port: 80, name: 'http', targetPort: 8080 }, { port: 9090, name: 'metrics' }]);
    const hr = find(b, 'HelmRelease', 'web').body;
    expect(at(hr, 'spec.dependsOn')).toEqual([{ name: 'database-replica' }]);
    expect(at(hr, 'spec.values.controllers.web.containers.app.env')).toEqual([{ name: 'PORT', value: '8080' }, { name: 'LOG_LEVEL', value: 'debug' }]);
    expect(at(find(b, 'Widget', 'w').body, 'spec.items')).toEqual([{ name: 'b', v: 3 }]);
    // Ports by port and protocol; a ServiceAccount's secrets by name, its imagePullSecrets replaced; finalizers a set; webhooks by name.
    expect(at(find(b, 'Service', 'dns').body, 'spec.ports')).toEqual([{ port: 443, name: 'https' }, { port: 53, protocol: 'TCP', name: 'dns-tcp' }, { port: 53, protocol: 'UDP', name: 'dns-udp', targetPort: 5353 }, { port: 9153, name: 'metrics' }]);
    const sa = find(b, 'ServiceAccount', 'builder').body;
    expect([at(sa, 'secrets'), at(sa, 'imagePullSecrets'), at(sa, 'metadata.finalizers')]).toEqual([[{ name: 'token-c' }, { name: 'token-a' }, { name: 'token-b' }], [{ name: 'registry-c' }], ['example.com/two', 'example.com/one']]);
    expect(at(find(b, 'ValidatingWebhookConfiguration', 'policy').body, 'webhooks.0')).toEqual({ name: 'validate.example.com', failurePolicy: 'Ignore', clientConfig: { service: { name: 'policy', namespace: 'policy' } }, sideEffects: 'None', admissionReviewVersions: ['v1'] });
    if (KUBECTL) expectSameAsKubectl('patch-lists', '', b);
  });
});
