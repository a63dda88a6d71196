/**
 * ExternalSecrets and the stores they read from. Remote keys, properties and dataFrom references
 * are names in the store, not values, so they are shown.
 * https://external-secrets.io/latest/api/externalsecret/
 */
import { offInText } from '../../model/raw-doc.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive } from '../health/common.ts';
import type { ObjectRef } from '../../model/k8s-object.ts';
import { isStoreOf, type ExternalSecret, type SecretStore } from '../../model/secrets.ts';
import type { ExternalSecretRow, SecretStoreRow } from './types.ts';

/** What the operator uses when `spec.refreshInterval` is missing. */
const DEFAULT_REFRESH_INTERVAL = '1h';

export function externalSecrets(model: RepoModel): { externalSecrets: ExternalSecretRow[]; secretStores: SecretStoreRow[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows = model.externalSecrets.map((e): ExternalSecretRow => {
    const appId = e.appId;
    const row: ExternalSecretRow = {
      id: e.id,
      name: e.name,
      namespace: e.namespace,
      appId,
      source: e.source,
      disabled: offInText(e.disabled),
      stores: e.stores.map((r) => ({ kind: r.kind ?? 'SecretStore', name: r.name, found: model.secretStores.some((s) => isStoreOf(r, e.cluster, s)) })),
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
    if (!row.refreshIntervalSet && e.refreshPolicy !== 'CreatedOnce' && e.refreshPolicy !== 'OnChange') {
      findings.push(
        finding(
          'EXTERNALSECRET_NO_REFRESH_INTERVAL',
          'info',
          `ExternalSecret "${e.name}" sets no refreshInterval, so the operator's default of ${DEFAULT_REFRESH_INTERVAL} applies: a rotated value reaches the cluster up to an hour late. Set spec.refreshInterval.`,
          e.source,
          extra,
        ),
      );
    }
    if (e.storeRefMissing) {
      const why = e.stores.length === 0 ? '' : ', and not every entry names a store (sourceRef.storeRef) or generator of its own';
      findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `ExternalSecret "${e.name}" names no secretStoreRef${why}.`, e.source, extra));
    }
    // Each store it reads, spec.secretStoreRef or an entry's own, is judged alike, at the line that names it.
    for (const [i, r] of e.stores.entries()) {
      if (!row.stores[i]!.found) findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `ExternalSecret "${e.name}" reads from ${row.stores[i]!.kind} "${r.name}", ${notFoundWhy(model, e, r)}.`, r.source, extra));
    }
    return row;
  });

  // A copy no Flux build applies, beside the live one of the same store (an old app's folder whose
  // ks.yaml is commented out), is used by nothing: the live one serves (outside review: both showed
  // "used by 4").
  const live = model.secretStores.filter((s) => isLive(s, model));
  const shadowed = (s: SecretStore) => !isLive(s, model) && live.some((o) => o.kind === s.kind && o.name === s.name && (s.kind === 'ClusterSecretStore' || o.namespace === s.namespace) && (o.cluster ?? null) === (s.cluster ?? null));
  const secretStores = model.secretStores.map(
    (s): SecretStoreRow => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      namespace: s.namespace,
      provider: s.provider,
      appId: s.appId,
      source: s.source,
      disabled: offInText(s.disabled),
      // (A live store is used by the live ExternalSecrets: one in a file no build applies uses nothing;
      // outside review: "used by 7" counted two left out of their folders' lists.)
      usedBy: shadowed(s) ? [] : [...new Set(model.externalSecrets.filter((e) => uses(e, s) && (isLive(e, model) || !isLive(s, model))).map((e) => e.id))].sort(),
    }),
  );
  return { externalSecrets: rows, secretStores, findings };
}

/**
 * Why a store an ExternalSecret reads is not found where it is deployed: not defined at all, or
 * defined but another cluster's, or in a file Flux does not apply.
 */
function notFoundWhy(model: RepoModel, e: ExternalSecret, r: ObjectRef): string {
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

/** Same rule the model uses for storeFound, over every store the ExternalSecret reads. */
function uses(e: ExternalSecret, s: SecretStore): boolean {
  return e.stores.some((r) => isStoreOf(r, e.cluster, s));
}
