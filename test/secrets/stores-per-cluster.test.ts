import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * Two clusters (prod, qa) built from their own folders, each with an ExternalSecret of the same
 * namespace and name; the ClusterSecretStore is deployed in prod, and in qa its file is left out of
 * the folder's kustomization.yaml. A store is one cluster's, and so is each rotate runbook.
 */
describe('secret stores and rotate runbooks in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it('joins an ExternalSecret to the store of its own cluster only, and gives each cluster its runbook', async () => {
    const r = repo('two-clusters');
    for (const c of ['prod', 'qa']) {
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
      r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - web\n');
      r.put(`apps/${c}/web/kustomization.yaml`, `namespace: web\nresources:\n  - es.yaml\n${c === 'prod' ? '  - store.yaml\n' : ''}`);
      r.put(`apps/${c}/web/es.yaml`, `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web-creds\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: web-creds}\n  data:\n    - secretKey: token\n      remoteRef: {key: web-token-${c}}\n`);
      r.put(`apps/${c}/web/store.yaml`, `apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\nspec:\n  provider:\n    vault: {server: "https://vault-${c}.example.org", path: secret}\n`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    // Before: qa's ExternalSecret was told to depend on prod's Kustomization (the same name, "itself").
    expect(analysis.findings.filter((f) => f.code === 'IMPLICIT_DEPENDENCY_MISSING')).toEqual([]);
    const missing = analysis.findings.filter((f) => f.code === 'EXTERNALSECRET_STORE_MISSING');
    expect(missing.map((f) => [f.source.file, f.message])).toEqual([
      ['apps/qa/web/es.yaml', 'ExternalSecret "web-creds" reads from ClusterSecretStore "vault", which is defined at apps/qa/web/store.yaml:1 but not deployed in cluster qa (no Flux Kustomization applies that file); deploy it there, or check that something else installs it.'],
    ]);
    const prodStore = analysis.secrets.secretStores.find((s) => s.id.endsWith('@prod'))!;
    expect(prodStore.usedBy).toEqual(['ExternalSecret/web/web-creds@prod']);
    const rotate = analysis.runbooks.generated.filter((b) => b.id.startsWith('rotate:externalsecret:'));
    expect(rotate.map((b) => b.path).sort()).toEqual(['/runbooks/rotate/externalsecret/prod/web/web-creds/', '/runbooks/rotate/externalsecret/qa/web/web-creds/']);
    const prodPage = JSON.stringify(rotate.find((b) => b.path.includes('/prod/'))!.sections);
    expect(prodPage).toContain('web-token-prod');
    expect(prodPage).not.toContain('web-token-qa');
  });
});
