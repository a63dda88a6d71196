import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

const CANARIES = ['canary-plain-7f3a9', 'Y2FuYXJ5LWI2NC04ZDJl', 'canary-helm-4c1b', 'canary-env-92ad', 'canary-cm-1e77', 'canary-enc-5b5b', 'canary-url-0c0c', 'canary-merge-aa11'];

const manifest = `apiVersion: v1
kind: Secret
metadata:
  name: app-secret
  namespace: media
type: Opaque
data:
  b64: Y2FuYXJ5LWI2NC04ZDJl
  cert: |
    -----BEGIN CERTIFICATE-----
    canary-plain-7f3a9
    -----END CERTIFICATE-----
stringData:
  PASSWORD: canary-plain-7f3a9
  TEMPLATED: \${SECRET_DB_PASSWORD}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: grafana
spec:
  values:
    adminUser: admin
    adminPassword: canary-helm-4c1b
    admin:
      existingSecret: grafana-admin
      passwordSecretKey: admin-password
    persistence:
      enabled: true
    env:
      - name: GF_DATABASE_PASSWORD
        value: canary-env-92ad
      - name: GF_SERVER_ROOT_URL
        value: https://grafana.example.com
      - name: GF_SECURITY_SECRET_KEY
        valueFrom:
          secretKeyRef:
            name: grafana
            key: secret-key
    datasource:
      url: postgres://grafana:canary-url-0c0c@db.database.svc:5432/grafana
    oidc:
      clientSecret: \${OIDC_CLIENT_SECRET}
      token: "{{ .Values.token }}"
      apiKey: ""
      bearer: true
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DB_HOST: postgres.database.svc
  DB_PASSWORD: canary-cm-1e77
  API_TOKEN: ENC[AES256_GCM,data:canary-enc-5b5b,iv:abc=,tag:def=,type:str]
---
apiVersion: v1
kind: Secret
metadata:
  name: merged
  labels: &labels
    tier: canary-merge-aa11
data:
  <<: *labels
`;

describe('secret values are wiped at read time', () => {
  const result = parseYamlText(manifest, { path: 'apps/grafana.yaml', kind: 'yaml' });
  const json = JSON.stringify(result);

  it('leaves none of the canaries anywhere in the result', () => {
    expect(result.findings).toEqual([]);
    for (const c of CANARIES) expect(json).not.toContain(c);
  });

  it('wipes Secret data (base64 and block scalars) and stringData, keeping keys and ${VAR} placeholders', () => {
    const secret = result.docs[0];
    expect(secret?.value).toMatchObject({
      data: { b64: REDACTED, cert: REDACTED },
      stringData: { PASSWORD: REDACTED, TEMPLATED: '${SECRET_DB_PASSWORD}' },
    });
    expect(secret?.redactions).toEqual([
      { path: 'data.b64', reason: 'secret-data', source: { file: 'apps/grafana.yaml', line: 8, col: 8, docIndex: 0 } },
      // A certificate block is public key material: recorded so (no credential to rotate), wiped all the same.
      // (A PEM written as it is under data is no base64 either: the API server would refuse it, SECRET_DATA_NOT_BASE64.)
      { path: 'data.cert', reason: 'secret-public', source: { file: 'apps/grafana.yaml', line: 9, col: 9, docIndex: 0 }, notBase64: true },
      { path: 'stringData.PASSWORD', reason: 'secret-data', source: { file: 'apps/grafana.yaml', line: 14, col: 13, docIndex: 0 } },
    ]);
  });

  it('wipes credential literals in HelmRelease values and keeps references', () => {
    const hr = result.docs[1];
    const values = (hr?.value as { spec: { values: Record<string, unknown> } }).spec.values;
    expect(values).toMatchObject({
      adminUser: 'admin',
      adminPassword: REDACTED,
      admin: { existingSecret: 'grafana-admin', passwordSecretKey: 'admin-password' },
      persistence: { enabled: true },
      oidc: { clientSecret: '${OIDC_CLIENT_SECRET}', token: '{{ .Values.token }}', apiKey: '', bearer: true },
    });
    expect((values['env'] as { value?: string }[]).map((e) => e.value)).toEqual([REDACTED, 'https://grafana.example.com', undefined]);
    expect(hr?.redactions.map((r) => [r.path, r.reason, r.source.line])).toEqual([
      ['spec.values.adminPassword', 'credential-literal', 24],
      ['spec.values.env.0.value', 'credential-literal', 32],
      ['spec.values.datasource.url', 'credential-literal', 41],
    ]);
  });

  it('wipes ConfigMap credential keys and ENC[] strings', () => {
    const cm = result.docs[2];
    expect(cm?.value).toMatchObject({ data: { DB_HOST: 'postgres.database.svc', DB_PASSWORD: REDACTED, API_TOKEN: REDACTED } });
    expect(cm?.redactions.map((r) => [r.path, r.reason, r.source.line])).toEqual([
      ['data.DB_PASSWORD', 'credential-literal', 54],
      ['data.API_TOKEN', 'sops-encrypted', 55],
    ]);
  });

  it('wipes values that a merge key brings under Secret data', () => {
    const merged = result.docs[3];
    expect(merged?.value).toMatchObject({ data: { tier: REDACTED } });
    expect(merged?.redactions.length).toBeGreaterThan(0);
  });

  it('redacts an anchored credential everywhere its alias is used', () => {
    const { docs } = parseYamlText('a:\n  password: &pw canary-alias-31\nb:\n  copy: *pw\n', { path: 'x.yaml', kind: 'yaml' });
    expect(JSON.stringify(docs)).not.toContain('canary-alias-31');
    expect(docs[0]?.value).toEqual({ a: { password: REDACTED }, b: { copy: REDACTED } });
  });

  it('treats ExternalSecret secretKey as a reference', () => {
    const es = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: app}
spec:
  data:
    - secretKey: DB_PASSWORD
      remoteRef: {key: app, property: password}
`;
    const { docs } = parseYamlText(es, { path: 'es.yaml', kind: 'yaml' });
    expect(docs[0]?.redactions).toEqual([]);
    expect(JSON.stringify(docs[0]?.value)).toContain('DB_PASSWORD');
  });
});

describe('property: no Secret value survives reading', () => {
  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,15}$/).filter((k) => k !== '<<');
  const value = fc.string({ minLength: 4, maxLength: 40, unit: 'binary' });
  const entries = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 });

  it('holds for arbitrary keys and string values in data and stringData', () => {
    fc.assert(
      fc.property(entries, entries, fc.boolean(), (data, stringData, flow) => {
        const doc = new Document({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'generated' }, data, stringData });
        const text = doc.toString({ collectionStyle: flow ? 'flow' : 'block' });
        const { docs } = parseYamlText(text, { path: 'secret.yaml', kind: 'yaml' });
        expect(docs).toHaveLength(1);
        const out = JSON.stringify(docs);
        // The same document with every value replaced by "x": the text a correct reader shows.
        const blank = (o: Record<string, string>) => Object.fromEntries(Object.keys(o).map((k) => [k, 'x']));
        const plain = new Document({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'generated' }, data: blank(data), stringData: blank(stringData) });
        const skeleton = JSON.stringify(parseYamlText(plain.toString({ collectionStyle: flow ? 'flow' : 'block' }), { path: 'secret.yaml', kind: 'yaml' }).docs);
        for (const v of [...Object.values(data), ...Object.values(stringData)]) {
          if (/^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*\}\s*)+$/.test(v)) continue; // placeholders are kept by design
          const escaped = JSON.stringify(v).slice(1, -1);
          expect(count(out, escaped)).toBeLessThanOrEqual(count(skeleton, escaped));
        }
      }),
      { numRuns: 300 },
    );
  });
});

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
