/**
 * An app whose objects are in several namespaces (a `databases` Kustomization applying a CloudNativePG
 * cluster in one, Kafka in another, a Deployment in a third) is filed under one of them; its page
 * named that one alone (outside review). The facts list the others. Flux's own objects (the
 * Kustomization, a HelmRelease written in flux-system) do not count where they are written: a release
 * counts where it installs (targetNamespace). Apps not deployed say nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "example/${name}:1.0.0"}]}\n`;

describe('the other namespaces of an app', () => {
  const repo = tempRepos(afterAll);

  it('are listed beside the one the app is filed under; Flux objects count where they deploy', async () => {
    const r = repo('app-other-namespaces');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['databases', 'podinfo'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/databases/kustomization.yaml', 'resources:\n  - app.yaml\n');
    r.put('apps/databases/app.yaml', [deployment('umami-db', 'monitoring'), deployment('trading-db', 'trading'), deployment('kafka', 'kafka')].join('---\n'));
    r.put('apps/podinfo/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/podinfo/helmrelease.yaml', helmRelease({ name: 'podinfo', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  targetNamespace: podinfo\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    const db = facts('databases');
    // (Filed under the Kustomization's namespace, where its workloads are in three others.)
    expect(db.namespace).toBe('flux-system');
    expect(db.otherNamespaces).toEqual(['kafka', 'monitoring', 'trading']);
    expect(facts('podinfo')).toMatchObject({ namespace: 'podinfo', otherNamespaces: [] });
  });
});
