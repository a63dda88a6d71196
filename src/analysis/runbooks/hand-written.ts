/**
 * Hand-written runbooks: Markdown in the configured folders (default docs/runbooks, docs/sops),
 * shown under /runbooks/ beside the generated ones. Pure: the caller reads the files and passes
 * their text. Each runbook knows which apps it mentions (a link or a path into the app's folder,
 * or the app's name as a word), so app pages can link to it, and which generated runbook its
 * front matter asks for (`atlas: restore media/jellyfin`), so `atlas export` can fill its
 * marker block (repoRunbooks in index.ts, read by src/lib/export/targets.ts).
 */
import { posix } from 'node:path';
import type { App } from '../../model/app.ts';
import { appByFolder, type AppOfPath } from '../../model/app-of-path.ts';
import type { Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { splitFrontMatter } from '../../markdown/front-matter.ts';
import { handWrittenPath, RESERVED_SLUGS } from './paths.ts';

interface Mention {
  appId: string;
  via: 'link' | 'path' | 'name';
}

export interface HandWrittenRunbook {
  /** Repo-relative path of the Markdown file. */
  file: string;
  slug: string;
  /** Base-free site path. */
  path: string;
  title: string;
  /** Markdown after the front matter (untrusted; render with the safe renderer). */
  body: string;
  /** 1-based file line on which `body` starts. */
  bodyLine: number;
  /** Generated runbook id named by front matter `atlas:` (e.g. `restore:media/jellyfin`), else null. */
  atlas: string | null;
  mentions: Mention[];
}

const MD = /\.(md|markdown)$/i;

/** `restore media/jellyfin`, `restore:media/jellyfin` -> `restore:media/jellyfin`. */
export function parseAtlasId(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const t = v.trim();
  const m = /^([a-z-]+)(?:[:\s]+(.+))?$/.exec(t);
  if (!m) return null;
  return m[2] ? `${m[1]}:${m[2].trim().replace(/\s+/g, ':')}` : m[1]!;
}

export function handWrittenRunbooks(
  model: Pick<RepoModel, 'apps'>,
  files: readonly { file: string; text: string }[],
  folders: readonly string[],
): { result: HandWrittenRunbook[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const taken = new Set<string>();
  const out: HandWrittenRunbook[] = [];
  const clean = folders.map((f) => f.replace(/^\.?\/+|\/+$/g, '')).filter((f) => f !== '');
  const sorted = [...files].filter((f) => MD.test(f.file)).sort((a, b) => a.file.localeCompare(b.file));
  // The app of a mentioned path: the folder rule, without folders that hold other apps' folders.
  const ownerOf = appByFolder(model.apps, { leafFoldersOnly: true });
  for (const { file, text } of sorted) {
    const fi = clean.findIndex((f) => file.startsWith(`${f}/`));
    if (fi < 0) continue;
    const folder = clean[fi]!;
    let slug = slugFor(file.slice(folder.length + 1), folder, fi === 0);
    if (RESERVED_SLUGS.has(slug.split('/')[0]!)) slug = `${slug}-doc`;
    for (let i = 2; taken.has(slug); i += 1) slug = `${slug.replace(/-\d+$/, '')}-${i}`;
    taken.add(slug);
    const fm = splitFrontMatter(text, file);
    findings.push(...fm.findings);
    out.push({
      file,
      slug,
      path: handWrittenPath(slug),
      title: titleOf(fm.data.title, fm.body, file),
      body: fm.body,
      bodyLine: fm.bodyLine,
      atlas: parseAtlasId(fm.data.atlas),
      mentions: mentions(model.apps, ownerOf, file, fm.body),
    });
  }
  return { result: out, findings };
}

function slugFor(rel: string, folder: string, first: boolean): string {
  const parts = rel.replace(MD, '').split('/').map((p) => p.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'));
  const last = parts[parts.length - 1]!;
  if (last === 'readme' || last === 'index') parts.pop();
  const prefix = first ? [] : [posix.basename(folder).toLowerCase()];
  const all = [...prefix, ...parts].filter((p) => p !== '');
  return all.length ? all.join('/') : 'overview';
}

function titleOf(fmTitle: unknown, body: string, file: string): string {
  if (typeof fmTitle === 'string' && fmTitle.trim()) return fmTitle.trim();
  const h = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body);
  return h ? h[1]!.replace(/[`*_]/g, '') : posix.basename(file).replace(MD, '');
}

/** Names too common to count as a mention on their own (they are words in any runbook). */
const GENERIC = new Set(['app', 'apps', 'backup', 'cluster', 'config', 'database', 'default', 'docs', 'flux', 'system', 'secrets', 'storage']);

function mentions(apps: readonly App[], owner: AppOfPath, file: string, body: string): Mention[] {
  const dir = posix.dirname(file);
  const targets: string[] = [];
  for (const m of body.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    const href = (m[1] ?? m[2] ?? '').split('#')[0]!.split('?')[0]!;
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    let decoded = href;
    try {
      decoded = decodeURIComponent(href);
    } catch {
      /* keep as written */
    }
    targets.push(posix.normalize(posix.join(decoded.startsWith('/') ? '' : dir, decoded.replace(/^\/+/, ''))).replace(/\/+$/, ''));
  }
  const paths = [...body.matchAll(/(?:^|[\s`'"(])(\.{0,2}\/?[\w.-]+(?:\/[\w.-]+)+)\/?/gm)].map((m) => m[1]!);
  const found = new Map<string, Mention['via']>();
  const claim = (candidate: string, via: Mention['via']) => {
    const appId = owner(candidate);
    if (appId && !found.has(appId)) found.set(appId, via);
  };
  for (const t of targets) claim(t, 'link');
  for (const p of paths) claim(p.startsWith('.') ? posix.normalize(posix.join(dir, p)) : p.replace(/^\/+/, ''), 'path');
  // (A namespace named in a command or a manifest, `-n flux-system`, `namespace: flux-system`, is where
  // the step runs, not a mention of the app of that name: outside review, a Grafana restore runbook was
  // listed on the flux-system app's page.)
  const named = body.replace(NAMESPACE_ARG, '$1');
  for (const app of apps) {
    if (found.has(app.id) || !nameCounts(app.name)) continue;
    if (new RegExp(`(^|[^\\w/.-])${esc(app.name)}(?![\\w-])`, 'i').test(named)) found.set(app.id, 'name');
  }
  const out: Mention[] = [...found].map(([appId, via]) => ({ appId, via }));
  return out.sort((a, b) => a.appId.localeCompare(b.appId));
}

/** `-n NAME`, `--namespace NAME`, `--namespace=NAME`, `namespace: NAME`: the namespace argument, dropped from the text names are looked for in. */
const NAMESPACE_ARG = /(^|[\s`'"(])(?:-n[ \t]+|--namespace[ \t=]+|namespace:[ \t]*)["']?[\w.-]+["']?/gm;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameCounts = (name: string): boolean => !GENERIC.has(name.toLowerCase()) && (name.length >= 5 || /[-\d]/.test(name));
