/**
 * A layer's kustomize folder whose manifests sit in a subfolder named for what it holds
 * (`keycloak-operator/kustomization.yaml` listing `crds/keycloaks.yml` and `crds/kubernetes.yml`, the
 * vendored operator bundle): the app is the folder's, `keycloak/keycloak-operator`, not one named
 * after the subfolder (outside review: `keycloak/crds`). Subfolders named as apps stay apps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a kustomize folder whose manifests are in its crds/ subfolder', () => {
  const repo = tempRepos(afterAll);
  it('is one app named after the folder', async () => {
    const r = repo('content-subfolder-app');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - keycloak-operator\n  - traefik.yaml\n  - longhorn.yaml\n');
    r.put('infrastructure/controllers/traefik.yaml', helmRelease({ name: 'traefik', namespace: 'traefik' }));
    r.put('infrastructure/controllers/longhorn.yaml', helmRelease({ name: 'longhorn', namespace: 'longhorn-system' }));
    r.put('infrastructure/controllers/keycloak-operator/kustomization.yaml', 'namespace: keycloak\nresources:\n  - namespace.yaml\n  - crds/keycloaks.yml\n  - crds/kubernetes.yml\n');
    r.put('infrastructure/controllers/keycloak-operator/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: keycloak\n');
    r.put('infrastructure/controllers/keycloak-operator/crds/keycloaks.yml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: keycloaks.k8s.keycloak.org\nspec:\n  group: k8s.keycloak.org\n  names: {kind: Keycloak, plural: keycloaks}\n  scope: Namespaced\n  versions: []\n');
    r.put('infrastructure/controllers/keycloak-operator/crds/kubernetes.yml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: keycloak-operator\nspec:\n  selector: {matchLabels: {app: keycloak-operator}}\n  template:\n    metadata: {labels: {app: keycloak-operator}}\n    spec: {containers: [{name: operator, image: "quay.io/keycloak/keycloak-operator:26.0.0"}]}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.objects.includes('Deployment/keycloak/keycloak-operator'));
    expect([app?.id, app?.dir]).toEqual(['keycloak/keycloak-operator', 'infrastructure/controllers/keycloak-operator']);
    expect(model.apps.map((a) => a.id)).not.toContain('keycloak/crds');
  });
});
