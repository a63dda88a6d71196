import type { Roadmap, RoadmapStatus } from '../../model/roadmap.ts';
import { escapeXml } from '../../markdown/escape.ts';

/**
 * Progress over time: the roadmap file as it was at each commit (the caller reads the history and
 * passes the parser, `(text) => parseRoadmap(text, file).result`, so that analysis does not reach
 * back into src/repo), counted by status, and drawn as a small static SVG burn-down chart. The SVG is a pure string:
 * text is escaped, colours come from `currentColor` so the chart follows the light or dark theme.
 */

export interface BurndownPoint {
  /** Commit date, ISO 8601. */
  date: string;
  /** Items listed (headings with ids) plus entries of the completed list. */
  total: number;
  completed: number;
  /** Listed but not completed (and not deferred). */
  open: number;
  byStatus: Record<RoadmapStatus, number>;
  /** Declared remaining (`total - done` of the Completion Rate line), when the file declares it. */
  declaredRemaining: number | null;
}

export function burndownPoints(history: ReadonlyArray<{ date: string; text: string }>, parse: (text: string) => Roadmap): BurndownPoint[] {
  const points = history.map(({ date, text }) => {
    const result = parse(text);
    const byStatus = { 'not-started': 0, 'in-progress': 0, completed: 0, blocked: 0, deferred: 0, unknown: 0 } as Record<RoadmapStatus, number>;
    for (const i of result.items) byStatus[i.status.value]++;
    const listedIds = new Set(result.items.map((i) => i.id));
    const doneIds = new Set(result.items.filter((i) => i.status.value === 'completed').map((i) => i.id));
    for (const c of result.completed) {
      listedIds.add(c.id);
      doneIds.add(c.id);
    }
    const deferred = result.items.filter((i) => i.status.value === 'deferred' && !doneIds.has(i.id)).length;
    const o = result.declared.overall;
    return {
      date,
      total: listedIds.size,
      completed: doneIds.size,
      open: listedIds.size - doneIds.size - deferred,
      byStatus,
      declaredRemaining: o && o.done !== null && o.total !== null ? o.total - o.done : null,
    };
  });
  return points.sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.date.localeCompare(b.date));
}


const W = 640;
const H = 240;
const PAD = { left: 44, right: 16, top: 28, bottom: 36 };

function num(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** A burn-down chart of open items (solid) and declared remaining (dashed) over commit dates. */
export function renderBurndownSvg(points: readonly BurndownPoint[], title = 'Roadmap burn-down'): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}" fill="none" stroke="currentColor" font-family="system-ui, sans-serif" font-size="11">`;
  const titleEl = `<title>${escapeXml(title)}</title>`;
  if (points.length === 0) {
    return `${head}${titleEl}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor" stroke="none">No history for the roadmap yet.</text></svg>`;
  }
  const times = points.map((p) => Date.parse(p.date));
  const t0 = Math.min(...times.filter(Number.isFinite), Number.MAX_SAFE_INTEGER);
  const t1 = Math.max(...times.filter(Number.isFinite), t0);
  const maxY = Math.max(1, ...points.map((p) => Math.max(p.open, p.declaredRemaining ?? 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number): number => {
    const t = times[i]!;
    if (!Number.isFinite(t) || t1 === t0) return PAD.left + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
    return PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  };
  const y = (v: number): number => PAD.top + plotH - (v / maxY) * plotH;
  const parts: string[] = [head, titleEl];
  parts.push(`<text x="${PAD.left}" y="16" fill="currentColor" stroke="none" font-weight="600">${escapeXml(title)}</text>`);
  // Axes and labels.
  parts.push(`<path d="M${PAD.left} ${PAD.top}V${PAD.top + plotH}H${PAD.left + plotW}" stroke-opacity="0.6"/>`);
  parts.push(`<text x="${PAD.left - 6}" y="${num(y(maxY) + 4)}" text-anchor="end" fill="currentColor" stroke="none">${maxY}</text>`);
  parts.push(`<text x="${PAD.left - 6}" y="${num(y(0) + 4)}" text-anchor="end" fill="currentColor" stroke="none">0</text>`);
  const day = (d: string): string => escapeXml(d.slice(0, 10));
  parts.push(`<text x="${PAD.left}" y="${H - 12}" fill="currentColor" stroke="none">${day(points[0]!.date)}</text>`);
  if (points.length > 1) parts.push(`<text x="${PAD.left + plotW}" y="${H - 12}" text-anchor="end" fill="currentColor" stroke="none">${day(points[points.length - 1]!.date)}</text>`);
  parts.push(`<text x="12" y="${PAD.top + plotH / 2}" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle" fill="currentColor" stroke="none">open items</text>`);
  // Series.
  const line = (values: Array<number | null>, extra: string): void => {
    const d = values
      .map((v, i) => (v === null ? null : `${num(x(i))} ${num(y(v))}`))
      .filter((s): s is string => s !== null)
      .map((s, i) => `${i === 0 ? 'M' : 'L'}${s}`)
      .join('');
    if (d) parts.push(`<path d="${d}" stroke-width="2" ${extra}/>`);
  };
  line(points.map((p) => p.open), '');
  if (points.some((p) => p.declaredRemaining !== null)) line(points.map((p) => p.declaredRemaining), 'stroke-dasharray="5 4" stroke-opacity="0.7"');
  points.forEach((p, i) => {
    const label = `${p.date.slice(0, 10)}: ${p.open} open, ${p.completed} completed of ${p.total}${p.declaredRemaining === null ? '' : `; declared remaining ${p.declaredRemaining}`}`;
    parts.push(`<circle cx="${num(x(i))}" cy="${num(y(p.open))}" r="3" fill="currentColor"><title>${escapeXml(label)}</title></circle>`);
  });
  parts.push(`<text x="${PAD.left + plotW}" y="16" text-anchor="end" fill="currentColor" stroke="none" fill-opacity="0.8">solid: open items listed${points.some((p) => p.declaredRemaining !== null) ? ' · dashed: declared remaining' : ''}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
