/**
 * Operators run the image their custom resource names at the top of its spec: a CloudNativePG
 * Cluster's `spec.imageName`, a Dragonfly's `spec.image`. The app page listed none of them (found on
 * a public home-ops repository: the dragonfly app had no image, the cnpg app only a plugin's).
 * Flux's ImageRepository names an image to scan, not one it runs; a `spec.image` map is another shape.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('custom-resource-images');
afterAll(remove);

describe('images of operator custom resources', () => {
  it('are read from spec.image and spec.imageName, with their line', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('db', './db', '  targetNamespace: db\n'));
    put('db/kustomization.yaml', 'resources:\n  - cluster.yaml\n  - dragonfly.yaml\n  - scan.yaml\n  - other.yaml\n  - mcp.yaml\n  - policy.yaml\n');
    // Deeper in a spec too (outside review: a LiteLLMMCPServer's `spec.workload.image` at latest was not
    // seen), not a pattern that is no image reference.
    put('db/mcp.yaml', 'apiVersion: litellm.ai/v1alpha1\nkind: LiteLLMMCPServer\nmetadata:\n  name: logs\nspec:\n  workload:\n    image: ghcr.io/victoriametrics/mcp-victorialogs:latest\n    containers:\n      - image: "*"\n');
    put('db/policy.yaml', 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: registries\nspec:\n  rules:\n    - name: r\n      validate:\n        pattern:\n          spec:\n            containers:\n              - image: ghcr.io/*\n');
    put('db/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n');
    put('db/dragonfly.yaml', 'apiVersion: dragonflydb.io/v1alpha1\nkind: Dragonfly\nmetadata:\n  name: cache\nspec:\n  image: ghcr.io/dragonflydb/dragonfly:v1.40.1\n  replicas: 2\n');
    put('db/scan.yaml', 'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata:\n  name: web\nspec:\n  image: ghcr.io/example/web\n  interval: 1h\n');
    put('db/other.yaml', 'apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: thing\nspec:\n  image:\n    repository: ghcr.io/example/thing\n    tag: 1.0.0\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const images = model.objects.flatMap((o) => (o.images ?? []).map((i) => [o.kind, i.path, `${i.repository}:${i.tag}`, i.source.line]));
    expect(images).toEqual([
      ['Cluster', 'spec.imageName', 'ghcr.io/cloudnative-pg/postgresql:17.2', 7],
      ['Dragonfly', 'spec.image', 'ghcr.io/dragonflydb/dragonfly:v1.40.1', 6],
      ['LiteLLMMCPServer', 'spec.workload.image', 'ghcr.io/victoriametrics/mcp-victorialogs:latest', 7],
    ]);
    // And on the app's page (an outside review found the CloudNativePG app's list empty).
    const app = model.objects.find((o) => o.kind === 'Cluster')!.appId!;
    expect(appFacts(model, app)!.images.map((i) => `${i.repository}:${i.tag}`).sort()).toEqual(['ghcr.io/cloudnative-pg/postgresql:17.2', 'ghcr.io/dragonflydb/dragonfly:v1.40.1', 'ghcr.io/victoriametrics/mcp-victorialogs:latest']);
  });

  it("give a system-upgrade-controller Plan's untagged image the Plan's version as its tag ('+' made '-'), and none for a channel", async () => {
    put('clusters/main/upgrade.yaml', fluxKustomization('upgrade', './upgrade'));
    put('upgrade/kustomization.yaml', 'resources:\n  - plans.yaml\n');
    const plan = (name: string, spec: string) => `apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata:\n  name: ${name}\n  namespace: system-upgrade\nspec:\n  concurrency: 1\n${spec}`;
    put(
      'upgrade/plans.yaml',
      [
        plan('k3s-server', '  version: v1.30.2+k3s1\n  upgrade:\n    image: rancher/k3s-upgrade\n'),
        plan('k3s-agent', '  version: v1.30.2+k3s1\n  prepare:\n    image: rancher/k3s-upgrade\n    args: ["prepare", "k3s-server"]\n  upgrade:\n    image: docker.io/rancher/k3s-upgrade:v1.29.9-k3s1\n'),
        plan('by-channel', '  channel: https://update.k3s.io/v1-release/channels/stable\n  upgrade:\n    image: rancher/k3s-upgrade\n'),
      ].join('---\n'),
    );
    const { model } = await scanRepo(root, parseConfig({}));
    const images = model.objects.filter((o) => o.kind === 'Plan').flatMap((o) => (o.images ?? []).map((i) => `${o.name} ${i.path} ${i.repository}:${i.tag}`));
    expect(images.sort()).toEqual([
      'by-channel spec.upgrade.image rancher/k3s-upgrade:null',
      'k3s-agent spec.prepare.image rancher/k3s-upgrade:v1.30.2-k3s1',
      'k3s-agent spec.upgrade.image docker.io/rancher/k3s-upgrade:v1.29.9-k3s1',
      'k3s-server spec.upgrade.image rancher/k3s-upgrade:v1.30.2-k3s1',
    ]);
  });
});
