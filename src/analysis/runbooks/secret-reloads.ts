/**
 * What a rotate runbook says of a Secret's readers that are no pod to restart: an operator's custom
 * resource, a Flux source, a secret store read it again themselves; a CronJob's pods read it at its
 * next run, and a Job that has run is run again by hand. CloudNativePG reloads a Secret labelled `cnpg.io/reload`
 * (https://cloudnative-pg.io/documentation/current/labels_annotations/); the cnpg plugin's `reload`
 * has it read one now.
 */
import type { KObject } from '../../model/k8s-object.ts';
import type { ResourceReader } from './secret-readers.ts';
import { reconcileCommand } from './substituting.ts';
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

/** The Flux Kustomization that applies an object: what re-creates a Job deleted to run it again. */
export type Applier = { name: string; namespace: string | null } | undefined;

/**
 * A Job's, CronJob's or Pod's: only a new pod reads it. A CronJob's next run makes one; a Job that has
 * finished never runs again (its pod template is immutable, and Flux re-applies the same object), so it
 * is deleted and its Kustomization re-creates it, which runs it once more with the new value; a bare Pod
 * likewise (outside review: "Job velero-minio-setup: each run starts a pod", of a Job that had run).
 * https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup
 */
export function runItem(o: KObject, applier: Applier): Inline[] {
  const ns = o.namespace ?? 'default';
  if (o.kind === 'CronJob') {
    return ['CronJob ', { code: o.name }, ': its next scheduled run starts a pod, which reads the new value; ', { code: `kubectl -n ${ns} create job ${o.name}-rotated --from=cronjob/${o.name}` }, ' runs it now.'];
  }
  const what = o.kind === 'Job' ? ': a Job that has finished does not run again on its own. Delete it' : ': a bare Pod reads it at start only. Delete it';
  const del = `kubectl -n ${ns} delete ${o.kind.toLowerCase()} ${o.name} --ignore-not-found`;
  if (!applier) return [`${o.kind} `, { code: o.name }, `${what} and apply its manifest again (no Flux Kustomization of the repository applies it): `, { code: del }, '.'];
  return [
    `${o.kind} `, { code: o.name }, `${what} and reconcile `, { code: `${applier.namespace ?? 'flux-system'}/${applier.name}` }, ', the Kustomization that applies it, which creates it anew: ',
    { code: `${del} && ${reconcileCommand(applier)}` }, '.',
  ];
}

/** Whether a reader of `runs` needs a hand to read the new value (a Job or bare Pod), not only time (a CronJob). */
export const runNeedsHand = (o: KObject): boolean => o.kind !== 'CronJob';
