/**
 * How a release's values use each Secret they name. An app-template persistence item the user keyed
 * `secret` (`persistence.secret: {type: secret, name: mosquitto-secret}`) is a volume, as its type
 * says; it was also read as an env `secretKeyRef` (outside review). `envFrom: [{secret: name}]` and
 * an env `secret: {name, key}` keep their readings.
 */
import { describe, expect, it } from 'vitest';
import { valuesFacts } from '../../src/lib/site/values-facts.ts';

describe('Secrets in a release\'s values', () => {
  it('are read by how they are used, not by the key a user chose', () => {
    const facts = valuesFacts({
      controllers: { main: { containers: { main: { envFrom: [{ secret: 'app-env' }], env: { TOKEN: { valueFrom: { secretKeyRef: { name: 'app-token', key: 'token' } } } } } } } },
      persistence: { secret: { type: 'secret', name: 'mosquitto-secret' }, config: { type: 'secret', name: 'app-config' } },
    });
    expect(facts.secretUses).toEqual([
      { name: 'app-config', via: ['volume'] },
      { name: 'app-env', via: ['envFrom'] },
      { name: 'app-token', via: ['secretKeyRef'] },
      { name: 'mosquitto-secret', via: ['volume'] },
    ]);
  });

  it('include a Secret a mapping names beside `existingSecret: true` (MinIO tenant: the chart reads it, does not make it)', () => {
    const facts = valuesFacts({ tenant: { configSecret: { name: 'minio-tenant-env', existingSecret: true } }, other: { name: 'not-a-secret', existingSecret: false } });
    expect(facts.secretUses).toEqual([{ name: 'minio-tenant-env', via: ['existingSecret'] }]);
  });

  it("include Harbor's existingSecret<Word> names and the Prometheus Operator's mounted secrets, not a key inside a Secret", () => {
    const facts = valuesFacts({
      existingSecretAdminPassword: 'harbor-admin',
      existingSecretAdminPasswordKey: 'HARBOR_ADMIN_PASSWORD',
      alertmanager: { alertmanagerSpec: { secrets: ['alerts-webhook'] } },
      prometheus: { prometheusSpec: { secrets: ['etcd-certs'] } },
      other: { secrets: ['not-mounted'] },
    });
    expect(facts.secretUses).toEqual([
      { name: 'alerts-webhook', via: ['volume'] },
      { name: 'etcd-certs', via: ['volume'] },
      { name: 'harbor-admin', via: ['existingSecret'] },
    ]);
  });

  // Outside reviews: democratic-csi's driver config, the Alertmanager configuration Secret, Velero's
  // storage credentials and grafana's env Secrets were used by nothing on the app pages. Not a key
  // inside a Secret (`existingSecretKey`), nor a name that is no Secret's (`configMapName`).
  it("include other charts' Secret names: existing<Word>Secret, <word>SecretName, configSecret, envFromSecret(s), Velero's credential", () => {
    const facts = valuesFacts({
      driver: { existingConfigSecret: 'csi-driver-config' },
      auth: { adminSecretName: 'admin-creds', existingSecretKey: 'password', configMapName: 'not-a-secret' },
      alertmanager: { alertmanagerSpec: { configSecret: 'alertmanager-config' } },
      envFromSecret: 'grafana-env',
      envFromSecrets: [{ name: 'grafana-oidc' }],
      configuration: { backupStorageLocation: [{ name: 'default', provider: 'aws', credential: { name: 'velero-s3', key: 'cloud' } }] },
      ingress: { tlsSecretName: 'app-tls' },
    });
    expect(facts.secretUses).toEqual([
      { name: 'admin-creds', via: ['existingSecret'] },
      { name: 'alertmanager-config', via: ['existingSecret'] },
      { name: 'app-tls', via: ['tls'] },
      { name: 'csi-driver-config', via: ['existingSecret'] },
      { name: 'grafana-env', via: ['envFrom'] },
      { name: 'grafana-oidc', via: ['envFrom'] },
      { name: 'velero-s3', via: ['secretKeyRef'] },
    ]);
  });

  // Outside review: a chart's `postgres.credentialsSecret.name`, `env.redisUrlSecret: {name, key}`.
  it('include a `<what>Secret: {name}` a chart reads; not one it makes (create: true, existingSecret: false) or switched off', () => {
    const facts = valuesFacts({
      postgres: { credentialsSecret: { name: 'auth-postgres-owner' } },
      env: { redisUrlSecret: { name: 'auth-redis', key: 'url' } },
      admin: { adminSecret: { create: true, name: 'made-by-chart' } },
      tenant: { configSecret: { name: 'made-too', existingSecret: false } },
      off: { tokenSecret: { enabled: false, name: 'off' } },
    });
    expect(facts.secretUses).toEqual([
      { name: 'auth-postgres-owner', via: ['existingSecret'] },
      { name: 'auth-redis', via: ['secretKeyRef'] },
    ]);
  });
});
