import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const es = (name: string, spec: string): string => `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  refreshInterval: 1h\n  target: {name: ${name}}\n${spec}`;

/**
 * ExternalSecrets without spec.secretStoreRef, which ESO accepts when every entry names its own
 * store (`sourceRef.storeRef`) or a generator (`sourceRef.generatorRef`). The store of an app's
 * ExternalSecret is deployed by another Kustomization the app does not depend on.
 */
describe('ExternalSecrets that name their store per entry', () => {
  const repo = tempRepos(afterAll);

  it('reads the stores the entries name, judges each like spec.secretStoreRef, and needs none for a generator', async () => {
    const r = repo('per-entry-store');
    bootstrap(r);
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './infra/stores'));
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('infra/stores/kustomization.yaml', 'resources:\n  - vault.yaml\n');
    r.put('infra/stores/vault.yaml', 'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\nspec:\n  provider:\n    vault: {server: "https://vault.example.org", path: kv}\n');
    r.put('apps/web/kustomization.yaml', 'namespace: web\nresources:\n  - secrets.yaml\n');
    r.put(
      'apps/web/secrets.yaml',
      [
        es('api-token', '  data:\n    - secretKey: token\n      sourceRef:\n        storeRef: {kind: ClusterSecretStore, name: vault}\n      remoteRef: {key: web/api}\n'),
        es('session-key', '  dataFrom:\n    - sourceRef:\n        generatorRef: {apiVersion: generators.external-secrets.io/v1alpha1, kind: Password, name: session}\n'),
        es('smtp', '  dataFrom:\n    - extract: {key: web/smtp}\n      sourceRef:\n        storeRef:\n          kind: ClusterSecretStore\n          name: mail-vault\n'),
        es('half', '  data:\n    - secretKey: a\n      sourceRef:\n        storeRef: {kind: ClusterSecretStore, name: vault}\n      remoteRef: {key: web/a}\n    - secretKey: b\n      remoteRef: {key: web/b}\n'),
      ].join('---\n'),
    );
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);

    const missing = analysis.findings.filter((f) => f.code === 'EXTERNALSECRET_STORE_MISSING');
    expect(missing.map((f) => [`${f.source.file}:${f.source.line}`, f.message])).toEqual([
      ['apps/web/secrets.yaml:35', 'ExternalSecret "smtp" reads from ClusterSecretStore "mail-vault", which is not defined in this repository; check the name, or that something else installs it.'],
      ['apps/web/secrets.yaml:39', 'ExternalSecret "half" names no secretStoreRef, and not every entry names a store (sourceRef.storeRef) or generator of its own.'],
    ]);

    const rows = new Map(analysis.secrets.externalSecrets.map((e) => [e.name, e]));
    expect(rows.get('api-token')).toMatchObject({ stores: [{ kind: 'ClusterSecretStore', name: 'vault', found: true }], storeFound: true });
    expect(rows.get('session-key')).toMatchObject({ stores: [], storeFound: true });
    expect(rows.get('smtp')).toMatchObject({ stores: [{ kind: 'ClusterSecretStore', name: 'mail-vault', found: false }], storeFound: false });
    expect(analysis.secrets.secretStores.find((s) => s.name === 'vault')!.usedBy).toEqual(['ExternalSecret/web/api-token', 'ExternalSecret/web/half']);
    const md = renderSecretsMarkdown(analysis.secrets);
    expect(md).toContain('ClusterSecretStore/vault |');
    expect(md).toContain('ClusterSecretStore/mail-vault (not in repo)');

    // The store named per entry orders the app after the Kustomization that applies it.
    const implicit = analysis.findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'));
    expect(implicit.map((f) => f.message).join('\n')).toMatch(/external-secret-store.*stores/);
  });
});
