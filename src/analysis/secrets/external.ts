/**
 * ExternalSecrets and the stores they read from. Remote keys, properties and dataFrom references
 * are names in the store, not values, so they are shown.
 * https://external-secrets.io/latest/api/externalsecret/
 */
import { offInText } from '../../model/raw-doc.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive } from '../health/common.ts';
import type { ExternalSecret, SecretStore } from '../../model/secrets.ts';
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
      store: e.storeRef ? { kind: e.storeRef.kind ?? 'SecretStore', name: e.storeRef.name } : null,
      storeFound: e.storeFound,
      refreshInterval: e.refreshInterval === null ? `${DEFAULT_REFRESH_INTERVAL} (default)` : e.refreshInterval,
      refreshIntervalSet: e.refreshInterval !== null,
      refreshPolicy: e.refreshPolicy,
      target: e.targetName,
      data: e.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property })),
      dataFrom: e.dataFrom.map((d) => ({ extract: d.extract, find: d.find })),
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
    if (!e.storeRef) {
      findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `ExternalSecret "${e.name}" names no secretStoreRef.`, e.source, extra));
    } else if (!e.storeFound) {
      // Defined, but not where this ExternalSecret is deployed: another cluster's, or a file Flux does not apply.
      const elsewhere = model.secretStores.find((s) => s.name === e.storeRef!.name && s.kind === row.store!.kind && (s.kind === 'ClusterSecretStore' || s.namespace === e.storeRef!.namespace));
      const where = !elsewhere
        ? 'which is not defined in this repository; check the name, or that something else installs it'
        : `which is defined at ${elsewhere.source.file}:${elsewhere.source.line} but not deployed ${e.cluster ? `in cluster ${e.cluster}` : 'with it'}${elsewhere.cluster && elsewhere.cluster !== e.cluster ? ` (that one is cluster ${elsewhere.cluster}'s)` : elsewhere.disabled || !elsewhere.owner ? ' (no Flux Kustomization applies that file)' : ''}; deploy it there, or check that something else installs it`;
      findings.push(
        finding(
          'EXTERNALSECRET_STORE_MISSING',
          'warning',
          `ExternalSecret "${e.name}" reads from ${row.store!.kind} "${e.storeRef.name}", ${where}.`,
          e.storeRef.source,
          extra,
        ),
      );
    }
    return row;
  });

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
      usedBy: [...new Set(model.externalSecrets.filter((e) => uses(e, s)).map((e) => e.id))].sort(),
    }),
  );
  return { externalSecrets: rows, secretStores, findings };
}

/** Same rule the model uses for storeFound: a SecretStore is namespaced, a ClusterSecretStore is not; both are one cluster's. */
function uses(e: ExternalSecret, s: SecretStore): boolean {
  const ref = e.storeRef;
  if (!ref || ref.name !== s.name || (ref.kind ?? 'SecretStore') !== s.kind || (s.cluster ?? null) !== (e.cluster ?? null)) return false;
  return s.kind === 'ClusterSecretStore' || s.namespace === ref.namespace;
}
