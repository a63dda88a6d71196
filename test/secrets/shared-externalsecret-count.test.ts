/**
 * A component's ExternalSecret applied by two apps is one document and two objects. SECRETS.md put
 * "1" above a table of two rows (outside review: "6 (0 / 6)" above eight rows): the count is of
 * documents, as corpus-meta.json counts them, and now says so, with the objects where they differ.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('an ExternalSecret of a shared component', () => {
  const repo = tempRepos(afterAll);

  it('counts one document, applied as one object per app', async () => {
    const r = repo('shared-es');
    bootstrap(r, 'home');
    for (const app of ['a', 'b']) {
      r.put(`clusters/home/${app}.yaml`, fluxKustomization(app, `./apps/${app}`, `  targetNamespace: ${app}\n  components:\n    - ../../components/backup\n  postBuild:\n    substitute:\n      APP: ${app}\n`));
      r.put(`apps/${app}/kustomization.yaml`, 'resources:\n  - cm.yaml\n');
      r.put(`apps/${app}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  X: "1"\n`);
    }
    r.put('components/backup/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - externalsecret.yaml\n');
    r.put('components/backup/externalsecret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${APP}-backup\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: ${APP}-backup\n  dataFrom:\n    - extract:\n        key: backup\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { result } = secretsInventory(model, config);
    expect([result.summary.externalSecrets, result.summary.externalSecretObjects, result.externalSecrets.length]).toEqual([1, 2, 2]);
    expect(renderSecretsMarkdown(result)).toContain('| ExternalSecret documents (with / without refreshInterval) | 1 (1 / 0), applied as 2 objects (a shared one once per app) |');
  });
});
