/**
 * Values Kubernetes takes only as strings, written as another YAML type: a ConfigMap's `data`, and
 * every object's labels (`PORT: 8080`, `DEBUG: true`, `version: 1.0`). kustomize keeps their type
 * (annotations it writes as strings: `"false"`, so those are not judged), and the API server refuses the object ("json: cannot unmarshal number into Go struct
 * field ConfigMap.data of type string"), so the apply of the Kustomization that deploys it fails as a
 * whole. Values written as `${VAR}` are strings as written, and not judged: what Flux's substitution
 * makes of them depends on the value. The message names the key and the type, never the value.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { isObj, obj } from '../../model/values.ts';
import { lineOf } from '../extract/base.ts';
import type { WorkDoc } from './work-doc.ts';

const TYPE_NAME: Record<string, string> = { number: 'a number', boolean: 'a boolean', bigint: 'a number' };

/** The fields of Kubernetes object metadata (ObjectMeta), the read-only ones and `clusterName` (removed in 1.25) included. */
const OBJECT_META = new Set(['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields', 'clusterName']);

/** The top-level fields of objects whose API has only these (every Flux kind, the workloads, ...). */
const SPEC_OBJECT = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const TOP_FIELDS: Record<string, ReadonlySet<string>> = {
  'ConfigMap': new Set(['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable']),
  'Secret': new Set(['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable']),
};
const SPEC_KINDS: Record<string, ReadonlySet<string>> = {
  '': new Set(['Service', 'PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'Pod']),
  apps: new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  batch: new Set(['Job', 'CronJob']),
  'networking.k8s.io': new Set(['Ingress', 'NetworkPolicy']),
  'gateway.networking.k8s.io': new Set(['Gateway', 'HTTPRoute', 'GRPCRoute']),
  'cert-manager.io': new Set(['Certificate', 'Issuer', 'ClusterIssuer']),
  'external-secrets.io': new Set(['ExternalSecret', 'SecretStore', 'ClusterSecretStore']),
  'monitoring.coreos.com': new Set(['ServiceMonitor', 'PodMonitor', 'PrometheusRule']),
};

/** The top-level fields an object's API has, where known; null for a kind not known here (a CRD may have any). */
function topFields(w: WorkDoc): ReadonlySet<string> | null {
  if (w.group === '' && TOP_FIELDS[w.kind]) return TOP_FIELDS[w.kind]!;
  if (w.group.endsWith('.toolkit.fluxcd.io') || SPEC_KINDS[w.group]?.has(w.kind)) return SPEC_OBJECT;
  return null;
}

/** One finding per document and key (the copies of one document that several builds make are one). */
export function nonStringValueFindings(objects: readonly WorkDoc[], idOf: ReadonlyMap<WorkDoc, string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  // Where the repository has cluster roots, a document no build applies (an example, a file a
  // generator reads as data) is refused by nothing: the API-field checks say "the apply fails" only of
  // what a build applies (code review). Without roots, manifests may be applied by hand: all are judged.
  const hasRoots = objects.some((o) => o.isFluxKs && o.isRoot && !o.raw.disabled);
  for (const w of objects) {
    if (w.raw.disabled || w.isKustomizeFile) continue;
    const applied = !hasRoots || w.owners.length > 0;
    // As written (a value a patch sets is the patch's, at another line).
    const written = obj(w.raw.value);
    const meta = obj(written.metadata);
    // A mapping written as a list (`labels:` then `- key: value`): kustomize passes it on as it is
    // (and stops at it only where a transformer writes labels), the API server refuses the object.
    const mappings: [string, unknown][] = [['metadata.labels', meta.labels], ['metadata.annotations', meta.annotations]];
    if (w.group === '' && (w.kind === 'ConfigMap' || w.kind === 'Secret')) mappings.push(['data', written.data]);
    if (w.group === '' && w.kind === 'Secret') mappings.push(['stringData', written.stringData]);
    for (const [field, map] of mappings) {
      if (!Array.isArray(map)) continue;
      const at = lineOf(w, field);
      const mark = `${at.file}:${at.line}:${field}`;
      if (seen.has(mark)) continue;
      seen.add(mark);
      const objectId = idOf.get(w);
      out.push(
        finding(
          'FIELD_NOT_A_MAP',
          'error',
          `${w.kind} ${String(meta.name ?? '')}: ${field} is written as a list, where Kubernetes takes a mapping of keys to strings; the API server refuses the object ("json: cannot unmarshal array into Go struct field ... of type map[string]string"), so the apply of the Kustomization that deploys it fails. Write each entry as \`key: value\`, without the leading \`- \`.`,
          at,
          { area: 'flux', ...(objectId ? { objectId } : {}) },
        ),
      );
    }
    // A key Kubernetes object metadata does not have (`annotation:`, `label:`): server-side apply
    // refuses the object ("field not declared in schema"), where a client-side apply dropped it.
    for (const key of isObj(written.metadata) && applied ? Object.keys(meta) : []) {
      if (OBJECT_META.has(key)) continue;
      const at = lineOf(w, `metadata.${key}`);
      const mark = `${at.file}:${at.line}:metadata.${key}`;
      if (seen.has(mark)) continue;
      seen.add(mark);
      const objectId = idOf.get(w);
      const near = [...OBJECT_META].find((k) => k.toLowerCase() === `${key.toLowerCase()}s` || k.toLowerCase() === key.toLowerCase().replace(/s$/, '') || k.toLowerCase() === key.toLowerCase());
      out.push(
        finding(
          'METADATA_FIELD_UNKNOWN',
          'error',
          `${w.kind} ${String(meta.name ?? '')}: metadata.${key} is no field of object metadata${near ? ` (${near}?)` : ''}; Flux applies with server-side apply, which refuses the object (".metadata.${key}: field not declared in schema"), so the apply of the Kustomization that deploys it fails.`,
          at,
          { area: 'flux', ...(objectId ? { objectId } : {}) },
        ),
      );
    }
    // A field the object's API does not have at its top (`annotations:` a level too far out, beside
    // `metadata:`): server-side apply refuses it as it does a metadata key (outside review).
    // (Not a manifest a chart renders from its values, `extraObjects`: Helm applies it, not Flux.)
    const fields = applied && w.renderedBy === undefined ? topFields(w) : null;
    for (const key of fields ? Object.keys(written) : []) {
      // (`sops:` is SOPS's own block, which Flux's decryption removes before the apply.)
      if (fields!.has(key) || key.startsWith('$') || key === 'sops') continue;
      const at = lineOf(w, key);
      const mark = `${at.file}:${at.line}:${key}`;
      if (seen.has(mark)) continue;
      seen.add(mark);
      const objectId = idOf.get(w);
      const inMeta = OBJECT_META.has(key) ? ` (metadata.${key}?)` : '';
      out.push(
        finding(
          'OBJECT_FIELD_UNKNOWN',
          'error',
          `${w.kind} ${String(meta.name ?? '')}: ${key} is no top-level field of a ${w.kind}${inMeta}; Flux applies with server-side apply, which refuses the object ("${key.startsWith('.') ? key : `.${key}`}: field not declared in schema"), so the apply of the Kustomization that deploys it fails.`,
          at,
          { area: 'flux', ...(objectId ? { objectId } : {}) },
        ),
      );
    }
    const maps: [string, unknown][] = [['metadata.labels', meta.labels]];
    if (w.group === '' && w.kind === 'ConfigMap') maps.push(['data', written.data]);
    for (const [field, map] of maps) {
      if (!isObj(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        const type = TYPE_NAME[typeof value];
        if (!type) continue;
        const at = lineOf(w, `${field}.${key}`);
        const mark = `${at.file}:${at.line}:${field}.${key}`;
        if (seen.has(mark)) continue;
        seen.add(mark);
        const goField = field === 'data' ? 'ConfigMap.data' : `ObjectMeta.${field}`;
        const objectId = idOf.get(w);
        out.push(
          finding(
            'VALUE_NOT_STRING',
            'error',
            `${w.kind} ${String(obj(w.body.metadata).name ?? '')}: ${field}.${key} is ${type}, where Kubernetes takes only strings; the API server refuses the object ("json: cannot unmarshal ${typeof value === 'boolean' ? 'bool' : 'number'} into Go struct field ${goField} of type string"), so the apply of the Kustomization that deploys it fails. Quote the value.`,
            at,
            { area: 'flux', ...(objectId ? { objectId } : {}) },
          ),
        );
      }
    }
  }
  return out;
}
