/**
 * A repository with a fresh random canary in every place a secret can sit: Secret data (base64)
 * and stringData (plain), a SOPS ENC[] value, HelmRelease values under credential keys, a
 * ConfigMap credential key, and a Secret whose values Flux substitutes through
 * postBuild.substituteFrom. The canaries are random per run, so no committed file can hold them.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Canaries {
  secretData: string;
  secretStringData: string;
  sops: string;
  helmValues: string;
  configMap: string;
  substituteFrom: string;
}

const token = (label: string) => `cnry${label}${randomBytes(10).toString('hex')}`;

export function makeCanaries(): Canaries {
  return {
    secretData: token('sd'),
    secretStringData: token('ss'),
    sops: token('so'),
    helmValues: token('hv'),
    configMap: token('cm'),
    substituteFrom: token('sf'),
  };
}

const SOURCE = '  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  interval: 1h\n';

export function writeCanaryRepo(root: string, c: Canaries): void {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const files: Record<string, string> = {
    'README.md': '# Canary homelab\n',
    'kubernetes/flux/cluster/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: cluster-apps\n  namespace: flux-system\nspec:\n  path: ./kubernetes/apps\n${SOURCE}`,
    'kubernetes/apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./vault/app/ks.yaml\n  - ./secrets.sops.yaml\n',
    'kubernetes/apps/secrets.sops.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cluster-secrets
  namespace: flux-system
stringData:
  SECRET_ADMIN_PASSWORD: ENC[AES256_GCM,data:${c.sops},iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:BBBBBBBBBBBBBBBBBBBBBB==,type:str]
sops:
  age:
    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        ${b64(c.sops)}
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2024-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:${c.sops}mac,iv:x,tag:y,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.8.1
`,
    'kubernetes/apps/vault/app/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: vault
  namespace: flux-system
spec:
  targetNamespace: vault
  path: ./kubernetes/apps/vault/app/resources
  postBuild:
    substituteFrom:
      - kind: Secret
        name: substitute-secrets
${SOURCE}`,
    'kubernetes/apps/vault/app/resources/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./secret.yaml\n  - ./configmap.yaml\n  - ./helmrelease.yaml\n',
    'kubernetes/apps/vault/app/resources/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: vault-credentials
type: Opaque
data:
  password: ${b64(c.secretData)}
stringData:
  token: ${c.secretStringData}
---
apiVersion: v1
kind: Secret
metadata:
  name: substitute-secrets
  namespace: flux-system
stringData:
  VAULT_ROOT_TOKEN: ${c.substituteFrom}
`,
    'kubernetes/apps/vault/app/resources/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: vault-config
data:
  DB_PASSWORD: ${c.configMap}
  ROOT_TOKEN: \${VAULT_ROOT_TOKEN}
`,
    'kubernetes/apps/vault/app/resources/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: vault
spec:
  interval: 1h
  chart:
    spec:
      chart: vault
      version: 0.28.0
      sourceRef:
        kind: HelmRepository
        name: hashicorp
        namespace: flux-system
  values:
    server:
      extraEnvironmentVars:
        VAULT_TOKEN: \${VAULT_ROOT_TOKEN}
    admin:
      password: ${c.helmValues}
      apiKey: ${c.helmValues}
`,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Canary', '-c', 'user.email=canary@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_DATE: '2024-01-01T10:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T10:00:00Z' },
    });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'feat(vault): add vault']);
}
