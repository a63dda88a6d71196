/**
 * Chart and image version changes, read from the versions inventory the site's health page shows
 * (HelmReleases that are not disabled). A chart is matched by its HelmRelease id; an image by its
 * HelmRelease id and values path, so a bump of `controllers.main.containers.app.image` is one change.
 * Versions are compared only within one chart or one image repository: a release whose chart now
 * comes from another source, or a values path that now names another image, is a change of source
 * (releases.ts), whose numbers say nothing of each other (outside review: multus 1.3.2 of bjw-s-labs'
 * chart -> 0.1.0 of home-operations' was called a major downgrade).
 */
import type { ChartRow, ImageRow } from '../../analysis/health/versions.ts';
import type { VersionChange } from './schema.ts';
import { byString, type DiffSide } from './side.ts';
import { sameChart } from './releases.ts';
import { classifyUpdate } from './version.ts';

const imageVersion = (i: ImageRow): string | null => (i.tag === null && i.digest === null ? null : `${i.tag ?? ''}${i.digest ? `@${i.digest}` : ''}`);

export function diffVersions(base: DiffSide, head: DiffSide): VersionChange[] {
  const out: VersionChange[] = [];
  const vb = base.analysis.health.matrices.versions;
  const vh = head.analysis.health.matrices.versions;
  const charts = new Map<string, ChartRow>(vb.charts.map((c) => [c.helmRelease, c]));
  for (const c of vh.charts) {
    const was = charts.get(c.helmRelease);
    if (!was?.version || !c.version || was.version === c.version || !sameChart(was, c)) continue;
    out.push({
      appId: c.appId, kind: 'chart', name: c.chart ?? c.helmRelease, helmRelease: c.helmRelease, path: null,
      from: was.version, to: c.version, ...classifyUpdate(was.version, c.version), file: c.ref.file, line: c.ref.line,
    });
  }
  const key = (i: ImageRow) => `${i.helmRelease}\u0000${i.path}`;
  const images = new Map<string, ImageRow>(vb.images.map((i) => [key(i), i]));
  for (const i of vh.images) {
    const was = images.get(key(i));
    if (!was) continue;
    const from = imageVersion(was);
    const to = imageVersion(i);
    if (!from || !to || from === to || was.image !== i.image) continue;
    out.push({
      appId: i.appId, kind: 'image', name: i.image, helmRelease: i.helmRelease, path: i.path,
      from, to, ...classifyUpdate(from, to), file: i.ref.file, line: i.ref.line,
    });
  }
  return out.sort((a, b) => byString(a.appId ?? '', b.appId ?? '') || byString(a.kind, b.kind) || byString(a.name, b.name) || byString(a.path ?? '', b.path ?? ''));
}
