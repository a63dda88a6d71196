/**
 * What one Velero schedule takes of one claim, as Velero does it, and only what the repository shows:
 * the claim's object, and its data by one of three ways. Pure.
 *
 * - The object: in a namespace the schedule includes (backup-sources.ts), unless its resources leave
 *   claims or their volumes out (`excludedResources`, an `includedResources` without them,
 *   `includeClusterResources: false`), and, under a label selector, where the claim's own labels (as
 *   built: a chart's are not known, an operator's are what it copies) or the labels of a pod that mounts
 *   it match: Velero backs up the claims of each pod it takes (its pod action).
 *   https://velero.io/docs/main/resource-filtering/
 * - The data, by file-system backup (the node agent copies a volume through the pod that mounts it: a
 *   pod's `backup.velero.io/backup-volumes`, or `defaultVolumesToFsBackup`), by a CSI snapshot (the
 *   EnableCSI feature, a CSI driver, and a VolumeSnapshotClass of the driver Velero picks: the one
 *   labelled `velero.io/csi-volumesnapshot-class`, else the default, else the driver's only class), or by
 *   a provider snapshot (a VolumeSnapshotLocation whose provider's plugin snapshots that kind of disk).
 *   https://velero.io/docs/main/file-system-backup/, https://velero.io/docs/main/csi/
 * Where none of them can take the data, the schedule keeps the claim's object only; where the
 * repository does not say (a StorageClass, a snapshot class or a location made outside it, a chart's
 * labels), whether it does is not known, which is not "covered".
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { selectorMatches, type SelectorRequirement } from '../../model/label-selector.ts';
import { effectiveStorageClass, type Pvc, type VeleroScope } from '../../model/storage.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import { bool } from '../../model/values.ts';
import { isLive, isObj, obj, sameCluster, str } from './common.ts';
import { globMatches, type VeleroSchedule, type VeleroServer } from './backup-sources.ts';

/** What a schedule takes of a claim: its data, maybe (not known), its object only, or nothing. */
export type VeleroTake = { takes: 'data'; detail: string } | { takes: 'unknown'; detail: string } | { takes: 'object' | 'nothing'; why: string };

/** Velero's names for a resource, as its discovery resolves them (plural, singular, short name). */
const CLAIMS = ['persistentvolumeclaims', 'persistentvolumeclaim', 'pvc'];
const VOLUMES = ['persistentvolumes', 'persistentvolume', 'pv'];
const PODS = ['pods', 'pod', 'po'];

/**
 * Whether the schedule's resources take a kind. A cluster-scoped object (a PersistentVolume) comes in
 * with the claim that binds it: Velero leaves it out only where it is excluded by name, or where
 * `includeClusterResources: false` leaves out every cluster-scoped object.
 */
function takesResource(scope: VeleroScope, names: readonly string[], clusterScoped: boolean): boolean {
  const excluded = scope.excludedResources ?? [];
  if (excluded.includes('*') || excluded.some((r) => names.includes(r))) return false;
  if (clusterScoped) return scope.includeClusterResources !== false;
  const included = scope.includedResources ?? [];
  return included.length === 0 || included.includes('*') || included.some((r) => names.includes(r));
}

const selectorOf = (scope: VeleroScope): SelectorRequirement[][] | null => scope.orLabelSelectors ?? (scope.labelSelector ? [scope.labelSelector] : null);
const selects = (selector: SelectorRequirement[][], labels: Readonly<Record<string, string>>) => selector.some((r) => selectorMatches(r, labels));
const written = (selector: SelectorRequirement[][]) =>
  selector.map((r) => r.map((x) => (x.operator === 'In' && x.values.length === 1 ? `${x.key}=${x.values[0]}` : `${x.key} ${x.operator}${x.values.length ? ` (${x.values.join(', ')})` : ''}`)).join(', ')).join(' or ');

/** Provisioners that make no CSI volume: in-tree plugins, and hostPath provisioners (their volumes are a node's folder). */
const NOT_CSI = /^(kubernetes\.io\/|rancher\.io\/local-path$|openebs\.io\/local$|microk8s\.io\/hostpath$|k8s\.io\/minikube-hostpath$|docker\.io\/hostpath$)/;
/** The disks each provider's VolumeSnapshotter plugin snapshots (velero-plugin-for-aws, -gcp, -microsoft-azure, -vsphere). */
const PROVIDER_DISKS: Readonly<Record<string, RegExp>> = {
  aws: /^(ebs\.csi\.aws\.com|kubernetes\.io\/aws-ebs)$/,
  gcp: /^(pd\.csi\.storage\.gke\.io|kubernetes\.io\/gce-pd)$/,
  azure: /^(disk\.csi\.azure\.com|kubernetes\.io\/azure-disk)$/,
  vsphere: /^(csi\.vsphere\.vmware\.com|kubernetes\.io\/vsphere-volume)$/,
};

/** What the judgement of one claim reads besides the schedule: facts of the claim's cluster, gathered once. */
export interface VeleroFacts {
  model: RepoModel;
  server: VeleroServer;
  /** CloudNativePG's INHERITED_LABELS globs: the resource labels it copies to claims and pods; null where its configuration is not in the repository. */
  inheritedLabels: readonly string[] | null;
}

/** The pods that mount a claim: the manifests' pod labels, and whether a chart's pods (labels not known) mount it too. */
function podsOf(f: VeleroFacts, pvc: Pvc): { labels: Record<string, string>[]; chart: boolean } {
  const mounts = f.model.objects.filter(
    (o) => isWorkload(o) && o.namespace === pvc.namespace && sameCluster(o.cluster, pvc.cluster) && (o.mountsClaims?.includes(pvc.name) === true || (o.kind === 'StatefulSet' && o.name === pvc.statefulSet)) && isLive(o, f.model),
  );
  return { labels: mounts.map((o) => o.podLabels ?? {}), chart: pvc.helmRelease !== null || pvc.existingClaimOf.length > 0 };
}

type Tri = 'yes' | 'no' | 'unknown';

/** Whether the selector selects the claim by its own labels, as built. */
function claimSelected(f: VeleroFacts, pvc: Pvc, selector: SelectorRequirement[][]): Tri {
  // A chart's claim has the labels its templates give it, which the repository does not show.
  if (pvc.origin === 'values') return 'unknown';
  if (selects(selector, pvc.labels)) return 'yes';
  // An operator copies the resource's own labels that its configuration names (CloudNativePG's INHERITED_LABELS).
  const own = pvc.operator?.resourceLabels;
  if (!own) return 'no';
  const copied = Object.fromEntries(Object.entries(own).filter(([k]) => f.inheritedLabels?.some((g) => globMatches(g, k)) === true));
  if (selects(selector, { ...copied, ...pvc.labels })) return 'yes';
  return f.inheritedLabels === null && selects(selector, { ...own, ...pvc.labels }) ? 'unknown' : 'no';
}

/** Whether the schedule backs up a pod that mounts the claim (its labels as the selector reads them). */
function podSelected(f: VeleroFacts, pvc: Pvc, scope: VeleroScope): Tri {
  if (!takesResource(scope, PODS, false)) return 'no';
  const selector = selectorOf(scope);
  if (!selector) return 'yes';
  // An operator's pods carry the labels it copies to its claims (CloudNativePG: the same inherited ones).
  if (pvc.origin === 'operator') return claimSelected(f, pvc, selector);
  const pods = podsOf(f, pvc);
  if (pods.labels.some((l) => selects(selector, l))) return 'yes';
  return pods.chart ? 'unknown' : 'no';
}

/** The driver that makes the claim's volume: its own (the PersistentVolume's, its class's), else its effective class's. */
function driverOf(f: VeleroFacts, pvc: Pvc): string | null {
  if (pvc.csiDriver) return pvc.csiDriver;
  const cls = effectiveStorageClass(pvc, f.model);
  return f.model.objects.find((o) => o.kind === 'StorageClass' && o.group === 'storage.k8s.io' && o.name === cls && o.driver && sameCluster(o.cluster, pvc.cluster) && isLive(o, f.model))?.driver ?? null;
}

/**
 * The VolumeSnapshotClass Velero takes a CSI snapshot of the driver's volumes with: the class labelled
 * `velero.io/csi-volumesnapshot-class`, else the only class of the driver, else the default one
 * (Velero 1.16 on). None in the repository: not known where a chart's values may make one.
 */
function snapshotClass(f: VeleroFacts, driver: string, cluster: string | null | undefined): { name: string } | { none: string } | { unknown: string } {
  const classes = f.model.objects.filter((o) => o.kind === 'VolumeSnapshotClass' && o.group === 'snapshot.storage.k8s.io' && o.driver === driver && sameCluster(o.cluster, cluster) && isLive(o, f.model));
  const picked =
    classes.find((c) => Object.hasOwn(c.labels, 'velero.io/csi-volumesnapshot-class')) ??
    (classes.length === 1 ? classes[0] : undefined) ??
    classes.find((c) => c.annotations['snapshot.storage.kubernetes.io/is-default-class'] === 'true');
  if (picked) return { name: picked.name };
  if (classes.length > 1) return { none: `cannot snapshot: ${classes.length} VolumeSnapshotClasses for driver ${driver} (${classes.map((c) => c.name).join(', ')}), none labelled velero.io/csi-volumesnapshot-class or default` };
  // A chart whose values switch a snapshot class on may make one (the driver's own chart first: its values name the driver).
  const charts = f.model.helmReleases.flatMap((hr) => {
    const key = sameCluster(hr.cluster, cluster) && isLive(hr, f.model) ? snapshotClassKey(hr.values) : null;
    return key ? [{ hr, key, names: JSON.stringify(hr.values ?? null).includes(`"${driver}"`) }] : [];
  });
  const chart = charts.find((c) => c.names) ?? charts[0];
  if (chart) return { unknown: `no VolumeSnapshotClass for driver ${driver} is in the repository, and HelmRelease ${chart.hr.name} may make one (its values set ${chart.key})` };
  return { none: `cannot snapshot: no VolumeSnapshotClass for driver ${driver}` };
}

/** Where values switch a chart's VolumeSnapshotClass on: a `*snapshotClass*` key holding a non-empty setting not turned off. */
function snapshotClassKey(values: unknown, path = '', depth = 0): string | null {
  if (depth > 6 || !isObj(values)) return null;
  for (const [k, v] of Object.entries(values)) {
    const here = path ? `${path}.${k}` : k;
    if (/snapshot-?class/i.test(k)) {
      const on = isObj(v) ? bool(v.enabled) !== false && bool(v.create) !== false && Object.keys(v).length > 0 : Array.isArray(v) ? v.length > 0 : bool(v) === true;
      if (on) return here;
    }
    const inner = snapshotClassKey(v, here, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** `schedule daily (all namespaces)`: how the matrix names a schedule. */
const scheduleLabel = (s: VeleroSchedule): string => `schedule ${s.name}${s.includedNamespaces.length && !s.includedNamespaces.includes('*') ? '' : ' (all namespaces)'}`;

/**
 * What the schedule takes of the claim, in a namespace it includes. `optedIn`: a pod opts the claim's
 * volume into file-system backup (backup.velero.io/backup-volumes).
 */
export function veleroTake(f: VeleroFacts, s: VeleroSchedule, pvc: Pvc, optedIn: boolean): VeleroTake {
  const scope = s.scope;
  const label = scheduleLabel(s);
  if (!takesResource(scope, CLAIMS, false)) return { takes: 'nothing', why: `it leaves persistentvolumeclaims out (${scope.excludedResources?.length ? 'excludedResources' : 'includedResources'})` };
  const selector = selectorOf(scope);
  let objectKnown = true;
  if (selector) {
    const claim = claimSelected(f, pvc, selector);
    const pod = claim === 'yes' ? 'yes' : podSelected(f, pvc, scope);
    if (claim !== 'yes' && pod === 'no' && claim === 'no') return { takes: 'nothing', why: `its label selector (${written(selector)}) matches neither the claim nor a pod that mounts it` };
    objectKnown = claim === 'yes' || pod === 'yes';
  }
  if (!takesResource(scope, VOLUMES, true)) return { takes: 'object', why: `it leaves persistentvolumes out (${scope.includeClusterResources === false ? 'includeClusterResources: false' : 'excludedResources'}), so it keeps no volume of the claim` };
  const objectUnknown = objectKnown ? '' : `whether it takes the claim is not known: its label selector (${written(selector!)}) may match labels a chart or an operator gives the claim or its pods, which the repository does not show`;

  const reasons: string[] = [];
  const unknown: string[] = objectUnknown ? [objectUnknown] : [];
  // File-system backup: the node agent copies the volume through a pod the schedule backs up.
  const fsAsked = optedIn || s.fsBackupAll;
  if (fsAsked) {
    const pod = podSelected(f, pvc, scope);
    if (pod === 'no') reasons.push(takesResource(scope, PODS, false) ? 'its label selector takes no pod that mounts the claim, which file-system backup copies it through' : 'it leaves pods out, which file-system backup copies a volume through');
    else if (f.server.nodeAgent === false) reasons.push('the velero chart runs no node agent (deployNodeAgent) for the file-system backup asked for');
    else if (f.server.nodeAgent === null) unknown.push('no velero chart in the repository says whether the node agent runs, which the file-system backup asked for needs');
    else if (pod === 'unknown') unknown.push("a chart's pods mount the claim, and file-system backup copies it through a pod the schedule backs up, which its label selector may not take");
    else return objectUnknown ? { takes: 'unknown', detail: `${label}: ${objectUnknown}` } : { takes: 'data', detail: `${label}: file-system backup${optedIn ? '' : ' of every volume (defaultVolumesToFsBackup)'}` };
  }
  const snapshot = snapshotWay(f, scope, pvc);
  if ('data' in snapshot) return objectUnknown ? { takes: 'unknown', detail: `${label}: ${objectUnknown}` } : { takes: 'data', detail: `${label}: ${snapshot.data}` };
  if ('unknown' in snapshot) unknown.push(snapshot.unknown);
  else reasons.push(snapshot.none);
  if (unknown.length > 0) return { takes: 'unknown', detail: `${label}: ${objectUnknown ? unknown.join('; ') : `takes the claim; whether it keeps its data is not known: ${unknown.join('; ')}`}` };
  if (!fsAsked) reasons.push('no pod opts the volume into file-system backup (backup.velero.io/backup-volumes)');
  return { takes: 'object', why: reasons.join(', and ') };
}

/** A volume snapshot of the claim: by CSI or by a provider's plugin; what holds, what is not known, or why none. */
function snapshotWay(f: VeleroFacts, scope: VeleroScope, pvc: Pvc): { data: string } | { unknown: string } | { none: string } {
  if (scope.snapshotVolumes === false) return { none: 'snapshotVolumes is false' };
  const driver = driverOf(f, pvc);
  if (driver === null) {
    const cls = effectiveStorageClass(pvc, f.model);
    return { unknown: cls ? `the repository defines no StorageClass ${cls} (a chart may make it), so the driver of its volumes is not known` : 'the claim names no StorageClass and the repository declares no default, so the driver of its volume is not known' };
  }
  // A provider's plugin snapshots its own disks; with EnableCSI, Velero leaves a CSI volume to the CSI snapshot.
  const provider = providerWay(f, scope, driver);
  if ('data' in provider && (f.server.csi === false || NOT_CSI.test(driver))) return provider;
  if (NOT_CSI.test(driver)) return 'unknown' in provider ? provider : { none: `cannot snapshot: its volumes (${driver}) are no CSI volumes, and no VolumeSnapshotLocation's provider snapshots them` };
  if (f.server.csi === false) return 'none' in provider ? { none: 'cannot snapshot: Velero runs without the EnableCSI feature (configuration.features), so it takes no CSI snapshot' } : provider;
  const cls = snapshotClass(f, driver, pvc.cluster);
  if ('name' in cls) return f.server.csi === null ? { unknown: `no velero chart in the repository says whether Velero runs with the EnableCSI feature, which a CSI snapshot with VolumeSnapshotClass ${cls.name} needs` } : { data: `CSI snapshot (VolumeSnapshotClass ${cls.name})` };
  return cls;
}

function providerWay(f: VeleroFacts, scope: VeleroScope, driver: string): { data: string } | { unknown: string } | { none: string } {
  const locations = f.server.snapshotLocations.filter((l) => l.provider !== 'csi' && l.provider !== 'velero.io/csi' && (!scope.volumeSnapshotLocations || scope.volumeSnapshotLocations.includes(l.name)));
  const kind = (p: string) => p.replace(/^velero\.io\//, '');
  const serving = locations.find((l) => PROVIDER_DISKS[kind(l.provider)]?.test(driver));
  if (serving) return { data: `volume snapshot to VolumeSnapshotLocation ${serving.name} (provider ${serving.provider})` };
  const other = locations.find((l) => !PROVIDER_DISKS[kind(l.provider)]);
  if (other) return { unknown: `VolumeSnapshotLocation ${other.name} (provider ${other.provider}) may snapshot volumes of ${driver}` };
  // Locations made outside the repository (no velero chart in it) may serve a provider's disks.
  if (f.server.nodeAgent === null && f.server.snapshotLocations.length === 0 && Object.values(PROVIDER_DISKS).some((r) => r.test(driver))) {
    return { unknown: `a VolumeSnapshotLocation made outside the repository may snapshot volumes of ${driver}` };
  }
  return { none: `no VolumeSnapshotLocation snapshots volumes of ${driver}` };
}

/** CloudNativePG's INHERITED_LABELS from its chart's values (`config.data`), as globs; null where the operator's chart is not in the repository. */
export function cnpgInheritedLabels(model: RepoModel, cluster: string | null): string[] | null {
  const charts = model.helmReleases.filter((hr) => (hr.chart.name === 'cloudnative-pg' || hr.name === 'cloudnative-pg') && isLive(hr, model) && sameCluster(hr.cluster, cluster));
  if (charts.length === 0 || charts.some((hr) => hr.valuesFrom.some((v) => !v.found))) return null;
  return charts.flatMap((hr) => (str(obj(obj(obj(hr.values).config).data).INHERITED_LABELS) ?? '').split(',').map((g) => g.trim()).filter((g) => g !== ''));
}
