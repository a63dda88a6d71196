import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * The implicit store dependency matches the store an ExternalSecret names by kind and name, and by
 * namespace for a SecretStore. Outside review: grafana's ExternalSecret reads ClusterSecretStore
 * `radix-keyvault`, which the repository does not define (EXTERNALSECRET_STORE_MISSING said so), while
 * a stores Kustomization applies namespaced SecretStores of that name in other namespaces; the info
 * said grafana "needs flux-system/external-secrets-stores first", contradicting the warning.
 */
describe('The implicit dependency on an ExternalSecret store', () => {
  const repo = tempRepos(afterAll);
  const store = (kind: string, ns: string | null) => `apiVersion: external-secrets.io/v1\nkind: ${kind}\nmetadata:\n  name: keyvault\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  provider:\n    azurekv: {vaultUrl: "https://kv.example.org"}\n`;
  const es = (storeKind: string) => `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: grafana\n  namespace: monitoring\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ${storeKind}, name: keyvault}\n  target: {name: grafana}\n  data:\n    - secretKey: admin\n      remoteRef: {key: grafana-admin}\n`;
  const implicit = async (stores: string[], storeKind: string) => {
    const r = repo('implicit-store-kind');
    bootstrap(r);
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './infra/stores'));
    r.put('clusters/prod/grafana.yaml', fluxKustomization('grafana', './apps/grafana'));
    r.put('infra/stores/stores.yaml', stores.join('---\n'));
    r.put('apps/grafana/es.yaml', es(storeKind));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY') || f.code === 'EXTERNALSECRET_STORE_MISSING').map((f) => f.code);
  };

  it('a namespaced SecretStore of the name is not the ClusterSecretStore the ExternalSecret reads', async () => {
    expect(await implicit([store('SecretStore', 'default'), store('SecretStore', 'flux-system')], 'ClusterSecretStore')).toEqual(['EXTERNALSECRET_STORE_MISSING']);
  });

  it("nor a SecretStore of another namespace the one of its own namespace, and the warning says where that one is", async () => {
    expect(await implicit([store('SecretStore', 'default')], 'SecretStore')).toEqual(['EXTERNALSECRET_STORE_MISSING']);
    const r = repo('implicit-store-kind-where');
    bootstrap(r);
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './infra/stores'));
    r.put('clusters/prod/grafana.yaml', fluxKustomization('grafana', './apps/grafana'));
    r.put('infra/stores/stores.yaml', store('SecretStore', 'default'));
    r.put('apps/grafana/es.yaml', es('SecretStore'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.find((f) => f.code === 'EXTERNALSECRET_STORE_MISSING')!;
    expect(missing.message).toBe('ExternalSecret "grafana" reads from SecretStore "keyvault", which this repository defines in namespace default, not in monitoring: a SecretStore serves ExternalSecrets of its own namespace only; define one here, or use a ClusterSecretStore.');
  });

  it('the store it names is its provider: ClusterSecretStore, or a SecretStore of its namespace', async () => {
    expect(await implicit([store('ClusterSecretStore', null)], 'ClusterSecretStore')).toEqual(['IMPLICIT_DEPENDENCY_MISSING']);
    expect(await implicit([store('SecretStore', 'monitoring')], 'SecretStore')).toEqual(['IMPLICIT_DEPENDENCY_MISSING']);
  });
});
