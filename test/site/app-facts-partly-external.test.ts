/**
 * An app folder with an operator's Kustomization of another repository AND the app's own objects
 * (its Keycloak CR, a database cluster, a backup CronJob), which the bootstrap applies: the page said
 * its manifests were in another repository and that its monitoring, network policies and backups
 * were not known (outside review). It is partly so: the note names the Kustomization and its source
 * as the other repository's and what is in this one, and claims no more than that.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { externalNote } from '../../src/lib/site/app-facts-external.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

const operatorSource =
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: keycloak-operator\n  namespace: keycloak\nspec:\n  interval: 10m\n  url: https://github.com/keycloak/keycloak-k8s-resources\n  ref:\n    tag: "26.0.0"\n';
const operatorKs =
  'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: keycloak-operator\n  namespace: keycloak\nspec:\n  interval: 10m\n  targetNamespace: keycloak\n  sourceRef:\n    kind: GitRepository\n    name: keycloak-operator\n  path: ./kubernetes\n  prune: true\n';
const keycloak = 'apiVersion: k8s.keycloak.org/v2alpha1\nkind: Keycloak\nmetadata:\n  name: keycloak\n  namespace: keycloak\nspec:\n  instances: 1\n';
const cronJob =
  'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: db-backup\n  namespace: keycloak\nspec:\n  schedule: "15 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: dump\n              image: postgres:17-alpine\n';

describe('an app partly of another repository', () => {
  const repo = tempRepos(afterAll);

  const factsOf = async (own: boolean) => {
    const r = repo('partly-external');
    bootstrap(r, 'home');
    r.put('clusters/home/keycloak/gitRepository.yaml', operatorSource);
    r.put('clusters/home/keycloak/flux-kustomization.yaml', operatorKs);
    if (own) {
      r.put('clusters/home/keycloak/keycloak.yaml', keycloak);
      r.put('clusters/home/keycloak/cronJob-db-backup.yaml', cronJob);
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.kustomizations.some((id) => id.endsWith('/keycloak-operator')))!;
    const facts = appFacts(model, app.id)!;
    return { external: facts.external, note: facts.external ? Object.values(externalNote(facts.external)).join(' ') : null };
  };

  it('names the Kustomization and its source as the other repository, and what is here', async () => {
    const { external, note } = await factsOf(true);
    expect(external?.partly).toEqual({ kustomizations: ['keycloak-operator'], here: ['CronJob db-backup', 'Keycloak keycloak'] });
    expect(note).toContain('Partly in another repository: Kustomization keycloak-operator builds GitRepository/keycloak-operator');
    expect(note).toContain('CronJob db-backup and Keycloak keycloak are in this repository.');
    expect(note).not.toMatch(/Its manifests are in|monitoring|network policies|backups/);
  });

  it('partly this repository at another branch: the checked-out revision, not another repository', () => {
    const note = Object.values(externalNote({ source: 'GitRepository/preview', url: null, ownRepositoryAt: 'branch feature/x', checkedOut: null, partly: { kustomizations: ['a', 'b'], here: ['CronJob c', 'Deployment d', 'Job e', 'Role f', 'Service g'] } })).join(' ');
    expect(note).toContain('Partly this repository at branch feature/x: Kustomizations a and b build GitRepository/preview');
    expect(note).toContain('the site shows the checked-out revision');
    expect(note).toContain('CronJob c, Deployment d, Job e, Role f and 1 more are in this repository.');
  });

  it('an app of the other repository alone is still wholly so', async () => {
    const { external, note } = await factsOf(false);
    expect(external).toEqual({ source: 'GitRepository/keycloak-operator', url: 'https://github.com/keycloak/keycloak-k8s-resources' });
    expect(note).toContain('Its manifests are in GitRepository/keycloak-operator');
  });
});
