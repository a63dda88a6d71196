/**
 * The credential a secret store reads (the 1Password Connect token its provider's
 * `auth.secretRef.connectTokenSecretRef` names, a Vault CA under `caProvider`) is used: by that store.
 * Outside review (an ESO repository with three stores): the SOPS Secrets of their tokens were shown
 * as used by nothing, the credential every ExternalSecret of the cluster starts from.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sops = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: external-secrets\nstringData:\n  token: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n      enc: x\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.0\n`;

describe("a secret store's own credential", () => {
  const repo = tempRepos(afterAll);

  it('is used by the store', async () => {
    const r = repo('secret-store-auth');
    bootstrap(r);
    r.put('clusters/prod/eso.yaml', fluxKustomization('external-secrets', './apps/external-secrets', '  decryption:\n    provider: sops\n'));
    r.put('apps/external-secrets/token.sops.yaml', sops('onepassword-connect-token'));
    r.put('apps/external-secrets/ca.sops.yaml', sops('vault-ca'));
    r.put(
      'apps/external-secrets/stores.yaml',
      'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: onepassword\nspec:\n  provider:\n    onepassword:\n      connectHost: http://onepassword-connect:8080\n      auth:\n        secretRef:\n          connectTokenSecretRef:\n            name: onepassword-connect-token\n            namespace: external-secrets\n            key: token\n---\napiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\nspec:\n  provider:\n    vault:\n      server: https://vault.example.org\n      caProvider:\n        type: Secret\n        name: vault-ca\n        namespace: external-secrets\n        key: ca.crt\n',
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.name === 'external-secrets')!;
    const objects = appFacts(model, app.id)!.secrets.sops.flatMap((s) => s.objects);
    expect(Object.fromEntries(objects.map((o) => [o.name, o.usedBy]))).toEqual({
      'onepassword-connect-token': ['auth of ClusterSecretStore onepassword'],
      'vault-ca': ['auth of ClusterSecretStore vault'],
    });
  });
});
