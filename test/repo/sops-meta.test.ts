import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';
import { extractSopsMeta } from '../../src/repo/sops-meta.ts';

const sopsSecret = `apiVersion: v1
kind: Secret
metadata:
  name: cluster-secrets
  namespace: flux-system
stringData:
  SECRET_DOMAIN: ENC[AES256_GCM,data:c2VjcmV0LWRvbWFpbg==,iv:aXY=,tag:dGFn,type:str]
  SECRET_API_KEY: ENC[AES256_GCM,data:Y2FuYXJ5LXNvcHM=,iv:aXY=,tag:dGFn,type:str]
sops:
  kms: []
  gcp_kms: []
  azure_kv: []
  hc_vault: []
  age:
    - recipient: age1fakefakefakefakefakefakefakefakefakefakefakefakefakeqqqq
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        canary-age-data-key-0001
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2024-05-01T10:00:00Z"
  mac: ENC[AES256_GCM,data:canary-mac-0002,iv:aXY=,tag:dGFn,type:str]
  pgp:
    - created_at: "2024-05-01T10:00:00Z"
      enc: canary-pgp-data-key-0003
      fp: 0123456789ABCDEF0123456789ABCDEF01234567
  encrypted_regex: ^(data|stringData)$
  version: 3.8.1
`;

describe('SOPS files', () => {
  const { docs, findings } = parseYamlText(sopsSecret, { path: 'flux/vars/cluster-secrets.sops.yaml', kind: 'yaml' });
  const doc = docs[0];

  it('keeps recipients and metadata, drops mac and data keys', () => {
    expect(findings).toEqual([]);
    expect(doc?.sops).toEqual({
      age: ['age1fakefakefakefakefakefakefakefakefakefakefakefakefakeqqqq'],
      pgp: ['0123456789ABCDEF0123456789ABCDEF01234567'],
      kms: [],
      gcpKms: [],
      azureKv: [],
      hcVault: [],
      lastmodified: '2024-05-01T10:00:00Z',
      encryptedRegex: '^(data|stringData)$',
      encryptedSuffix: null,
      unencryptedRegex: null,
      unencryptedSuffix: null,
      version: '3.8.1',
    });
    expect(doc?.value).not.toHaveProperty('sops');
    const json = JSON.stringify(docs);
    for (const c of ['canary-age-data-key-0001', 'canary-mac-0002', 'canary-pgp-data-key-0003', 'Y2FuYXJ5LXNvcHM=', 'ENC[']) {
      expect(json).not.toContain(c);
    }
  });

  it('wipes the encrypted Secret values, keeping their keys and lines', () => {
    expect(doc?.value).toMatchObject({ kind: 'Secret', stringData: { SECRET_DOMAIN: REDACTED, SECRET_API_KEY: REDACTED } });
    expect(doc?.redactions.map((r) => [r.path, r.reason, r.source.line])).toEqual([
      ['stringData.SECRET_DOMAIN', 'sops-encrypted', 7],
      ['stringData.SECRET_API_KEY', 'sops-encrypted', 8],
    ]);
  });

  it('reads every key type SOPS writes, including key groups', () => {
    const meta = extractSopsMeta({
      kms: [{ arn: 'arn:aws:kms:eu-west-1:111122223333:key/abcd', enc: 'x' }],
      gcp_kms: [{ resource_id: 'projects/p/locations/global/keyRings/r/cryptoKeys/k', enc: 'x' }],
      azure_kv: [{ vault_url: 'https://vault.vault.azure.net/', name: 'sops-key', version: '1', enc: 'x' }],
      hc_vault: [{ vault_address: 'https://vault.example.com:8200', engine_path: 'sops', key_name: 'firstkey', enc: 'x' }],
      key_groups: [{ age: [{ recipient: 'age1group' }] }],
      unencrypted_suffix: '_unencrypted',
      lastmodified: new Date('2024-01-02T03:04:05Z'),
    });
    expect(meta).toMatchObject({
      age: ['age1group'],
      kms: ['arn:aws:kms:eu-west-1:111122223333:key/abcd'],
      gcpKms: ['projects/p/locations/global/keyRings/r/cryptoKeys/k'],
      azureKv: ['https://vault.vault.azure.net/keys/sops-key'],
      hcVault: ['https://vault.example.com:8200/sops/firstkey'],
      unencryptedSuffix: '_unencrypted',
      lastmodified: '2024-01-02T03:04:05.000Z',
    });
  });

  it('wipes ENC[] values in a non-Secret SOPS file too', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  host: ENC[AES256_GCM,data:aG9zdA==,iv:a,tag:b,type:str]\nsops:\n  age: []\n  version: 3.9.0\n';
    const { docs: cm } = parseYamlText(text, { path: 'cm.sops.yaml', kind: 'yaml' });
    expect(cm[0]?.value).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { host: REDACTED } });
    expect(cm[0]?.sops?.version).toBe('3.9.0');
  });
});
