import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { fixture, scan } from './scan.ts';

async function inventory(name: string) {
  const { model, config } = await scan(fixture(name));
  const { result, findings } = secretsInventory(model, config);
  return { model, inv: result, findings, codes: (code: string) => findings.filter((f) => f.code === code) };
}

describe('secrets-sops-not-encrypted', async () => {
  const { inv, findings, codes } = await inventory('secrets-sops-not-encrypted');

  it('flags a *.sops.yaml without sops metadata, and a Secret with values under a rule path', () => {
    expect(inv.notEncrypted.map((n) => [n.file, n.reason, n.rule.index])).toEqual([
      ['kubernetes/apps/default/app/forgot.sops.yaml', 'sops-file-name', 1],
      ['kubernetes/apps/default/app/secrets/db.yaml', 'secret-with-values', 0],
    ]);
    expect(codes('SOPS_NOT_ENCRYPTED').map((f) => [f.source.file, f.severity])).toEqual([
      ['kubernetes/apps/default/app/forgot.sops.yaml', 'error'],
      ['kubernetes/apps/default/app/secrets/db.yaml', 'error'],
    ]);
  });

  it('reports those Secrets once (the more specific finding), and leaves templated, example and encrypted files alone', () => {
    expect(codes('PLAIN_SECRET')).toEqual([]);
    expect(inv.plainSecrets.find((p) => p.name === 'templated')!.status).toBe('templated');
    expect(inv.plainSecrets.find((p) => p.name === 'cluster-secrets')!.status).toBe('example');
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.source.file)).not.toContain('kubernetes/apps/default/app/done-right.sops.yaml');
    expect(findings.map((f) => f.source.file)).not.toContain('.sops.yaml');
    expect(inv.sopsFiles.map((f) => f.file)).toEqual(['kubernetes/apps/default/app/done-right.sops.yaml']);
  });

  it('never repeats a value in a message', () => {
    expect(JSON.stringify(findings)).not.toMatch(/fixture-not-encrypted/);
  });
});

describe('secrets-sops-missing-recipients', async () => {
  const { inv, codes } = await inventory('secrets-sops-missing-recipients');

  it('flags the file encrypted for fewer keys than the rule, with the names from atlas.config.yaml', () => {
    const f = codes('SOPS_MISSING_RECIPIENTS');
    expect(f.map((x) => x.source.file)).toEqual(['kubernetes/apps/observability/alertmanager/secret.sops.yaml']);
    expect(f[0]!.message).toContain('age1r99h2n…37n (offline recovery key)');
    expect(f[0]!.message).toContain('sops updatekeys kubernetes/apps/observability/alertmanager/secret.sops.yaml');
    const row = inv.sopsFiles.find((x) => x.file.endsWith('alertmanager/secret.sops.yaml'))!;
    expect(row.recipients.map((r) => r.name)).toEqual(['workstation']);
    expect(inv.summary.sopsMissingRecipients).toBe(1);
  });

  it('flags a key the rule no longer lists but which can still decrypt', () => {
    const f = codes('SOPS_EXTRA_RECIPIENTS');
    expect(f.map((x) => x.source.file)).toEqual(['kubernetes/flux/vars/cluster-secrets.sops.yaml']);
    expect(f[0]!.message).toContain('age10gh7yq…779');
  });

  it('sorts the rotation table oldest first', () => {
    expect(inv.rotation.map((r) => r.since)).toEqual(['2023-03-22T21:05:37Z', '2025-06-14T09:12:44Z']);
  });

  it('does not take atlas.config.yaml (top-level `sops:` key) for an encrypted file', () => {
    expect(inv.sopsFiles.map((f) => f.file)).toEqual(['kubernetes/apps/observability/alertmanager/secret.sops.yaml', 'kubernetes/flux/vars/cluster-secrets.sops.yaml']);
    expect(inv.summary.sopsFiles).toBe(2);
  });
});

describe('secrets-plain-secret-real-value', async () => {
  const { inv, codes } = await inventory('secrets-plain-secret-real-value');

  it('flags every Secret holding literal credentials, with key names only', () => {
    const f = codes('PLAIN_SECRET');
    expect(f.map((x) => [x.objectId, x.severity])).toEqual([
      ['Secret/media/media-db', 'error'],
      ['Secret/media/media-tls', 'error'],
      ['Secret/media/media-half', 'error'],
    ]);
    expect(inv.plainSecrets.find((p) => p.name === 'media-half')).toMatchObject({ status: 'real', literalKeys: ['password'], templatedKeys: ['username'] });
    expect(f[0]!.message).toContain('DB_PASSWORD');
    expect(JSON.stringify(inv)).not.toMatch(/fixture-real-value|Zml4dHVyZS/);
  });
});

describe('secrets-plain-secret-templated', async () => {
  const { inv, codes } = await inventory('secrets-plain-secret-templated');

  it('tells ${VAR} Secrets apart from leaks, even with literal host and port', () => {
    expect(inv.plainSecrets.map((p) => [p.name, p.status])).toEqual([
      // A config file whose credential lines are all ${VAR} is a template too; one with a literal key line is not.
      ['bridge-config', 'templated'],
      ['bridge-keys', 'unverified'],
      ['n8n-db', 'templated'],
      ['n8n-smtp', 'templated'],
    ]);
    expect(codes('PLAIN_SECRET')).toEqual([]);
    expect(codes('PLAIN_SECRET_TEMPLATED').map((f) => [f.objectId, f.severity])).toEqual([
      ['Secret/productivity/n8n-db', 'info'],
      ['Secret/productivity/n8n-smtp', 'info'],
      ['Secret/productivity/bridge-config', 'info'],
    ]);
    expect(codes('PLAIN_SECRET_UNVERIFIED').map((f) => [f.objectId, f.severity])).toEqual([['Secret/productivity/bridge-keys', 'warning']]);
    expect(inv.summary.plainSecretsByStatus).toMatchObject({ templated: 3, unverified: 1, real: 0 });
  });
});

describe('secrets-service-account-token', async () => {
  const { inv, findings } = await inventory('secrets-service-account-token');

  it('lists service-account tokens and *.example.yaml placeholders without a finding', () => {
    expect(inv.plainSecrets.map((p) => [p.name, p.status])).toEqual([
      ['homepage-sa-token', 'service-account-token'],
      ['cluster-secrets', 'example'],
    ]);
    expect(findings).toEqual([]);
    expect(inv.summary.plainSecrets).toBe(2);
  });
});

describe('secrets-externalsecret-store-missing', async () => {
  const { inv, codes } = await inventory('secrets-externalsecret-store-missing');

  it('flags ExternalSecrets whose store is not in the repo, at the storeRef line', () => {
    const f = codes('EXTERNALSECRET_STORE_MISSING');
    expect(f.map((x) => [x.objectId, x.severity, x.source.line])).toEqual([
      ['ExternalSecret/media/sonarr-extra', 'warning', 26],
      ['ExternalSecret/media/sonarr-vault', 'warning', 43],
    ]);
    expect(f[1]!.message).toContain('SecretStore "vault"');
  });

  it('links stores to the ExternalSecrets that use them', () => {
    expect(inv.secretStores.map((s) => [s.id, s.provider, s.usedBy])).toEqual([
      ['ClusterSecretStore/_cluster/onepassword', 'onepassword', ['ExternalSecret/ai/webui', 'ExternalSecret/media/sonarr']],
      ['SecretStore/security/vault', 'vault', []],
    ]);
  });

  it('flags a missing refreshInterval, except where refreshPolicy makes it moot', () => {
    expect(codes('EXTERNALSECRET_NO_REFRESH_INTERVAL').map((f) => f.objectId)).toEqual(['ExternalSecret/media/sonarr-extra']);
    expect(inv.externalSecrets.find((e) => e.name === 'webui')).toMatchObject({ refreshInterval: '1h (default)', refreshPolicy: 'CreatedOnce' });
    expect(inv.externalSecrets.find((e) => e.name === 'sonarr-vault')!.dataFrom).toEqual([{ extract: null, find: '^sonarr-' }]);
  });
});
