/** The purpose line of an app's page: what the app is for, as the repository says it. */
import type { App } from '../../model/app.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { splitReadme } from './readme-sections.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });

/**
 * The release an app is named after, where it has several (zot beside its redis): the one whose name or
 * chart is the app's name, else the first (outside review: "Runs the redis chart" on the zot registry's page).
 */
function mainRelease(app: App, releases: readonly HelmRelease[]): HelmRelease | undefined {
  const bare = (n: string | null) => (n ?? '').replace(/^.*\//, '');
  return releases.find((h) => h.name === app.name) ?? releases.find((h) => bare(h.chart.name) === app.name) ?? releases[0];
}

/**
 * The chart a purpose line names: not a library chart that runs any image (bjw-s app-template), where
 * "Runs the app-template chart" says nothing of the app (outside review); the charts section names it.
 */
function purposeChart(chart: string | null): string | null {
  return chart !== null && /(^|\/)app-template$/.test(chart) ? null : chart;
}

/** What the app is for: its README's purpose, else its description annotation, else the chart it runs. */
export function appPurpose(app: App, readme: ReturnType<typeof splitReadme> | null, releases: readonly HelmRelease[]): AppFacts['purpose'] {
  const chart = purposeChart(mainRelease(app, releases)?.chart.name ?? null);
  if (readme && app.readme && readme.purpose.trim() !== '') {
    return { kind: 'readme', text: readme.purpose, ref: { file: app.readme, line: readme.purposeLine } };
  }
  if (app.description) return { kind: 'description', text: app.description, ref: ref(app.source) };
  return { kind: 'fallback', text: chart ?? app.name, ref: null };
}
