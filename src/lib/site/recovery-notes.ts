/**
 * The hand-written notes the secrets page's "Recovery notes" lists: Markdown files whose path names
 * SOPS or secrets (the inventory's recoveryDocs), and the sections of any other Markdown file of the
 * repository under a heading that names SOPS, secrets, age keys, sealed secrets or key rotation.
 * Outside review: cluster/flux-system/README.md's "## SOPS" and cluster/README.md's "# Secrets" were
 * missed, and the page said no notes were found. Each file is read through the docs' memo and the
 * Atlas' Markdown store (parsed once, whoever reads it first); nothing is parsed again here.
 */
import type { RootContent } from 'mdast';
import { markdownStoreOf } from '../../markdown/store.ts';
import { findRoadmapPath } from '../../repo/roadmap/find.ts';
import { docPages } from './repo-markdown-core.ts';
import { repoDoc, type RepoMarkdownInput } from './repo-markdown-plan.ts';

export interface RecoveryNote {
  /** Repo-relative POSIX path. */
  file: string;
  /** The heading's line (1 for a file listed by its path). */
  line: number;
  /** The heading's text; null for a file listed by its path. */
  heading: string | null;
  /** The heading on this site (`/docs/...#sops`, base included) where the file is published there; else null. */
  href: string | null;
}

/** What a heading about secrets names (the path rule of the inventory, /sops|secret/, and the keys). */
const SECRETS_HEADING = /sops|secret|\bage[ -]?keys?\b|\bkey[ -]?rotation\b|\brotat\w*\b.*\bkeys?\b/i;
const MARKDOWN = /\.(md|mdx|markdown)$/i;

/**
 * `byPath`: the hand-written files the inventory lists by their path (listed whole); `skip`: files
 * never to read for headings (SECRETS.md and the changelog the export writes). Sorted by file and line.
 */
export function recoveryNotes(input: RepoMarkdownInput, byPath: readonly string[], skip: readonly string[], base = '/'): RecoveryNote[] {
  // (Nor the roadmap: "Re-encrypt the Alertmanager Secret" is a task, with a page of its own.)
  const roadmap = findRoadmapPath(input.model.files.map((f) => f.path), input.config.roadmap.file ?? null);
  const listed = new Set([...byPath, ...skip, ...(roadmap ? [roadmap] : [])]);
  const pages = docPages(input, base);
  const out: RecoveryNote[] = byPath.map((file) => ({ file, line: 1, heading: null, href: pages.get(file) ?? null }));
  for (const f of input.model.files) {
    if (listed.has(f.path) || !(f.kind === 'markdown' || MARKDOWN.test(f.path))) continue;
    const page = pages.get(f.path);
    for (const h of secretsHeadings(input, f.path)) out.push({ file: f.path, line: h.line, heading: h.text, href: page ? `${page}#${h.slug}` : null });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/**
 * The headings of one file that name secrets and have something written under them, each with its
 * line; a heading inside the section of one already kept is not listed again. (A heading alone, as
 * the title `atlas export` gives a README it creates for an app named sealed-secrets above its
 * generated block, which the docs' reading blanks, is no note.)
 */
function secretsHeadings(input: RepoMarkdownInput, file: string): { text: string; slug: string; line: number }[] {
  const doc = repoDoc(input, file);
  if (!doc || !doc.headings.some((h) => SECRETS_HEADING.test(h.text))) return [];
  // The same safety pass the docs read headings from (kept by the store): its tree has their positions.
  const safe = markdownStoreOf(input).safe(doc.body, doc.parsed, { file, lineOffset: doc.lineOffset });
  const nodes = safe.tree?.children ?? [];
  const text = new Map(safe.headings.map((h) => [h.slug, h.text]));
  const out: { text: string; slug: string; line: number }[] = [];
  let within = Number.POSITIVE_INFINITY;
  nodes.forEach((node, i) => {
    if (node.type !== 'heading') return;
    if (node.depth <= within) within = Number.POSITIVE_INFINITY;
    const slug = String(node.data?.hProperties?.id ?? '');
    const heading = text.get(slug);
    if (within !== Number.POSITIVE_INFINITY || heading === undefined || !SECRETS_HEADING.test(heading) || !hasContent(nodes, i)) return;
    out.push({ text: heading, slug, line: (node.position?.start.line ?? 1) + doc.lineOffset });
    within = node.depth;
  });
  return out;
}

/** Something other than a heading before the next heading of the same or a higher level. */
function hasContent(nodes: readonly RootContent[], at: number): boolean {
  const depth = (nodes[at] as { depth: number }).depth;
  for (const node of nodes.slice(at + 1)) {
    if (node.type === 'heading' && node.depth <= depth) return false;
    if (node.type !== 'heading' && node.type !== 'definition') return true;
  }
  return false;
}
