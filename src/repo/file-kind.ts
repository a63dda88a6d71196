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

/**
 * Files of a Helm chart's `templates/` folder (beside a `Chart.yaml`, subcharts included): Go templates
 * that helm renders, not YAML anyone applies as written (`{{- if .Values.x }}` before a `---`), so they
 * are not read as manifests and their syntax is no finding. `paths`: every discovered file.
 */
export function helmTemplatePaths(paths: readonly string[]): Set<string> {
  const charts = new Set<string>();
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    const base = p.slice(slash + 1);
    if (base === 'Chart.yaml' || base === 'Chart.yml') charts.add(slash < 0 ? '' : p.slice(0, slash + 1));
  }
  const out = new Set<string>();
  if (charts.size === 0) return out;
  for (const p of paths) {
    // The nearest folder named templates whose parent is a chart: `charts/x/templates/a/b.yaml`.
    for (let i = p.indexOf('templates/'); i >= 0; i = p.indexOf('templates/', i + 1)) {
      if ((i === 0 || p[i - 1] === '/') && charts.has(p.slice(0, i))) {
        out.add(p);
        break;
      }
    }
  }
  return out;
}
