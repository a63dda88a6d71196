/**
 * "Add a new app": a ready-to-copy skeleton in the shape most apps of this repository already
 * have (add-app-detect.ts), with the counts behind every choice so a reader can overrule one.
 * Placeholders are `<app>` and `<namespace>`; nothing else needs filling in.
 */
import { stringify } from 'yaml';
import type { RepoModel } from '../../model/repo-model.ts';
import { detectAppLayout, type AppLayout } from './add-app-detect.ts';
import { ADD_APP_PATH } from './paths.ts';
import { countsText, type Choice } from './tally.ts';
import type { Block, Inline, Runbook, Section } from './types.ts';

const yaml = (v: unknown): string => `---\n${stringify(v, { lineWidth: 0 }).trimEnd()}`;
const val = (c: Choice): string | null => (c.chosen === null || c.chosen === 'unset' || c.chosen === 'none' ? null : c.chosen);
const bool = (c: Choice): boolean | null => (c.chosen === 'true' ? true : c.chosen === 'false' ? false : null);

export function addAppRunbook(model: RepoModel): Runbook {
  const l = detectAppLayout(model);
  const root = l.root.chosen ?? 'kubernetes/apps';
  const appDir = `${root}/<namespace>/<app>`;
  const sub = l.subdir.chosen && l.subdir.chosen !== '.' && l.subdir.chosen !== 'elsewhere' ? l.subdir.chosen : null;
  const manifestsDir = sub ? `${appDir}/${sub}` : appDir;
  const flat = l.ksFile.chosen !== 'ks.yaml';
  const sections: Section[] = [];

  const choices = [l.root, l.ksFile, l.subdir, ...Object.values(l.ks), l.chart.name, l.chart.via, l.chart.source, l.chart.version, l.chart.interval];
  sections.push({
    slug: 'detected',
    heading: 'What this repository does',
    blocks: [
      { type: 'text', text: [`Counted over ${l.apps} active app(s). Each value below is the most common one; the counts show the alternatives.`] },
      { type: 'table', head: ['Setting', 'Chosen', 'Counts'], rows: choices.map((c) => [[c.what], [c.chosen === null ? '–' : { code: c.chosen }], [countsText(c) || '–']]) },
      ...(l.dependsOn.usual.length
        ? [{ type: 'text' as const, text: ['Usual dependsOn (used by at least a quarter of the apps): ', ...l.dependsOn.usual.flatMap((d, i) => [i > 0 ? ', ' : '', { code: d.value }, ` ×${d.n}`])] }]
        : []),
    ],
  });

  const files: Block[] = [];
  if (!flat) files.push({ type: 'code', lang: 'yaml', code: yaml(ksYaml(l, manifestsDir)), caption: `${appDir}/ks.yaml` });
  const hr = helmReleaseYaml(l);
  files.push({ type: 'code', lang: 'yaml', code: yaml(kustomizationYaml(l, hr.oci !== null)), caption: `${manifestsDir}/kustomization.yaml` });
  files.push({ type: 'code', lang: 'yaml', code: yaml(hr.release), caption: `${manifestsDir}/helmrelease.yaml` });
  if (hr.oci) files.push({ type: 'code', lang: 'yaml', code: yaml(hr.oci), caption: `${manifestsDir}/ocirepository.yaml` });
  if (l.files.length) files.push({ type: 'text', text: ['Files most app folders hold: ', ...l.files.flatMap((f, i) => [i > 0 ? ', ' : '', { code: f.value }, ` ×${f.n}`]), '.'] });
  sections.push({ slug: 'files', heading: '1. Create the files', blocks: files });

  const register = `${root}/<namespace>/kustomization.yaml`;
  sections.push({
    slug: 'register',
    heading: '2. Register it',
    blocks: [
      { type: 'text', text: ['Add the app to its namespace\'s ', { code: register }, ' (create the namespace folder like the others if it is new):'] },
      { type: 'code', lang: 'yaml', code: `resources:\n  # ...\n  - ./<app>/${flat ? '' : 'ks.yaml'}` },
      ...(l.registerIn.length ? [{ type: 'text' as const, text: [`Existing ones: `, ...l.registerIn.slice(0, 12).flatMap((f, i) => [i > 0 ? ', ' : '', { code: f }]), l.registerIn.length > 12 ? ` and ${l.registerIn.length - 12} more.` : '.'] }] : []),
    ],
  });
  const moved = movedBy(l);
  sections.push({
    slug: 'deploy',
    heading: '3. Deploy and check',
    blocks: [
      { type: 'code', lang: 'bash', code: ['git add . && git commit -m "feat(<namespace>): add <app>" && git push', `flux reconcile kustomization <app> -n ${ksNamespace(l) ?? 'flux-system'} --with-source`, 'flux get helmrelease <app> -n <namespace>'].join('\n') },
      ...(moved.length
        ? [{
            type: 'text' as const,
            text: [
              'Where the namespace\'s kustomization.yaml sets ', { code: 'namespace:' }, ' (', ...moved.slice(0, 12).flatMap((m, i): Inline[] => [i > 0 ? ', ' : '', { code: m.file }, ` sets ${m.namespace}`]), moved.length > 12 ? ` and ${moved.length - 12} more` : '',
              '), kustomize puts the Kustomization in that namespace whatever its file says: reconcile it with ', { code: '-n' }, ' and that namespace. Its sourceRef and dependsOn name their namespaces, so they still resolve there.',
            ],
          }]
        : []),
    ],
  });

  return {
    id: 'add-app',
    kind: 'add-app',
    title: 'Add a new app',
    summary: `Skeleton in this repository's most common shape (${flat ? 'flat folders' : `${root}/<namespace>/<app>/ks.yaml${sub ? ` + ${sub}/` : ''}`}).`,
    path: ADD_APP_PATH,
    appId: null,
    alarm: false,
    sections,
  };
}

/** The namespace the app's Kustomization lands in after the build, as the skeleton writes it. */
const ksNamespace = (l: AppLayout): string | null => (l.ks.namespace.chosen === 'the app namespace' ? '<namespace>' : val(l.ks.namespace));

/**
 * The namespace folders whose `namespace:` moves the skeleton's Kustomization out of the one namespace
 * most land in (examples/homelab's media and ai, among folders that keep flux-system): there a sourceRef
 * or dependsOn without a namespace would look in the moved-to namespace.
 */
function movedBy(l: AppLayout): AppLayout['namespaced'] {
  const ns = ksNamespace(l);
  return ns === null || ns === '<namespace>' ? [] : l.namespaced.filter((n) => n.namespace !== ns);
}

function ksYaml(l: AppLayout, manifestsDir: string): Record<string, unknown> {
  const k = l.ks;
  // Written where it lands: a parent's `namespace:` gives it the same one, and a sourceRef or dependsOn
  // without a namespace means this one (kustomize leaves their namespaces alone).
  const ns = ksNamespace(l);
  const explicit = movedBy(l).length > 0;
  const [srcKind, srcNs, srcName] = (val(k.sourceRef) ?? 'GitRepository/flux-system/flux-system').split('/');
  const spec: Record<string, unknown> = {};
  if (k.targetNamespace.chosen === 'the app namespace') spec.targetNamespace = '<namespace>';
  if (l.dependsOn.usual.length) spec.dependsOn = l.dependsOn.usual.map((d) => { const [dns, name] = d.value.split('/'); return dns && (dns !== ns || explicit) ? { name, namespace: dns } : { name }; });
  spec.path = `./${manifestsDir}`;
  if (bool(k.prune) !== null) spec.prune = bool(k.prune);
  spec.sourceRef = { kind: srcKind, name: srcName, ...(srcNs && (srcNs !== ns || explicit || k.sourceNamespace.chosen === 'written') ? { namespace: srcNs } : {}) };
  const substituteFrom = val(k.substituteFrom);
  if (substituteFrom || val(k.substituteApp)) {
    spec.postBuild = {
      ...(val(k.substituteApp) ? { substitute: { APP: '<app>' } } : {}),
      ...(substituteFrom ? { substituteFrom: substituteFrom.split(', ').map((s) => { const [kind, name] = s.split('/'); return { kind, name }; }) } : {}),
    };
  }
  if (bool(k.wait) !== null) spec.wait = bool(k.wait);
  for (const f of ['interval', 'retryInterval', 'timeout'] as const) if (val(k[f])) spec[f] = val(k[f]);
  return { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: '<app>', ...(ns ? { namespace: ns } : {}) }, spec };
}

/** `oci`: the skeleton has an ocirepository.yaml of its own, which the folder must list to apply. */
function kustomizationYaml(l: AppLayout, oci: boolean): Record<string, unknown> {
  const listed = l.files.map((f) => f.value).filter((f) => f !== 'kustomization.yaml' && /\.ya?ml$/.test(f));
  const resources = listed.length ? listed.map((f) => `./${f}`) : ['./helmrelease.yaml'];
  if (oci && !resources.includes('./ocirepository.yaml')) resources.push('./ocirepository.yaml');
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
}

/** The release, referencing its chart the way the table says (chart.spec or chartRef), and its own OCIRepository where the apps each have one. */
function helmReleaseYaml(l: AppLayout): { release: Record<string, unknown>; oci: Record<string, unknown> | null } {
  const source = l.chart.source.chosen ?? '';
  const chartName = l.chart.name.chosen;
  const version = val(l.chart.version);
  const interval = val(l.chart.interval) ?? '1h';
  const appTemplate = chartName === 'app-template' || /app-template/.test(source);
  const values = appTemplate
    ? { controllers: { '<app>': { containers: { app: { image: { repository: '<image>', tag: '<tag>' } } } } }, service: { app: { controller: '<app>', ports: { http: { port: 80 } } } } }
    : {};
  const release = (chart: Record<string, unknown>) => ({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: '<app>' }, spec: { interval, ...chart, values } });
  if (l.chart.via.chosen === 'chartRef') {
    // One source the apps share, in another namespace: referenced, its tag set there for them all.
    const shared = /^(\S+) ([^\s/:]+)\/([^\s/:]+)$/.exec(source);
    if (shared) return { release: release({ chartRef: { kind: shared[1], name: shared[3], namespace: shared[2] } }), oci: null };
    const url = /^OCIRepository (oci:\/\/\S+)$/.exec(source)?.[1] ?? `oci://<registry>/${chartName ?? '<chart>'}`;
    return {
      release: release({ chartRef: { kind: 'OCIRepository', name: '<app>' } }),
      oci: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', metadata: { name: '<app>' }, spec: { interval: '15m', layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' }, ref: { tag: version ?? '<version>' }, url } },
    };
  }
  const repo = /^(\S+) (\S+) chart (\S+)/.exec(source);
  const chart = repo ? { spec: { chart: repo[3], version: version ?? '<version>', sourceRef: { kind: repo[1], name: repo[2], namespace: 'flux-system' } } } : { spec: { chart: chartName ?? '<chart>', version: '<version>', sourceRef: { kind: 'HelmRepository', name: '<repository>', namespace: 'flux-system' } } };
  return { release: release({ chart }), oci: null };
}
