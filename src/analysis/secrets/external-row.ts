/**
 * One ExternalSecret's row of the inventory and its findings, shared by ExternalSecrets and the
 * ClusterExternalSecrets that make them (cluster-push.ts), and why a store one reads is not found.
 */
import { offInText } from '../../model/raw-doc.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { ObjectRef } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { ExternalSecret } from '../../model/secrets.ts';
import { isLive } from '../health/common.ts';
import type { ExternalSecretRow } from './types.ts';

/** What the operator uses when `spec.refreshInterval` is missing. */
export const DEFAULT_REFRESH_INTERVAL = '1h';

/**
 * An ExternalSecret's row, or a ClusterExternalSecret's (the ExternalSecret it makes), and its findings:
 * no refreshInterval, a store not named or not found (`found` judges a store it reads).
 */
export function externalRow(model: RepoModel, e: ExternalSecret, kind: 'ExternalSecret' | 'ClusterExternalSecret', found: (r: ObjectRef) => boolean, findings: Finding[], why: (r: ObjectRef) => string = (r) => notFoundWhy(model, e, r)): ExternalSecretRow {
  const appId = e.appId;
  const row: ExternalSecretRow = {
    id: e.id,
    name: e.name,
    namespace: e.namespace,
    appId,
    source: e.source,
    disabled: offInText(e.disabled),
    stores: e.stores.map((r) => ({ kind: r.kind ?? 'SecretStore', name: r.name, found: found(r) })),
    storeFound: e.storeFound,
    refreshInterval: e.refreshInterval === null ? `${DEFAULT_REFRESH_INTERVAL} (default)` : e.refreshInterval,
    refreshIntervalSet: e.refreshInterval !== null,
    refreshPolicy: e.refreshPolicy,
    target: e.targetName,
    data: e.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property })),
    dataFrom: e.dataFrom.map((d) => ({ extract: d.extract, find: d.find })),
    keys: e.keys,
    unnamedKeysFrom: e.unnamedKeysFrom,
  };
  // A switched-off ExternalSecret creates nothing, nor does one no Flux Kustomization applies (a
  // component nothing uses): their settings are not worth a finding.
  if (row.disabled || !isLive(e, model)) return row;
  const extra = { area: 'secrets', objectId: e.id, ...(appId ? { appId } : {}) };
  // (A ClusterExternalSecret's ExternalSecrets are made of its externalSecretSpec, which says the same.)
  const spec = kind === 'ClusterExternalSecret' ? 'spec.externalSecretSpec' : 'spec';
  if (!row.refreshIntervalSet && e.refreshPolicy !== 'CreatedOnce' && e.refreshPolicy !== 'OnChange') {
    findings.push(
      finding(
        'EXTERNALSECRET_NO_REFRESH_INTERVAL',
        'info',
        `${kind} "${e.name}" sets no ${kind === 'ClusterExternalSecret' ? 'externalSecretSpec.' : ''}refreshInterval, so the operator's default of ${DEFAULT_REFRESH_INTERVAL} applies: a rotated value reaches the cluster up to an hour late. Set ${spec}.refreshInterval.`,
        e.source,
        extra,
      ),
    );
  }
  if (e.storeRefMissing) {
    const what = e.stores.length === 0 ? '' : ', and not every entry names a store (sourceRef.storeRef) or generator of its own';
    findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `${kind} "${e.name}" names no ${kind === 'ClusterExternalSecret' ? 'externalSecretSpec.' : ''}secretStoreRef${what}.`, e.source, extra));
  }
  // Each store it reads, spec.secretStoreRef or an entry's own, is judged alike, at the line that names it.
  for (const [i, r] of e.stores.entries()) {
    if (!row.stores[i]!.found) findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `${kind} "${e.name}" reads from ${row.stores[i]!.kind} "${r.name}", ${why(r)}.`, r.source, extra));
  }
  return row;
}


/**
 * Why a store an ExternalSecret reads is not found where it is deployed: not defined at all, or
 * defined but another cluster's, or in a file Flux does not apply.
 */
export function notFoundWhy(model: RepoModel, e: { cluster?: string | null | undefined }, r: ObjectRef): string {
  const kind = r.kind ?? 'SecretStore';
  const elsewhere = model.secretStores.find((s) => s.name === r.name && s.kind === kind && (s.kind === 'ClusterSecretStore' || s.namespace === r.namespace));
  if (!elsewhere) {
    // A namespaced SecretStore of that name in other namespaces: it serves only its own (outside review:
    // "not defined in this repository" of a store defined one namespace over).
    const others = kind === 'SecretStore' ? [...new Set(model.secretStores.filter((s) => s.kind === 'SecretStore' && s.name === r.name && s.namespace !== r.namespace && !s.disabled).map((s) => s.namespace ?? 'default'))].sort() : [];
    if (others.length > 0) return `which this repository defines in namespace ${others.join(', ')}, not in ${r.namespace ?? 'default'}: a SecretStore serves ExternalSecrets of its own namespace only; define one here, or use a ClusterSecretStore`;
    return 'which is not defined in this repository; check the name, or that something else installs it';
  }
  const note = elsewhere.cluster && elsewhere.cluster !== e.cluster ? ` (that one is cluster ${elsewhere.cluster}'s)` : elsewhere.disabled || !elsewhere.owner ? ' (no Flux Kustomization applies that file)' : '';
  return `which is defined at ${elsewhere.source.file}:${elsewhere.source.line} but not deployed ${e.cluster ? `in cluster ${e.cluster}` : 'with it'}${note}; deploy it there, or check that something else installs it`;
}
