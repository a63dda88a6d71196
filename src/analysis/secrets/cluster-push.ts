/**
 * External Secrets' ClusterExternalSecrets (an ExternalSecret in each namespace they pick) and
 * PushSecrets (a Secret of the cluster written to a store): their rows of the inventory, and the
 * stores they name, judged as an ExternalSecret's are (EXTERNALSECRET_STORE_MISSING).
 * https://external-secrets.io/latest/api/clusterexternalsecret/, https://external-secrets.io/latest/api/pushsecret/
 */
import { offInText } from '../../model/raw-doc.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { ObjectRef } from '../../model/k8s-object.ts';
import type { SelectorRequirement } from '../../model/label-selector.ts';
import { knownPicks, namespaceLabels, picksNamespace } from '../../model/namespace-picks.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isStoreOf, type ClusterExternalSecret, type SecretStore } from '../../model/secrets.ts';
import { isLive } from '../health/common.ts';
import { DEFAULT_REFRESH_INTERVAL, externalRow, notFoundWhy } from './external-row.ts';
import type { ClusterExternalSecretRow, PushSecretRow } from './types.ts';

/**
 * A ClusterExternalSecret's rows and findings, and which of them use a store. A ClusterSecretStore is
 * found as an ExternalSecret's; a SecretStore is the one of each namespace it picks, so it must be in
 * every namespace the repository knows it picks (where it knows none, in some namespace at all).
 */
export function clusterExternalSecrets(model: RepoModel, findings: Finding[]): { rows: ClusterExternalSecretRow[]; users: (s: SecretStore) => ClusterExternalSecret[] } {
  const labelsOf = (c: ClusterExternalSecret) => namespaceLabels(model.objects, c.cluster);
  const rows = model.clusterExternalSecrets.map((c): ClusterExternalSecretRow => {
    const picks = knownPicks(c, labelsOf(c));
    const namespaced = (r: ObjectRef) => (r.kind ?? 'SecretStore') === 'SecretStore';
    const storesOf = (r: ObjectRef) => model.secretStores.filter((s) => s.kind === 'SecretStore' && s.name === r.name && (s.cluster ?? null) === (c.cluster ?? null));
    const lacking = (r: ObjectRef) => picks.namespaces.filter((ns) => !storesOf(r).some((s) => s.namespace === ns));
    const found = (r: ObjectRef) => (namespaced(r) ? storesOf(r).length > 0 && lacking(r).length === 0 : model.secretStores.some((s) => isStoreOf(r, c.cluster, s)));
    const why = (r: ObjectRef) =>
      !namespaced(r) ? notFoundWhy(model, c, r) : storesOf(r).length === 0 ? 'which is not defined in this repository in any namespace: it must be in each namespace the ClusterExternalSecret picks' : `a SecretStore of each namespace it picks, which namespace ${lacking(r).join(', ')} does not define; define one there, or use a ClusterSecretStore`;
    return {
      ...externalRow(model, c, 'ClusterExternalSecret', found, findings, why),
      externalSecretName: c.externalSecretName,
      namespaces: picks.namespaces,
      everyNamespace: picks.every,
      bySelector: picks.more,
      selectors: c.namespaceSelectors.map(selectorText),
    };
  });
  const users = (s: SecretStore) =>
    model.clusterExternalSecrets.filter((c) =>
      c.stores.some((r) => ((r.kind ?? 'SecretStore') === 'SecretStore' ? s.kind === 'SecretStore' && s.name === r.name && (s.cluster ?? null) === (c.cluster ?? null) && s.namespace !== null && picksNamespace(c, s.namespace, labelsOf(c).get(s.namespace) ?? null) !== false : isStoreOf(r, c.cluster, s))),
    );
  return { rows, users };
}

/** A selector as one line: `pull=true`, `env In (prod,stage)`; an empty one picks every namespace. */
function selectorText(requirements: readonly SelectorRequirement[]): string {
  if (requirements.length === 0) return '(every namespace)';
  return requirements.map((r) => (r.operator === 'In' && r.values.length === 1 ? `${r.key}=${r.values[0]}` : r.values.length > 0 ? `${r.key} ${r.operator} (${r.values.join(',')})` : `${r.key} ${r.operator}`)).join(', ');
}

/** PushSecrets' rows; a store not named, or named and not found, is EXTERNALSECRET_STORE_MISSING as an ExternalSecret's is. */
export function pushSecrets(model: RepoModel, findings: Finding[]): PushSecretRow[] {
  return model.pushSecrets.map((p): PushSecretRow => {
    const row: PushSecretRow = {
      id: p.id,
      name: p.name,
      namespace: p.namespace,
      appId: p.appId,
      source: p.source,
      disabled: offInText(p.disabled),
      stores: p.stores.map((r) => ({ kind: r.kind ?? 'SecretStore', name: r.name, found: model.secretStores.some((s) => isStoreOf(r, p.cluster, s)) })),
      storeSelectors: p.storeSelectors,
      storeFound: p.storeFound,
      secret: p.secretName,
      data: p.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property })),
      refreshInterval: p.refreshInterval === null ? `${DEFAULT_REFRESH_INTERVAL} (default)` : p.refreshInterval,
      updatePolicy: p.updatePolicy,
      deletionPolicy: p.deletionPolicy,
    };
    if (row.disabled || !isLive(p, model)) return row;
    const extra = { area: 'secrets', objectId: p.id, ...(p.appId ? { appId: p.appId } : {}) };
    if (p.stores.length + p.storeSelectors === 0) findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `PushSecret "${p.name}" names no store in spec.secretStoreRefs: it writes nowhere.`, p.source, extra));
    for (const [i, r] of p.stores.entries()) {
      if (!row.stores[i]!.found) findings.push(finding('EXTERNALSECRET_STORE_MISSING', 'warning', `PushSecret "${p.name}" writes to ${row.stores[i]!.kind} "${r.name}", ${notFoundWhy(model, p, r)}.`, r.source, extra));
    }
    return row;
  });
}
