/**
 * Facts read from a HelmRelease's merged values (already redacted at read time): resource
 * requests/limits, securityContext highlights and the Secret names the values reference. Helm
 * charts put these at any depth (app-template: `controllers.<c>.containers.<n>.resources`;
 * classic charts: `resources`, `securityContext`), so the values are walked, bounded in depth.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { ingressAnnotationSecrets } from '../../model/ingress-secret-annotations.ts';

interface ResourcesFact {
  path: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
}

interface SecurityFact {
  path: string;
  setting: string;
  value: string;
}

export interface ValuesFacts {
  resources: ResourcesFact[];
  securityContext: SecurityFact[];
  secretRefs: string[];
  /**
   * Each Secret the values mention, with how it is consumed; `namespace` where the values name the one
   * it is read in (an Ingress annotation's `namespace/name`), else it is where the release installs.
   */
  secretUses: { name: string; via: SecretUse[]; namespace?: string }[];
}

/** securityContext fields an operator reviews; the rest is noise on a page. */
const SECURITY_KEYS = new Set([
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
]);

/** Keys whose string value names a Secret. */
const SECRET_NAME_KEYS = new Set(['existingSecret', 'secretName', 'existingSecretName']);

const MAX_DEPTH = 12;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalarMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
  return out;
}

/** How a workload or chart consumes a Secret, as written in the values. */
type SecretUse = 'envFrom' | 'secretKeyRef' | 'volume' | 'imagePullSecrets' | 'existingSecret' | 'tls' | 'annotation';

/**
 * A Secret name as the chart will render it: `{{ .Release.Name }}` and `{{ include "...fullname" . }}`
 * become the release name where it is known; other templates stay as written.
 */
function resolveReleaseName(name: string, release: string | null): string {
  if (!release || !name.includes('{{')) return name;
  return name.replace(/\{\{-?\s*(?:\.Release\.Name|include\s+"[^"]*fullname"\s+\.|template\s+"[^"]*fullname"\s+\.)\s*-?\}\}/g, release);
}

export function valuesFacts(values: unknown, release: string | null = null): ValuesFacts {
  const resources: ResourcesFact[] = [];
  const securityContext: SecurityFact[] = [];
  const secretRefs = new Set<string>();
  const uses = new Map<string, Set<SecretUse>>();
  const readIn = new Map<string, string>();
  const use = (raw: string, how: SecretUse, namespace: string | null = null) => {
    const name = resolveReleaseName(raw, release);
    secretRefs.add(name);
    (uses.get(name) ?? uses.set(name, new Set()).get(name)!).add(how);
    if (namespace !== null) readIn.set(name, namespace);
  };

  const walk = (node: unknown, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, [...path, String(i)], depth + 1));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, v] of Object.entries(node)) {
      const here = [...path, key];
      if (key === 'resources' && isRecord(v) && (isRecord(v['requests']) || isRecord(v['limits']))) {
        // A claim's size (`volumeClaimTemplate.spec.resources.requests.storage`) is storage, not a container's requests.
        const onlyStorage = [v['requests'], v['limits']].every((m) => !isRecord(m) || Object.keys(m).every((k) => k === 'storage'));
        if (!onlyStorage) resources.push({ path: here.join('.'), requests: scalarMap(v['requests']), limits: scalarMap(v['limits']) });
        continue;
      }
      if ((key === 'securityContext' || key === 'podSecurityContext') && isRecord(v)) {
        for (const [s, x] of Object.entries(v)) {
          if (SECURITY_KEYS.has(s) && (typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string')) {
            securityContext.push({ path: here.join('.'), setting: s, value: String(x) });
          }
        }
        continue;
      }
      if (SECRET_NAME_KEYS.has(key) && typeof v === 'string' && v !== '') use(v, key === 'secretName' && path.includes('volumes') ? 'volume' : key === 'secretName' && path.includes('tls') ? 'tls' : 'existingSecret');
      // Harbor's `existingSecretAdminPassword: harbor-admin`, `existingSecretSecretKey`: a Secret's name
      // (not `existingSecretAdminPasswordKey`, the key inside it).
      else if (/^existingSecret[A-Z]\w*$/.test(key) && !key.endsWith('Key') && typeof v === 'string' && v !== '') use(v, 'existingSecret');
      // Other charts' names of a Secret they read (outside reviews): democratic-csi's `existingConfigSecret`,
      // `adminSecretName`, the Prometheus Operator's `alertmanagerSpec.configSecret`, grafana's `envFromSecret`.
      else if (typeof v === 'string' && v !== '' && (/^existing[A-Z]\w*Secret(?:Name)?$/.test(key) || /^[a-z]\w*SecretName$/.test(key) || key === 'configSecret')) use(v, key.toLowerCase().includes('tls') ? 'tls' : 'existingSecret');
      else if (key === 'envFromSecret' && typeof v === 'string' && v !== '') use(v, 'envFrom');
      // The Prometheus Operator mounts `alertmanagerSpec.secrets` (and prometheusSpec's, thanosRulerSpec's) into its pods.
      if (key === 'secrets' && Array.isArray(v) && /^(alertmanager|prometheus|thanosRuler)Spec$/.test(path.at(-1) ?? '')) for (const x of v) if (typeof x === 'string' && x !== '') use(x, 'volume');
      if (key === 'secretRef' && isRecord(v) && typeof v['name'] === 'string') use(v['name'], 'envFrom');
      // `configSecret: { name: minio-env, existingSecret: true }` (MinIO's tenant chart): a Secret the chart reads, not makes.
      if (key === 'existingSecret' && v === true && typeof node['name'] === 'string' && node['name'] !== '') use(node['name'], 'existingSecret');
      if (key === 'secretKeyRef' && isRecord(v) && typeof v['name'] === 'string') use(v['name'], 'secretKeyRef');
      // Velero's `backupStorageLocation[].credential: {name, key}` (and volumeSnapshotLocation's): a key of a Secret.
      if (key === 'credential' && isRecord(v) && typeof v['name'] === 'string' && typeof v['key'] === 'string') use(v['name'], 'secretKeyRef');
      // A chart's reference to a Secret it reads, written `<what>Secret: {name, key?}` (`credentialsSecret`,
      // `redisUrlSecret`, `existingSecretRef`; outside review): not one it makes (`create: true`), nor one switched off.
      if (/^[a-z]\w*Secret(?:Ref)?$/.test(key) && key !== 'secretKeyRef' && key !== 'secretRef' && isRecord(v) && typeof v['name'] === 'string' && v['name'] !== '' && v['create'] !== true && v['existingSecret'] !== false && v['enabled'] !== false && v['type'] === undefined) use(v['name'], typeof v['key'] === 'string' ? 'secretKeyRef' : 'existingSecret');
      // grafana's `envFromSecrets: [{name}]`.
      if (key === 'envFromSecrets' && Array.isArray(v)) for (const x of v) if (isRecord(x) && typeof x['name'] === 'string') use(x['name'], 'envFrom');
      // app-template: `envFrom: [{ secret: name }]` and `persistence.x: { type: secret, name }`.
      if (key === 'secret' && typeof v === 'string' && path.includes('envFrom')) use(v, 'envFrom');
      if (key === 'type' && v === 'secret' && typeof node['name'] === 'string') use(node['name'], 'volume');
      // (Not an app-template persistence item a user keyed `secret` (`persistence.secret: {type: secret, name}`): its type says how.)
      if (key === 'secret' && isRecord(v) && typeof v['name'] === 'string' && path.at(-1) !== 'valueFrom' && v['type'] === undefined) use(v['name'], path.includes('envFrom') ? 'envFrom' : 'secretKeyRef');
      if (key === 'secret' && isRecord(v) && typeof v['secretName'] === 'string') use(v['secretName'], 'volume');
      // The annotations a chart renders onto its Ingress: ingress-nginx reads the Secrets they name.
      if (key === 'annotations' && isRecord(v)) for (const a of ingressAnnotationSecrets(v)) use(a.name, 'annotation', a.namespace);
      if (key === 'imagePullSecrets' && Array.isArray(v)) {
        for (const x of v) {
          const n = typeof x === 'string' ? x : isRecord(x) && typeof x['name'] === 'string' ? x['name'] : null;
          if (n) use(n, 'imagePullSecrets');
        }
      }
      walk(v, here, depth + 1);
    }
  };
  walk(values, [], 0);
  const secretUses = [...uses].map(([name, how]) => ({ name, via: [...how].sort(), ...(readIn.has(name) ? { namespace: readIn.get(name)! } : {}) })).sort((a, b) => a.name.localeCompare(b.name));
  return { resources, securityContext, secretRefs: [...secretRefs].sort(), secretUses };
}

/** Where a values path of a release is written: the valuesFrom file that gives its top-level key, else the release. */
export function valuesPlace(h: HelmRelease, path: string): HelmRelease['source'] {
  const key = path.split('.')[0] ?? '';
  return (h.valuesKeySources && Object.hasOwn(h.valuesKeySources, key) ? h.valuesKeySources[key] : undefined) ?? h.source;
}

/** valuesFacts of a HelmRelease's values, once per release (an app page and the Secrets' readers both ask). */
export function releaseValuesFacts(h: HelmRelease): ReturnType<typeof valuesFacts> {
  let facts = valuesFactsOf.get(h);
  if (!facts) valuesFactsOf.set(h, (facts = valuesFacts(h.values, h.name)));
  return facts;
}
const valuesFactsOf = new WeakMap<HelmRelease, ReturnType<typeof valuesFacts>>();
