/**
 * What a discovered file is, judged by its name only (the content is judged when it is read).
 * `*.dis` / `*.bak` files are how home-ops repositories switch an app off without deleting it
 * (`ks.dis`, `ks.yaml.bak`, `helmrelease.yaml.dis`); they are read as YAML and marked disabled.
 */
export type FileKind = 'yaml' | 'disabled-yaml' | 'markdown' | 'other';

const YAML_EXT = /\.ya?ml$/i;
const MARKDOWN_EXT = /\.(md|mdx|markdown)$/i;
const DISABLED_EXT = /\.(dis|bak)$/i;

/** Classify a repo-relative POSIX path. */
export function classifyFile(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1);
  // kustomize also reads a kustomization file named `Kustomization` (no extension).
  if (YAML_EXT.test(base) || base === 'Kustomization') return 'yaml';
  if (MARKDOWN_EXT.test(base)) return 'markdown';
  if (DISABLED_EXT.test(base)) {
    const stem = base.replace(DISABLED_EXT, '');
    // `ks.dis` (no extension left) or `x.yaml.bak`; `dump.sql.bak` is not YAML.
    if (!stem.includes('.') || YAML_EXT.test(stem)) return 'disabled-yaml';
  }
  return 'other';
}
