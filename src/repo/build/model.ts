import type { ArtifactPush } from '../artifact-pushes.ts';
import type { EnvValueNote } from '../generator-inputs.ts';
import type { GeneratorValues } from '../generator-values.ts';
import type { SourceIgnoreFile } from './source-ignore.ts';
import { appliedTwice, uniqueIds } from './unique-ids.ts';
import { nonStringValueFindings } from './value-types.ts';
import { fluxSpecFieldFindings } from './flux-spec-fields.ts';
import { envValueFindings, valuesFromFindings, type ValuesFromMiss } from './values-from-findings.ts';
import type { App } from '../../model/app.ts';
import { finding, sortFindings, type Finding } from '../../model/finding.ts';
import type { FluxKustomization, FluxSource } from '../../model/flux.ts';
import type { KObject, ObjectRef } from '../../model/k8s-object.ts';
import { knownPicks, namespaceLabels } from '../../model/namespace-picks.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import { obj, stringMap, underOffBlock } from '../../model/values.ts';
import { emptyRepoModel, type RepoFile, type RepoModel } from '../../model/repo-model.ts';
import { isStoreOf, type ExternalSecret } from '../../model/secrets.ts';
import type { Pvc } from '../../model/storage.ts';
import { fluxInstanceVersion, toFluxKustomization, toFluxSource } from '../extract/flux.ts';
import { chartSources, toHelmChartSource } from '../extract/chart-source.ts';
import { toHelmRelease, valuesSource } from '../extract/helm-release.ts';
import { endpointsFromValues, isLoadBalancer, monitorsFromValues, operatorMonitors, toEndpoint, toServiceEndpoint, toKyvernoPolicy, toMonitor, toPolicyException, toVpa } from '../extract/observe-secure.ts';
import { toNetworkPolicy } from '../extract/network-policy.ts';
import { gatewayTls, ingressSecretUses } from '../extract/route-refs.ts';
import { isSyncedSecret, operatorSecretNames, toClusterExternalSecret, toExternalSecret, toPushSecret, toSealedSecret, toSecret, toSecretStore, toSyncedSecret } from '../extract/secrets.ts';
import { cnpgVolumes, signalsOf, withCnpgSchedules, releaseNamespace, statefulSetClaims, storageFacts, toBackupObject, toPvc, withStorageBackends } from '../extract/storage.ts';
import { pvcsFromValues } from '../extract/storage-values.ts';
import { base } from '../extract/base.ts';
import { backupJobClaims, dumpJobHosts, customResourceImages, resourceSecretUses, scaleTargetOf, workloadClaims, workloadFsBackupClaims, workloadImages, workloadNfs, workloadPodMetadata, workloadSecretUses } from '../extract/workload.ts';
import { groupApps, type Placed } from './apps.ts';
import { generatorUses } from './generator-files.ts';
import { defaultStorageClass, patchedDefaults } from './default-storage-class.ts';
import { withFileApps } from './file-apps.ts';
import { firstKustomizeDocs, toKustomizeFile } from './kustomize-file-read.ts';
import { treeOf } from './kustomize-tree.ts';
import { resolveFlux } from './resolve.ts';
import { sopsRules } from './sops-rules.ts';
import { makeValuesLookup } from './values-lookup.ts';
import { valuesManifests } from './values-manifests.ts';
import { isHelmReleaseFragment, metaName, toWorkDoc, type WorkDoc } from './work-doc.ts';
import { isLocalConfig, patchFilesOf, withBuiltNames } from './flux-path-builder.ts';
import { sopsFiles } from './sops-files.ts';
import { existingClaimFindings, type ExistingClaim } from './claims-missing.ts';
import { outsideContentNamespaces } from '../../model/outside-content.ts';
import { unlistedFiles, unreachedFolders } from './unlisted-files.ts';
import { fluxInstanceSyncs, resourceSetNotes, resourceSetTemplates } from './flux-instance.ts';
import { kustomizationFileObjects, notDeployedFindings, quietUnreadFiles, unlistedFindings } from './deployment-notes.ts';
import { dirOf } from './paths.ts';
import { sopsDecryptionFindings } from './sops-decryption.ts';
import { variableSource } from './variable-source.ts';
import { imageAutomationFindings } from './image-automation.ts';
import { sharedVolumeFindings } from './shared-volumes.ts';

export interface BuildInput {
  name: string;
  files: RepoFile[];
  docs: RawDoc[];
  findings: Finding[];
  /**
   * Whether a path the files leave out is on disk all the same (the scan asks the disk); without it,
   * a path a kustomization.yaml names that is not among the files is not known to be missing.
   */
  onDisk?: (path: string) => boolean;
  /** Whether git ignores a path that is on disk (a scan that listed the files with git says). */
  gitIgnores?: (path: string) => boolean;
  /** Paths that are symbolic links (Flux's artifacts leave them out). */
  links?: ReadonlySet<string>;
  /** Folders the repository's CI or scripts push as OCI artifacts (`flux push artifact`). */
  artifactPushes?: readonly ArtifactPush[];
  /** Lines of generators' env files whose value kustomize keeps as written (an inline comment, quotes). */
  envNotes?: readonly EnvValueNote[];
  /** Markdown files listed under a kustomization's resources whose text stops kustomize (named-json.ts). */
  markdownResources?: ReadonlySet<string>;
  /** What the plain inputs of configMapGenerators hold, by path (generator-values.ts); never a Secret's. */
  generatorValues?: ReadonlyMap<string, GeneratorValues>;
  /** The `.sourceignore` files, with their text: what source-controller leaves out of this repository's artifact (source-ignore.ts). */
  sourceIgnoreFiles?: readonly SourceIgnoreFile[];
}

/** Test data and the files of a Helm chart kept in the repository (`charts/<chart>/...`). */
const TEST_OR_CHART_FILE = /(^|\/)(tests?|testdata|fixtures?|ci)\/|(^|\/)charts\/[^/]+\//i;

const byId = <T extends { id: string; source: { file: string; line: number } }>(a: T, b: T) =>
  a.id.localeCompare(b.id) || a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line;

/** From the documents read off disk to the whole RepoModel. Pure: no I/O. */
export function buildModel(input: BuildInput): RepoModel {
  const findings: Finding[] = [...input.findings];
  const works = input.docs.map(toWorkDoc).filter((w): w is WorkDoc => w !== null);
  const archivedFiles = new Map(input.files.filter((f) => f.archived !== undefined).map((f) => [f.path, f.archived!]));
  for (const w of works) {
    const archive = archivedFiles.get(w.file);
    if (archive !== undefined) w.archived = archive;
  }
  const firstDocs = firstKustomizeDocs(works);
  for (const f of firstDocs.findings) findings.push(f);
  const kustomizeFiles = firstDocs.kept.map(toKustomizeFile);
  const tree = treeOf(input, works, kustomizeFiles);
  // kustomize reads manifests with kyaml, which refuses a document with a YAML error or a duplicate
  // key: a build that adds such a file stops (KUSTOMIZE_FILE_UNREADABLE). Documents found in comments
  // (no docIndex) are no manifests of the file.
  for (const f of input.findings) {
    if (f.source.docIndex === undefined || tree.unreadable.has(f.source.file)) continue;
    if (f.code === 'YAML_PARSE_ERROR') tree.unreadable.set(f.source.file, { line: f.source.line, why: 'is not valid YAML' });
    else if (f.code === 'YAML_DUPLICATE_KEY') tree.unreadable.set(f.source.file, { line: f.source.line, why: 'has a key twice in one mapping ("mapping key already defined")' });
  }
  // Patch and replacement files are read as written: a JSON 6902 patch file is a list, no object.
  const rawByFile = new Map<string, unknown[]>();
  for (const d of input.docs) if (!d.disabled) (rawByFile.get(d.source.file) ?? rawByFile.set(d.source.file, []).get(d.source.file)!).push(d.value);
  // The Kustomization a FluxInstance's spec.sync makes in the cluster (no gotk-sync.yaml in the repository).
  works.push(...fluxInstanceSyncs(works, (path) => tree.hasDir(path), input.artifactPushes, (file) => rawByFile.get(file) ?? []));
  const byFile = new Map<string, WorkDoc[]>();
  for (const w of works) (byFile.get(w.file) ?? byFile.set(w.file, []).get(w.file)!).push(w);
  const resolved = resolveFlux(works, tree, byFile, (file) => rawByFile.get(file) ?? [], input.artifactPushes);
  // A missing file a Flux build stops at is its error; the same entry's warning (from the folder walk,
  // or the patch step) would say it again.
  const stopped = new Set(resolved.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING' || f.code === 'KUSTOMIZE_FIELD_INVALID' || ((f.code === 'PATCH_NO_TARGET' || f.code === 'PATCH_NOT_APPLIED') && f.severity === 'error')).map((f) => `${f.source.file}:${f.source.line}`));
  const again = (f: Finding) => (f.code === 'KUSTOMIZE_RESOURCE_MISSING' || ((f.code === 'PATCH_NOT_APPLIED' || f.code === 'PATCH_NO_TARGET') && f.severity === 'warning')) && stopped.has(`${f.source.file}:${f.source.line}`);
  for (const f of [...resolved.findings, ...tree.findings]) if (!again(f)) findings.push(f);
  for (const k of kustomizeFiles) {
    k.deployed = resolved.deployedKustomizeFiles.has(k.file);
    withBuiltNames(k, resolved.generatedNames, resolved.generatedClusters);
    for (const e of [...k.resources, ...k.components]) {
      const placed = resolved.remoteNamespaces.get(`${k.file}:${e.line}`);
      if (placed && placed.size > 0 && !placed.has(null)) e.namespaces = [...placed].sort() as string[];
    }
  }
  // A file of an archive folder (a glob of `archive`; by default also any `templates/` folder, where
  // homelabs keep app scaffolds) that a Flux build a root reaches deploys from is in use, not retired:
  // a `templates/volsync` that apps list as a resource was shown as an archive, its claim under no app.
  const inUse = new Set(resolved.objects.filter((w) => w.archived !== undefined && w.owners[0]?.reached === true && w.owners[0].blockedBy === undefined).map((w) => w.file));
  for (const w of [...works, ...resolved.objects]) if (w.archived !== undefined && inUse.has(w.file)) delete w.archived;
  const files = inUse.size === 0 ? input.files : input.files.map((f) => (f.archived !== undefined && inUse.has(f.path) ? withoutArchive(f) : f));

  // The copies each Flux build made, and the documents no build reached (component templates,
  // leftovers), each an object of the model.
  const objects = resolved.objects.filter((w) => !w.isKustomizeFile);
  // What charts render from their values as written (extraObjects): objects of the release's build.
  objects.push(...objects.filter((w) => w.kind === 'HelmRelease' && w.group === 'helm.toolkit.fluxcd.io').flatMap(valuesManifests));
  const placed: Placed[] = [];
  const place = <T extends KObject>(o: T, doc: WorkDoc): T => {
    o.owner = doc.owners[0] ? idOf.get(doc.owners[0]) ?? null : null;
    placed.push({ object: o, doc });
    return o;
  };
  const idOf = new Map<WorkDoc, string>();
  for (const w of objects) idOf.set(w, base(w).id);
  const is = (w: WorkDoc, group: string | RegExp, ...kinds: string[]) =>
    (typeof group === 'string' ? w.group === group : group.test(w.group)) && kinds.includes(w.kind);

  const kustomizations: FluxKustomization[] = [];
  const sources: FluxSource[] = [];
  const generic: KObject[] = [];
  for (const w of objects) {
    if (w.isFluxKs) kustomizations.push(place(toFluxKustomization(w), w));
    else if (is(w, 'source.toolkit.fluxcd.io', 'GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'ExternalArtifact')) {
      // (The Secrets it authenticates with, `secretRef`, `certSecretRef`, `proxySecretRef`, `verify.secretRef`:
      // used by the source; outside review, a GitRepository's `git-auth` was used by nothing.)
      const secretUses = resourceSecretUses(w);
      sources.push(place({ ...toFluxSource(w), ...(secretUses.length > 0 ? { secretUses } : {}) }, w));
    }
  }
  const found = makeValuesLookup(works, kustomizeFiles, input.docs, new Set(input.files.map((f) => f.path)), kustomizations.length === 0 ? null : resolved.builtKustomizeFiles, objects);
  // valuesFrom a ConfigMap or Secret the release cannot find by its name (a generator's hash, a namePrefix).
  const valuesMisses: ValuesFromMiss[] = [];
  const lookup: typeof found = (kind, name, namespace, key, from) => {
    const got = found(kind, name, namespace, key, from);
    if (got.hashed || got.renamed) valuesMisses.push({ from, kind, name, ...(got.hashed ? { hashed: got.hashed } : {}), ...(got.renamed ? { renamed: got.renamed } : {}) });
    return got;
  };
  const charts = chartSources(sources, objects.filter((w) => is(w, 'source.toolkit.fluxcd.io', 'HelmChart')).map(toHelmChartSource));
  const model = emptyRepoModel(input.name, {
    files,
    kustomizeFiles,
    kustomizations,
    sources,
    sopsRules: sopsRules(input.docs),
    redactions: input.docs.flatMap((d) => d.redactions),
  });
  const externalSecrets: Omit<ExternalSecret, 'storeFound'>[] = [];
  const existingClaims: ExistingClaim[] = [];
  const cnpgSchedules: WorkDoc[] = [];
  const templateClaims: { v: Pvc; w: WorkDoc }[] = [];
  for (const w of objects) {
    if (w.isFluxKs || is(w, 'source.toolkit.fluxcd.io', 'GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'ExternalArtifact')) continue;
    // kustomize's own configuration in a file of another name (`clusters/stage/apps.yaml`), which no
    // build takes in: no object of any cluster (one a Flux build takes in is FLUX_APPLY_KUSTOMIZE_CONFIG).
    if (w.group === 'kustomize.config.k8s.io' && w.owners.length === 0) continue;
    // (Nor a resource kustomize uses as input only, `config.kubernetes.io/local-config: "true"`.)
    if (w.owners.length === 0 && isLocalConfig(w.body)) continue;
    if (is(w, 'helm.toolkit.fluxcd.io', 'HelmRelease')) {
      const hr = place(toHelmRelease(w, charts, lookup), w);
      model.helmReleases.push(hr);
      // Claim names depend on the chart's version (resolved with the chart: for a chartRef, the OCIRepository's ref).
      const fromValues = pvcsFromValues(hr, w);
      // (A claim a StatefulSet's template makes, the chart's or its operator's, is the claim a manifest of
      // the same name pre-creates, as for a StatefulSet manifest below.)
      for (const p of fromValues.pvcs) if (p.origin === 'volumeClaimTemplate') templateClaims.push({ v: p, w });
      else model.pvcs.push(place(p, w));
      for (const c of fromValues.existingClaims) existingClaims.push({ claim: c.claim, namespace: releaseNamespace(hr, w), hr, source: valuesSource(w, `${c.key}.existingClaim`) });
      for (const m of monitorsFromValues(hr, w)) model.monitors.push(place(m, w));
      for (const e of endpointsFromValues(hr, w)) model.endpoints.push(place(e, w));
    } else if (is(w, 'external-secrets.io', 'ExternalSecret')) externalSecrets.push(place({ ...toExternalSecret(w), storeFound: false }, w));
    else if (is(w, 'external-secrets.io', 'ClusterExternalSecret')) model.clusterExternalSecrets.push(place({ ...toClusterExternalSecret(w), storeFound: false }, w));
    else if (is(w, 'external-secrets.io', 'PushSecret')) {
      // (The Secret it pushes is read in its own namespace: used by it.)
      const p = toPushSecret(w);
      const secretUses = p.secretName === null ? [] : [{ name: p.secretName, via: ['secretRef' as const], ...(w.ns !== null && !w.nsDefaulted ? { namespace: w.ns } : {}) }];
      model.pushSecrets.push(place({ ...p, storeFound: false, ...(secretUses.length > 0 ? { secretUses } : {}) }, w));
    }
    else if (is(w, 'external-secrets.io', 'SecretStore', 'ClusterSecretStore')) model.secretStores.push(place(toSecretStore(w), w));
    else if (is(w, '', 'Secret')) model.secrets.push(place(toSecret(w), w));
    else if (is(w, 'bitnami.com', 'SealedSecret')) model.sealedSecrets.push(place(toSealedSecret(w), w));
    else if (isSyncedSecret(w)) model.syncedSecrets.push(place(toSyncedSecret(w), w));
    else if (is(w, '', 'PersistentVolumeClaim')) model.pvcs.push(place(toPvc(w), w));
    else if (is(w, 'monitoring.coreos.com', 'ServiceMonitor', 'PodMonitor', 'PrometheusRule')) model.monitors.push(place(toMonitor(w), w));
    else if (is(w, 'networking.k8s.io', 'NetworkPolicy') || is(w, 'cilium.io', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy')) model.networkPolicies.push(place(toNetworkPolicy(w), w));
    else if (is(w, 'networking.k8s.io', 'Ingress') || is(w, 'gateway.networking.k8s.io', 'HTTPRoute', 'GRPCRoute', 'Gateway') || is(w, /^traefik\.(io|containo\.us)$/, 'IngressRoute') || is(w, 'projectcontour.io', 'HTTPProxy')) {
      // (A route's own Secrets, the TLS secret an HTTPProxy's virtual host names: used, as on any object; code review.
      // A Gateway's listeners' certificates too.
      // An Ingress's ingress-nginx annotations name the Secrets of its basic auth and client certificates.)
      const secretUses = w.kind === 'HTTPProxy' ? resourceSecretUses(w) : w.kind === 'Gateway' ? gatewayTls(obj(w.body.spec)).map((t) => ({ name: t.secretName, via: ['secretRef' as const] })) : w.kind === 'Ingress' ? ingressSecretUses(stringMap(obj(w.body.metadata).annotations), w.nsDefaulted ? null : w.ns) : [];
      model.endpoints.push(place({ ...toEndpoint(w), ...(secretUses.length > 0 ? { secretUses } : {}) }, w));
    }
    else if (is(w, '', 'Service') && isLoadBalancer(obj(w.body.spec))) model.endpoints.push(place(toServiceEndpoint(w), w));
    else if (is(w, /^kyverno\.io$/, 'ClusterPolicy', 'Policy')) model.kyvernoPolicies.push(place(toKyvernoPolicy(w), w));
    else if (is(w, /^kyverno\.io$/, 'PolicyException')) model.policyExceptions.push(place(toPolicyException(w), w));
    else if (is(w, 'autoscaling.k8s.io', 'VerticalPodAutoscaler')) model.vpas.push(place(toVpa(w), w));
    else {
      const backup = toBackupObject(w);
      if (backup) model.backupObjects.push(place(backup, w));
      else {
        const images = [...workloadImages(w), ...customResourceImages(w)];
        const secretUses = [...workloadSecretUses(w), ...resourceSecretUses(w)];
        const makesSecrets = operatorSecretNames(w);
        const backsUpClaims = backupJobClaims(w);
        const dumpsHosts = dumpJobHosts(w);
        const mountsClaims = workloadClaims(w);
        const fsBackupClaims = workloadFsBackupClaims(w);
        const nfsShares = workloadNfs(w);
        generic.push(place({ ...base(w), ...(images.length > 0 ? { images } : {}), ...(secretUses.length > 0 ? { secretUses } : {}), ...(makesSecrets.length > 0 ? { makesSecrets } : {}), ...(backsUpClaims.length > 0 ? { backsUpClaims } : {}), ...(dumpsHosts.length > 0 ? { dumpsHosts } : {}), ...(mountsClaims.length > 0 ? { mountsClaims } : {}), ...(fsBackupClaims.length > 0 ? { fsBackupClaims } : {}), ...(nfsShares.length > 0 ? { nfsShares } : {}), ...scaleTargetOf(w), ...workloadPodMetadata(w), ...fluxInstanceVersion(w), ...storageFacts(w) }, w));
        // The monitors an operator makes from a switch on its resource (CloudNativePG's enablePodMonitor).
        for (const m of operatorMonitors(w)) model.monitors.push(place(m, w));
        // The claims an operator makes from its resource, and the backups it schedules of them.
        if (is(w, 'postgresql.cnpg.io', 'Cluster')) for (const v of cnpgVolumes(w)) model.pvcs.push(place(v, w));
        else if (is(w, 'apps', 'StatefulSet')) for (const v of statefulSetClaims(w)) templateClaims.push({ v, w });
        // (Only one a build applies: not one commented out, left out of its kustomization.yaml or unreached.)
        else if (is(w, 'postgresql.cnpg.io', 'ScheduledBackup') && !w.raw.disabled && (w.owners.length > 0 || kustomizations.length === 0)) cnpgSchedules.push(w);
      }
    }
  }
  withCnpgSchedules(model.pvcs, cnpgSchedules);
  // A claim a StatefulSet's template makes is the claim a manifest of the same name pre-creates (the
  // controller adopts it), and one StatefulSet built twice makes its claims once.
  const claimIds = new Set(model.pvcs.map((p) => p.id));
  for (const { v, w } of templateClaims) if (!claimIds.has(v.id)) (claimIds.add(v.id), model.pvcs.push(place(v, w)));
  withStorageBackends(model.pvcs, objects);
  // In place: these are the objects placed in apps (a copy here once left every ExternalSecret without its app).
  for (const e of externalSecrets as ExternalSecret[]) {
    e.storeFound = !e.storeRefMissing && e.stores.every((r) => model.secretStores.some((s) => isStoreOf(r, e.cluster, s)));
  }
  model.externalSecrets = externalSecrets as ExternalSecret[];
  const storeAt = (r: ObjectRef, cluster: string | null | undefined) => model.secretStores.some((s) => isStoreOf(r, cluster, s));
  for (const p of model.pushSecrets) p.storeFound = p.stores.length + p.storeSelectors > 0 && p.stores.every((r) => storeAt(r, p.cluster));
  // A ClusterExternalSecret's SecretStore is the one of each namespace it makes its ExternalSecret in
  // (those the repository knows it picks; one of that name somewhere, where it knows none).
  for (const c of model.clusterExternalSecrets) {
    const picked = knownPicks(c, namespaceLabels(generic, c.cluster)).namespaces;
    const namespaced = (r: ObjectRef) => (picked.length > 0 ? picked.every((ns) => storeAt({ ...r, namespace: ns }, c.cluster)) : model.secretStores.some((s) => s.kind === 'SecretStore' && s.name === r.name && (s.cluster ?? null) === (c.cluster ?? null)));
    c.storeFound = !c.storeRefMissing && c.stores.every((r) => ((r.kind ?? 'SecretStore') === 'SecretStore' ? namespaced(r) : storeAt(r, c.cluster)));
  }
  // A pod mounts a claim of its own namespace and cluster: each cluster's copy of a shared base's
  // release mounts that cluster's copy of the claim (outside review: production's claim listed the
  // staging release as its user too, staging's none), and a claim of another namespace is none of it.
  const pvcsAt = Map.groupBy(model.pvcs, (p) => `${p.cluster ?? ''}\u0000${p.namespace ?? ''}\u0000${p.name}`);
  for (const c of existingClaims) {
    const pvc = pvcsAt.get(`${c.hr.cluster ?? ''}\u0000${c.namespace ?? ''}\u0000${c.claim}`)?.[0];
    if (pvc) pvc.existingClaimOf.push(c.hr.id);
  }
  model.backupSignals = signalsOf(model.pvcs);
  // The namespace a build puts a SOPS document in (its folder's kustomization.yaml `namespace:`, a
  // targetNamespace), where every build agrees: what kustomize emits, over what the file says (the
  // secrets inventory listed a Secret in kube-system that its folder's `namespace: security` moves;
  // outside review).
  // So is the name a build gives it (a patch renaming `tandoor-db-credentials` to the name its app reads;
  // outside review: the written name was shown defined, the one the app reads used by nothing).
  const placedNs = new Map<RawDoc, Set<string>>();
  const placedName = new Map<RawDoc, Set<string>>();
  const add = (m: Map<RawDoc, Set<string>>, d: RawDoc, v: string | null) => v && (m.get(d) ?? m.set(d, new Set()).get(d)!).add(v);
  for (const w of objects) if (w.instanceOf) (add(placedNs, w.raw, w.ns), add(placedName, w.raw, metaName(w)));
  const one = (m: Map<RawDoc, Set<string>>) => (d: RawDoc) => (m.get(d)?.size === 1 ? [...m.get(d)!][0]! : null);
  model.sopsFiles = sopsFiles(input.docs, generatorUses(kustomizeFiles, (k) => kustomizations.length === 0 || k.deployed), one(placedNs), one(placedName));

  findings.push(...uniqueIds(placed), ...appliedTwice(placed, idOf), ...nonStringValueFindings(objects, idOf), ...fluxSpecFieldFindings(objects, idOf));
  // Owners name the Kustomization by its final id: of two Kustomizations of one name (a reached one and
  // an unreached twin in another file), the suffixed one is `#2`, and its objects must say so (they
  // were judged by the twin's reachability).
  const finalId = new Map<WorkDoc, string>();
  for (const p of placed) if (p.doc.isFluxKs) finalId.set(p.doc, p.object.id);
  for (const p of placed) {
    const owner = p.doc.owners[0];
    const id = owner ? finalId.get(owner) : undefined;
    if (id !== undefined) p.object.owner = id;
  }
  findings.push(...resourceSetNotes(objects), ...imageAutomationFindings(objects, input.docs, kustomizations));
  const templated = resourceSetTemplates(objects);
  if (templated.length > 0) model.templated = templated;

  // Clusters: each copy knows the cluster whose build made it, when there are several.
  const grouped = groupApps(placed, (d) => d.cluster ?? null, { kustomizeFiles });
  findings.push(...grouped.findings);
  model.apps = withReadmes(grouped.apps, files);
  // One answer to "which app is this file's": the app of its objects, else of its folder.
  model.files = withFileApps(files, placed.map((p) => p.object), model.apps, resolved.fileClusters);
  const appOfFile = new Map(model.files.map((f) => [f.path, f.appId ?? null]));
  const appsOfFile = new Map<string, Set<string>>();
  for (const p of placed) if (p.object.appId && p.doc.instanceOf && !p.doc.raw.disabled) (appsOfFile.get(p.doc.file) ?? appsOfFile.set(p.doc.file, new Set()).get(p.doc.file)!).add(p.object.appId);
  // (A file whose objects two apps hold, each cluster's copy of a shared base, is both apps', not its
  // folder's layer app: outside review, the velero app listed no SOPS file while its four Secrets showed.)
  for (const s of model.sopsFiles) {
    const apps = [...(appsOfFile.get(s.file) ?? [])].sort();
    s.appId = apps.length > 1 ? null : (appOfFile.get(s.file) ?? null);
    if (apps.length > 1) s.apps = apps;
  }
  model.clusters = resolved.clusters;
  // Namespaces of what is deployed (or switched off in place): an archived app invents none.
  model.namespaces = [...new Set(model.apps.filter((a) => !a.notDeployed).map((a) => a.namespace))].sort();
  findings.push(...notDeployedFindings(model.apps));
  model.objects = placed.map((p) => p.object);
  findings.push(...kustomizationFileObjects(model.objects, kustomizeFiles, new Set(model.kustomizations.filter((k) => k.isRoot).map((k) => k.id))));
  // Files their folder's kustomization.yaml leaves out: one note each, and they are not checked.
  const unlisted = unlistedFiles(model);
  const unreached = unreachedFolders(model);
  // Their objects are switched off as an unlisted file's are: an app deployed otherwise showed a
  // release of such a folder as running (its chart and images on the app page).
  const unreachedFiles = new Set([...unreached.values()].flat());
  for (const o of model.objects) if (o.disabled === null && o.owner === null && unreachedFiles.has(o.source.file)) o.disabled = 'unlisted';
  if (unlisted.size > 0) {
    model.files = model.files.map((f) => (unlisted.has(f.path) ? { ...f, unlisted: unlisted.get(f.path)! } : f));
    // Their objects are switched off as surely as a commented-out document: a HelmRelease whose file
    // is commented out of its folder's list, beside a claim that is applied, made the app page show
    // its chart, images and ingress as running, and a restore runbook suspend a release never created.
    // (Not a cluster root, nor what its file holds besides: a root is applied by hand or by the bootstrap,
    // whatever a kustomization.yaml beside it lists.)
    const rootFiles = new Set(model.kustomizations.filter((k) => k.isRoot).map((k) => k.source.file));
    for (const o of model.objects) if (o.disabled === null && o.owner === null && unlisted.has(o.source.file) && !rootFiles.has(o.source.file)) o.disabled = 'unlisted';
    // A file whose app is not deployed as a whole has that app's note already.
    const appOff = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
    const noted = new Set(model.objects.filter((o) => o.appId === null || !appOff.has(o.appId)).map((o) => o.source.file));
    // A file of a folder that nothing reaches has the folder's note (below).
    const inUnreached = new Set([...unreached.keys()].map(dirOf));
    findings.push(...unlistedFindings(new Map([...unlisted].filter(([file]) => noted.has(file) && !inUnreached.has(dirOf(file)))), kustomizeFiles));
  }
  for (const [kfile, files] of unreached) {
    const dir = dirOf(kfile);
    findings.push(
      finding('NOT_DEPLOYED', 'info', `${dir || '.'} is not deployed: no kustomization.yaml that a Flux build reaches lists the folder, and it is no Flux Kustomization's path, so Flux ${files.length === 1 ? 'does not apply its one file' : `applies none of its ${files.length} files`}. Its manifests are not checked.`, { file: kfile, line: 1, col: 1 }, { area: 'flux' }),
    );
  }
  // (Once the releases of files their folder's kustomization.yaml leaves out are switched off.)
  findings.push(...existingClaimFindings(existingClaims, model.pvcs, model.kustomizations.some((k) => k.isRoot), outsideContentNamespaces(model)));
  quietUnreadFiles(findings, model, kustomizeFiles, resolved.builtKustomizeFiles, works);
  // Owners are known now (a StorageClass nothing deploys sets no default).
  // (A default set by a deployed kustomization's patch on a StorageClass the model does not hold.)
  const patchedClassDefaults = firstDocs.kept.flatMap((d) => (resolved.deployedKustomizeFiles.has(d.file) ? patchedDefaults(d.file, d.body, (key) => d.raw.lines[key] ?? d.raw.source.line) : []));
  model.defaultStorageClass = defaultStorageClass(model, patchedClassDefaults.filter((p) => !model.objects.some((o) => o.kind === 'StorageClass' && o.name === p.name)));
  // (Not a chart's stock default inside a block of values nothing renders: a chart's default values.yaml
  // with `postgres: {create: false, connect: false, password: postgres}`; outside review. A real value is
  // reported wherever it sits, since Git holds it; code review. It is wiped all the same.)
  // (The documents by place, built only where a stock default asks: not on every scan.)
  let docAt: Map<string, unknown> | null = null;
  const valueAt = (r: (typeof model.redactions)[number]) => (docAt ??= new Map(input.docs.map((d) => [`${d.source.file}#${d.source.docIndex ?? 0}`, d.value]))).get(`${r.source.file}#${r.source.docIndex ?? 0}`);
  // (A private key in test data or a chart's own files that no Flux build applies (a vendored chart's
  // `webhook.testCert`, `ci/test-values.yaml`, `tests/fixtures/`) is made up for tests; one a build
  // applies, in an environment called `test`, is the owner's: code review.)
  const applied = kustomizations.length === 0 ? null : new Set(objects.filter((w) => w.owners.length > 0).map((w) => w.file));
  const testData = (r: (typeof model.redactions)[number]) => r.privateKey === true && applied !== null && TEST_OR_CHART_FILE.test(r.source.file) && !applied.has(r.source.file);
  // (A HelmRelease fragment no build applies is no object (isHelmReleaseFragment): a file its folder's
  // kustomization.yaml leaves out, as unlisted files' objects are, stays unreported; checkdiff of this round.)
  const built = new Set(resolved.objects.map((o) => o.instanceOf ?? o));
  const patchFiles = patchFilesOf(works);
  const leftFragments = kustomizations.length === 0 ? new Set<string>() : new Set(works.filter((w) => isHelmReleaseFragment(w) && !built.has(w) && !patchFiles.has(w.file)).map((w) => `${w.file}#${w.raw.source.docIndex ?? 0}`));
  for (const r of model.redactions) {
    if (r.reason !== 'credential-literal' || (r.commonDefault === true && underOffBlock(valueAt(r), r.path)) || testData(r) || leftFragments.has(`${r.source.file}#${r.source.docIndex ?? 0}`)) continue;
    findings.push(
      finding('HARDCODED_CREDENTIAL', 'error', r.privateKey ? `A private key is written in plain text under "${r.path}"; anyone who can read the repository has it: rotate the key, and keep the new one in a SOPS-encrypted Secret or an ExternalSecret. The value is not shown.` : `A literal value under "${r.path}" looks like a credential; move it to a SOPS-encrypted Secret or an ExternalSecret. The value is not shown.`, r.source, { area: 'secrets' }),
    );
  }
  for (const f of sopsDecryptionFindings(model, tree)) findings.push(f);
  const objectOf = (w: WorkDoc) => (w.kind === 'PersistentVolume' ? model.objects.find((o) => o.id === idOf.get(w)) : undefined);
  for (const f of sharedVolumeFindings(objects, kustomizations.length > 0, (w) => { const o = objectOf(w); return o ? { objectId: o.id, appId: o.appId } : null; })) findings.push(f);
  for (const f of valuesFromFindings(valuesMisses, model.helmReleases.length > 0 ? objects.filter((w) => is(w, 'helm.toolkit.fluxcd.io', 'HelmRelease')) : [])) findings.push(f);
  for (const f of envValueFindings(input.envNotes ?? [], kustomizations.length > 0 ? resolved.builtKustomizeFiles : null)) findings.push(f);
  for (const w of objects) {
    // Where a substituteFrom source lives outside the repository, its variables are unknown here, not undefined.
    const owner = w.owners[0];
    if (w.unresolved.size === 0 || owner?.varsIncomplete) continue;
    const optional = [...new Set(owner?.varsOptionalMissing ?? [])];
    const unless = optional.length > 0 ? `Unless the optional ${optional.join(', ')}, not in the repository, ${optional.length > 1 ? 'define' : 'defines'} them, Flux` : 'Flux';
    findings.push(
      finding('SUBSTITUTION_UNRESOLVED', 'info', `Variables not defined by the Kustomization that deploys this (postBuild.substitute / substituteFrom): ${[...w.unresolved].sort().join(', ')}. ${unless} writes an empty string for each (with strict substitution, the build fails); the site shows them as written.`, variableSource(w, [...w.unresolved], works), { area: 'flux' }),
    );
  }

  for (const key of ['objects', 'kustomizations', 'sources', 'helmReleases', 'externalSecrets', 'clusterExternalSecrets', 'pushSecrets', 'secretStores', 'secrets', 'sealedSecrets', 'syncedSecrets', 'pvcs', 'backupObjects', 'monitors', 'networkPolicies', 'endpoints', 'kyvernoPolicies', 'policyExceptions', 'vpas'] as const) {
    (model[key] as { id: string; source: { file: string; line: number } }[]).sort(byId);
  }
  model.apps.sort((a, b) => a.id.localeCompare(b.id));
  model.findings = sortFindings(findings);
  return model;
}

function withoutArchive(f: RepoFile): RepoFile {
  const { archived: _, ...rest } = f;
  return rest;
}

function withReadmes(apps: App[], files: readonly RepoFile[]): App[] {
  const md = new Set(files.filter((f) => f.kind === 'markdown').map((f) => f.path));
  return apps.map((a) => ({ ...a, readme: ['README.md', 'readme.md', 'Readme.md'].map((n) => (a.dir ? `${a.dir}/${n}` : n)).find((p) => md.has(p) && a.dir !== '') ?? null }));
}
