/**
 * `/llms.txt` and `/llms-full.txt` (https://llmstxt.org/): what the cluster runs, for a language
 * model's context. llms.txt is the index the convention asks for: an H1 title, a blockquote
 * summary, a paragraph, then H2 sections of `- [name](url): notes` links, one line per app,
 * grouped by namespace, and an `Optional` section a reader may skip. llms-full.txt has every app's
 * facts in Markdown (the README export's block, app-readme.ts), the secrets inventory by name
 * (secrets-md.ts), measured roadmap progress, recent changes and the findings.
 *
 * Why not the `starlight-llms-txt` plugin: it reads Starlight's `docs` content collection only
 * (getCollection('docs')), and here every page but the guide is a generated route, so it would
 * describe the guide and none of the apps. Pure: the site's endpoints and tests call it.
 */
import type { Atlas } from '../../pipeline/atlas.ts';
import type { AppFacts } from '../site/app-facts-schema.ts';
import { namespacePath, withBase } from '../site/urls.ts';
import { renderAppReadme } from './app-readme.ts';
import { ATLAS_JSON_FILE, ATLAS_SCHEMA_FILE } from './json-schema.ts';
import { renderSecretsMarkdown } from './secrets-md.ts';

export interface LlmsOptions {
  /** Public site URL with base, no trailing slash: links are absolute when known. */
  siteUrl: string | null;
  /** Astro's base path, for root-relative links when the site URL is not known. */
  base: string;
  /** Site title (configured, else the repository's name). */
  title: string;
}

type LlmsAtlas = Pick<Atlas, 'model' | 'analysis' | 'roadmap' | 'changelog' | 'commit' | 'config'>;

/** One line of plain text: Markdown link brackets and newlines cannot break the list it sits in. */
const line = (s: string): string => s.replace(/\s+/g, ' ').replace(/[[\]]/g, (c) => `\\${c}`).trim();
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function href(path: string, o: LlmsOptions): string {
  return o.siteUrl ? `${o.siteUrl}${path}` : withBase(path, o.base);
}

function summary(atlas: LlmsAtlas, apps: readonly AppFacts[], o: LlmsOptions): string {
  const deployed = apps.filter((a) => !a.notDeployed);
  const namespaces = new Set(deployed.map((a) => a.namespace));
  const clusters = atlas.model.clusters.length > 1 ? ` on ${plural(atlas.model.clusters.length, 'cluster')} (${atlas.model.clusters.join(', ')})` : '';
  const at = atlas.commit ? ` at commit ${atlas.commit.sha.slice(0, 12)} (${atlas.commit.date.slice(0, 10)})` : '';
  return `> ${line(o.title)}: a Flux GitOps repository that deploys ${plural(deployed.length, 'app')} in ${plural(namespaces.size, 'namespace')}${clusters}, documented by GitOps Atlas${at}. Facts come from the manifests, each with its file and line; secret values are never shown, only names and keys.`;
}

function findingsLine(atlas: LlmsAtlas): string {
  const by = { error: 0, warning: 0, info: 0 };
  for (const f of atlas.model.findings) by[f.severity]++;
  return `Findings: ${plural(by.error, 'error')}, ${plural(by.warning, 'warning')}, ${by.info} info.`;
}

/** `plex`: what it is for, chart, hosts, dependencies, findings, in one line. */
function appNote(f: AppFacts): string {
  const parts: string[] = [];
  if (f.purpose.kind !== 'fallback') parts.push(clip(line(f.purpose.text.split(/\n\s*\n/)[0] ?? ''), 160));
  if (f.cluster) parts.push(`cluster ${f.cluster}`);
  if (f.state !== 'active') parts.push(f.state);
  // (A chart of unknown name is said so, never given the release's or its source's name.)
  for (const c of f.charts) parts.push(`${c.chart ? `chart ${c.chart}` : (c.chartOf ?? 'chart unknown')}${c.version ? ` ${c.version}` : ''}`);
  const hosts = [...new Set(f.endpoints.flatMap((e) => e.hosts))];
  if (hosts.length) parts.push(`hosts ${clip(hosts.join(', '), 120)}`);
  if (f.dependsOn.length) parts.push(`depends on ${f.dependsOn.map((d) => d.appId ?? d.name).join(', ')}`);
  const serious = f.findings.filter((x) => x.severity !== 'info').length;
  if (serious) parts.push(plural(serious, 'finding'));
  return line(parts.filter((p) => p !== '').join('; '));
}

const link = (text: string, url: string, note: string): string => `- [${line(text)}](${url})${note ? `: ${note}` : ''}`;

/** The index: site sections, then one section per namespace with one line per deployed app. */
export function llmsTxt(atlas: LlmsAtlas, apps: readonly AppFacts[], o: LlmsOptions): string {
  const sorted = [...apps].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.id.localeCompare(b.id));
  const out: string[] = [`# ${line(o.title)}`, '', summary(atlas, apps, o), ''];
  out.push(
    `${findingsLine(atlas)} The whole model is machine-readable in [${ATLAS_JSON_FILE}](${href(`/${ATLAS_JSON_FILE}`, o)}) (JSON Schema: [${ATLAS_SCHEMA_FILE}](${href(`/${ATLAS_SCHEMA_FILE}`, o)})); [llms-full.txt](${href('/llms-full.txt', o)}) has every app's facts in one file.`,
    '',
    '## Site',
    '',
    link('Overview', href('/', o), 'counts, findings by severity, roadmap progress, latest changes'),
    link('Apps', href('/apps/', o), 'every app with its state and what it lacks (backup, monitoring, network policy)'),
    link('Secrets inventory', href('/secrets/', o), 'SOPS files, ExternalSecrets, stores and plain Secrets, by name and key'),
    link('Dependency graph', href('/graph/', o), 'Flux dependsOn between apps, with its mistakes'),
    link('Changelog', href('/changelog/', o), 'history from git, with a feed'),
    ...(atlas.roadmap.roadmap ? [link('Roadmap', href('/roadmap/', o), 'roadmap items measured against the manifests')] : []),
    link('Health', href('/health/', o), 'coverage matrices and findings'),
    link('Runbooks', href('/runbooks/', o), 'restore, rotate, upgrade, with this repository\'s facts'),
  );
  const byNs = new Map<string, AppFacts[]>();
  for (const f of sorted) if (!f.notDeployed) byNs.set(f.namespace, [...(byNs.get(f.namespace) ?? []), f]);
  for (const [ns, list] of byNs) {
    out.push('', `## Namespace ${line(ns)}`, '', link(`Namespace ${ns}`, href(namespacePath(ns), o), `${plural(list.length, 'app')}, network policies, graph`));
    for (const f of list) out.push(link(f.name, href(f.path, o), appNote(f)));
  }
  const off = sorted.filter((f) => f.notDeployed);
  out.push('', '## Optional', '');
  for (const f of off) out.push(link(`${f.name} (not deployed)`, href(f.path, o), line(f.notDeployed ?? '')));
  out.push(link('Guide', href('/guide/getting-started/', o), 'how GitOps Atlas reads a repository and derives each fact'));
  return `${out.join('\n')}\n`;
}

/** Everything in one file: each app's facts, the secrets inventory, the roadmap, recent changes, findings. */
export function llmsFullTxt(atlas: LlmsAtlas, apps: readonly AppFacts[], o: LlmsOptions): string {
  const sorted = [...apps].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.id.localeCompare(b.id));
  const repoUrl = atlas.config.repoUrl ?? null;
  const out: string[] = [`# ${line(o.title)}`, '', summary(atlas, apps, o), '', `${findingsLine(atlas)} Index: [llms.txt](${href('/llms.txt', o)}). Machine-readable: [${ATLAS_JSON_FILE}](${href(`/${ATLAS_JSON_FILE}`, o)}).`, ''];
  for (const f of sorted) {
    // The README block speaks to the README's author where nobody wrote a purpose; not to a model.
    const block = renderAppReadme(f, { repoUrl, siteUrl: o.siteUrl }).replace(/^Nobody has written what this app is for yet.*\n/m, '').trimEnd();
    const nl = block.indexOf('\n');
    const heading = nl < 0 ? block : block.slice(0, nl);
    const rest = nl < 0 ? '' : block.slice(nl + 1);
    const notes = [
      `App id \`${f.id.replace(/`/g, '')}\`${f.cluster ? `, cluster ${line(f.cluster)}` : ''}; page: ${href(f.path, o)}.`,
      ...(f.notDeployed ? [`Not deployed: ${line(f.notDeployed)}.`] : []),
      ...(f.purpose.kind === 'readme' ? [`Purpose (from ${f.purpose.ref?.file ?? 'README.md'}): ${line(f.purpose.text)}`] : []),
    ];
    out.push(heading, '', notes.join('\n\n'), rest, '');
  }
  out.push(renderSecretsMarkdown(atlas.analysis.secrets).trimEnd(), '');
  for (const section of [roadmapSection(atlas), changesSection(atlas), findingsSection(atlas)]) for (const line of section) out.push(line);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function roadmapSection(atlas: LlmsAtlas): string[] {
  const r = atlas.roadmap;
  if (!r.roadmap) return [];
  const overall = r.measured.find((m) => m.scope === 'overall');
  const out = ['## Roadmap', '', `From ${r.roadmap.file}${overall ? `: ${overall.done} of ${overall.total} issues done as measured${overall.percent === null ? '' : ` (${overall.percent}%)`}` : ''}.`, ''];
  for (const v of r.items) {
    const m = v.check.measured;
    const measured = m ? `measures ${m.done} of ${m.total}${m.percent === null ? '' : ` (${m.percent}%)`}` : 'not measured';
    out.push(`- ${line(v.item.id)} ${line(v.item.title)}: ${line(v.item.status.raw ?? v.item.status.value)}, ${measured}; ${line(v.check.summary)}`);
  }
  return [...out, ''];
}

function changesSection(atlas: LlmsAtlas): string[] {
  const entries = atlas.changelog.changelog.entries.slice(0, 50);
  if (entries.length === 0) return [];
  const out = ['## Recent changes', ''];
  for (const e of entries) out.push(`- ${e.day} ${line(e.subject)}${e.apps.length ? ` (${clip(e.apps.join(', '), 200)})` : ''}`);
  return [...out, ''];
}

function findingsSection(atlas: LlmsAtlas): string[] {
  const list = atlas.model.findings.filter((f) => f.severity !== 'info');
  if (list.length === 0) return [];
  return ['## Findings (errors and warnings)', '', ...list.map((f) => `- ${f.severity} ${f.code} at ${f.source.file}:${f.source.line}: ${line(f.message)}`), ''];
}
