/**
 * YAML templates of the synthetic repository, shaped like the home-ops repositories of the corpus
 * (ks.yaml per app, app-template HelmReleases with an OCIRepository, ExternalSecrets, SOPS files,
 * Longhorn PVCs). Plain strings, not yaml.stringify: real repositories carry comments, anchors and
 * `---` separators, and the benchmark should parse what people write.
 */

/** One app of the synthetic repository. */
export interface AppSpec {
  name: string;
  namespace: string;
  /** home: ks.yaml + app/; home-config: ks.yaml with app and config Kustomizations; group: one ks.yaml per namespace, files in <app>/. */
  layout: 'home' | 'home-config' | 'group';
  /** Kustomization names this app's (main) Kustomization depends on. */
  dependsOn: string[];
  secret: 'external' | 'sops' | null;
  pvc: boolean;
  /** Longhorn recurring-job labels on the PVC. */
  backup: boolean;
  /** Values in values.yaml through configMapGenerator + valuesFrom instead of inline. */
  valuesFile: boolean;
  image: string;
}

/** Versions that change over the git history (the bench touches them too). */
export interface AppVersions {
  chart: string;
  tag: string;
}

const KS_SCHEMA = '# yaml-language-server: $schema=https://k8s-schemas.home-operations.com/kustomize.toolkit.fluxcd.io/kustomization_v1.json';

/**
 * A Flux Kustomization as home-ops repositories write them; `namespace` null for one that applies
 * folders of several namespaces (the cluster's root, cluster-apps), which sets no targetNamespace:
 * kustomize would rename every Namespace object it applies to that one namespace.
 */
export function fluxKustomization(name: string, namespace: string | null, path: string, dependsOn: readonly string[], wait: boolean): string {
  const deps = dependsOn.length ? `  dependsOn:\n${dependsOn.map((d) => `    - name: ${d}\n      namespace: flux-system\n`).join('')}` : '';
  return `---
${KS_SCHEMA}
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: &app ${name}
  namespace: flux-system
spec:
  commonMetadata:
    labels:
      app.kubernetes.io/name: *app
${namespace === null ? '' : `  targetNamespace: ${namespace}\n`}${deps}  decryption:
    provider: sops
    secretRef:
      name: sops-age
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  postBuild:
    substitute:
      APP: *app
    substituteFrom:
      - kind: ConfigMap
        name: cluster-settings
      - kind: Secret
        name: cluster-secrets
  wait: ${wait}
  interval: 30m
  retryInterval: 1m
  timeout: 5m
`;
}

function appValues(a: AppSpec, v: AppVersions, indent: string): string {
  const secretEnv = a.secret ? `\n        envFrom:\n          - secretRef:\n              name: ${a.name}-secret` : '';
  const persistence = a.pvc ? `\npersistence:\n  config:\n    existingClaim: ${a.name}\n    globalMounts:\n      - path: /config` : '';
  const text = `controllers:
  ${a.name}:
    annotations:
      reloader.stakater.com/auto: "true"
    containers:
      app:
        image:
          repository: ${a.image}
          tag: ${v.tag}
        env:
          TZ: \${TIMEZONE}
          LOG_LEVEL: info
          PORT: &port 8080${secretEnv}
        probes:
          liveness:
            enabled: true
          readiness:
            enabled: true
        resources:
          requests:
            cpu: 10m
          limits:
            memory: 512Mi
defaultPodOptions:
  securityContext:
    runAsNonRoot: true
    runAsUser: 568
    runAsGroup: 568
    fsGroup: 568
service:
  app:
    ports:
      http:
        port: *port
route:
  app:
    hostnames: ["{{ .Release.Name }}.\${SECRET_DOMAIN}"]
    parentRefs:
      - name: internal
        namespace: kube-system${persistence}`;
  return text
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

export function helmRelease(a: AppSpec, v: AppVersions): string {
  const values = a.valuesFile
    ? `  valuesFrom:\n    - kind: ConfigMap\n      name: ${a.name}-values\n      valuesKey: values.yaml\n`
    : `  values:\n${appValues(a, v, '    ')}\n`;
  return `---
# yaml-language-server: $schema=https://raw.githubusercontent.com/bjw-s-labs/helm-charts/main/charts/other/app-template/schemas/helmrelease-helm-v2.schema.json
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${a.name}
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: ${a.name}
  install:
    remediation:
      retries: 3
  upgrade:
    cleanupOnFail: true
    remediation:
      retries: 3
${values}`;
}

export function valuesFile(a: AppSpec, v: AppVersions): string {
  return `---\n${appValues(a, v, '')}\n`;
}

export function ociRepository(a: AppSpec, v: AppVersions): string {
  return `---
# yaml-language-server: $schema=https://k8s-schemas.home-operations.com/source.toolkit.fluxcd.io/ocirepository_v1.json
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: ${a.name}
spec:
  interval: 15m
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
  ref:
    tag: ${v.chart}
  url: oci://ghcr.io/bjw-s-labs/helm/app-template
`;
}

export function externalSecret(a: AppSpec): string {
  return `---
# yaml-language-server: $schema=https://k8s-schemas.home-operations.com/external-secrets.io/externalsecret_v1.json
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${a.name}
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  target:
    name: ${a.name}-secret
    template:
      data:
        API_KEY: "{{ .API_KEY }}"
        DATABASE_URL: "postgres://{{ .POSTGRES_USER }}:{{ .POSTGRES_PASS }}@\${POSTGRES_HOST}/${a.name}"
  dataFrom:
    - extract:
        key: ${a.name}
`;
}

/** A deterministic fake ENC[...] string; looks like SOPS output, decrypts to nothing. */
export function fakeEnc(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (seed.charCodeAt(i % seed.length) + i), 16777619) >>> 0;
    out += abc[h % 64];
  }
  return out;
}

export const AGE_RECIPIENTS = [
  'age1styn76g8vkuk0mg7durea6fzd34g057ex3mzy6keczuxqntqv489nqvhjq',
  'age1muq7xl9nts2gk7lklxvrqcgrz0lwcj8zm7sjucgpdz7qyqgd4xqppu9p53',
];

export function sopsSecret(name: string, namespace: string | null, keys: readonly string[]): string {
  const enc = (k: string, n: number) => `ENC[AES256_GCM,data:${fakeEnc(`${name}${k}d`, n)},iv:${fakeEnc(`${name}${k}i`, 43)}=,tag:${fakeEnc(`${name}${k}t`, 22)}==,type:str]`;
  const recipients = AGE_RECIPIENTS.map(
    (r) => `        - recipient: ${r}\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            ${fakeEnc(name + r, 64)}\n            ${fakeEnc(r + name, 64)}\n            -----END AGE ENCRYPTED FILE-----\n`,
  ).join('');
  return `apiVersion: v1
kind: Secret
metadata:
    name: ${name}
${namespace ? `    namespace: ${namespace}\n` : ''}stringData:
${keys.map((k) => `    ${k}: ${enc(k, 24)}\n`).join('')}sops:
    kms: []
    gcp_kms: []
    azure_kv: []
    hc_vault: []
    age:
${recipients}    lastmodified: "2025-06-14T09:12:44Z"
    mac: ${enc('mac', 88)}
    pgp: []
    encrypted_regex: ^(data|stringData)$
    version: 3.9.4
`;
}

export function pvc(a: AppSpec): string {
  const labels = a.backup ? `  labels:\n    recurring-job.longhorn.io/source: enabled\n    recurring-job-group.longhorn.io/daily: enabled\n` : '';
  return `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${a.name}
${labels}spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: longhorn
  resources:
    requests:
      storage: 5Gi
`;
}

export function kustomizeFile(resources: readonly string[], values: string | null, namespace: string | null = null): string {
  const gen = values
    ? `configMapGenerator:\n  - name: ${values}-values\n    files:\n      - values.yaml=./values.yaml\ngeneratorOptions:\n  disableNameSuffixHash: true\n`
    : '';
  return `---
# yaml-language-server: $schema=https://json.schemastore.org/kustomization
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
${namespace ? `namespace: ${namespace}\n` : ''}resources:
${resources.map((r) => `  - ${r}\n`).join('')}${gen}`;
}

export function namespaceDoc(name: string): string {
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n`;
}

export function configMap(name: string, data: Record<string, string>, namespace: string | null = null): string {
  return `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"\n`)
    .join('')}`;
}

/** What the infrastructure apps add: the store every ExternalSecret uses, the daily backup job. */
export function infraExtras(name: string): [string, string] | null {
  if (name === 'onepassword-connect') {
    return ['clustersecretstore.yaml', `---
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: onepassword
spec:
  provider:
    onepassword:
      connectHost: http://onepassword-connect.security.svc.cluster.local
      vaults:
        homelab: 1
      auth:
        secretRef:
          connectTokenSecretRef:
            name: onepassword-connect-token
            key: token
            namespace: security
`];
  }
  if (name === 'longhorn') {
    return ['recurringjob.yaml', `---
apiVersion: longhorn.io/v1beta2
kind: RecurringJob
metadata:
  name: daily-backup
  namespace: storage
spec:
  task: backup
  cron: "0 3 * * *"
  groups: ["daily"]
  retain: 7
  concurrency: 2
`];
  }
  return null;
}
