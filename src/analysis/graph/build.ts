import type { App } from '../../model/app.ts';
import { finding, sortFindings, type Finding } from '../../model/finding.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { objectId, type ObjectRef } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { findCycles } from './cycles.ts';
import { displayName, helmReleaseNode, kustomizationNode, NodeIndex } from './nodes.ts';
import { suggestTarget } from './similar.ts';
import { templateMatches } from '../../model/templated.ts';
import type { DepGraph, GraphEdge, GraphNode, GraphNodeKind } from './types.ts';

export type GraphInput = Pick<RepoModel, 'kustomizations' | 'helmReleases' | 'apps'> & Partial<Pick<RepoModel, 'objects' | 'templated'>>;

export interface BuildGraphOptions {
  /** Stop listing cycles after this many (the count of elementary cycles can explode). */
  cycleLimit?: number;
}

const KIND_LABEL: Record<GraphNodeKind, string> = { kustomization: 'Kustomization', helmrelease: 'HelmRelease' };

/**
 * The dependsOn graph of the repository and the mistakes in it. Every dependsOn entry of an active
 * object becomes an edge, resolved or not, so the edge count equals the number of entries.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
export function buildGraph(model: GraphInput, options: BuildGraphOptions = {}): { result: DepGraph; findings: Finding[] } {
  const findings: Finding[] = [];
  const apps = new Map<string, App>(model.apps.map((a) => [a.id, a]));
  const ksById = new Map<string, FluxKustomization>(model.kustomizations.map((k) => [k.id, k]));
  // Whether the build that applies an object substitutes variables (its Kustomization has a postBuild).
  const ownerOf = new Map<string, string | null>([...model.kustomizations, ...model.helmReleases].map((o) => [o.id, o.owner]));
  const substituted = (id: string): boolean => {
    const owner = ksById.get(ownerOf.get(id) ?? '');
    return owner !== undefined && (owner.postBuild.substitute.length > 0 || owner.postBuild.substituteFrom.length > 0);
  };

  const activeKs = new NodeIndex<FluxKustomization>();
  const disabledKs = new NodeIndex<FluxKustomization>();
  // A switched-off Kustomization belongs to no cluster's build; in a repository of several clusters it is
  // still the cluster's whose root folder holds it (`clusters/a/infra.yaml`, left out of clusters/a's
  // list): a dependent in cluster b does not wait on it (outside review: "disabled" said across clusters).
  const home = homeCluster(model.kustomizations, apps);
  for (const ks of model.kustomizations) (ks.disabled ? disabledKs : activeKs).add(ks, appCluster(ks.appId, apps) ?? (ks.disabled ? home(ks.source.file) : null));
  const activeHr = new NodeIndex<HelmRelease>();
  for (const hr of model.helmReleases) if (!hr.disabled) activeHr.add(hr, appCluster(hr.appId, apps));

  const templated = model.templated ?? [];

  const nodes = new Map<string, GraphNode>();
  for (const ks of activeKs.all) nodes.set(ks.id, kustomizationNode(ks, apps));

  const edges: GraphEdge[] = [];
  const resolveAll = (
    dependent: { id: string; name: string; namespace: string | null; appId: string | null; suspend?: boolean },
    kind: GraphNodeKind,
    refs: readonly ObjectRef[],
    lookup: (ref: ObjectRef, cluster: string | null) => { id: string; suspend?: boolean } | undefined,
    disabled: (ref: ObjectRef, cluster: string | null) => { id: string } | undefined,
    all: readonly { id: string; name: string; namespace: string | null; appId: string | null; dependsOn: readonly ObjectRef[]; namespaceDefaulted?: true | undefined }[],
    /** The clusters whose folders hold a switched-off one of this name and namespace. */
    offIn?: (ref: ObjectRef, namespace: string | null) => string[],
    /** An object of the other kind (a HelmRelease for a Kustomization's entry, and back) of that name and namespace: what the entry may have meant. */
    otherKind?: (ref: ObjectRef, cluster: string | null) => string | null,
  ): void => {
    const cluster = appCluster(dependent.appId, apps);
    // Flux resolves dependsOn inside one cluster: suggestions come from the dependent's own cluster.
    // Never the dependent itself, nor one that depends on it: following the hint would make a cycle.
    const namesDependent = (c: (typeof all)[number]) => c.dependsOn.some((r) => r.name === dependent.name && (r.namespace ?? c.namespace) === dependent.namespace);
    // Only a missing target needs them: listing them for every dependent is quadratic in the graph.
    const candidates = () => all.filter((c) => (cluster === null || appCluster(c.appId, apps) === cluster) && c.id !== dependent.id && !namesDependent(c));
    for (const ref of refs) {
      const namespace = ref.namespace ?? dependent.namespace;
      const target = lookup(ref, cluster);
      const to = target?.id ?? objectId(KIND_LABEL[kind], namespace, ref.name);
      edges.push({ from: dependent.id, to, kind, resolved: target !== undefined, source: ref.source });
      const extra = { area: 'graph', objectId: dependent.id, ...(dependent.appId ? { appId: dependent.appId } : {}) };
      const who = `${KIND_LABEL[kind]} ${displayName(dependent)}`;
      const wanted = displayName({ namespace, name: ref.name });
      // Suspended (spec.suspend, its owner's choice): Flux reconciles nothing of it, so it waits for
      // nothing yet. What it names is still wrong, and it will wait forever once resumed: a note.
      const held = dependent.suspend === true;
      const whenResumed = held ? ` It is suspended (spec.suspend), so Flux waits for it only once it is resumed.` : '';
      if (ref.notAnObject) {
        // The API server refuses the object as written: nothing of it reaches the cluster, whatever it names.
        findings.push(finding('DEPENDS_ON_INVALID', 'error', `${who} has the dependsOn entry "${ref.name}" written as a string; Flux's API wants an object and refuses the ${KIND_LABEL[kind]} as written (spec.dependsOn items must be of type object), so it is not created or updated. Write \`- name: ${ref.name}\`.`, ref.source, extra));
      } else if (kind === 'kustomization' && target !== undefined && target.id !== dependent.id && target.suspend === true) {
        // Flux's dependency check wants the target Ready at its current generation. kustomize-controller
        // does not reconcile a suspended Kustomization, nor (fluxcd/kustomize-controller#1604) bring its
        // status up to a spec that changed: one suspended before it was first applied is never Ready, and
        // one suspended in git since lags its generation (setting spec.suspend is a change). The model
        // holds the dependent (flux-stops.ts: its app is not deployed, and says why); a note, as the
        // suspension is its owner's choice.
        findings.push(finding('DEPENDS_ON_SUSPENDED', 'info', `${who} depends on Kustomization ${wanted}, which is suspended (spec.suspend: true). Flux waits for a dependency to be Ready at its current generation; a suspended Kustomization is not reconciled, and its status does not follow its spec while it is suspended, so ${displayName(dependent)} waits until it is resumed and Flux applies nothing of it meanwhile. Resume it, or remove this entry while it is paused.`, ref.source, extra));
      } else if (target?.id === dependent.id) {
        findings.push(finding('DEPENDS_ON_SELF', 'error', `${who} depends on itself; Flux will never reconcile it. Remove this dependsOn entry.`, ref.source, extra));
      } else if (!target && disabled(ref, cluster)) {
        const off = disabled(ref, cluster) as { disabled?: string | null };
        const how = off.disabled === 'unlisted' ? 'left out of its folder\'s kustomization.yaml' : 'commented out or renamed to *.dis / *.bak';
        findings.push(finding('DEPENDS_ON_DISABLED', held ? 'info' : 'error', `${who} depends on ${wanted}, which is disabled in the repository (${how}); Flux will wait for it forever. Enable it or remove this entry.${whenResumed}`, ref.source, extra));
      } else if (!target && `${ref.name}${namespace ?? ''}`.includes('${') && substituted(dependent.id)) {
        // A name a variable left unresolved fills in, in a build Flux substitutes (a component's
        // `${STORAGE_HR:=rook-ceph-cluster}` whose variable its parent writes as an empty string, so the
        // default applies): where it points is not known here, and SUBSTITUTION_UNRESOLVED says so
        // (outside review: a false error). Where no postBuild substitutes it, the name is literal.
      } else if (!target) {
        const elsewhere = cluster === null ? [] : [...new Set(all.filter((c) => c.name === ref.name && c.namespace === namespace).map((c) => appCluster(c.appId, apps)).filter((c): c is string => c !== null && c !== cluster))].sort();
        // (Switched off where it is, in another cluster's folder: said with where it is.)
        const offElsewhere = cluster === null || elsewhere.length > 0 ? [] : (offIn?.(ref, namespace) ?? []).filter((c) => c !== cluster);
        // (A Kustomization's dependsOn naming a HelmRelease: Flux looks for a Kustomization of that name only; outside review.)
        const meant = elsewhere.length > 0 ? null : (otherKind?.(ref, cluster) ?? null);
        const hint = elsewhere.length > 0
          ? ` It is defined for cluster ${elsewhere.map((c) => `'${c}'`).join(', ')}, not for '${cluster}', and Flux looks for it in this cluster only.`
          : offElsewhere.length > 0
            ? ` One of that name is switched off in the folder of cluster ${offElsewhere.map((c) => `'${c}'`).join(', ')}, none is in '${cluster}', and Flux looks for it in this cluster only.`
            : meant !== null
              ? ` ${meant}`
              : suggestTarget({ name: ref.name, namespace }, ref.explicitNamespace, KIND_LABEL[kind], candidates());
        // A Flux Operator ResourceSet of the same cluster makes objects the model does not expand
        // (RESOURCESET_NOT_EXPANDED): the dependency may well be one of them, so this is not an error.
        const maker = elsewhere.length > 0 ? undefined : templated.find((t) => (t.kind === '*' || t.kind === KIND_LABEL[kind]) && templateMatches(t.name, ref.name) && (t.namespace === null || templateMatches(t.namespace, namespace ?? '')) && (cluster === null || t.cluster === null || t.cluster === cluster));
        if (maker) {
          findings.push(finding('DEPENDS_ON_MISSING', 'info', `${who} depends on ${KIND_LABEL[kind]} ${wanted}, which is not defined in the repository; ${maker.by} may make it (${maker.kind === '*' ? 'its resourcesTemplate' : `a ${maker.kind} named ${maker.name}`}), and the site cannot expand that ResourceSet.${hint}`, ref.source, extra));
        } else {
          // (One of that name written without a namespace is defined, but applied nowhere: say so, not "not defined".)
          const unplaced = elsewhere.length === 0 && all.some((c) => c.name === ref.name && c.namespaceDefaulted === true && (cluster === null || appCluster(c.appId, apps) === cluster));
          const notHere = elsewhere.length > 0 || offElsewhere.length > 0 ? `cluster '${cluster}' does not define` : unplaced ? 'no Flux build creates' : 'is not defined in the repository';
          findings.push(finding('DEPENDS_ON_MISSING', held ? 'info' : 'error', `${who} depends on ${KIND_LABEL[kind]} ${wanted}, which ${notHere}.${hint}${whenResumed}`, ref.source, extra));
        }
      }
    }
  };

  for (const ks of activeKs.all)
    resolveAll(
      ks,
      'kustomization',
      ks.dependsOn,
      (ref, cluster) => activeKs.find(ref.namespace ?? ks.namespace, ref.name, cluster),
      (ref, cluster) => disabledKs.find(ref.namespace ?? ks.namespace, ref.name, cluster),
      activeKs.all,
      (ref, namespace) => [...new Set(disabledKs.all.filter((d) => d.name === ref.name && d.namespace === namespace).map((d) => appCluster(d.appId, apps) ?? home(d.source.file)).filter((c): c is string => c !== null))].sort(),
      (ref, cluster) => {
        // (In its namespace, else the one of that name in another: a release lives where it installs, its Kustomization in flux-system.)
        const named = activeHr.all.filter((h) => h.name === ref.name && (cluster === null || appCluster(h.appId, apps) === null || appCluster(h.appId, apps) === cluster));
        const hr = activeHr.find(ref.namespace ?? ks.namespace, ref.name, cluster) ?? (named.length === 1 ? named[0] : undefined);
        if (!hr) return null;
        const owner = hr.owner !== null ? ksById.get(hr.owner) : undefined;
        const instead = owner && owner.id !== ks.id ? `the Kustomization that applies it, ${displayName(owner)}` : 'the Kustomization that applies it';
        return `HelmRelease ${displayName(hr)} exists, but a Kustomization's dependsOn names Kustomizations only, so Flux waits for a Kustomization of that name; depend on ${instead} (or give the HelmRelease the dependsOn, if it is its own apps that must wait).`;
      },
    );

  // HelmReleases join the graph when they declare dependsOn or are the target of one.
  const hrEdgesFrom = activeHr.all.filter((hr) => hr.dependsOn.length > 0);
  for (const hr of hrEdgesFrom)
    resolveAll(
      hr,
      'helmrelease',
      hr.dependsOn,
      (ref, cluster) => activeHr.find(ref.namespace ?? hr.namespace, ref.name, cluster),
      () => undefined,
      activeHr.all,
      undefined,
      (ref, cluster) => {
        const ks = activeKs.find(ref.namespace ?? hr.namespace, ref.name, cluster);
        return ks ? `Kustomization ${displayName(ks)} exists, but a HelmRelease's dependsOn names HelmReleases only; to wait for a Kustomization, give the Kustomization that applies this HelmRelease the dependsOn.` : null;
      },
    );
  const hrIds = new Set([...hrEdgesFrom.map((h) => h.id), ...edges.filter((e) => e.kind === 'helmrelease' && e.resolved).map((e) => e.to)]);
  for (const hr of activeHr.all) if (hrIds.has(hr.id)) nodes.set(hr.id, helmReleaseNode(hr, apps, ksById));

  const sortedNodes = [...nodes.values()].sort((a, b) => cmp(a.id, b.id));
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.source.file, b.source.file) || a.source.line - b.source.line);

  const { cycles, truncated } = cyclesOf(sortedNodes, edges, options.cycleLimit ?? 1000);
  findings.push(...cycleFindings(cycles, truncated, edges, nodes));
  findings.push(...waitFindings(edges, nodes, model.objects, ksById));
  findings.push(...orphanFindings(sortedNodes));

  return { result: { nodes: sortedNodes, edges, cycles, cyclesTruncated: truncated }, findings: sortFindings(findings) };
}

function appCluster(appId: string | null, apps: ReadonlyMap<string, App>): string | null {
  return appId ? (apps.get(appId)?.cluster ?? null) : null;
}

/**
 * The cluster whose root Kustomizations build the folder a file is in (their resolved paths: the
 * deepest that holds it), where the repository has several clusters and exactly one cluster's roots
 * build that folder; else null (a shared folder, one cluster).
 */
function homeCluster(kustomizations: readonly FluxKustomization[], apps: ReadonlyMap<string, App>): (file: string) => string | null {
  const roots = kustomizations.flatMap((k) => {
    const cluster = k.isRoot && !k.disabled ? appCluster(k.appId, apps) : null;
    return cluster !== null && k.resolvedPath !== null ? [{ cluster, dir: k.resolvedPath }] : [];
  });
  if (new Set(roots.map((r) => r.cluster)).size < 2) return () => null;
  return (file) => {
    const holding = roots.filter((r) => r.dir === '' || file.startsWith(`${r.dir}/`));
    const deepest = Math.max(-1, ...holding.map((r) => r.dir.length));
    const clusters = new Set(holding.filter((r) => r.dir.length === deepest).map((r) => r.cluster));
    return clusters.size === 1 ? [...clusters][0]! : null;
  };
}

/** Plain code-unit order, so ids sort the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cyclesOf(nodes: GraphNode[], edges: GraphEdge[], limit: number) {
  const successors = new Map<string, string[]>();
  for (const e of edges) if (e.resolved && e.from !== e.to) successors.set(e.from, [...(successors.get(e.from) ?? []), e.to]);
  return findCycles(
    nodes.map((n) => n.id),
    successors,
    limit,
  );
}

function cycleFindings(cycles: string[][], truncated: boolean, edges: GraphEdge[], nodes: Map<string, GraphNode>): Finding[] {
  const out: Finding[] = [];
  const name = (id: string) => displayName(nodes.get(id)!);
  for (const cycle of cycles) {
    const first = nodes.get(cycle[0]!)!;
    const entry = edges.find((e) => e.from === cycle[0] && e.to === cycle[1]);
    const path = [...cycle, cycle[0]!].map(name).join(' -> ');
    out.push(
      finding('DEPENDS_ON_CYCLE', 'error', `Dependency cycle: ${path}. None of these can become ready; remove one of the dependsOn entries.`, entry?.source ?? first.source, {
        area: 'graph',
        objectId: first.id,
        ...(first.appId ? { appId: first.appId } : {}),
      }),
    );
  }
  if (truncated && cycles.length > 0) {
    const first = nodes.get(cycles[0]![0]!)!;
    out.push(finding('DEPENDS_ON_CYCLE_LIMIT', 'warning', `More than ${cycles.length} dependency cycles; only the first ${cycles.length} are listed.`, first.source, { area: 'graph' }));
  }
  return out;
}

/**
 * Kinds that are ready once applied: nothing to wait for (configuration, policy, RBAC, sources).
 * A Kustomization that applies only these (Flux's own `infra-configs`: ClusterIssuers, a GatewayClass
 * and a Gateway) needs no `wait`. Kyverno policies
 * are not among them: their webhooks are ready some time after the apply, and dependents admitted
 * before that escape them.
 */
const READY_WHEN_APPLIED = new Set([
  'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ResourceQuota', 'LimitRange',
  'PriorityClass', 'StorageClass', 'NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'PolicyException',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterIssuer', 'Issuer', 'IPAddressPool', 'L2Advertisement', 'BGPAdvertisement',
  'CiliumLoadBalancerIPPool', 'CiliumL2AnnouncementPolicy', 'GitRepository', 'HelmRepository', 'OCIRepository', 'Alert', 'Provider', 'Receiver',
  // Gateway API: a dependent's routes are accepted and attach whenever the Gateway is programmed;
  // nothing it applies fails against a Gateway that exists but is not Programmed yet.
  'GatewayClass', 'Gateway',
  // Configuration a controller reads, with no readiness of its own (no Ready condition for Flux's health
  // check to wait on): Longhorn's RecurringJob, Velero's Schedule, snapshot classes, Traefik's
  // Middlewares and TLS options, Prometheus Operator's monitors and rules (a review probe: a warning for a
  // Kustomization applying a ClusterIssuer and a RecurringJob, where wait would gain nothing).
  'RecurringJob', 'Schedule', 'VolumeSnapshotClass', 'IngressClass', 'Middleware', 'MiddlewareTCP', 'TLSOption', 'TLSStore',
  'ServersTransport', 'ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'ScrapeConfig', 'PodDisruptionBudget',
]);

/**
 * Roadmap C-1.1: without wait or healthChecks a Kustomization is Ready once applied, not once healthy.
 * Only where it applies something that becomes ready later (a workload, a HelmRelease, CRDs, an
 * operator's resource): when every object it applies is ready once applied, or the model cannot see
 * what it applies (the model has objects but none owned by it), there is nothing to say.
 */
function waitFindings(edges: GraphEdge[], nodes: Map<string, GraphNode>, objects?: RepoModel['objects'], ksById: ReadonlyMap<string, FluxKustomization> = new Map()): Finding[] {
  const owned = new Map<string, string[]>();
  for (const o of objects ?? []) if (o.owner && !o.disabled) owned.set(o.owner, [...(owned.get(o.owner) ?? []), o.kind]);
  const dependents = new Map<string, Set<string>>();
  for (const e of edges)
    if (e.resolved && e.kind === 'kustomization' && e.from !== e.to) dependents.set(e.to, (dependents.get(e.to) ?? new Set()).add(e.from));
  const ownerOf = new Map<string, string>();
  for (const o of objects ?? []) if (o.owner && !o.disabled) ownerOf.set(o.id, o.owner);
  const waits = (id: string) => nodes.get(id)?.wait === true || (nodes.get(id)?.healthChecks ?? 0) > 0;
  /**
   * Whether `ancestor` applies `id` itself, or through Kustomizations that each wait for what they
   * apply: then a `wait: true` on the ancestor would wait for `id`, which waits for the ancestor.
   */
  const appliedBy = (ancestor: string, id: string): boolean => {
    const seen = new Set<string>();
    for (let cur = ownerOf.get(id); cur !== undefined && !seen.has(cur); cur = ownerOf.get(cur)) {
      if (cur === ancestor) return true;
      if (!waits(cur)) return false;
      seen.add(cur);
    }
    return false;
  };
  const out: Finding[] = [];
  const hasRoots = [...nodes.values()].some((n) => n.isRoot);
  const deployed = (id: string) => !hasRoots || nodes.get(id)?.reachedFromRoot === true || nodes.get(id)?.isRoot === true;
  // A `wait: true` written in the file that a parent's spec.patches turns off: the line cited says
  // true, so the finding says where false comes from.
  const overridden = (id: string) => {
    const by = ksById.get(id)?.waitOverriddenBy;
    return by ? ` Its own \`wait: true\` is set to false by the spec.patches of Kustomization ${by}, which applies it.` : '';
  };
  for (const [id, all] of dependents) {
    const node = nodes.get(id)!;
    if (node.wait || node.healthChecks > 0) continue;
    // Only dependents Flux deploys wait on it: one commented out in its parent starts nothing. A
    // dependent this Kustomization applies itself (a child that depends on its parent) needs no
    // wait, and `wait: true` would deadlock: the parent would wait for a child waiting for it.
    const from = [...all].filter((f) => deployed(f) && !appliedBy(id, f));
    if (from.length === 0 || !deployed(id)) continue;
    if (objects?.length) {
      const kinds = owned.get(id) ?? [];
      if (kinds.every((k) => READY_WHEN_APPLIED.has(k))) continue;
    }
    const names = [...from].sort(cmp).map((f) => displayName(nodes.get(f)!));
    const list = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    out.push(
      finding('DEPENDED_ON_WITHOUT_WAIT', 'warning', `Kustomization ${displayName(node)} is a dependency of ${list} but has neither \`wait: true\` nor healthChecks, so its dependents start before it is ready.${overridden(id)}`, node.source, {
        area: 'graph',
        objectId: node.id,
        ...(node.appId ? { appId: node.appId } : {}),
      }),
    );
  }
  return out;
}

function orphanFindings(nodes: GraphNode[]): Finding[] {
  const ks = nodes.filter((n) => n.kind === 'kustomization');
  if (!ks.some((n) => n.isRoot)) return [];
  return ks
    .filter((n) => !n.reachedFromRoot && !n.isRoot)
    .map((n) =>
      finding('ORPHAN_KUSTOMIZATION', 'info', `Kustomization ${displayName(n)} is not reached from any cluster root, so Flux never applies it; reference its folder from a parent Kustomization or delete it.`, n.source, {
        area: 'graph',
        objectId: n.id,
        ...(n.appId ? { appId: n.appId } : {}),
      }),
    );
}

