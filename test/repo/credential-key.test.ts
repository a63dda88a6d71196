import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { isCredentialKey, isLiteralValue, isReferenceValue, splitWords } from '../../src/model/credential-key.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

describe('credential-like keys', () => {
  it('splits keys into words whatever the case style', () => {
    expect(splitWords('adminPassword')).toEqual(['admin', 'password']);
    expect(splitWords('POSTGRES_PASSWORD')).toEqual(['postgres', 'password']);
    expect(splitWords('APIKey')).toEqual(['api', 'key']);
    expect(splitWords('s3SecretKey')).toEqual(['s3', 'secret', 'key']);
  });

  it.each(['password', 'adminPassword', 'POSTGRES_PASSWORD', 'apiKey', 'api_key', 'secretKey', 'clientSecret', 'token', 'authToken', 'AWS_SECRET_ACCESS_KEY', 'privateKey', 'encryption-key', 'webhookUrl', 'credentials', 'mqtt.pass', 'joinKey'])(
    '%s is a credential',
    (key) => expect(isCredentialKey(key)).toBe(true),
  );

  it.each(['existingSecret', 'secretName', 'secretRef', 'secretKeyRef', 'tokenSecretRef', 'passwordSecretKey', 'adminPasswordSecret', 'passwordFile', 'userPasswordKey', 'bypass', 'tokenTTL', 'username', 'name'])(
    '%s is not a credential',
    (key) => expect(isCredentialKey(key)).toBe(false),
  );

  it('tells literals from references and flags', () => {
    expect(isLiteralValue('hunter2')).toBe(true);
    expect(isLiteralValue('${DB_PASSWORD}')).toBe(false);
    expect(isLiteralValue('${DB_PASSWORD:=hunter2}')).toBe(true);
    expect(isLiteralValue('{{ .password }}')).toBe(false);
    expect(isLiteralValue('$(MARIADB_ROOT_PASSWORD)')).toBe(false);
    expect(isLiteralValue('')).toBe(false);
    expect(isLiteralValue(true)).toBe(false);
    expect(isLiteralValue(1234)).toBe(false);
    expect(isReferenceValue('githubConfigSecret', 'home-ops-runner-secret')).toBe(true);
    expect(isReferenceValue('secretKey', 'mautrix-slack.yaml')).toBe(true);
    expect(isReferenceValue('clientSecret', 'Zx81-kq0Pq')).toBe(false);
    // A random lower-case value is no Secret name, however DNS-like (issue 22).
    expect(isReferenceValue('clientSecret', '3f9c0e1d2b4a59687a6b5c4d3e2f1a0b9c8d7e6f')).toBe(false);
    expect(isCredentialKey('TS_AUTHKEY') && isCredentialKey('SECRET_KEY_BASE') && isCredentialKey('ADMIN_PW') && isCredentialKey('PLEX_CLAIM')).toBe(true);
    expect(isCredentialKey('existingClaim') || isCredentialKey('claim') || isCredentialKey('keyBase')).toBe(false);
  });

  it('keeps references spelled as tags, secret names and $(VAR) in documents', () => {
    const text = `sonarr:
  api_key: !env_var SONARR_API_KEY
runner:
  githubConfigSecret: home-ops-runner-secret
env:
  - name: MYSQL_PASSWORD
    value: $(MARIADB_ROOT_PASSWORD)
  - name: MYSQL_ROOT_PASSWORD
    value: canary-root-7
`;
    const { docs } = parseYamlText(text, { path: 'values.yaml', kind: 'yaml' });
    expect(docs[0]?.value).toEqual({
      sonarr: { api_key: 'SONARR_API_KEY' },
      runner: { githubConfigSecret: 'home-ops-runner-secret' },
      env: [
        { name: 'MYSQL_PASSWORD', value: '$(MARIADB_ROOT_PASSWORD)' },
        { name: 'MYSQL_ROOT_PASSWORD', value: REDACTED },
      ],
    });
  });
});

describe('references that look like credentials (seen in real values)', () => {
  it('treats a qualified ...Secret key holding an object name as the name of a Secret', () => {
    expect(isReferenceValue('configSecret', 'alertmanager-config')).toBe(true);
    expect(isReferenceValue('TS_KUBE_SECRET', 'tailscale')).toBe(true);
    // A bare `secret:` needs a secret-like name; a random string is a value.
    expect(isReferenceValue('secret', 'tailscale')).toBe(false);
    expect(isReferenceValue('clientSecret', 'Zx9!kq-Very$ecret')).toBe(false);
  });

  it('does not take Grafana $__env{} / $__file{} placeholders for literals', () => {
    expect(isLiteralValue('$__env{GRAFANA_OAUTH_CLIENT_SECRET}')).toBe(false);
    expect(isLiteralValue('$__file{/etc/secrets/client_secret}')).toBe(false);
    expect(isLiteralValue('plain-text-secret')).toBe(true);
  });
});
