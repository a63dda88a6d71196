import type { App } from '../../../model/app.ts';
import { appOfMentionedPath } from '../../../model/app-of-path.ts';
import type { FluxKustomization } from '../../../model/flux.ts';
import type { RepoModel } from '../../../model/repo-model.ts';
import type { RoadmapItem } from '../../../model/roadmap.ts';

/**
 * Finding what an item talks about: namespaces, apps, paths. Only names the repository knows
 * count, and a bare word counts only where the text says what it is (`Media Namespace`,
 * `namespace: media`, a `namespace/app` pair, a bold label of a numbered action), so that the
 * word "network" in "flat network security model" does not select the `network` namespace.
 */

export interface Mention<T> {
  value: T;
  /** 1-based line in the roadmap file. */
  line: number;
}

function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/^-+|-+$/g, '');
}

/** Namespaces of the model named in the item, in order of first mention. */
export function namespacesNamed(item: RoadmapItem, model: RepoModel): Array<Mention<string>> {
  const known = new Set(model.namespaces);
  const out: Array<Mention<string>> = [];
  const add = (ns: string, line: number): void => {
    if (known.has(ns) && !out.some((m) => m.value === ns)) out.push({ value: ns, line });
  };
  for (const { text, line } of bodyLines(item)) {
    const t = text.slice(0, 2000);
    for (const m of t.matchAll(/([A-Za-z0-9][A-Za-z0-9-]{0,62})\*{0,2}\s+namespace\b/gi)) add(m[1]!.toLowerCase(), line);
    for (const m of t.matchAll(/\bnamespace\*{0,2}\s*:?\s+`?([a-z0-9][a-z0-9-]{0,62})/gi)) add(m[1]!.toLowerCase(), line);
  }
  for (const ref of [...item.filesToCreate, ...item.files, ...item.filesToUpdate]) {
    for (const seg of ref.path.split('/')) add(seg, ref.line);
  }
  return out;
}

/** The title and the body's lines, each with its line number in the roadmap file. */
export function bodyLines(item: RoadmapItem): Array<{ text: string; line: number }> {
  const body = item.body === '' ? [] : item.body.split('\n');
  return [{ text: item.title, line: item.source.line }, ...body.map((text, i) => ({ text, line: item.bodyLine + i }))];
}

/** The apps of the item's paths, as the model resolves a path's app (model/app-of-path.ts). */
export function appsByPaths(item: RoadmapItem, model: Pick<RepoModel, 'apps' | 'files'>): Array<Mention<App>> {
  const out: Array<Mention<App>> = [];
  const appOf = appOfMentionedPath(model);
  for (const ref of [...item.filesToCreate, ...item.files, ...item.filesToUpdate]) {
    const id = appOf(ref.path);
    const app = id ? model.apps.find((a) => a.id === id) : undefined;
    if (app && !out.some((m) => m.value.id === app.id)) out.push({ value: app, line: ref.line });
  }
  return out;
}

/**
 * Apps named in the item: `namespace/name` pairs, and bold labels of numbered actions or bullets
 * (`1. **Cilium** - ...`, `**External-Secrets Operator**`). Labels that name no app are returned
 * in `unknown`, so a check can say "named but not in the repository".
 */
export function appsNamed(item: RoadmapItem, model: RepoModel): { apps: Array<Mention<App>>; unknown: Array<Mention<string>> } {
  const apps: Array<Mention<App>> = [];
  const unknown: Array<Mention<string>> = [];
  const add = (app: App, line: number): void => {
    if (!apps.some((m) => m.value.id === app.id)) apps.push({ value: app, line });
  };
  const byName = (label: string): App | undefined => {
    const n = normaliseName(label);
    const candidates = [n, n.replace(/-operator$/, ''), n.replace(/-(clusters?|operator|controller)$/, '')];
    const squashed = candidates.map((c) => c.replace(/-/g, ''));
    // `CloudNativePG` names the app `cloudnative-pg`: compare without hyphens as a fallback.
    return model.apps.find((a) => candidates.includes(a.name)) ?? model.apps.find((a) => squashed.includes(a.name.replace(/-/g, '')));
  };
  for (const { text, line } of bodyLines(item)) {
    const t = text.slice(0, 2000);
    for (const m of t.matchAll(/(?:^|[\s`(])([a-z0-9][a-z0-9-]{0,62})\/([a-z0-9][a-z0-9.-]{0,62})(?=$|[\s`),:])/g)) {
      const app = model.apps.find((a) => a.namespace === m[1] && a.name === m[2]);
      if (app) add(app, line);
      else if (!/\.[a-z]+$/.test(m[2]!) && model.namespaces.includes(m[1]!)) unknown.push({ value: `${m[1]}/${m[2]}`, line });
    }
    const label = /^\s*(?:\d{1,3}[.)]|[-*+])\s+\*\*([^*]{1,60})\*\*/.exec(t);
    if (label && !/:$/.test(label[1]!)) {
      const app = byName(label[1]!);
      if (app) add(app, line);
      else if (/^\s*\d/.test(t)) unknown.push({ value: label[1]!.trim(), line });
    }
  }
  return { apps, unknown: unknown.filter((u) => !apps.some((a) => a.value.name === normaliseName(u.value))) };
}

/** A name as a whole word: not inside a longer hyphenated name or a path segment. */
function namedIn(text: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w./-])${esc}(?![\\w/-]|\\.\\w)`, 'i').test(text);
}

/**
 * Live Flux Kustomizations named in the item's title or body as whole words (`kyverno-policies`
 * does not name `kyverno`; the path `apps/kyverno/ks.yaml` names neither). Code blocks count.
 */
export function kustomizationsNamed(item: RoadmapItem, model: RepoModel): Array<Mention<FluxKustomization>> {
  const out: Array<Mention<FluxKustomization>> = [];
  const lines = bodyLines(item).map((l) => ({ ...l, text: l.text.slice(0, 2000) }));
  for (const k of model.kustomizations) {
    if (k.disabled) continue;
    const hit = lines.find((l) => namedIn(l.text, k.name));
    if (hit) out.push({ value: k, line: hit.line });
  }
  return out;
}

/** Live Flux Kustomizations defined in the files the item names. */
export function kustomizationsInFiles(item: RoadmapItem, model: RepoModel): FluxKustomization[] {
  const paths = new Set([...item.files, ...item.filesToUpdate, ...item.filesToCreate].map((p) => p.path));
  return model.kustomizations.filter((k) => !k.disabled && paths.has(k.source.file));
}

/** Repo-relative paths the item names (create, update, `File:`), without duplicates. */
export function itemPaths(item: RoadmapItem): string[] {
  return [...new Set([...item.files, ...item.filesToUpdate, ...item.filesToCreate].map((p) => p.path.replace(/\/+$/, '')))];
}
