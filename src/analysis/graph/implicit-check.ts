import type { App } from '../../model/app.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { finding, sortFindings, type Finding } from '../../model/finding.ts';
import type { Preinstalled } from '../../model/preinstalled.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { effectiveStorageClass } from '../../model/storage.ts';
import { cmp } from './build.ts';
import { installsCrds } from './chart-crds.ts';
import { DEFAULT_IMPLICIT_RULES, type ImplicitRule, type Match, type ObjectQuery, type Where } from './implicit-rules.ts';
import { displayName } from './nodes.ts';
import { adjacency, reachable } from './reach.ts';
import type { DepGraph, GraphNode } from './types.ts';

export type ImplicitInput = Pick<RepoModel, 'apps' | 'pvcs' | 'externalSecrets' | 'secretStores' | 'monitors' | 'helmReleases' | 'objects'> & Partial<Pick<RepoModel, 'kustomizations' | 'defaultStorageClass'>>;

export interface ImplicitOptions {
  /** What the repository installs before Flux (src/repo/bootstrap-read.ts); those rules are satisfied. */
  preinstalled?: readonly Preinstalled[];
}

/** One undeclared dependency: the consumer node lacks every provider target upstream. */
export interface ImplicitViolation {
  ruleId: string;
  /** Node (Kustomization) that should declare the dependsOn. */
  consumer: string;
  /** Nodes any of which would satisfy the rule. */
  providers: string[];
  /** Ids of the objects that create the need. */
  objects: string[];
  /**
   * No consumer of this rule anywhere in the repository declares the dependency: the repository
   * orders it outside Flux (a bootstrap step not in the repository) or not at all. Reported once, as info.
   */
  undeclaredEverywhere: boolean;
  /**
   * Every provider already depends on the consumer (directly or through others): a dependsOn on it
   * would close a cycle, so what the consumer needs (CRDs) must come from a Kustomization of its own.
   * Absent when not.
   */
  closesCycle?: true;
}

type AnyObject = { id: string; appId: string | null; owner: string | null; name: string; namespace: string | null; source: { file: string; line: number; col: number } };

/**
 * Checks every rule against the graph. An app counts as depending on a provider when one of its
 * nodes reaches a provider node through resolved dependsOn edges, directly or transitively.
 * Only what Flux deploys takes part: consumers and providers no cluster root reaches (a folder
 * commented out in its parent, an archive) are neither missing nor in need. A rule whose provider
 * is installed before Flux (options.preinstalled) is satisfied everywhere. Where the repository
 * declares a rule's dependency nowhere, one info finding says so instead of a warning per consumer.
 */
export function checkImplicitDependencies(
  model: ImplicitInput,
  graph: DepGraph,
  rules: readonly ImplicitRule[] = DEFAULT_IMPLICIT_RULES,
  options: ImplicitOptions = {},
): { result: ImplicitViolation[]; findings: Finding[] } {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const hasRoots = graph.nodes.some((n) => n.isRoot);
  const deployed = (id: string) => !hasRoots || nodes.get(id)?.reachedFromRoot === true || nodes.get(id)?.isRoot === true;
  const effective: ImplicitInput = { ...model, pvcs: model.pvcs.map((p) => ({ ...p, storageClass: effectiveStorageClass(p, model) })) };
  // Apps that make StorageClasses: a StorageClass manifest, or a release whose values name one (rook-ceph-cluster's `cephBlockPools[].storageClass`).
  // (By the Kustomization that applies it, and the release itself: an app's operator and cluster
  // Kustomizations share one app. Asked of a few provider nodes only, each once.)
  const classMakers = new Map<string, boolean>();
  const makesClasses = (nodeId: string): boolean => {
    let known = classMakers.get(nodeId);
    if (known === undefined) {
      known = model.objects.some((o) => o.kind === 'StorageClass' && o.owner === nodeId) || model.helmReleases.some((h) => (h.id === nodeId || h.owner === nodeId) && namesStorageClass(h.values));
      classMakers.set(nodeId, known);
    }
    return known;
  };
  const declared = new Map<string, number>();
  const nodesOfApp = new Map<string, string[]>();
  for (const n of graph.nodes) if (n.appId) nodesOfApp.set(n.appId, [...(nodesOfApp.get(n.appId) ?? []), n.id]);
  const ownerOf = new Map<string, string | null>();
  for (const o of [...(model.kustomizations ?? []), ...model.helmReleases]) ownerOf.set(o.id, o.owner);
  /** Whether `ancestor` applies `id`, directly or through Kustomizations it applies. */
  const deploys = (ancestor: string, id: string): boolean => {
    const seen = new Set<string>();
    for (let cur = ownerOf.get(id) ?? null; cur !== null && !seen.has(cur); cur = ownerOf.get(cur) ?? null) {
      if (cur === ancestor) return true;
      seen.add(cur);
    }
    return false;
  };
  const preNames = new Set((options.preinstalled ?? []).map((p) => p.name));
  // An app is known by its name or by a chart its releases install (kube-prometheus-stack released as
  // `monitoring`: outside review).
  const chartsOf = Map.groupBy(model.helmReleases.filter((h) => !h.disabled && h.appId !== null && h.chart.name !== null), (h) => h.appId!);
  const namedAs = (a: App, re: RegExp) => matchValue(a.name, re) || (chartsOf.get(a.id) ?? []).some((h) => matchValue(h.chart.name!.replace(/^.*\//, ''), re));
  const upstream = adjacency(graph, 'upstream');
  const upstreamOf = memo((start: string) => new Set(reachable(upstream, [start]).keys()));

  const appClusterOf = new Map(model.apps.map((a) => [a.id, a.cluster ?? null]));
  const nodeCluster = (id: string): string | null => {
    const appId = nodes.get(id)?.appId;
    return appId ? (appClusterOf.get(appId) ?? null) : null;
  };
  const violations = new Map<string, ImplicitViolation>();
  const deadlocks = new Map<string, { owner: string; rule: ImplicitRule; releases: readonly { id: string; name: string; namespace: string | null }[]; objects: string[] }>();
  for (const rule of rules) {
    const before = rule.provider.preinstalled ?? rule.provider.appName;
    if (before && (options.preinstalled ?? []).some((p) => matchValue(p.name, before))) continue; // installed before Flux
    // A release of the operator's chart provides the CRDs only where it installs them (cert-manager's
    // leaves them out unless its values say so: outside review); an app of the name without such a
    // release (the CRDs alone, the operator's manifests) does.
    const provides = (h: HelmRelease) => !h.disabled && isOf(h, rule.provider.appName!) && (!rule.crds || installsCrds(h, rule.crds));
    const nameProviders = rule.provider.appName
      ? model.apps.filter((a) => {
          if (!namedAs(a, rule.provider.appName!)) return false;
          const own = model.helmReleases.filter((h) => h.appId === a.id && !h.disabled && isOf(h, rule.provider.appName!));
          return own.length === 0 || own.some(provides);
        })
      : [];
    // (And the Kustomization that applies a provider's HelmRelease where the release's app has no node of
    // its own: one `infra-controllers` applying cloudnative-pg, longhorn and more, Flux's reference layout;
    // outside review: the rule said nothing there. Not a root: nothing can depend on the bootstrap.)
    const providerIds = new Set(nameProviders.map((a) => a.id));
    const releaseOwners = model.helmReleases.filter((h) => !h.disabled && h.appId !== null && providerIds.has(h.appId) && (!isOf(h, rule.provider.appName!) || provides(h)) && (nodesOfApp.get(h.appId) ?? []).length === 0 && h.owner !== null && nodes.has(h.owner) && nodes.get(h.owner)!.isRoot !== true).map((h) => h.owner!);
    const nameTargets = [...new Set([...nameProviders.flatMap((a) => nodesOfApp.get(a.id) ?? []), ...releaseOwners])].filter(deployed);
    const providerObjects = rule.provider.has ? query(effective, rule.provider.has) : [];

    // The provider's releases by the Kustomization that applies them, and the CRD manifests of its group
    // each Kustomization applies (kustomize-controller applies those first, so they do not deadlock).
    // (Only a release that installs them: a ClusterIssuer beside a cert-manager release that leaves its
    // CRDs out waits for whatever installs them, not for that release.)
    const releasesByOwner = rule.crdGroup && rule.provider.appName ? Map.groupBy(model.helmReleases.filter((h) => h.owner !== null && provides(h)), (h) => h.owner!) : null;
    const groups = typeof rule.crdGroup === 'string' ? [rule.crdGroup] : (rule.crdGroup ?? []);
    // (Gathered once a rule, only where a release of the operator is in some build: not a scan of every object per resource.)
    const crdOwners = releasesByOwner && releasesByOwner.size > 0 ? new Set(model.objects.filter((o) => o.kind === 'CustomResourceDefinition' && groups.some((g) => o.name.endsWith(`.${g}`))).map((o) => o.owner)) : new Set<string | null>();
    for (const need of needs(effective, rule, namedAs)) {
      // A resource of the group in the build that also applies the operator's HelmRelease (a ClusterIssuer
      // beside the cert-manager release): on a fresh cluster the dry-run of the whole build fails ("no
      // matches for kind"), so the release that would install the CRDs is never applied either (outside
      // review). Not a chart's own rendered objects, which helm-controller installs after its CRDs.
      const chartMade = typeof need.object.helmRelease === 'string' || need.object.id?.includes('#') === true;
      const sameBuild = releasesByOwner && need.owner !== null && !chartMade && deployed(need.owner) ? releasesByOwner.get(need.owner) : undefined;
      if (sameBuild && !crdOwners.has(need.owner)) {
        const key = `${need.owner}\u0000${rule.id}`;
        const d = deadlocks.get(key) ?? { owner: need.owner!, rule, releases: sameBuild, objects: [] as string[] };
        if (need.object.id && !d.objects.includes(need.object.id)) d.objects.push(need.object.id);
        deadlocks.set(key, d);
        continue;
      }
      // A provider object of another cluster's build (prod's store for qa's ExternalSecret) is not this one's.
      const joined = providerObjects.filter((p) => (get(p, 'cluster') ?? null) === (get(need.object, 'cluster') ?? null) && (rule.provider.join ?? []).every(([nf, pf]) => overlap(get(need.object, nf), get(p, pf))) && (rule.provider.matches?.(need.object, p) ?? true));
      // (A provider found by name in another cluster is not this one's: Flux orders within a cluster, and
      // a dependsOn on it names nothing here; code review.)
      const needCluster = (get(need.object, 'cluster') as string | null | undefined) ?? appClusterOf.get(need.appId) ?? null;
      const named = needCluster === null ? nameTargets : nameTargets.filter((t) => (nodeCluster(t) ?? needCluster) === needCluster);
      const targets = new Set([...named, ...joined.map((p) => p.owner).filter((o): o is string => o !== null && nodes.has(o) && deployed(o))]);
      if (targets.size === 0) continue; // provider not in the repo (or not deployed by Flux): nothing to order
      if (nameProviders.some((a) => a.id === need.appId)) continue; // the provider's own objects
      const starts = (need.owner && nodes.has(need.owner) ? [need.owner] : (nodesOfApp.get(need.appId) ?? [])).filter(deployed);
      if (starts.length === 0 || starts.some((s) => targets.has(s))) continue; // not deployed, or same Kustomization: nothing to declare
      // The consumer deploys the provider's Kustomization itself (a cluster root applying the store's
      // Kustomization beside a component's ExternalSecrets): it cannot depend on its own child.
      if (starts.some((s) => [...targets].some((t) => deploys(s, t)))) continue;
      // (Nor one the provider's Kustomization applies: their order is that Kustomization's.)
      if (starts.some((s) => [...targets].some((t) => deploys(t, s)))) continue;
      // The provider's Kustomization installs what a bootstrap release of the same name installed
      // before Flux (bjw-s: helmfile release onepassword-connect applies its ClusterSecretStore).
      if ([...targets].some((t) => preNames.has(nodes.get(t)?.name ?? ''))) continue;
      // Declared: a Kustomization upstream is a provider, or applies one (the consumer depends on the
      // Kustomization that deploys the provider's HelmRelease; whether that one waits for it is
      // DEPENDED_ON_WITHOUT_WAIT's question).
      // An object a HelmRelease renders from its values (a chart's claim) waits for what the release's
      // own spec.dependsOn names: helm-controller installs nothing of it before (outside review: a
      // Longhorn claim of a release that depends on the longhorn HelmRelease).
      const rendered = typeof need.object.helmRelease === 'string' ? need.object.helmRelease : need.object.id?.includes('#') ? need.object.id.slice(0, need.object.id.indexOf('#')) : null;
      const release = rendered?.startsWith('HelmRelease/') ? rendered : null;
      // (And the Kustomizations that apply the consumer's: a parent `apps` that depends on
      // `infrastructure`, which applies the provider's Kustomization, is reconciled after it (whether
      // that one waits for its children is DEPENDED_ON_WITHOUT_WAIT's question; outside review).)
      const ancestors = (id: string): string[] => {
        const out: string[] = [];
        for (let cur = ownerOf.get(id) ?? null; cur !== null && !out.includes(cur) && out.length < 32; cur = ownerOf.get(cur) ?? null) out.push(cur);
        return out;
      };
      const own = release !== null && nodes.has(release) ? [...starts, release] : starts;
      const via = [...new Set([...own, ...own.flatMap(ancestors)])].filter((id) => nodes.has(id));
      if (via.some((s) => [...upstreamOf(s)].some((u) => targets.has(u) || [...targets].some((t) => deploys(u, t))))) {
        declared.set(rule.id, (declared.get(rule.id) ?? 0) + 1);
        continue;
      }
      const consumer = [...starts].sort(cmp)[0]!;
      const key = `${rule.id}\u0000${consumer}\u0000${[...targets].sort(cmp).join(',')}`;
      const cycle = [...targets].every((t) => upstreamOf(t).has(consumer));
      // For a claim, the provider that makes its StorageClass first (rook-ceph-cluster, not the operator
      // rook-ceph: depending on the class's maker orders after both; outside review).
      const ordered = [...targets].sort((a, b) => ('collection' in rule.needs && rule.needs.collection === 'pvcs' ? Number(makesClasses(b)) - Number(makesClasses(a)) : 0) || cmp(a, b));
      const v = violations.get(key) ?? { ruleId: rule.id, consumer, providers: ordered, objects: [], undeclaredEverywhere: false, ...(cycle ? { closesCycle: true as const } : {}) };
      if (need.object.id && !v.objects.includes(need.object.id)) v.objects.push(need.object.id);
      violations.set(key, v);
    }
  }

  const result = [...violations.values()].sort((a, b) => cmp(a.consumer, b.consumer) || cmp(a.ruleId, b.ruleId));
  const findings: Finding[] = [];
  for (const rule of rules) {
    const mine = result.filter((v) => v.ruleId === rule.id);
    // The owner's convention: several consumers, not one declares it. One info, not a warning each.
    if (mine.length >= 2 && (declared.get(rule.id) ?? 0) === 0) {
      for (const v of mine) v.undeclaredEverywhere = true;
      // Another Kustomization that lists a provider in its dependsOn: the owner does order it in Flux.
      const providers = new Set(mine.flatMap((v) => v.providers));
      const consumers = new Set(mine.map((v) => v.consumer));
      // (Deployed ones only: an archived release's dependsOn says nothing of how the cluster is ordered.)
      const others = [...new Set(graph.edges.filter((e) => e.resolved && providers.has(e.to) && !consumers.has(e.from) && !providers.has(e.from) && deployed(e.from)).map((e) => e.from))].sort(cmp);
      findings.push(undeclaredFinding(mine, nodes, rule, others));
    } else findings.push(...mine.map((v) => violationFinding(v, nodes, rule, ownerOf, makesClasses)));
  }
  for (const d of deadlocks.values()) {
    const ks = nodes.get(d.owner);
    if (!ks) continue;
    const release = d.releases.map((r) => displayName(r)).join(', ');
    const what = `${d.objects.slice(0, 3).join(', ')}${d.objects.length > 3 ? ` and ${d.objects.length - 3} more` : ''}`;
    findings.push(
      finding(
        'CRD_IN_SAME_BUILD',
        'info',
        `[${d.rule.id}] ${displayName(ks)} applies ${what} together with HelmRelease ${release}, whose chart installs the ${typeof d.rule.crdGroup === 'string' ? d.rule.crdGroup : (d.rule.crdGroup ?? []).join(' and ')} CRDs. Unless something installs those CRDs before Flux (a bootstrap script this repository does not show), the dry-run of the whole build fails on a fresh cluster (a rebuild, a restore: "no matches for kind"), so Flux applies nothing of it, the HelmRelease included, and the CRDs never come; a running cluster has them already. Move these resources to a Kustomization that dependsOn ${displayName(ks)} (with wait: true), or install the CRDs before Flux.`,
        ks.source,
        { area: 'graph', objectId: ks.id, ...(ks.appId ? { appId: ks.appId } : {}) },
      ),
    );
  }
  return { result, findings: sortFindings(findings) };
}

function undeclaredFinding(vs: ImplicitViolation[], nodes: Map<string, GraphNode>, rule: ImplicitRule, others: readonly string[]): Finding {
  const first = nodes.get(vs[0]!.consumer)!;
  // A provider's Kustomization and its HelmRelease share a name: each name once.
  const providers = [...new Set([...new Set(vs.flatMap((v) => v.providers))].sort(cmp).map((p) => displayName(nodes.get(p)!)))];
  const names = vs.map((v) => displayName(nodes.get(v.consumer)!));
  const list = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
  return finding(
    'IMPLICIT_DEPENDENCY_UNDECLARED',
    'info',
    others.length > 0
      ? `[${rule.id}] ${vs.length} Kustomizations (${list}) need ${providers.join(' or ')} first, and none of them declares it, though ${others.slice(0, 3).map((o) => displayName(nodes.get(o)!)).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''} ${others.length === 1 ? 'lists' : 'list'} it in dependsOn: Flux orders nothing between them and it. ${rule.description} Add it to their dependsOn${cycleAdvice(vs, nodes, rule)}.`
      : `[${rule.id}] ${vs.length} Kustomizations (${list}) need ${providers.join(' or ')} first, and none in the repository declares it: it is ordered outside Flux (a bootstrap step this repository does not hold) or not at all. ${rule.description} If nothing installs it before Flux, add it to their dependsOn${cycleAdvice(vs, nodes, rule)}.`,
    first.source,
    { area: 'graph', objectId: first.id, ...(first.appId ? { appId: first.appId } : {}) },
  );
}

/** For the consumers whose dependsOn on the provider would close a cycle: what to do instead. */
function cycleAdvice(vs: readonly ImplicitViolation[], nodes: Map<string, GraphNode>, rule: ImplicitRule): string {
  const cyclic = vs.filter((v) => v.closesCycle).map((v) => displayName(nodes.get(v.consumer)!));
  if (cyclic.length === 0) return '';
  return ` (not ${cyclic.join(', ')}: the provider already depends on ${cyclic.length === 1 ? 'it' : 'them'}, and a dependsOn would close a cycle; apply what ${cyclic.length === 1 ? 'it needs' : 'they need'} (${rule.needed ?? 'the CRDs'}) from a Kustomization of its own that both depend on)`;
}

function violationFinding(v: ImplicitViolation, nodes: Map<string, GraphNode>, rule: ImplicitRule, ownerOf: ReadonlyMap<string, string | null>, makesClasses: (id: string) => boolean): Finding {
  const consumer = nodes.get(v.consumer)!;
  const providers = v.providers.map((p) => nodes.get(p)!);
  const what = v.objects.length === 0 ? '' : ` (${v.objects.slice(0, 3).join(', ')}${v.objects.length > 3 ? ` and ${v.objects.length - 3} more` : ''})`;
  const named = [...new Set(providers.map(displayName))].join(' or ');
  return finding(
    'IMPLICIT_DEPENDENCY_MISSING',
    'warning',
    v.closesCycle
      ? `[${rule.id}] ${displayName(consumer)}${what} does not depend, directly or transitively, on ${named}. ${rule.description} ${named} already depends on ${displayName(consumer)}, so a dependsOn would close a cycle: apply what it needs (${rule.needed ?? 'its CRDs'}) from a Kustomization of its own that both depend on.`
      : `[${rule.id}] ${displayName(consumer)}${what} does not depend, directly or transitively, on ${named}. ${rule.description} ${dependsOnAdvice(consumer, providers, nodes, ownerOf, 'collection' in rule.needs && rule.needs.collection === 'pvcs' && makesClasses(v.providers[0]!))}`,
    consumer.source,
    { area: 'graph', objectId: consumer.id, ...(consumer.appId ? { appId: consumer.appId } : {}) },
  );
}

/**
 * The dependsOn entry that orders the consumer after a provider. A dependsOn names objects of its own
 * kind: a Kustomization's names Kustomizations, so a provider that is a HelmRelease is reached through the
 * Kustomization that applies it (outside review: `dependsOn: [{name: openebs, namespace: openebs}]` on a
 * Kustomization named the openebs HelmRelease, and Flux would wait for a Kustomization that does not
 * exist); a HelmRelease's names HelmReleases, so a provider that is a Kustomization is ordered from the
 * Kustomization that applies the consumer.
 */
function dependsOnAdvice(consumer: GraphNode, providers: readonly GraphNode[], nodes: Map<string, GraphNode>, ownerOf: ReadonlyMap<string, string | null>, preferFirst = false): string {
  const entry = (n: GraphNode) => (n.namespace ? `{ name: ${n.name}, namespace: ${n.namespace} }` : `{ name: ${n.name} }`);
  const sameKind = providers.filter((p) => p.kind === consumer.kind);
  // (Providers come best first: for a claim, what makes its StorageClass.)
  const direct = (preferFirst ? sameKind[0] : undefined) ?? sameKind.find((p) => p.kind === 'kustomization' && p.appId?.endsWith(`/${p.name}`)) ?? sameKind[0];
  if (direct) return `Add dependsOn: [${entry(direct)}].`;
  /** The nearest Kustomization that applies this object, other than a cluster root. */
  const applier = (id: string): GraphNode | null => {
    const seen = new Set<string>();
    for (let cur = ownerOf.get(id) ?? null; cur !== null && !seen.has(cur); cur = ownerOf.get(cur) ?? null) {
      seen.add(cur);
      const n = nodes.get(cur);
      if (n?.kind === 'kustomization') return n.isRoot === true ? null : n;
    }
    return null;
  };
  // (Never one that applies the consumer itself: a parent that applies both the provider and the consumer
  // cannot be waited for by its child, which would deadlock with wait; code review.)
  const above = new Set<string>();
  for (let cur = ownerOf.get(consumer.id) ?? null; cur !== null && !above.has(cur); cur = ownerOf.get(cur) ?? null) above.add(cur);
  if (consumer.kind === 'kustomization') {
    for (const p of providers) {
      const k = applier(p.id);
      if (k && k.id !== consumer.id && !above.has(k.id)) return `Add dependsOn: [${entry(k)}] (the Kustomization that applies HelmRelease ${displayName(p)}; a Kustomization's dependsOn names Kustomizations).`;
    }
    return `A Kustomization's dependsOn names Kustomizations: apply ${[...new Set(providers.map(displayName))].join(' or ')} from a Kustomization of its own and depend on that.`;
  }
  const own = applier(consumer.id);
  const provider = providers[0]!;
  return own && own.id !== provider.id
    ? `A HelmRelease's dependsOn names HelmReleases: add dependsOn: [${entry(provider)}] to ${displayName(own)}, the Kustomization that applies it.`
    : `A HelmRelease's dependsOn names HelmReleases: order it after Kustomization ${displayName(provider)} from the Kustomization that applies it.`;
}

interface Need {
  appId: string;
  owner: string | null;
  object: Partial<AnyObject> & Record<string, unknown>;
}

function needs(model: ImplicitInput, rule: ImplicitRule, namedAs: (a: App, re: RegExp) => boolean): Need[] {
  if ('appName' in rule.needs) {
    const re = rule.needs.appName;
    return model.apps.filter((a: App) => !a.disabled && namedAs(a, re)).map((a) => ({ appId: a.id, owner: null, object: {} }));
  }
  return query(model, rule.needs)
    .filter((o) => o.appId !== null && !('disabled' in o && o.disabled))
    .map((o) => ({ appId: o.appId!, owner: o.owner, object: o as unknown as Need['object'] }));
}

function query(model: ImplicitInput, q: ObjectQuery): AnyObject[] {
  const list = model[q.collection] as readonly AnyObject[];
  return list.filter((o) => matches(o, q.where ?? {}));
}

/** A release of the app or chart the pattern names (a chart by its name without a repository path). */
function isOf(h: HelmRelease, re: RegExp): boolean {
  return matchValue(h.name, re) || (h.chart.name !== null && matchValue(h.chart.name.replace(/^.*\//, ''), re));
}


function matches(o: unknown, where: Where): boolean {
  return Object.entries(where).every(([path, m]) => matchValue(get(o, path), m));
}

/**
 * Value of a dotted path, undefined where a step is missing. A step into a list takes that field of
 * every item (`stores.name`: the name of each store an ExternalSecret reads), giving a list.
 */
function get(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const step of path.split('.')) v = Array.isArray(v) ? v.map((x) => field(x, step)) : field(v, step);
  return v;
}

function field(v: unknown, step: string): unknown {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
}

/** Join equality where either side may be a list (see get): some value of one is a value of the other. */
function overlap(a: unknown, b: unknown): boolean {
  const bs = Array.isArray(b) ? b : [b];
  return (Array.isArray(a) ? a : [a]).some((x) => bs.includes(x));
}

function matchValue(v: unknown, m: Match): boolean {
  if (Array.isArray(v)) return v.some((x) => matchValue(x, m));
  if (Array.isArray(m)) return m.some((x) => matchValue(v, x));
  if (m instanceof RegExp) {
    m.lastIndex = 0;
    return typeof v === 'string' && m.test(v);
  }
  if (m === null) return v === null || v === undefined;
  return v === m;
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const cache = new Map<string, T>();
  return (k) => {
    if (!cache.has(k)) cache.set(k, f(k));
    return cache.get(k)!;
  };
}

/** Whether chart values declare a StorageClass: an object with a `name` under a `storageClass(es)` key. */
function namesStorageClass(values: unknown): boolean {
  const stack: { v: unknown; depth: number; key: string }[] = [{ v: values, depth: 0, key: '' }];
  while (stack.length) {
    const { v, depth, key } = stack.pop()!;
    if (depth > 8 || v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1, key });
      continue;
    }
    const rec = v as Record<string, unknown>;
    if (/^storage-?class(es)?$/i.test(key) && typeof rec['name'] === 'string' && rec['enabled'] !== false) return true;
    for (const [k, x] of Object.entries(rec)) stack.push({ v: x, depth: depth + 1, key: k });
  }
  return false;
}
