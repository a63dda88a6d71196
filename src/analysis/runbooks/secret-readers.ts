/**
 * Who reads a Secret, as the model knows it, for the rotate runbooks' last step: pods, which read a
 * Secret when they start and so are restarted, and the objects an operator or controller reads it for
 * (a CloudNativePG Cluster's superuserSecret and s3Credentials, a cert-manager issuer's token, a secret
 * store's credential, a Flux source's auth), which it reads again itself. Restarting the app the Secret
 * sits in restarted the operator's Deployment for a CNPG Cluster's Secret (outside review).
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload, type KObject } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import type { SecretAt } from './backup-repositories.ts';
import { valueStrings } from './value-strings.ts';

/** An object that reads the Secret without a pod of its own to restart. */
export interface ResourceReader {
  group: string;
  kind: string;
  name: string;
  namespace: string | null;
  source: Source;
}

export interface SecretReaders {
  /** Deployments, StatefulSets and DaemonSets whose pod spec uses it (env, envFrom, volumes). */
  workloads: KObject[];
  /** Jobs, CronJobs and bare Pods that use it: each run reads it as it starts. */
  runs: KObject[];
  /** HelmReleases installing into its namespace whose values name it, or that take values from it. */
  releases: HelmRelease[];
  /** Custom resources, Flux sources, routes and secret stores that name it. */
  resources: ResourceReader[];
}

type Index = Map<string, { workloads: Set<KObject>; runs: Set<KObject>; releases: Set<HelmRelease>; resources: Map<string, ResourceReader> }>;

const at = (cluster: string | null | undefined, namespace: string | null, name: string): string => `${cluster ?? ''}\u0000${namespace ?? ''}\u0000${name}`;

/** The readers of the Secrets (one object's several, or a component's copies), each once, in model order. */
export function secretReaders(model: RepoModel, secrets: readonly SecretAt[]): SecretReaders {
  const index = readersIndex(model);
  const found = secrets.flatMap((s) => (index.get(at(s.cluster, s.namespace, s.name)) ? [index.get(at(s.cluster, s.namespace, s.name))!] : []));
  return {
    workloads: [...new Set(found.flatMap((f) => [...f.workloads]))],
    runs: [...new Set(found.flatMap((f) => [...f.runs]))],
    releases: [...new Set(found.flatMap((f) => [...f.releases]))],
    resources: [...new Map(found.flatMap((f) => [...f.resources])).values()],
  };
}

/** Every reader by cluster, namespace and Secret name: made once per model (each rotate runbook asks). */
function readersIndex(model: RepoModel): Index {
  const hit = INDEX.get(model);
  if (hit) return hit;
  const index: Index = new Map();
  const entry = (cluster: string | null | undefined, namespace: string | null, name: string) => {
    const k = at(cluster, namespace, name);
    return index.get(k) ?? index.set(k, { workloads: new Set(), runs: new Set(), releases: new Set(), resources: new Map() }).get(k)!;
  };
  const resource = (o: { group: string; kind: string; name: string; namespace: string | null; cluster?: string | null; source: Source }, ns: string | null, secret: string) =>
    entry(o.cluster, ns, secret).resources.set(`${o.group}/${o.kind}/${o.namespace ?? ''}/${o.name}`, { group: o.group, kind: o.kind, name: o.name, namespace: o.namespace, source: o.source });
  for (const o of model.objects) {
    if (o.disabled || !o.secretUses) continue;
    for (const u of o.secretUses) {
      // (A ClusterIssuer reads its solvers' Secrets in cert-manager's cluster resource namespace.)
      if (!isWorkload(o)) resource(o, u.namespace ?? (o.kind === 'ClusterIssuer' ? 'cert-manager' : o.namespace), u.name);
      else if (LONG_RUNNING.has(o.kind)) entry(o.cluster, o.namespace, u.name).workloads.add(o);
      else entry(o.cluster, o.namespace, u.name).runs.add(o);
    }
  }
  for (const o of [...model.sources, ...model.endpoints]) if (!o.disabled) for (const u of o.secretUses ?? []) resource(o, u.namespace ?? o.namespace, u.name);
  for (const st of model.secretStores) if (!st.disabled) for (const r of st.secretRefs ?? []) resource(st, r.namespace ?? st.namespace, r.name);
  for (const h of model.helmReleases) {
    if (h.disabled) continue;
    for (const r of h.valuesFrom) if (r.kind === 'Secret') entry(h.cluster, h.namespace, r.name).releases.add(h);
    // A chart reads what its values name, by whatever key (`existingSecret`, `credentialsName`,
    // `envFrom[].secretRef.name`): any string of the values equal to the Secret's name, where it installs.
    for (const name of valueStrings(h.values)) entry(h.cluster, h.targetNamespace ?? h.namespace, name).releases.add(h);
  }
  INDEX.set(model, index);
  return index;
}
const INDEX = new WeakMap<RepoModel, Index>();

/** Workloads whose pods run until restarted (a Job's or CronJob's pods read the Secret at each run). */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
