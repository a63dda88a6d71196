/**
 * What a rotate runbook says of a Secret's readers that are no pod to restart: an operator's custom
 * resource, a Flux source, a secret store read it again themselves; a Job's or CronJob's pods read it
 * at their next run. CloudNativePG reloads a Secret labelled `cnpg.io/reload`
 * (https://cloudnative-pg.io/documentation/current/labels_annotations/); the cnpg plugin's `reload`
 * has it read one now.
 */
import type { KObject } from '../../model/k8s-object.ts';
import type { ResourceReader } from './secret-readers.ts';
import type { Inline } from './types.ts';

/** `flux reconcile source <kind>` per Flux source kind. */
const FLUX_SOURCE: Readonly<Record<string, string>> = { GitRepository: 'git', OCIRepository: 'oci', HelmRepository: 'helm', Bucket: 'bucket' };

/** One list item per reader: what it is, and how it comes to read the new value. */
export function reloadItem(r: ResourceReader, labels: Readonly<Record<string, string>> | null): Inline[] {
  const ns = r.namespace ?? 'default';
  const name: Inline = { code: r.name };
  if (r.group === 'postgresql.cnpg.io') {
    const labelled = labels === null ? null : labels['cnpg.io/reload'] !== undefined;
    return [
      `CloudNativePG ${r.kind} `, name, ': the operator reads it again, no pod restart. ',
      ...(labelled === true
        ? ['The Secret carries the label ', { code: 'cnpg.io/reload' }, ', so CloudNativePG reloads it as it changes.']
        : [
            'CloudNativePG reloads a Secret labelled ', { code: 'cnpg.io/reload: "true"' }, ' as it changes', labelled === false ? '; this one is not: ' : '; where it is not, ',
            { code: `kubectl cnpg reload ${r.name} -n ${ns}` }, ' has the operator read it now.',
          ]),
    ];
  }
  if (r.group === 'source.toolkit.fluxcd.io' && FLUX_SOURCE[r.kind]) {
    return [`Flux ${r.kind} `, name, ': source-controller reads it at its next fetch; ', { code: `flux reconcile source ${FLUX_SOURCE[r.kind]} ${r.name} -n ${r.namespace ?? 'flux-system'}` }, ' fetches now.'];
  }
  if (r.group === 'external-secrets.io') return [`External Secrets ${r.kind} `, name, ': the operator reads it again for the store\'s next request.'];
  if (r.group === 'cert-manager.io') return [`cert-manager ${r.kind} `, name, ': cert-manager reads it at its next request (an issuance or a renewal).'];
  return [`${r.kind} `, name, r.group ? ` (${r.group})` : '', ': its operator or controller reads it again; no pod of it to restart.'];
}

/** A Job's, CronJob's or Pod's: a new pod reads it. */
export function runItem(o: KObject): Inline[] {
  return [`${o.kind} `, { code: o.name }, o.kind === 'Pod' ? ': a bare Pod reads it at start; delete and re-create it.' : ': each run starts a pod, which reads the new value.'];
}
