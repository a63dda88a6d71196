/**
 * A cluster-scoped object written in an app's folder (the app's Namespace, its ClusterRoleBinding) is
 * that app's, as the namespaced objects beside it are. Outside review (a homelab of plain manifests,
 * `apps` -> `apps/<app>/`): the Deployment of apps/portainer was app portainer, its ClusterRoleBinding
 * and Namespace were filed under the `apps` Kustomization's app. A namespace folder's own Namespace
 * (no app in that folder) stays with the Kustomization.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: example/${name}:1.0.0\n`;
const binding = (name: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${name}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ${name}\n    namespace: ${name}\n`;

describe('cluster-scoped objects in an app folder', () => {
  const repo = tempRepos(afterAll);

  it("belong to the folder's app", async () => {
    const r = repo('cluster-scoped-app-folder');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - portainer\n  - fleet\n  - shared-namespace.yaml\n');
    r.put('apps/shared-namespace.yaml', ns('tools'));
    for (const app of ['portainer', 'fleet']) {
      r.put(`apps/${app}/kustomization.yaml`, 'resources:\n  - namespace.yaml\n  - deployment.yaml\n');
      r.put(`apps/${app}/namespace.yaml`, ns(app));
      r.put(`apps/${app}/deployment.yaml`, `${deployment(app)}---\n${binding(app)}`);
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;
    expect(appOf('Deployment/portainer/portainer')).toBe('portainer/portainer');
    expect(appOf('ClusterRoleBinding/_cluster/portainer')).toBe('portainer/portainer');
    expect(appOf('Namespace/_cluster/portainer')).toBe('portainer/portainer');
    expect(appOf('Namespace/_cluster/fleet')).toBe('fleet/fleet');
    expect(appOf('Namespace/_cluster/tools')).toBe(model.kustomizations.find((k) => k.name === 'apps')?.appId);
  });
});
