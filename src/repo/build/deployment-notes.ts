/**
 * The notes a model build writes about what Flux does not apply, split from model.ts: NOT_DEPLOYED per
 * app and per file its folder's kustomization.yaml leaves out, and YAML errors in files no build reads
 * (an info there, not an error).
 */
import type { App } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { arr, obj, str } from '../../model/values.ts';
import { generatorUses } from './generator-files.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/** One NOT_DEPLOYED note per file its folder's kustomization.yaml leaves out (or comments out), but for examples. */
export function unlistedFindings(unlisted: ReadonlyMap<string, string>, kfiles: readonly KustomizeFile[]): Finding[] {
  const byFile = new Map(kfiles.map((k) => [k.file, k]));
  // A file named as an example (`cluster-secrets.example.yaml`, `values.sample.yaml`) is kept out on purpose: no note.
  const kept = /(?:^|[./_-])(?:example|sample|template)s?[._-]/i;
  return [...unlisted].filter(([file]) => !kept.test(file.slice(file.lastIndexOf('/') + 1))).map(([file, kfile]) => {
    const k = byFile.get(kfile);
    const commented = k?.commented?.find((c) => resolveIn(k.dir, c.entry) === file);
    const why = commented ? `is commented out in ${kfile}:${commented.line}` : `is not listed in ${kfile}`;
    const whose = dirOf(kfile) === dirOf(file) ? "its folder's kustomization.yaml" : 'which lists the other files of its folder one by one; the folder has no kustomization.yaml';
    return finding('NOT_DEPLOYED', 'info', `${file} is not deployed: it ${why} (${whose}) and named by no other kustomization.yaml, so Flux does not apply it. Its manifests are not checked.`, { file, line: 1, col: 1 }, { area: 'flux' });
  });
}

/**
 * Files a Helm chart from this repository is given as values (`valuesFiles` of a HelmRelease's chart
 * or a HelmChart), from the repository's root and from the chart's folder: Helm reads them as YAML.
 */
function helmValuesFiles(works: readonly WorkDoc[]): Set<string> {
  const out = new Set<string>();
  for (const w of works) {
    if (w.kind !== 'HelmRelease' && w.kind !== 'HelmChart') continue;
    const spec = w.kind === 'HelmRelease' ? obj(obj(obj(w.body.spec).chart).spec) : obj(w.body.spec);
    const chart = str(spec.chart) ?? '';
    for (const v of arr(spec.valuesFiles)) {
      const file = str(v);
      if (!file) continue;
      for (const base of ['', resolveIn('', chart) ?? '']) {
        const path = resolveIn(base, file);
        if (path !== null) out.add(path);
      }
    }
  }
  return out;
}

/**
 * A YAML error in a file no Flux build reads (left out of its folder's kustomization.yaml, a Helm
 * chart's template that no Kustomization's path reaches) breaks nothing Flux applies: a note, not an
 * error. A file is read where a kustomization.yaml a build runs lists it or reads it for a generator,
 * or where it lies under the path of a Flux Kustomization with no kustomization.yaml between (Flux
 * lists every file of such a folder). Only where the repository has a cluster root.
 */
export function quietUnreadFiles(findings: Finding[], model: RepoModel, kustomizeFiles: readonly KustomizeFile[], built: ReadonlySet<string>, works: readonly WorkDoc[]): void {
  // (Most scans have no YAML error at all: nothing to judge, and the sets below cost ~10 ms at 1,000 apps.)
  if (!findings.some((f) => f.code.startsWith('YAML_') && (f.severity === 'error' || f.code === 'YAML_DUPLICATE_KEY'))) return;
  // A generator's input (configMapGenerator `files:`) is copied as text: kustomize never parses it,
  // so a key written twice there stops nothing; whatever reads the ConfigMap takes the last one.
  const generatorInputs = generatorUses(kustomizeFiles, () => true);
  const resources = new Set<string | null>(kustomizeFiles.flatMap((k) => k.resources.map((r) => resolveIn(k.dir, r.entry))));
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.code !== 'YAML_DUPLICATE_KEY' || !generatorInputs.has(f.source.file) || resources.has(f.source.file)) continue;
    findings[i] = { ...f, message: f.message.replace('kustomize refuses the file, other readers take the last one.', 'kustomize copies this file as text into the ConfigMap or Secret it generates and stops at nothing; what reads it there takes the last one (Helm, for valuesFrom).') };
  }
  if (!model.kustomizations.some((k) => k.isRoot && !k.disabled)) return;
  const bodies = new Map(works.filter((w) => w.isKustomizeFile).map((w) => [w.file, w.body]));
  const helmValues = helmValuesFiles(works);
  const kdirs = new Set(kustomizeFiles.map((k) => k.dir));
  // Whatever any build runs (a component through spec.components, an unreached Kustomization's too)
  // lists, and what its generators read as files, counts as read: only what nothing reads is quieted.
  const fluxComponents = new Set(model.kustomizations.filter((k) => !k.disabled && k.resolvedPath !== null).flatMap((k) => k.components.map((c) => resolveIn(k.resolvedPath!, c))));
  const runs = kustomizeFiles.filter((k) => k.deployed || built.has(k.file) || fluxComponents.has(k.dir));
  const listed = new Set<string | null>(runs.flatMap((k) => [...k.resources, ...k.components].map((r) => resolveIn(k.dir, r.entry))));
  for (const path of generatorUses(runs, () => true).keys()) listed.add(path);
  // Any other file a kustomization names (patches, replacements, crds, configurations, transformers):
  // every short string of its body that resolves from its folder.
  for (const k of runs) {
    const stack: unknown[] = [bodies.get(k.file)];
    while (stack.length) {
      const v = stack.pop();
      if (typeof v === 'string') {
        if (v.length < 512 && !v.includes('\n')) listed.add(resolveIn(k.dir, v.replace(/^[^=]*=/, '')));
      } else if (Array.isArray(v)) stack.push(...v);
      else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
    }
  }
  const paths = model.kustomizations.filter((k) => !k.disabled && k.resolvedPath !== null).map((k) => k.resolvedPath!);
  const generated = (file: string, path: string): boolean => {
    for (let d = dirOf(file); ; d = dirOf(d)) {
      if (kdirs.has(d)) return false;
      if (d === path || d === '') return d === path;
    }
  };
  const read = (file: string) => listed.has(file) || helmValues.has(file) || paths.some((p) => isUnder(file, p) && generated(file, p));
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.severity !== 'error' || !f.code.startsWith('YAML_') || read(f.source.file)) continue;
    findings[i] = { ...f, severity: 'info', message: `${f.message} No Flux build reads this file (no deployed kustomization.yaml lists it, and no Kustomization's path takes it in), so nothing applied is broken.` };
  }
}

/**
 * `ns/name is not deployed: why`. A copy of a deployed app (an old file beside the one Flux applies,
 * an overlay of another cluster's) has an id with a suffix (`-not-deployed`): it is named as the
 * copy in its folder, and the deployed app is said too, so nobody reads the app as not running.
 */
function notDeployedMessage(a: App, apps: readonly App[]): string {
  // (A copy no cluster reaches is no cluster's: the app deployed in any cluster is the one it copies.)
  const live = apps.filter((b) => b !== a && !b.notDeployed && !b.disabled && b.name === a.name && b.namespace === a.namespace && (a.cluster == null || (b.cluster ?? null) === a.cluster));
  if (live.length === 0) return `${a.id} is not deployed: ${a.notDeployed} Its manifests are not checked.`;
  // Named by files, not folders: the copy is often another file of the live app's own folder.
  const shown = live.slice(0, 3).map((b) => `${b.id} (${b.source.file})`);
  const more = live.length > 3 ? ` and ${live.length - 3} more` : '';
  return `The copy of ${a.namespace}/${a.name} in ${a.source.file} is not deployed: ${a.notDeployed} The app itself is deployed: ${shown.join(', ')}${more}. The copy's manifests are not checked.`;
}

/**
 * One info finding per folder that is not deployed (an archive folder, an app switched off in its
 * parent), rather than every finding its manifests would raise if Flux applied them.
 */
export function notDeployedFindings(apps: readonly App[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const a of apps) {
    if (!a.notDeployed) continue;
    const archive = a.notDeployed.startsWith('Archived: ') ? a.notDeployed.slice('Archived: '.length).split(' ')[0]! : null;
    const key = archive ?? a.dir;
    if (seen.has(key)) continue;
    seen.add(key);
    const message = archive
      ? `${archive} is an archive: ${apps.filter((b) => b.notDeployed?.startsWith(`Archived: ${archive} `)).length} app(s) kept there are not deployed and not checked.`
      : notDeployedMessage(a, apps);
    out.push(finding('NOT_DEPLOYED', 'info', message, archive ? { file: a.source.file, line: 1, col: 1 } : a.source, archive ? { area: 'flux' } : { area: 'flux', appId: a.id }));
  }
  return out;
}

/**
 * Objects written in a kustomization file beside its Kustomization (a Namespace below it): kustomize
 * reads only the file's first document as the kustomization and never builds the file's other
 * documents, so nothing applies them (`kubectl kustomize` leaves them out). Switched off as an unlisted
 * file's objects are, with one note each. A Kustomization that is not the first document is
 * KUSTOMIZE_WRONG_API_VERSION (kustomize-checks.ts); the objects above it get the note too. `roots`: ids
 * of root Kustomizations, applied by hand or by the bootstrap whatever file holds them.
 */
export function kustomizationFileObjects(objects: readonly KObject[], kustomizeFiles: readonly KustomizeFile[], roots: ReadonlySet<string>): Finding[] {
  const kfiles = new Set(kustomizeFiles.map((k) => k.file));
  const out: Finding[] = [];
  for (const o of objects) {
    if (o.owner !== null || o.disabled !== null || roots.has(o.id) || o.source.docIndex === undefined || !kfiles.has(o.source.file)) continue;
    o.disabled = 'unlisted';
    out.push(
      finding('NOT_DEPLOYED', 'info', `${o.kind} ${o.name} is not deployed: it is written in ${o.source.file}, and kustomize reads a kustomization file's first YAML document as the kustomization and builds none of the file's documents, so no build applies it. Move it to a file of its own and list that under resources.`, o.source, { area: 'flux', objectId: o.id }),
    );
  }
  return out;
}
