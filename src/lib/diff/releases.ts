/**
 * What the versions inventory shows of an app that a version update does not say: an image added
 * or removed (outside review: onedr0p e35d0eb0 dropped rook-ceph-cluster's `cephImage` and the diff
 * said "No change to the cluster"), an image or a chart taken from another source (multus moved
 * from bjw-s-labs' OCI chart 1.3.2 to home-operations' 0.1.0: not a major downgrade of one chart,
 * but another chart), a HelmRelease added or removed, and the values and settings of a release.
 * Only where the owner is on both sides, in an app deployed on both: an app added or removed
 * brings its releases with it, and is reported once.
 */
import type { ChartRow, ImageRow } from '../../analysis/health/versions.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { AppChange } from './schema.ts';
import type { DiffSide } from './side.ts';
import { valuesChanges } from './values.ts';

/** `repository:tag@digest`, as a pod spec would write it. */
const imageText = (i: Pick<ImageRow, 'image' | 'tag' | 'digest'>): string => `${i.image}${i.tag ? `:${i.tag}` : ''}${i.digest ? `@${i.digest}` : ''}`;

const bareUrl = (u: string): string => u.trim().replace(/\/+$/, '').toLowerCase();

/**
 * Whether two chart rows name one chart: the same name from the same repository URL (the HelmRepository's,
 * or the OCIRepository's, which ends in the chart). Where either URL is not in the repository, the same
 * source object by kind and name. A renamed source object at the same URL is the same chart.
 */
export function sameChart(a: Pick<ChartRow, 'chart' | 'url' | 'source'>, b: Pick<ChartRow, 'chart' | 'url' | 'source'>): boolean {
  if (a.chart !== b.chart) return false;
  return a.url && b.url ? bareUrl(a.url) === bareUrl(b.url) : a.source === b.source;
}

/** Where a chart comes from, in words: the OCI URL that ends in its name, else the URL or source and the chart. */
function chartSource(c: Pick<ChartRow, 'chart' | 'url' | 'source' | 'version'>): string {
  const name = c.chart ?? '(unknown chart)';
  const from = c.url ? (bareUrl(c.url).endsWith(`/${name.toLowerCase()}`) ? c.url.replace(/\/+$/, '') : `${c.url.replace(/\/+$/, '')} chart ${name}`) : `${c.source ?? 'an unknown source'} chart ${name}`;
  return c.version ? `${from} ${c.version}` : from;
}

/** The owner's id and values path of an image row: one place in the repository. */
const imageKey = (i: ImageRow): string => `${i.helmRelease}\u0000${i.path}`;

/**
 * Ids of apps deployed on both sides (not disabled, not notDeployed, the same id): the apps whose
 * contents are compared. A row of no app is compared where its owner is on both sides.
 */
export function stableApps(base: DiffSide, head: DiffSide): Set<string> {
  const on = (s: DiffSide) => new Set(s.model.apps.filter((a) => !a.disabled && !a.notDeployed).map((a) => a.id));
  const b = on(base);
  return new Set([...on(head)].filter((id) => b.has(id)));
}

export function diffReleases(base: DiffSide, head: DiffSide, stable: ReadonlySet<string>): AppChange[] {
  const out: AppChange[] = [];
  const inApp = (appId: string | null) => appId === null || stable.has(appId);
  const vb = base.analysis.health.matrices.versions;
  const vh = head.analysis.health.matrices.versions;

  // Charts: a release added or removed, and one whose chart now comes from elsewhere.
  const chartsB = new Map<string, ChartRow>(vb.charts.map((c) => [c.helmRelease, c]));
  const chartsH = new Map<string, ChartRow>(vh.charts.map((c) => [c.helmRelease, c]));
  for (const c of vh.charts) {
    if (!inApp(c.appId)) continue;
    const was = chartsB.get(c.helmRelease);
    const at = { file: c.ref.file, line: c.ref.line };
    if (!was) out.push({ appId: c.appId, area: 'chart', change: 'added', subject: c.helmRelease, detail: `${c.helmRelease} installs ${chartSource(c)}`, from: null, to: chartSource(c), ...at });
    else if (!sameChart(was, c)) out.push({ appId: c.appId, area: 'chart', change: 'source changed', subject: c.helmRelease, detail: `chart source changed: ${chartSource(was)} -> ${chartSource(c)} (another chart: versions not compared)`, from: chartSource(was), to: chartSource(c), ...at });
  }
  for (const c of vb.charts) {
    if (chartsH.has(c.helmRelease) || !inApp(c.appId)) continue;
    out.push({ appId: c.appId, area: 'chart', change: 'removed', subject: c.helmRelease, detail: `${c.helmRelease} (${chartSource(c)}) removed`, from: chartSource(c), to: null, file: c.ref.file, line: c.ref.line });
  }

  // Images, by owner and values path, where the owner is on both sides.
  const ownersB = new Set(vb.images.map((i) => i.helmRelease));
  const ownersH = new Set(vh.images.map((i) => i.helmRelease));
  const imagesB = new Map<string, ImageRow>(vb.images.map((i) => [imageKey(i), i]));
  const imagesH = new Map<string, ImageRow>(vh.images.map((i) => [imageKey(i), i]));
  const where = (i: ImageRow) => `${i.path} of ${i.helmRelease}`;
  const owned = (i: ImageRow) => inApp(i.appId) && (ownersB.has(i.helmRelease) || chartsB.has(i.helmRelease)) && (ownersH.has(i.helmRelease) || chartsH.has(i.helmRelease));
  for (const i of vh.images) {
    if (!owned(i)) continue;
    const was = imagesB.get(imageKey(i));
    const at = { file: i.ref.file, line: i.ref.line };
    if (!was) out.push({ appId: i.appId, area: 'image', change: 'added', subject: `${i.helmRelease} ${i.path}`, detail: `${imageText(i)} (${where(i)})`, from: null, to: imageText(i), ...at });
    else if (was.image !== i.image) out.push({ appId: i.appId, area: 'image', change: 'source changed', subject: `${i.helmRelease} ${i.path}`, detail: `image source changed: ${imageText(was)} -> ${imageText(i)} (${where(i)}; another image: tags not compared)`, from: imageText(was), to: imageText(i), ...at });
  }
  for (const i of vb.images) {
    if (imagesH.has(imageKey(i)) || !owned(i)) continue;
    out.push({ appId: i.appId, area: 'image', change: 'removed', subject: `${i.helmRelease} ${i.path}`, detail: `${imageText(i)} (${where(i)})`, from: imageText(i), to: null, file: i.ref.file, line: i.ref.line });
  }

  // The values and Flux settings of each release on both sides.
  const releasesB = new Map<string, HelmRelease>(base.model.helmReleases.map((h) => [h.id, h]));
  const releasesH = new Map<string, HelmRelease>(head.model.helmReleases.map((h) => [h.id, h]));
  for (const c of vh.charts) {
    const was = chartsB.get(c.helmRelease);
    const b = releasesB.get(c.helmRelease);
    const h = releasesH.get(c.helmRelease);
    if (!was || !b || !h || !inApp(c.appId)) continue;
    const at = { file: c.ref.file, line: c.ref.line };
    const settings = releaseSettings(b, h);
    if (settings) out.push({ appId: c.appId, area: 'flux', change: 'changed', subject: c.helmRelease, detail: `${c.helmRelease}: ${settings}`, from: null, to: null, ...at });
    const paths = valuesChanges(b.values, h.values, [...b.images, ...h.images].map((i) => i.path));
    if (paths.length) out.push({ appId: c.appId, area: 'values', change: 'changed', subject: c.helmRelease, detail: `values of ${c.helmRelease}: ${listed(paths)}`, from: null, to: null, ...at });
  }
  return out;
}

/** At most five items, then how many more. */
const listed = (items: readonly string[], max = 5): string => `${items.slice(0, max).join(', ')}${items.length > max ? ` and ${items.length - max} more` : ''}`;

/** The spec fields of a HelmRelease that change what helm-controller does, besides its chart and values. */
function releaseSettings(b: HelmRelease, h: HelmRelease): string | null {
  const fields: [string, unknown, unknown][] = [
    ['suspend', b.suspend === true, h.suspend === true],
    ['releaseName', b.releaseName, h.releaseName],
    ['targetNamespace', b.targetNamespace, h.targetNamespace],
    ['interval', b.interval, h.interval],
    ['timeout', b.timeout, h.timeout],
    ['disableWait', b.disableWait === true, h.disableWait === true],
    ['valuesFrom', b.valuesFrom.map((v) => `${v.kind}/${v.name}`).join(','), h.valuesFrom.map((v) => `${v.kind}/${v.name}`).join(',')],
  ];
  return settingsText(fields);
}

/** `suspend false -> true, interval 1h -> 30m`, or null where nothing differs. */
export function settingsText(fields: readonly [string, unknown, unknown][]): string | null {
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(unset)' : Array.isArray(v) ? (v.length ? v.join(', ') : '(none)') : String(v));
  const changed = fields.filter(([, a, b]) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)).map(([k, a, b]) => `${k} ${show(a)} -> ${show(b)}`);
  return changed.length ? changed.join(', ') : null;
}
