/**
 * THE CANARY TEST: known values planted everywhere a secret can sit must not reach the model, the
 * inventory, the SECRETS.md block or `scan --json`, in plain, base64, base64url or URL-encoded form.
 * The fixture repo is written at test time so that no canary is committed anywhere else.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { dataFiles } from '../../src/lib/export/data-export.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { llmsFullTxt, llmsTxt } from '../../src/lib/export/llms.ts';
import { canaryForms, leaks } from './canary.ts';

const PROJECT = join(import.meta.dirname, '../..');

/** One canary per place; special characters make the URL-encoded forms differ from the plain ones. */
export const CANARY = {
  secretData: 'cnry-data-Q7v2+/k9=?&x',
  stringData: 'cnry-strd-M4p8 z!x#1',
  substitutedPlain: 'cnry-subst-Hh3j5&k=l',
  substitutedSops: 'cnryEncSubst6Tt0',
  helmValues: 'cnry-helm-W2e4%r6',
  helmEnv: 'cnry-env-B8n1@m3',
  helmUrl: 'cnryurlU5y7i9',
  configMap: 'cnry-cm-K1l3;z5',
  sopsEnc: 'cnryEncZ9x8c7v6',
  sopsMac: 'cnryMacA1s2d3f4',
  sopsDataKey: 'cnryAgeKeyG5h6j7',
  anchor: 'cnry-anchor-P0o9i8',
} as const;
const ALL = Object.values(CANARY);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const enc = (s: string) => `ENC[AES256_GCM,data:${s},iv:${b64('iv-not-secret')},tag:${b64('tag')},type:str]`;

const FILES: Record<string, string> = {
  '.sops.yaml': `creation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.ya?ml\n    encrypted_regex: ^(data|stringData)$\n    age: age1gys8lu7cdxlpcmqu3wx5pppqcdmpwulwkwwajp6xtj84mvnjlez70e6thh\n`,
  'kubernetes/flux/cluster/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: cluster-apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./kubernetes/apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  decryption:
    provider: sops
  postBuild:
    substitute:
      APP: web
    substituteFrom:
      - kind: Secret
        name: cluster-secrets
      - kind: Secret
        name: cluster-secrets-sops
`,
  'kubernetes/flux/cluster/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./ks.yaml
  - ./cluster-secrets.yaml
  - ./cluster-secrets.sops.yaml
`,
  // Plain Secret feeding postBuild.substituteFrom: its values land in other manifests.
  'kubernetes/flux/cluster/cluster-secrets.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cluster-secrets
  namespace: flux-system
stringData:
  SECRET_GREETING: "${CANARY.substitutedPlain}"
`,
  'kubernetes/flux/cluster/cluster-secrets.sops.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cluster-secrets-sops
  namespace: flux-system
stringData:
  SECRET_DB_PASSWORD: ${enc(CANARY.substitutedSops)}
sops:
  age:
    - recipient: age1gys8lu7cdxlpcmqu3wx5pppqcdmpwulwkwwajp6xtj84mvnjlez70e6thh
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        ${CANARY.sopsDataKey}
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2025-01-01T00:00:00Z"
  mac: ${enc(CANARY.sopsMac)}
  encrypted_regex: ^(data|stringData)$
  version: 3.9.4
`,
  'kubernetes/apps/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./web/secret.yaml
  - ./web/secret.sops.yaml
  - ./web/helmrelease.yaml
  - ./web/configmap.yaml
`,
  'kubernetes/apps/web/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: web
  namespace: default
type: Opaque
data:
  RANDOM_NAME: ${b64(CANARY.secretData)}
stringData:
  NOT_A_CREDENTIAL_NAME: "${CANARY.stringData}"
  anchored: &a "${CANARY.anchor}"
  again: *a
`,
  'kubernetes/apps/web/secret.sops.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: web-sops
  namespace: default
stringData:
  token: ${enc(CANARY.sopsEnc)}
  b64: ${enc(b64(CANARY.sopsEnc))}
sops:
  age:
    - recipient: age1gys8lu7cdxlpcmqu3wx5pppqcdmpwulwkwwajp6xtj84mvnjlez70e6thh
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        ${b64(CANARY.sopsDataKey)}
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2025-02-02T00:00:00Z"
  mac: ${enc(CANARY.sopsMac)}
  encrypted_regex: ^(data|stringData)$
  version: 3.9.4
`,
  'kubernetes/apps/web/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
  namespace: default
spec:
  interval: 30m
  chart:
    spec:
      chart: web
      sourceRef:
        kind: HelmRepository
        name: charts
  values:
    adminPassword: "${CANARY.helmValues}"
    greeting: "hello \${SECRET_GREETING}"
    database:
      password: \${SECRET_DB_PASSWORD}
      url: "postgres://app:${CANARY.helmUrl}@db.default.svc:5432/app"
    env:
      - name: DB_PASSWORD
        value: "${CANARY.helmEnv}"
      - name: APP_NAME
        value: \${APP}
`,
  'kubernetes/apps/web/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: default
data:
  API_TOKEN: "${CANARY.configMap}"
  GREETING: "hello \${SECRET_GREETING}"
  APP: \${APP}
`,
};

describe('canary: no planted value reaches any output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-canary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const config = parseConfig({});
  const { model } = await scanRepo(dir, config);
  const { result, findings } = secretsInventory(model, config);
  const markdown = renderSecretsMarkdown(result);

  it('the fixture really holds every canary (the test can fail)', () => {
    const written = Object.values(FILES).join('\n');
    for (const c of ALL) expect(leaks(written, [c]).length, c).toBeGreaterThan(0);
    // And the scan saw the places they sit in.
    expect(model.secrets.map((s) => s.name).sort()).toEqual(['cluster-secrets', 'cluster-secrets-sops', 'web', 'web-sops']);
    expect(model.helmReleases.map((h) => h.name)).toEqual(['web']);
    expect(result.hardcodedCredentials.map((h) => h.path).sort()).toEqual(['data.API_TOKEN', 'spec.values.adminPassword', 'spec.values.database.url', 'spec.values.env.0.value']);
  });

  it('canaryForms gives the plain, base64, base64url and URL-encoded forms', () => {
    expect(canaryForms('a b+/=?')).toEqual(expect.arrayContaining(['a b+/=?', b64('a b+/=?'), Buffer.from('a b+/=?').toString('base64url'), 'a%20b%2B%2F%3D%3F']));
  });

  it('not in the model', () => {
    expect(leaks(JSON.stringify(model), ALL)).toEqual([]);
  });

  it('not in the inventory or its findings', () => {
    expect(leaks(JSON.stringify(result), ALL)).toEqual([]);
    expect(leaks(JSON.stringify(findings), ALL)).toEqual([]);
    expect(findings.map((f) => f.code)).toContain('PLAIN_SECRET');
  });

  it('not in the SECRETS.md block', () => {
    expect(markdown).toContain('web-sops');
    expect(leaks(markdown, ALL)).toEqual([]);
  });

  it('not in atlas.json, its schema, llms.txt, llms-full.txt or the Backstage catalog', async () => {
    const atlas = await computeAtlas(dir, config);
    const json = await dataFiles(atlas, 'json');
    const backstage = await dataFiles(atlas, 'backstage');
    const facts = await appFactsOf(atlas);
    const llms = { siteUrl: 'https://atlas.example.org', base: '/', title: 'canary' };
    const outputs: Record<string, string> = {
      ...Object.fromEntries(json),
      ...Object.fromEntries([...backstage].map(([f, t]) => [`backstage/${f}`, t])),
      'llms.txt': llmsTxt(atlas, facts, llms),
      'llms-full.txt': llmsFullTxt(atlas, facts, llms),
    };
    // The exports did describe the secrets (by name), so "no canary" is not "no content".
    expect(outputs['atlas.json']).toContain('web-sops');
    expect(outputs['llms-full.txt']).toContain('cluster-secrets');
    expect(Object.keys(outputs).some((f) => f.startsWith('backstage/default/'))).toBe(true);
    for (const [file, text] of Object.entries(outputs)) expect(leaks(text, ALL), file).toEqual([]);
  });

  it('not in `atlas scan --json`', async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT, 'scripts/atlas.mjs'), 'scan', '--repo', dir, '--json', '--quiet'], { cwd: PROJECT, maxBuffer: 64 * 1024 * 1024 });
    expect(JSON.parse(stdout).counts.plainSecrets).toBe(2);
    expect(leaks(stdout, ALL)).toEqual([]);
    expect(leaks(stderr, ALL)).toEqual([]);
  });
});
