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
    namespace: Choice;
    targetNamespace: Choice;
    sourceRef: Choice;
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
    via: Choice;
    /** `OCIRepository oci://...` or `HelmRepository <name>` + chart name. */
    source: Choice;
    /** Tag / version of the most common source. */
    version: Choice;
    interval: Choice;
  };
  /** Namespace kustomization.yaml files the app folders are listed in. */
  registerIn: string[];
}

const yes = (b: boolean | null): string => (b === null ? 'unset' : String(b));

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
  const sourceOf = (h: (typeof hrs)[number]) => {
    const ref = h.chart.sourceRef;
    if (!ref) return 'none';
    if (h.chart.via === 'chartRef') return `${ref.kind ?? 'OCIRepository'} ${h.chart.url ?? ref.name}`;
    return `${ref.kind ?? 'HelmRepository'} ${ref.name} chart ${h.chart.name ?? '?'}`;
  };
  const source = choose('chart source', hrs.map(sourceOf));
  // For a chartRef, the version resolved at model time is the OCIRepository's tag.
  const versions = hrs.filter((h) => sourceOf(h) === source.chosen).map((h) => h.chart.version ?? 'unset');
  // App folder names by their parent folder, so each kustomization.yaml asks only its own folder's apps.
  const appNamesIn = new Map<string, string[]>();
  for (const a of apps) {
    const parent = posix.dirname(a.dir);
    let names = appNamesIn.get(parent);
    if (!names) appNamesIn.set(parent, (names = []));
    names.push(posix.basename(a.dir));
  }
  const registerIn = model.kustomizeFiles
    .filter((k) => (appNamesIn.get(k.dir) ?? []).some((name) => k.resources.some((r) => r.entry.replace(/^\.\//, '').startsWith(`${name}/`))))
    .map((k) => k.file)
    .sort();

  return {
    apps: mains.length,
    root: choose('apps folder', apps.map((a) => posix.dirname(posix.dirname(a.dir)))),
    ksFile: choose('ks.yaml per app', apps.map((a) => (files.has(`${a.dir}/ks.yaml`) ? 'ks.yaml' : 'flat'))),
    subdir,
    files: fileCounts,
    ks: {
      namespace: choose('metadata.namespace', ks.map((k) => k.namespace ?? 'unset')),
      targetNamespace: choose('targetNamespace', mains.map(({ app, ks: k }) => (k.targetNamespace === null ? 'unset' : k.targetNamespace === app.namespace ? 'the app namespace' : 'other'))),
      sourceRef: choose('sourceRef', ks.map((k) => (k.sourceRef ? `${k.sourceRef.kind ?? 'GitRepository'}/${k.sourceRef.namespace ?? k.namespace ?? ''}/${k.sourceRef.name}` : 'unset'))),
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
      via: choose('chart reference', hrs.map((h) => h.chart.via)),
      source,
      version: choose('chart version', versions),
      interval: choose('HelmRelease interval', hrs.map((h) => h.interval ?? 'unset')),
    },
    registerIn,
  };
}
