import type { RepoModel } from '../model/repo-model.ts';
import { offInText } from '../model/raw-doc.ts';

type Disabled = Parameters<typeof offInText>[0];

/** Active (live), disabled and unreferenced counts of one kind. */
interface StateCounts {
  active: number;
  disabled: number;
  unreferenced: number;
}

export interface Counts {
  /** Flux Kustomization documents in the repo's YAML files (not `*.dis` / commented out). */
  fluxKustomizations: number;
  /** Sum of `spec.dependsOn` entries over those. */
  dependsOnEdges: number;
  /** HelmRelease `spec.dependsOn` entries, reported apart from the Kustomization graph. */
  helmReleaseDependsOnEdges: number;
  helmReleases: number;
  externalSecrets: number;
  secretStores: number;
  /** Files that carry a `sops:` block. */
  sopsFiles: number;
  /** Documents with a `sops:` block (corpus-meta's sops_encrypted_docs). */
  sopsEncryptedDocs: number;
  /** `kind: Secret` documents without a `sops:` block. */
  plainSecrets: number;
  /** PersistentVolumeClaim documents (claims declared in Helm values are counted apart). */
  pvcs: number;
  pvcsFromValues: number;
  serviceMonitors: number;
  /** Kubernetes NetworkPolicy + CiliumNetworkPolicy + CiliumClusterwideNetworkPolicy documents. */
  networkPolicies: number;
  /** Namespace folders of the layout (directories under `apps/` holding YAML; for a flat layout, top-level ones). */
  namespaces: number;
  apps: number;
  states: Record<'fluxKustomizations' | 'helmReleases', StateCounts> & { apps: StateCounts & { notDeployed: number } };
}

const inYamlFile = (o: { disabled: unknown }) => o.disabled === null;

/**
 * One per document: a kustomize component's document is copied into every Kustomization that uses
 * it (each copy an object of its own build), but it is one document of the repository.
 */
function documentsOf<T extends { disabled: Disabled; source: { file: string; line: number; col: number } }>(list: readonly T[], archived: ReadonlySet<string>): T[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const key = `${o.source.file}:${o.source.line}:${o.source.col}`;
    if (offInText(o.disabled) || seen.has(key) || archived.has(o.source.file)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * States over the same unit as the totals: each document once (a base two clusters build is one
 * document, active where any copy of it is), archives left out. Active: applied by a Kustomization
 * (or a cluster root, which the bootstrap applies) and in no app that is not deployed (a build that
 * fails applies nothing); unreferenced: not disabled, and applied by nothing that deploys it.
 */
function states(list: readonly { disabled: Disabled; owner: string | null; isRoot?: boolean; appId?: string | null; source: { file: string; line: number; col: number } }[], archived: ReadonlySet<string>, notDeployed: ReadonlySet<string>): StateCounts {
  const rank = { active: 2, unreferenced: 1, disabled: 0 } as const;
  const byDocument = new Map<string, keyof typeof rank>();
  for (const o of list) {
    if (archived.has(o.source.file)) continue;
    const live = (!!o.owner || o.isRoot === true) && !(o.appId && notDeployed.has(o.appId));
    const state = offInText(o.disabled) ? 'disabled' : !o.disabled && live ? 'active' : 'unreferenced';
    const key = `${o.source.file}:${o.source.line}:${o.source.col}`;
    const was = byDocument.get(key);
    if (was === undefined || rank[state] > rank[was]) byDocument.set(key, state);
  }
  const counts: StateCounts = { active: 0, disabled: 0, unreferenced: 0 };
  for (const state of byDocument.values()) counts[state]++;
  return counts;
}

/**
 * The summary counts, defined as the corpus' corpus-meta.json defines them: every document in the
 * repository's YAML files, whether or not a Flux Kustomization reaches it.
 */
export function countModel(model: RepoModel): Counts {
  // Archive folders hold retired manifests: read and shown, but not part of the repository's counts.
  const archived = new Set(model.files.filter((f) => f.archived).map((f) => f.path));
  const documents = <T extends { disabled: Disabled; source: { file: string; line: number; col: number } }>(list: readonly T[]) => documentsOf(list, archived);
  const notDeployed = new Set(model.apps.filter((a) => a.notDeployed !== null).map((a) => a.id));
  // (Documents of the repository: not the sync the Flux Operator makes in the cluster.)
  const ks = documents(model.kustomizations.filter((k) => !k.madeInCluster));
  const hrs = documents(model.helmReleases);
  return {
    fluxKustomizations: ks.length,
    dependsOnEdges: ks.reduce((n, k) => n + k.dependsOn.length, 0),
    helmReleaseDependsOnEdges: hrs.reduce((n, h) => n + h.dependsOn.length, 0),
    helmReleases: hrs.length,
    externalSecrets: documents(model.externalSecrets).length,
    secretStores: documents(model.secretStores).length,
    sopsFiles: model.sopsFiles.filter((f) => !f.disabled && !archived.has(f.file)).length,
    sopsEncryptedDocs: model.sopsFiles.filter((f) => !f.disabled && !archived.has(f.file)).reduce((n, f) => n + f.documents.length, 0),
    plainSecrets: documents(model.secrets).filter((s) => !s.encrypted).length,
    pvcs: documents(model.pvcs.filter((p) => p.origin === 'manifest')).length,
    pvcsFromValues: model.pvcs.filter((p) => inYamlFile(p) && p.origin === 'values' && !archived.has(p.source.file)).length,
    serviceMonitors: documents(model.monitors.filter((m) => m.monitorKind === 'ServiceMonitor')).length,
    networkPolicies: documents(model.networkPolicies).length,
    namespaces: namespaceFolders(model.files.filter((f) => f.kind === 'yaml' && !f.archived).map((f) => f.path)).length,
    apps: model.apps.length,
    states: {
      fluxKustomizations: states(model.kustomizations.filter((k) => !k.madeInCluster), archived, notDeployed),
      helmReleases: states(model.helmReleases, archived, notDeployed),
      apps: {
        active: model.apps.filter((a) => !a.disabled && !a.unreferenced).length,
        disabled: model.apps.filter((a) => a.disabled).length,
        unreferenced: model.apps.filter((a) => a.unreferenced).length,
        /** Of the unreferenced: archived, commented out in a parent, or reached by no cluster root. */
        notDeployed: model.apps.filter((a) => a.notDeployed).length,
      },
    },
  };
}

/**
 * Namespace folders: `<...>/apps/<ns>/` folders holding YAML (the home-ops layout); where there is no
 * apps folder, top-level folders holding YAML (the flat layout).
 */
function namespaceFolders(yamlPaths: readonly string[]): string[] {
  const appsRoots = new Map<string, Set<string>>();
  for (const p of yamlPaths) {
    // A base/overlay layout keeps namespaces one level down: `apps/base/<ns>/`, `apps/overlays/<cluster>/`.
    const m = /^((?:[^/]+\/)*?)apps\/(?:base\/)?([^/]+)\/.+/.exec(p);
    if (!m || m[2] === 'base' || /^(?:[^/]+\/)*?apps\/overlays\//.test(p.slice(m[1]!.length))) continue;
    const root = m[1]!;
    (appsRoots.get(root) ?? appsRoots.set(root, new Set()).get(root)!).add(m[2]!);
  }
  if (appsRoots.size > 0) {
    // The shallowest apps/ folder is the layout's; deeper ones are charts' own folders.
    const root = [...appsRoots.keys()].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
    return [...appsRoots.get(root)!].sort();
  }
  return [...new Set(yamlPaths.filter((p) => p.includes('/')).map((p) => p.split('/')[0]!))].filter((d) => !d.startsWith('.')).sort();
}
