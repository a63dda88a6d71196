/**
 * A repository with a fresh random canary in every place a secret can sit: Secret data (base64)
 * and stringData (plain), a SOPS ENC[] value, HelmRelease values under credential keys, a
 * ConfigMap credential key, and a Secret whose values Flux substitutes through
 * postBuild.substituteFrom; and (issue 22) every side door: YAML errors in a Secret, URLs with
 * credentials (token as user name, empty user, k8up backend, SOPS vault addresses, a registry URL
 * in git history and a commit message), numbers and odd credential keys, a random value that looks
 * like a Secret's name, DSN / ADO strings, htpasswd, `--password` arguments, secretGenerator
 * literals and a Secret inside `kind: List`. The canaries are random per run, so no committed
 * file can hold them.
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
  yamlUnknownTag: string;
  yamlBlockHeader: string;
  urlTokenAsUser: string;
  urlEmptyUser: string;
  urlQueryToken: string;
  k8upBackendUrl: string;
  sopsVaultAddress: string;
  sopsAzureVaultUrl: string;
  gitHistoryRegistryUrl: string;
  commitMessageUrl: string;
  numberUnderCredentialKey: string;
  tsAuthkey: string;
  secretKeyBase: string;
  adminPw: string;
  plexClaim: string;
  hexValueAsSecretName: string;
  dsnConnectionString: string;
  adoConnectionString: string;
  htpasswdLine: string;
  passwordArg: string;
  apiKeyArgPair: string;
  secretGeneratorLiteral: string;
  secretInList: string;
  inlinePatchSecret: string;
  webhookPathToken: string;
  commitMessagePair: string;
  commitMessageProse: string;
  lastApplied: string;
  jsonPatchValue: string;
  fluxPatchValue: string;
  substitutedAnnotation: string;
  fromLiteralDescription: string;
  widgetKey: string;
  bearerSnippet: string;
  duplicateKind: string;
}

/** What each side-door canary stands for: the attack, as the tests name it. */
export const SIDE_DOORS: Partial<Record<keyof Canaries, string>> = {
  yamlUnknownTag: 'YAML error message quoting an unknown tag written as a Secret value',
  yamlBlockHeader: 'YAML error message quoting a malformed block scalar header in a Secret',
  urlTokenAsUser: 'URL with a token as the user name (https://ghp_x@host)',
  urlEmptyUser: 'URL with an empty user and a password (redis://:pw@host)',
  urlQueryToken: 'URL with a credential query key (?token=, &sig=)',
  k8upBackendUrl: 'k8up backend URL with credentials',
  sopsVaultAddress: 'SOPS hc_vault vault_address with credentials',
  sopsAzureVaultUrl: 'SOPS azure_kv vault_url with a signature query',
  gitHistoryRegistryUrl: 'registry URL with credentials in the git history (changelog bump, Atom feed)',
  commitMessageUrl: 'URL with a token pasted into a commit message',
  numberUnderCredentialKey: 'a number under a credential key',
  tsAuthkey: 'TS_AUTHKEY',
  secretKeyBase: 'SECRET_KEY_BASE',
  adminPw: 'ADMIN_PW',
  plexClaim: 'PLEX_CLAIM',
  hexValueAsSecretName: 'a lowercase-hex value taken for a Secret name',
  dsnConnectionString: 'DSN connection string with a password',
  adoConnectionString: 'ADO connection string with a password',
  htpasswdLine: 'htpasswd line',
  passwordArg: '--password= in container args',
  apiKeyArgPair: '--api-key followed by its value in container args',
  secretGeneratorLiteral: 'kustomize secretGenerator literal',
  secretInList: 'a Secret inside kind: List',
  inlinePatchSecret: 'a Secret value in an inline kustomize patch',
  webhookPathToken: 'a webhook URL whose path is the token (Slack)',
  commitMessagePair: 'password= in a commit subject',
  commitMessageProse: 'token: inside a sentence of a commit body',
  lastApplied: "a Secret's values in kubectl's last-applied-configuration annotation",
  jsonPatchValue: "a JSON 6902 patch's value under a credential key",
  fluxPatchValue: "a Flux spec.patches JSON 6902 value under a homepage widget's password",
  substitutedAnnotation: 'a postBuild variable substituted into a credential annotation',
  fromLiteralDescription: 'kubectl create secret --from-literal=password= in a description annotation',
  widgetKey: "homepage's widget.key annotation (an API key)",
  bearerSnippet: 'an Authorization Bearer header in an nginx configuration snippet',
  duplicateKind: 'a document whose kind is written twice (ConfigMap, then Secret)',
};

const token = (label: string) => `cnry${label}${randomBytes(10).toString('hex')}`;

export function makeCanaries(): Canaries {
  return {
    secretData: token('sd'),
    secretStringData: token('ss'),
    sops: token('so'),
    helmValues: token('hv'),
    configMap: token('cm'),
    substituteFrom: token('sf'),
    yamlUnknownTag: token('yt'),
    yamlBlockHeader: token('yb'),
    urlTokenAsUser: token('ut'),
    urlEmptyUser: token('ue'),
    urlQueryToken: token('uq'),
    k8upBackendUrl: token('kb'),
    sopsVaultAddress: token('sv'),
    sopsAzureVaultUrl: token('sa'),
    gitHistoryRegistryUrl: token('gh'),
    commitMessageUrl: token('cu'),
    // Digits only, so that YAML reads it as a number.
    numberUnderCredentialKey: String(1e14 + (randomBytes(6).readUIntBE(0, 6) % 9e14)),
    tsAuthkey: token('ts'),
    secretKeyBase: token('kb2'),
    adminPw: token('pw'),
    plexClaim: token('pc'),
    // Lower-case hex only: a DNS-1123 name in shape, a credential in fact.
    hexValueAsSecretName: randomBytes(20).toString('hex'),
    dsnConnectionString: token('ds'),
    adoConnectionString: token('ad'),
    // The 53 characters of a bcrypt hash (its alphabet holds hex).
    htpasswdLine: `cnryht${randomBytes(24).toString('hex').slice(0, 47)}`,
    passwordArg: token('pa'),
    apiKeyArgPair: token('ak'),
    secretGeneratorLiteral: token('sg'),
    secretInList: token('sl'),
    inlinePatchSecret: token('ip'),
    webhookPathToken: token('wh'),
    commitMessagePair: token('mp'),
    commitMessageProse: token('mb'),
    lastApplied: token('la'),
    jsonPatchValue: token('jp'),
    fluxPatchValue: token('fp'),
    substitutedAnnotation: token('sa2'),
    fromLiteralDescription: token('fl'),
    widgetKey: token('wk'),
    bearerSnippet: token('bs'),
    duplicateKind: token('dk'),
  };
}

const OCI = (url: string, tag: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: vault-chart
  namespace: flux-system
spec:
  interval: 1h
  url: ${url}
  ref: { tag: ${tag} }
`;

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
    substitute:
      HOMEPAGE_VAR_VAULT: ${c.substitutedAnnotation}
    substituteFrom:
      - kind: Secret
        name: substitute-secrets
  patches:
    - target:
        kind: ConfigMap
        name: vault-annotations
      patch: |-
        - op: add
          path: /metadata/annotations/gethomepage.dev~1widget.password
          value: ${c.fluxPatchValue}
${SOURCE}`,
    'kubernetes/apps/vault/app/resources/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./secret.yaml
  - ./configmap.yaml
  - ./helmrelease.yaml
  - ./side-doors.yaml
  - ./list.yaml
  - ./k8up.yaml
  - ./broken-tag.yaml
  - ./broken-header.yaml
  - ./ocirepository.yaml
  - ./vault-kv.sops.yaml
  - ./annotations.yaml
  - ./last-applied.yaml
secretGenerator:
  - name: generated
    literals:
      - PLAIN_SETTING=${c.secretGeneratorLiteral}
patches:
  - target:
      kind: Secret
      name: vault-credentials
    patch: |-
      apiVersion: v1
      kind: Secret
      metadata:
        name: vault-credentials
      stringData:
        EXTRA_SETTING: ${c.inlinePatchSecret}
  - target:
      kind: ConfigMap
      name: vault-annotations
    patch: |-
      - op: add
        path: /metadata/annotations/token
        value: ${c.jsonPatchValue}
`,
    'kubernetes/apps/vault/app/resources/annotations.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: vault-annotations
  annotations:
    description: "made with kubectl create secret generic vault --from-literal=password=${c.fromLiteralDescription}"
    gethomepage.dev/widget.key: ${c.widgetKey}
    gethomepage.dev/widget.password: "\${HOMEPAGE_VAR_VAULT}"
    nginx.ingress.kubernetes.io/configuration-snippet: |
      proxy_set_header Authorization "Bearer ${c.bearerSnippet}";
data:
  setting: value
`,
    'kubernetes/apps/vault/app/resources/last-applied.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: applied-by-hand
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"applied-by-hand","namespace":"vault"},"stringData":{"password":"${c.lastApplied}"}}
stringData:
  password: ${c.lastApplied}
`,
    // Not listed by any kustomization.yaml (kustomize would refuse it), but read like every file.
    'kubernetes/apps/vault/dup-kind.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-vars
kind: Secret
stringData:
  APP_SETTING: ${c.duplicateKind}
`,
    'kubernetes/apps/vault/app/resources/broken-tag.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: broken-tag
stringData:
  password: !${c.yamlUnknownTag} x
`,
    'kubernetes/apps/vault/app/resources/broken-header.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: broken-header
stringData:
  password: |${c.yamlBlockHeader}
    x
`,
    'kubernetes/apps/vault/app/resources/side-doors.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: vault-side-doors
data:
  GIT_REMOTE: https://${c.urlTokenAsUser}@github.com/example/private.git
  REDIS_URL: redis://:${c.urlEmptyUser}@redis.vault.svc:6379/0
  BLOB_URL: https://store.example/blob?sv=2024-01-01&sig=${c.urlQueryToken}&se=2030
  DATABASE_DSN: host=db.vault.svc user=vault password=${c.dsnConnectionString} dbname=vault
  ConnectionStrings__Default: Server=db;Database=vault;User Id=vault;Password=${c.adoConnectionString};
  TS_AUTHKEY: tskey-auth-${c.tsAuthkey}
  SECRET_KEY_BASE: ${c.secretKeyBase}
  ADMIN_PW: ${c.adminPw}
  PLEX_CLAIM: claim-${c.plexClaim}
  ALERT_URL: https://hooks.slack.com/services/T0000/B0000/${c.webhookPathToken}
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: vault-auth
spec:
  basicAuth:
    users:
      - "admin:$2y$05$${c.htpasswdLine}"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vault-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: ghcr.io/example/agent:1.0.0
          args:
            - --password=${c.passwordArg}
            - --api-key
            - ${c.apiKeyArgPair}
          env:
            - name: OIDC_CLIENT_SECRET
              value: ${c.hexValueAsSecretName}
            - name: ADMIN_PIN_PASSWORD
              value: "x"
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: vault-extras
spec:
  interval: 1h
  chart:
    spec:
      chart: extras
      version: 1.0.0
      sourceRef:
        kind: HelmRepository
        name: hashicorp
        namespace: flux-system
  values:
    oidc:
      clientSecret: ${c.hexValueAsSecretName}
    admin:
      password: ${c.numberUnderCredentialKey}
`,
    'kubernetes/apps/vault/app/resources/list.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata:
      name: listed-secret
    stringData:
      anything: ${c.secretInList}
`,
    'kubernetes/apps/vault/app/resources/k8up.yaml': `apiVersion: k8up.io/v1
kind: Schedule
metadata:
  name: vault-backup
spec:
  backend:
    rest:
      url: https://backup:${c.k8upBackendUrl}@rest.backup.svc:8000/vault
    repoPasswordSecretRef:
      name: vault-restic
      key: password
  backup:
    schedule: '@daily'
`,
    'kubernetes/apps/vault/app/resources/vault-kv.sops.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: vault-kv
stringData:
  token: ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:BBBBBBBBBBBBBBBBBBBBBB==,type:str]
sops:
  hc_vault:
    - vault_address: https://root:${c.sopsVaultAddress}@vault.example:8200
      engine_path: sops
      key_name: flux
      created_at: "2024-01-01T00:00:00Z"
      enc: vault:v1:AAAA
  azure_kv:
    - vault_url: https://atlas.vault.azure.net/?sig=${c.sopsAzureVaultUrl}
      name: sops-key
      version: "1"
      created_at: "2024-01-01T00:00:00Z"
      enc: AAAA
  lastmodified: "2024-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:AAAA,iv:x,tag:y,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.8.1
`,
    'kubernetes/apps/vault/app/resources/ocirepository.yaml': OCI(`oci://robot:${c.gitHistoryRegistryUrl}@registry.example/charts/vault`, '0.27.0'),
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
  // A second commit bumps the chart and, in the same hunk, touches the line of the registry URL
  // that carries credentials (the bump is named after it); its message pastes a URL with a token.
  writeFileSync(join(root, 'kubernetes/apps/vault/app/resources/ocirepository.yaml'), OCI(`oci://robot:${c.gitHistoryRegistryUrl}@registry.example/charts/vault # pinned`, '0.28.0'));
  git(['add', '-A']);
  git(['commit', '-q', '-m', `feat(vault): bump chart, see https://${c.commitMessageUrl}@ci.example/job/1`]);
  // And a third puts the URL back without credentials, so HEAD's manifests no longer hold it.
  writeFileSync(join(root, 'kubernetes/apps/vault/app/resources/ocirepository.yaml'), OCI('oci://registry.example/charts/vault', '0.28.1'));
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'fix(vault): registry without credentials']);
  // Credentials typed into commit messages: a pair in the subject, `token: x` in the body's prose.
  writeFileSync(join(root, 'README.md'), '# Canary homelab\n\nLogins are in the vault.\n');
  git(['add', '-A']);
  git(['commit', '-q', '-m', `fix(vault): db login now password=${c.commitMessagePair}`, '-m', `Rotated the admin token: ${c.commitMessageProse} for now.`]);
}
