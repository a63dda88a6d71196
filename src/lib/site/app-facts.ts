import { isDeployedApp, isLive } from '../../analysis/health/common.ts';
import { monitoringMatrix, type MonitoringRow } from '../../analysis/health/monitoring.ts';
import { networkJudged } from '../../analysis/health/network.ts';
import { hostsFlux } from '../../analysis/health/flux-controllers.ts';
import { meshAuthorized } from '../../analysis/health/mesh-policies.ts';
import { servedThrough } from '../../analysis/health/route-attach.ts';
import { appNetworkPolicies, PART_OF_THE_APP } from './app-facts-network.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { App } from '../../model/app.ts';
import type { Finding } from '../../model/finding.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { AppFacts, AppLink } from './app-facts-schema.ts';
import { factsIndex, type FactsIndex } from './facts-index.ts';
import { dependedOnBy, dependsOn } from './app-links.ts';
import { routedToApps } from './app-routes.ts';
import { storageAndBackup, unlistedOf } from './app-facts-storage.ts';
import { splitReadme } from './readme-sections.ts';
import { releaseValuesFacts, valuesPlace } from './values-facts.ts';
import { secretFacts } from './app-facts-secrets.ts';
import { readIn } from '../../model/defined-names.ts';
import { appPurpose } from './app-purpose.ts';
import { sharedFolder } from './app-shared-folder.ts';
import { externalSource } from './app-facts-external.ts';
import { appPath } from './urls.ts';
import { valuesFromSources } from '../../model/values-from-sources.ts';
import { namedDocuments } from '../../model/secrets.ts';
import { groupBy, ownerOf } from '../../model/group-by.ts';
import { isWorkload, mayRunPods, type KObject } from '../../model/k8s-object.ts';

export type { AppFacts } from './app-facts-schema.ts';

export interface AppFactsOptions {
  /** Text of the app's README.md with generated blocks stripped; null/undefined when there is none. */
  readme?: string | null;
}

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
// Keys of the per-model indexes (module-level, so each list is grouped once per model: src/model/group-by.ts).
const FINDINGS_BY_APP = new WeakMap<readonly Finding[], ReadonlyMap<string, readonly Finding[]>>();

/**
 * Each app's findings, in the list's order: those filed under it and those that name it among the
 * apps that show them too (another cluster's copy of a shared base, another app of a namespace).
 * Made once per findings list.
 */
function findingsByApp(findings: readonly Finding[]): ReadonlyMap<string, readonly Finding[]> {
  let byApp = FINDINGS_BY_APP.get(findings);
  if (byApp) return byApp;
  const made = new Map<string, Finding[]>();
  for (const f of findings) for (const id of new Set([...(f.appId ? [f.appId] : []), ...(f.alsoAppIds ?? [])])) (made.get(id) ?? made.set(id, []).get(id)!).push(f);
  FINDINGS_BY_APP.set(findings, (byApp = made));
  return byApp;
}

/** The findings an app's page lists, as its facts hold them. */
export function appFindings(model: Pick<RepoModel, 'findings'>, appId: string): AppFacts['findings'] {
  return (findingsByApp(model.findings).get(appId) ?? []).map((f) => ({ code: f.code, severity: f.severity, message: f.message, ref: ref(f.source) }));
}
const folderAndNameOf = (a: App) => (a.cluster ? `${a.dir}\u0000${a.name}` : null);
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * Everything the app page (and the README export) says about one app, as plain data. Pure: the
 * caller reads the README; this function only looks at the model. Returns null for an unknown id.
 */
/** An app of cluster-wide objects alone: its network note says so, before flux-system's. */
const CLUSTER_WIDE_ONLY = 'The app runs no pod of its own: it applies cluster-wide objects only.';
const FLUX_ONLY = 'The app runs no pod of its own: it applies Flux objects only.';
/** An app of configuration alone (no workload, release or operator resource that runs pods): its network note says so, before flux-system's. */
const CONFIGURATION_ONLY = 'The app runs no pod of its own: it applies configuration only (no workload, HelmRelease or operator resource).';

/** Flux's own objects, written where Flux runs (flux-system) whatever they deploy: no namespace of the app's. A release counts where it installs. */
const FLUX_PLUMBING_GROUP = /^(kustomize|source|helm)\.toolkit\.fluxcd\.io$/;

/** The namespaces of an app's live objects other than its own, sorted. */
function otherNamespaces(own: string, objects: readonly { namespace: string | null; disabled?: unknown }[]): string[] {
  return [...new Set(objects.filter((o) => !o.disabled && o.namespace !== null && o.namespace !== own && !o.namespace.includes('${')).map((o) => o.namespace!))].sort();
}

export function appFacts(model: RepoModel, appId: string, options: AppFactsOptions = {}): AppFacts | null {
  const index = factsIndex(model);
  const app = index.apps.get(appId);
  if (!app) return null;
  const own = <T extends { appId: string | null }>(list: readonly T[]): readonly T[] => index.byApp(list).get(app.id) ?? [];

  // An app not deployed at all, whose releases are in files its folder's kustomization.yaml leaves out
  // (unlisted), is shown with them, as an app of files no kustomization.yaml names is: what it would
  // deploy. An app that is deployed shows only what is applied: not a release in its folder that no
  // Kustomization applies (the one that did is commented out), which is a not-deployed object of it.
  const deployedApp = app.notDeployed === null && isDeployedApp(app, model);
  const applied = (o: Parameters<typeof isLive>[0]) => (deployedApp ? isLive(o, model) : !o.disabled);
  const liveReleases = own(model.helmReleases).filter(applied);
  const helmReleases = liveReleases.length > 0 || app.notDeployed === null ? liveReleases : own(model.helmReleases).filter((h) => h.disabled === 'unlisted');
  const values = helmReleases.map((h) => ({ h, v: releaseValuesFacts(h) }));
  const { storage, backup } = storageAndBackup(model, index, app);
  // The Secrets the app's HelmRelease values and its workload manifests use.
  // (Each read in its own namespace: where the release installs, where a workload's pods run. Not known
  // for another object's `secretRef`: an operator reads it where it chooses (a Gateway's certificateRefs
  // may name another namespace, a ClusterIssuer's solvers read cert-manager's), nor for an object nothing
  // gave a namespace.)
  // (Where the object says the namespace, an Ingress's annotation or a PushSecret's source, that one.)
  const workloadUses = own(model.objects).flatMap((o) => (o.secretUses && applied(o) ? o.secretUses.map((u) => ({ ...u, namespace: isWorkload(o) ? readIn(o) : u.namespace !== undefined && readIn(o) !== null ? u.namespace : null })) : []));
  const valueUses = values.flatMap((x) => x.v.secretUses.map((u) => ({ ...u, namespace: x.h.owner === null ? null : (u.namespace ?? x.h.targetNamespace ?? readIn(x.h)) })));
  const secrets = secretFacts(model, index, app, own, [...valueUses, ...workloadUses]);
  const monitors = own(model.monitors).filter((m) => !m.disabled);
  const monitoredBy = otherMonitoring(model, app.id);
  // Nothing to judge: Flux's own NetworkPolicies where its install is not in the repository; an app
  // not deployed; one of whose objects the repository holds none (a remote resource); one that only
  // applies Flux objects (a Kustomization of Kustomizations; a ResourceSet makes workloads, so not it).
  // (What its Kustomizations apply: not the app's own Kustomizations.)
  const ownKs = new Set(app.kustomizations);
  // The Flux Kustomizations that apply the app: its own, or, for an app that is a folder of a shared
  // one (`prod-apps` building sonarr, radarr, authentik), that one, whose settings and dependsOn are the
  // app's too (an outside review found such apps with no deployment and no dependencies).
  const appliedBy = app.kustomizations.length > 0 ? app.kustomizations : [...new Set(own(model.objects).flatMap((o) => (!o.disabled && o.owner?.startsWith('Kustomization/') ? [o.owner] : [])))].sort();
  const live = own(model.objects).filter((o) => !o.disabled && !ownKs.has(o.id));
  const fluxOnly = (o: { group: string; kind: string }) => /(^|\.)toolkit\.fluxcd\.io$/.test(o.group) || (o.group === 'fluxcd.controlplane.io' && !o.kind.startsWith('ResourceSet')) || o.kind === 'Namespace';
  const resourceSet = (o: { group: string; kind: string }) => o.group === 'fluxcd.controlplane.io' && o.kind.startsWith('ResourceSet');
  const notDeployed = !!(app.disabled || app.notDeployed);
  // What the repository itself holds of the app besides Flux's plumbing (a Keycloak CR and a CronJob
  // beside the operator's Kustomization of another repository): then only part of it is the other source's.
  const external = externalSource(model, index, app, [...helmReleases.map((h) => `HelmRelease ${h.name}`), ...live.filter((o) => !fluxOnly(o)).map((o) => `${o.kind} ${o.name}`)]);
  const podsUnknown = notDeployed
    ? 'The app is not deployed.'
    : helmReleases.length > 0
      ? null
      : live.some(resourceSet) && !live.some(isWorkload)
        ? 'A Flux Operator ResourceSet makes what it runs, which is not expanded here: not known.'
        : live.length === 0 && !app.kustomizations.some((id) => groupBy(model.kustomizations, ownerOf).has(id))
          ? 'No workload of it is in the repository (what it applies is generated, remote, missing or commented out): not judged.'
          : live.every(fluxOnly)
            ? FLUX_ONLY
            : // (Cluster-wide objects alone, ClusterIssuers or ClusterPolicies: no namespace of its own runs
              // anything; outside review, a "no monitoring" badge and flux-system's note on such an app.)
              live.every((o) => fluxOnly(o) || o.namespace === null)
              ? CLUSTER_WIDE_ONLY
              : // (Nor configuration alone, a Kyverno PolicyException and a ClusterPolicy: no workload, release
                // or operator resource that runs pods; outside review, a "no monitoring" badge and a
                // namespace's default-deny "selects every pod" on such an app. Not where Flux runs, nor
                // where another repository's artifact, which may run pods, is applied.)
                external === null && !live.some(mayRunPods) && !hostsFlux(app, live)
                ? CONFIGURATION_ONLY
                : null;
  // An app that runs no pod has none a NetworkPolicy selects: only its own policies are listed.
  const runsNoPod = external === null && (podsUnknown === FLUX_ONLY || podsUnknown === CLUSTER_WIDE_ONLY || podsUnknown === CONFIGURATION_ONLY) && !hostsFlux(app, live);
  const networkPolicies = appNetworkPolicies(model, app, helmReleases).filter((p) => !runsNoPod || p.why === PART_OF_THE_APP);
  const networkUnknown = podsUnknown === CLUSTER_WIDE_ONLY || podsUnknown === CONFIGURATION_ONLY
    ? podsUnknown
    : !networkJudged(model, app.namespace)
      ? (fluxInstanceNote(model, app) ?? "Flux's install is not in the repository (a bootstrap, a FluxInstance or an OCI artifact installs it): the NetworkPolicies it ships for flux-system are not known here.")
      : podsUnknown === null && meshAuthorized(model).has(`${app.cluster ?? ''}|${app.namespace}`)
        ? `A service mesh's authorization policies (Linkerd or Istio) in ${app.namespace} restrict what reaches its pods: NetworkPolicies are not the only control here.`
        : podsUnknown;
  const readme = options.readme ? splitReadme(options.readme) : null;

  return {
    id: app.id,
    name: app.name,
    namespace: app.namespace,
    otherNamespaces: app.notDeployed !== null || app.disabled || app.unreferenced ? [] : otherNamespaces(app.namespace, [...own(model.objects).filter((o) => !FLUX_PLUMBING_GROUP.test(o.group)), ...liveReleases.map((h) => ({ namespace: h.targetNamespace ?? h.namespace, disabled: h.disabled })), ...own(model.pvcs), ...own(model.endpoints), ...own(model.externalSecrets), ...own(model.secrets)]),
    cluster: app.cluster,
    dir: app.dir,
    file: index.fileOf(app),
    sharedFolder: sharedFolder(model, index, app),
    external,
    path: appPath(app),
    state: app.disabled ? 'disabled' : app.unreferenced ? 'unreferenced' : 'active',
    notDeployed: app.notDeployed ?? null,
    clusters: clusterTable(model, index, app),
    ref: ref(app.source),
    purpose: appPurpose(app, readme, helmReleases),
    notes: readme?.notes ?? [],
    deployment: deployment(index, appliedBy),
    // The chart source was resolved once, at model time (repo/extract/chart-source.ts).
    charts: helmReleases.map((h) => ({
      release: h.name,
      releaseName: h.releaseName,
      chart: h.chart.name,
      ...(h.chart.name === null && h.chart.via === 'chartRef' && h.chart.sourceRef && !h.chart.sourceAt ? { chartOf: `chart of ${h.chart.sourceRef.kind ?? 'OCIRepository'}/${h.chart.sourceRef.name}, not in the repository` } : {}),
      version: h.chart.version,
      repository: h.chart.url,
      sourceRef: h.chart.sourceRef ? `${h.chart.sourceRef.kind ?? 'Source'}/${h.chart.sourceRef.name}` : null,
      interval: h.interval,
      timeout: h.timeout,
      suspend: h.suspend === true,
      settings: (h.settings ?? []).map((s) => ({ path: s.path, value: s.value, ...(s.list ? { list: s.list } : {}), ref: ref(s.source) })),
      ref: ref(h.source),
      ...versionRef(h),
      valuesFrom: valuesFromSources(model, h).map(({ line, ...v }) => ({ ...v, ref: ref({ ...h.source, line: line ?? h.source.line }) })),
    })),
    images: [
      ...helmReleases.flatMap((h) => h.images.map((i) => ({ repository: i.repository, tag: i.tag, digest: i.digest, path: i.path, ref: ref(i.source), chartDefault: i.chartDefault === true, origin: 'values' as const, policy: i.policy ?? null }))),
      // Workload manifests of the app (plain Deployments, CronJobs): each container's image; and the
      // image an operator's resource runs (a CloudNativePG Cluster's spec.imageName). (A HelmRelease's
      // are its values' images, listed above.)
      ...own(model.objects)
        .filter((o) => runsManifestImages(o) && applied(o))
        .flatMap((o) => o.images!.map((i) => ({ repository: i.repository, tag: i.tag, digest: i.digest, path: `${o.kind} ${o.name}, ${i.path}`, ref: ref(i.source), chartDefault: false, origin: 'manifest' as const, policy: i.policy ?? null }))),
    ],
    dependsOn: dependsOn(index, app, appliedBy),
    dependedOnBy: dependedOnBy(index, app),
    endpoints: appEndpoints(model, app.id),
    storage,
    secrets,
    backup,
    monitoring: {
      monitors: monitors.map((m) => ({ kind: m.monitorKind === 'values' ? `values: ${m.valuesPath ?? ''}` : m.madeBy ? `${m.kind} (made by the operator: ${m.madeBy})` : m.kind, name: m.name, rules: m.rules, ref: ref(m.source) })),
      monitoredBy,
      networkPolicies,
      networkUnknown,
      policyExceptions: own(model.policyExceptions).map((p) => ({ name: p.name, policies: p.policies, ref: ref(p.source) })),
      // (Cited where the value is written: a valuesFrom's values.yaml, else the release; outside review.)
      resources: values.flatMap(({ h, v }) => v.resources.map((r) => ({ ...r, ref: ref(valuesPlace(h, r.path)) }))),
      securityContext: values.flatMap(({ h, v }) => v.securityContext.map((s) => ({ ...s, ref: ref(valuesPlace(h, s.path)) }))),
    },
    findings: appFindings(model, app.id),
    // Of an app whose manifests are in another repository, none of this is known here. (One that is
    // only partly so, external.partly, gets none either: /health/'s matrices leave it out, isExternalApp.)
    badges: {
      missingBackup: external === null && !notDeployed && (backup.status === 'missing' || backup.status === 'partial'),
      missingMonitoring: external === null && podsUnknown === null && monitors.length === 0 && monitoredBy.length === 0,
      missingNetworkPolicy: external === null && networkUnknown === null && networkPolicies.length === 0,
    },
  };
}

/** An object whose manifest names the images it runs: a workload's containers, an operator's resource (not a HelmRelease: its values' images are the release's). */
function runsManifestImages(o: KObject): boolean {
  return o.images !== undefined && !o.disabled && (isWorkload(o) || o.group !== 'helm.toolkit.fluxcd.io');
}

/** The app's endpoints as its page lists them: its own routes, and routes of another app to its Services. */
export function appEndpoints(model: RepoModel, appId: string): AppFacts['endpoints'] {
  const index = factsIndex(model);
  return [
    ...(index.byApp(model.endpoints).get(appId) ?? [])
      .filter((e) => !e.disabled)
      .map((e) => ({ kind: e.kind, name: e.name, hosts: e.hosts, ...servedThrough(model, e), gatus: e.gatus, ref: ref(e.source) })),
    // Routes written with another app (a platform folder's) that send traffic to this app's Services.
    ...(routedToApps(model).get(appId) ?? []).map((e) => ({ kind: e.kind, name: e.name, hosts: e.hosts, ...servedThrough(model, e), gatus: e.gatus, definedIn: e.appId!, ref: ref(e.source) })),
  ];
}

/** The settings of the Flux Kustomizations `appliedBy` (ids), as the app page lists them. */
export function deployment(index: FactsIndex, appliedBy: readonly string[]): AppFacts['deployment'] {
  return appliedBy
    .map((id) => index.kustomizations.get(id))
    .filter((k) => k !== undefined)
    .map((k) => ({
      id: k.id,
      name: k.name,
      namespace: k.namespace,
      path: k.path,
      interval: k.interval,
      timeout: k.timeout,
      retryInterval: k.retryInterval,
      wait: k.wait,
      prune: k.prune,
      suspend: k.suspend,
      targetNamespace: k.targetNamespace,
      decryption: k.decryption ? { provider: k.decryption, secret: k.decryptionSecret ?? null } : null,
      // (With its namespace where that is not flux-system: a sourceRef without one looks in the
      // Kustomization's own, which the page should show; outside review.)
      source: k.sourceRef ? `${k.sourceRef.kind ?? 'Source'}/${k.sourceRef.namespace && k.sourceRef.namespace !== 'flux-system' ? `${k.sourceRef.namespace}/` : ''}${k.sourceRef.name}` : null,
      substitutions: [...k.postBuild.substitute].sort(),
      substituteFrom: k.postBuild.substituteFrom.map((s) => `${s.kind}/${s.name}`),
      disabled: k.disabled,
      ref: ref(k.source),
    }))
    .sort((a, b) => Number(a.disabled !== null) - Number(b.disabled !== null) || a.name.localeCompare(b.name));
}


/**
 * The same app on every cluster that runs it (apps of one folder and name, one per cluster), each
 * with its chart versions and image references: where values or an overlay's `images:` differ per
 * cluster, the page shows them. Images as the app's own list has them: its releases' values, and its
 * workload manifests and operators' resources (an outside review found "production —, staging —" for
 * Deployments running 0.9.2 and 0.8.12).
 */
function clusterTable(model: RepoModel, index: FactsIndex, app: App): AppFacts['clusters'] {
  if (!app.cluster) return [];
  const siblings = groupBy(model.apps, folderAndNameOf).get(`${app.dir}\u0000${app.name}`) ?? [];
  if (siblings.length < 2) return [];
  const ref = (i: { repository: string; tag: string | null }) => `${i.repository}${i.tag ? `:${i.tag}` : ''}`;
  return siblings
    .map((a) => {
      const releases = (index.byApp(model.helmReleases).get(a.id) ?? []).filter((h) => !h.disabled);
      const manifests = (index.byApp(model.objects).get(a.id) ?? []).filter(runsManifestImages);
      return {
        cluster: a.cluster!,
        path: appPath(a),
        here: a.id === app.id,
        // (A chart of unknown name is labelled by its release, never taken for the chart.)
        chartVersions: [...new Set(releases.map((h) => `${h.chart.name ?? `release ${h.name}`} ${h.chart.version ?? ''}`.trim()))].sort(),
        images: [...new Set([...releases.flatMap((h) => h.images.map(ref)), ...manifests.flatMap((o) => o.images!.map(ref))])].sort(),
      };
    })
    .sort((a, b) => a.cluster.localeCompare(b.cluster));
}

/**
 * Where a patch pins the chart's version (an overlay's, a Component's, a Flux Kustomization's
 * spec.patches): outside the file of the object that holds it (the release, or a chartRef's
 * OCIRepository or HelmChart), whose own line says another version (outside review: "helmrelease.yaml:1
 * ... 6.7.0" where that file says 6.5.0).
 */
function versionRef(h: HelmRelease): { versionRef?: AppFacts['charts'][number]['ref'] } {
  const at = h.chart.versionAt;
  const holder = h.chart.via === 'chartRef' ? h.chart.sourceAt : h.source;
  return at && holder && at.file !== holder.file ? { versionRef: ref(at) } : {};
}

const monitoringRows = new WeakMap<RepoModel, Map<string, MonitoringRow>>();

/**
 * The monitoring the app's own monitors do not show, judged as /health/monitoring/ judges it (one
 * matrix per model): its chart monitors itself (kube-prometheus-stack), another app scrapes it, or a
 * job scrapes its pods if its chart annotates them.
 */
function otherMonitoring(model: RepoModel, appId: string): AppFacts['monitoring']['monitoredBy'] {
  let rows = monitoringRows.get(model);
  if (!rows) monitoringRows.set(model, (rows = new Map(monitoringMatrix(model).result.rows.map((r) => [r.appId, r]))));
  const row = rows.get(appId);
  if (!row) return [];
  return [
    ...(row.byDefault ? [{ what: `the ${row.operator ?? 'chart'} chart monitors itself by default`, ref: ref(row.ref) }] : []),
    ...row.fromElsewhere.map((e) => ({ what: e.what, ref: ref(e.ref) })),
    // (A job keeping pods by their scrape annotation, where the chart decides whether it annotates them:
    // the reason /health/monitoring/ raises no MONITORING_MISSING; outside review.)
    ...row.ifAnnotated.map((e) => ({ what: e.what, ref: ref(e.ref) })),
  ];
}

/**
 * Where a FluxInstance of the repository installs Flux in the app's namespace (outside review: the
 * page said Flux's install was not in the repository beside the FluxInstance): what its
 * `spec.cluster.networkPolicy` says of the NetworkPolicies the operator applies with the controllers.
 * Not judged further: the policies are the operator's, not manifests of the repository.
 */
function fluxInstanceNote(model: RepoModel, app: App): string | null {
  const instance = model.objects.find((o) => o.kind === 'FluxInstance' && o.group === 'fluxcd.controlplane.io' && o.namespace === app.namespace && o.fluxNetworkPolicy !== undefined && isLive(o, model) && (model.clusters.length <= 1 || o.cluster === undefined || o.cluster === null || o.cluster === app.cluster));
  if (!instance) return null;
  const named = `the FluxInstance ${instance.name} (${instance.source.file}:${instance.source.line})`;
  return instance.fluxNetworkPolicy
    ? `Flux is installed by ${named}, whose spec.cluster.networkPolicy is true (the default where unset): the operator applies the NetworkPolicies of Flux's install in ${app.namespace} (allow-egress, allow-scraping, allow-webhooks), which are not manifests of the repository.`
    : `Flux is installed by ${named} with spec.cluster.networkPolicy: false: the operator applies none of the NetworkPolicies of Flux's install, so nothing here restricts traffic to Flux's controllers.`;
}
