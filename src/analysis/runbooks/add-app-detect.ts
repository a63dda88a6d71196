/**
 * How this repository lays out an app, counted over its active apps: folder pattern, ks.yaml
 * fields, chart source, usual dependsOn. Every decision is a `Choice` with its counts (tally.ts).
 */
import { posix } from 'node:path';
import type { RepoModel } from '../../model/repo-model.ts';
import { choose, tally, type Choice, type Count } from './tally.ts';

export interface AppLayout {
  /** Apps counted. */
  apps: number;
  /** Folder under which `<namespace>/<app>/` live, e.g. `kubernetes/apps`. */
  root: Choice;
  /** `ks.yaml` beside the app's folders (Flux Kustomization per app) or `flat`. */
  ksFile: Choice;
  /** Folder of the app's Kustomization path relative to the app folder, e.g. `app`. */
  subdir: Choice;
  /** Files most app folders' subdir hold (present in at least half of them). */
  files: Count[];
  ks: {
    /** Where the Kustomization lands after the build that applies it (`the app namespace`, or one namespace). */
    namespace: Choice;
    targetNamespace: Choice;
    sourceRef: Choice;
    /** Whether sourceRef writes its namespace (`written`) or leaves it to default to the Kustomization's own (`unset`). */
    sourceNamespace: Choice;
    interval: Choice;
    retryInterval: Choice;
    timeout: Choice;
    prune: Choice;
    wait: Choice;
    substituteFrom: Choice;
    substituteApp: Choice;
  };
  /** dependsOn entries (`namespace/name`) at least a quarter of the apps use. */
  dependsOn: { usual: Count[]; apps: number };
  chart: {
    /** The chart, by its name however it is referenced, counted once per app. */
    name: Choice;
    /** `chart` (chart.spec) or `chartRef`, over the apps of the chosen chart. */
    via: Choice;
    /**
     * Over the apps of the chosen chart, referenced the chosen way: `HelmRepository <name> chart <chart>`,
     * `OCIRepository oci://...` (each app its own), or `OCIRepository <namespace>/<name>` (one shared
     * source, in another namespace).
     */
    source: Choice;
    /** Tag / version of the most common source. */
    version: Choice;
    interval: Choice;
  };
  /** Namespace kustomization.yaml files the app folders are listed in. */
  registerIn: string[];
  /** Those of them that set `namespace:`, which kustomize gives every object they list, a ks.yaml's Kustomization too. */
  namespaced: { file: string; namespace: string }[];
}

const yes = (b: boolean | null): string => (b === null ? 'unset' : String(b));

type Hr = RepoModel['helmReleases'][number];

/** The chart's own name (the last segment of an OCI URL, a HelmChart's chart), whichever way the release reaches it. */
const chartName = (h: Hr): string | null => h.chart.name ?? h.chart.sourceRef?.name ?? null;

/**
 * How a release references its chart, in a form the skeleton can repeat; null for a chartRef whose
 * source the repository does not show (no URL to write).
 */
function sourceOf(h: Hr): string | null {
  const ref = h.chart.sourceRef;
  if (!ref) return null;
  if (h.chart.via === 'chartRef') {
    const ns = ref.namespace ?? h.namespace;
    if (ns !== null && ns !== h.namespace) return `${ref.kind ?? 'OCIRepository'} ${ns}/${ref.name}`;
    return h.chart.url ? `${ref.kind ?? 'OCIRepository'} ${h.chart.url}` : null;
  }
  return `${ref.kind ?? 'HelmRepository'} ${ref.name} chart ${h.chart.name ?? '?'}`;
}

export function detectAppLayout(model: RepoModel): AppLayout {
  const files = new Set(model.files.map((f) => f.path));
  const apps = model.apps.filter((a) => !a.disabled && !a.unreferenced && a.kustomizations.length > 0);
  const ksById = new Map(model.kustomizations.map((k) => [k.id, k]));
  // The app's main Kustomization: the one named after it, else its first.
  const mains = apps.flatMap((a) => {
    const ks = a.kustomizations.map((id) => ksById.get(id)).filter((k) => k !== undefined && !k.disabled && !k.isRoot);
    const main = ks.find((k) => k!.name === a.name) ?? ks[0];
    return main ? [{ app: a, ks: main }] : [];
  });
  const subdirs = mains.map(({ app, ks }) => (ks.resolvedPath && ks.resolvedPath.startsWith(`${app.dir}/`) ? ks.resolvedPath.slice(app.dir.length + 1) : ks.resolvedPath === app.dir ? '.' : 'elsewhere'));
  const subdir = choose('app folder', subdirs);
  // The files directly in each folder, indexed once: asking every file for every app was quadratic
  // (0.8 s of the scan of a 1,000-app repository).
  const filesIn = new Map<string, string[]>();
  for (const f of files) {
    const dir = posix.dirname(f);
    let names = filesIn.get(dir);
    if (!names) filesIn.set(dir, (names = []));
    names.push(posix.basename(f));
  }
  const fileCounts = tally(
    mains.flatMap(({ app }) => (app.dir === '' || app.dir === '.' ? [] : (filesIn.get(subdir.chosen && subdir.chosen !== '.' ? `${app.dir}/${subdir.chosen}` : app.dir) ?? []))),
  ).filter((c) => c.n * 2 >= mains.length);

  const ks = mains.map((m) => m.ks);
  const deps = mains.flatMap(({ ks: k }) => [...new Set(k.dependsOn.map((d) => `${d.namespace ?? k.namespace ?? ''}/${d.name}`))]);
  const hrs = model.helmReleases.filter((h) => !h.disabled && h.appId !== null && h.owner !== null);
  // Counted once per app: two releases of one chart in an app's file are one app's choice (outside
  // review: democratic-csi's nfs and smb releases outvoted app-template, itself split three ways).
  const perApp = (list: readonly Hr[], value: (h: Hr) => string | null): string[] => [...new Map(list.flatMap((h) => { const v = value(h); return v === null ? [] : [[`${h.appId}\u0000${v}`, v] as const]; })).values()];
  const name = choose('chart', perApp(hrs, chartName));
  const ofChart = hrs.filter((h) => chartName(h) === name.chosen);
  const via = choose(name.chosen ? `chart reference of ${name.chosen}` : 'chart reference', perApp(ofChart, (h) => h.chart.via));
  const spelled = ofChart.filter((h) => h.chart.via === via.chosen);
  const source = choose(name.chosen ? `chart source of ${name.chosen}` : 'chart source', perApp(spelled, sourceOf));
  // For a chartRef, the version resolved at model time is the OCIRepository's tag.
  const versions = perApp(spelled.filter((h) => sourceOf(h) === source.chosen), (h) => h.chart.version ?? 'unset');
  // App folder names by their parent folder, so each kustomization.yaml asks only its own folder's apps.
  const appNamesIn = new Map<string, string[]>();
  for (const a of apps) {
    const parent = posix.dirname(a.dir);
    let names = appNamesIn.get(parent);
    if (!names) appNamesIn.set(parent, (names = []));
    names.push(posix.basename(a.dir));
  }
  const listing = model.kustomizeFiles
    .filter((k) => (appNamesIn.get(k.dir) ?? []).some((name) => k.resources.some((r) => r.entry.replace(/^\.\//, '').startsWith(`${name}/`))))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const registerIn = listing.map((k) => k.file);
  const namespaced = listing.flatMap((k) => (k.namespace !== null ? [{ file: k.file, namespace: k.namespace }] : []));

  return {
    apps: mains.length,
    root: choose('apps folder', apps.map((a) => posix.dirname(posix.dirname(a.dir)))),
    ksFile: choose('ks.yaml per app', apps.map((a) => (files.has(`${a.dir}/ks.yaml`) ? 'ks.yaml' : 'flat'))),
    subdir,
    files: fileCounts,
    ks: {
      // Where the build puts it, not what its file writes: a parent kustomization.yaml's `namespace:`
      // moves a ks.yaml written in flux-system into the app's namespace (outside review: the skeleton
      // said flux-system, and `flux reconcile -n flux-system` found nothing).
      namespace: choose('metadata.namespace (after the build)', mains.map(({ app, ks: k }) => (k.namespace === null ? 'unset' : k.namespace === app.namespace ? 'the app namespace' : k.namespace))),
      targetNamespace: choose('targetNamespace', mains.map(({ app, ks: k }) => (k.targetNamespace === null ? 'unset' : k.targetNamespace === app.namespace ? 'the app namespace' : 'other'))),
      sourceRef: choose('sourceRef', ks.map((k) => (k.sourceRef ? `${k.sourceRef.kind ?? 'GitRepository'}/${k.sourceRef.namespace ?? k.namespace ?? ''}/${k.sourceRef.name}` : 'unset'))),
      sourceNamespace: choose('sourceRef.namespace', ks.flatMap((k) => (k.sourceRef ? [k.sourceRef.explicitNamespace ? 'written' : 'unset'] : []))),
      interval: choose('interval', ks.map((k) => k.interval ?? 'unset')),
      retryInterval: choose('retryInterval', ks.map((k) => k.retryInterval ?? 'unset')),
      timeout: choose('timeout', ks.map((k) => k.timeout ?? 'unset')),
      prune: choose('prune', ks.map((k) => yes(k.prune))),
      wait: choose('wait', ks.map((k) => yes(k.wait))),
      substituteFrom: choose('postBuild.substituteFrom', ks.map((k) => k.postBuild.substituteFrom.map((s) => `${s.kind}/${s.name}`).join(', ') || 'none')),
      substituteApp: choose('postBuild.substitute APP', ks.map((k) => (k.postBuild.substitute.includes('APP') ? 'APP: <app>' : 'none'))),
    },
    dependsOn: { usual: tally(deps).filter((c) => c.n * 4 >= mains.length), apps: mains.length },
    chart: {
      name,
      via,
      source,
      version: choose('chart version', versions),
      interval: choose('HelmRelease interval', hrs.map((h) => h.interval ?? 'unset')),
    },
    registerIn,
    namespaced,
  };
}
