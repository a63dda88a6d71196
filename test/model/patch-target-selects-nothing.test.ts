/**
 * A kustomization.yaml patch whose target selects no object of its build: kustomize applies it to
 * nothing and says nothing (kubectl kustomize builds the folder unchanged), so a typo in the target's
 * name (`binance-btcusdt-trades` for the topic `binance-btcusdc-trades`) or a patch left behind for an
 * object removed from the base goes unnoticed: the local cluster kept `replicas: 3` on one broker
 * (outside review). It is PATCH_NO_TARGET, a warning. Not said where it cannot be known: a target by
 * labels or annotations, a name still a variable, a Component's patch (it runs in every build that
 * names it), a build that lacks part of its objects (a remote base, or a listed file that holds none
 * yet, such as the `gotk-components.yaml` placeholder `flux bootstrap` fills).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const topic = (name: string) => `apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: ${name}\n  namespace: kafka\nspec:\n  partitions: 3\n  replicas: 3\n`;
const patch = (kind: string, name: string, extra = '') => `  - target:\n      kind: ${kind}\n      name: ${name}\n${extra}    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: 1\n`;

describe('a patch whose target selects nothing', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where the whole build is known, as kubectl kustomize applies it to nothing', async () => {
    const r = repo('patch-target-none');
    bootstrap(r, 'local');
    r.put('clusters/local/databases.yaml', fluxKustomization('databases', './databases/local'));
    r.put('databases/base/kustomization.yaml', 'resources:\n  - topics.yaml\n');
    r.put('databases/base/topics.yaml', `${topic('binance-btcusdc-trades')}---\n${topic('trading-events')}`);
    r.put(
      'databases/local/kustomization.yaml',
      `resources:\n  - ../base\npatches:\n${patch('KafkaTopic', 'binance-btcusdt-trades')}${patch('KafkaTopic', 'trading-events')}${patch('KafkaTopic', 'by-label', '      labelSelector: tier=cache\n')}${patch('KafkaTopic', '"trading-.*"')}${patch('KafkaTopic', 'trading-events', '      namespace: kafka-local\n')}`,
    );
    // (An overlay no Flux Kustomization builds is not deployed: one NOT_DEPLOYED note, nothing else.)
    r.put('databases/staging/kustomization.yaml', `resources:\n  - ../base\npatches:\n${patch('KafkaTopic', 'old-topic')}`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const none = analyse(model, config).findings.filter((f) => f.code === 'PATCH_NO_TARGET');
    expect(none.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['warning databases/local/kustomization.yaml:4', 'warning databases/local/kustomization.yaml:33']);
    expect(none[0]!.message).toContain('the target KafkaTopic binance-btcusdt-trades selects no object of this build');
    // (A target's namespace is matched before the kustomization's own `namespace:` applies; wave w.)
    expect(none[1]!.message).toContain('a namespace is matched as the objects have it before');
    // The oracle: kustomize builds the folder, the misnamed topic's patch changed nothing.
    const built = kubectlKustomize(join(r.root, 'databases/local'));
    if (built !== 'absent') {
      expect(built).not.toBe('failed');
      const replicas = Object.fromEntries(parseAllDocuments((built as { output: string }).output).map((d) => d.toJS() as { metadata: { name: string }; spec: { replicas: number } }).map((o) => [o.metadata.name, o.spec.replicas]));
      expect(replicas).toEqual({ 'binance-btcusdc-trades': 3, 'trading-events': 1 });
    }
  });

  it('is not said of a Component, a build with a remote base, or one listing a file that holds no object yet', async () => {
    const r = repo('patch-target-none-unknown');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', ['component-user', 'remote', 'placeholder', 'charts'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('components/tune/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n${patch('KafkaTopic', 'optional-topic')}`);
    r.put('apps/component-user/kustomization.yaml', 'resources:\n  - topics.yaml\ncomponents:\n  - ../../components/tune\n');
    r.put('apps/component-user/topics.yaml', topic('events'));
    r.put('apps/remote/kustomization.yaml', `resources:\n  - github.com/example/kafka//topics?ref=v1.0.0\npatches:\n${patch('KafkaTopic', 'from-remote')}`);
    r.put('clusters/prod/flux-system/gotk-components.yaml', '# This file will be generated automatically by flux bootstrap.\n');
    r.put('apps/placeholder/kustomization.yaml', `resources:\n  - ../../clusters/prod/flux-system/gotk-components.yaml\npatches:\n${patch('Deployment', 'kustomize-controller')}`);
    // Flux adds spec.components to the path's kustomization.yaml, whose patches then see the component's
    // claim (code review; kubectl kustomize with the component listed applies the patch).
    r.put('clusters/prod/flux-components.yaml', fluxKustomization('flux-components', './apps/flux-components', '  components:\n    - ../../components/volsync\n'));
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - pvc.yaml\n');
    r.put('components/volsync/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: app-data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    // (And a strategic-merge patch without a target, and the Kustomization's own spec.patches, aimed at the
    // component's claim: re-review, a false "cannot be built" and a false warning.)
    r.put('apps/flux-components/kustomization.yaml', `resources:\n  - topics.yaml\npatches:\n${patch('PersistentVolumeClaim', 'app-data').replace('/spec/replicas', '/spec/resources/requests/storage').replace('value: 1', 'value: 20Gi')}  - path: claim-patch.yaml\n`);
    r.put('apps/flux-components/claim-patch.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: app-data\nspec:\n  storageClassName: fast\n');
    r.put('clusters/prod/flux-components-own.yaml', fluxKustomization('flux-components-own', './apps/flux-components', '  components:\n    - ../../components/volsync\n  patches:\n    - target:\n        kind: PersistentVolumeClaim\n        name: app-data\n      patch: |\n        - op: add\n          path: /metadata/labels\n          value: {tier: db}\n'));
    r.put('apps/flux-components/topics.yaml', topic('events'));
    // Charts a kustomization inflates (helmCharts): their objects are not in this build (code review).
    r.put('apps/charts/kustomization.yaml', `helmCharts:\n  - name: redis\n    repo: https://charts.example.org\n    version: 1.0.0\n    releaseName: cache\npatches:\n${patch('StatefulSet', 'cache-redis')}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'PATCH_NO_TARGET').map((f) => `${f.source.file}:${f.source.line}`)).toEqual([]);
  });

  it('leaves a listed file that holds no object what it is: nothing (a strategic-merge patch matching nothing still stops the build)', async () => {
    const r = repo('patch-target-none-empty-file');
    bootstrap(r, 'prod');
    r.put('clusters/prod/app.yaml', fluxKustomization('app', './apps/app'));
    r.put('apps/app/kustomization.yaml', 'resources:\n  - later.yaml\n  - topics.yaml\npatches:\n  - path: patch.yaml\n');
    r.put('apps/app/later.yaml', '# objects will go here\n');
    r.put('apps/app/topics.yaml', topic('events'));
    r.put('apps/app/patch.yaml', topic('missing').replace('replicas: 3', 'replicas: 1'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'PATCH_NO_TARGET').map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error apps/app/kustomization.yaml:5']);
    const built = kubectlKustomize(join(r.root, 'apps/app'));
    if (built !== 'absent') expect(built).toBe('failed');
  });
});
