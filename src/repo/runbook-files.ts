/**
 * The file reads the runbooks need and the model does not hold: scrubbed RawDocs of the few
 * documents whose fields a runbook shows (k8up Schedule backends, version keys in ConfigMaps,
 * system-upgrade Plans, FluxInstances, flux-instance HelmReleases, talconfig.yaml), the header of
 * gotk-components.yaml, and the text of the hand-written runbooks. YAML goes through the reading
 * layer (src/repo/read-yaml.ts), so secret values are wiped before the generators see them.
 * No Astro import: tests and the CLI can call it too.
 */
import { join } from 'node:path';
import type { RawDoc } from '../model/raw-doc.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { readTextFile } from './file-checks.ts';
import { readYamlFile } from './read-yaml.ts';

export interface RunbookFiles {
  docs: RawDoc[];
  headers: { file: string; text: string }[];
  /** Hand-written runbooks: Markdown files under the configured folders. */
  texts: { file: string; text: string }[];
}

const HEADER_BYTES = 4096;

/** Files whose documents a runbook reads fields from. */
function runbookYamlFiles(model: RepoModel): string[] {
  const files = new Set<string>();
  for (const o of model.objects) {
    if (o.disabled) continue;
    const wanted =
      (o.kind === 'Schedule' && o.group === 'k8up.io') ||
      (o.kind === 'ConfigMap' && o.group === '') ||
      (o.kind === 'Plan' && o.group === 'upgrade.cattle.io') ||
      (o.kind === 'FluxInstance' && o.group === 'fluxcd.controlplane.io');
    if (wanted) files.add(o.source.file);
  }
  for (const h of model.helmReleases) if (!h.disabled && (h.chart.name === 'flux-instance' || h.name === 'flux-instance')) files.add(h.source.file);
  for (const f of model.files) if (/(^|\/)talconfig\.ya?ml$/.test(f.path)) files.add(f.path);
  return [...files].sort();
}

/**
 * The documents of the files a runbook reads fields from, out of the documents a scan read (those not
 * commented out, in file order), by file: readRunbookFiles then parses none of those files again.
 */
export function runbookDocsOf(model: RepoModel, scanned: readonly RawDoc[]): ReadonlyMap<string, RawDoc[]> {
  const wanted = new Set(runbookYamlFiles(model));
  const out = new Map<string, RawDoc[]>();
  for (const d of scanned) {
    if (d.disabled !== null || !wanted.has(d.source.file)) continue;
    const list = out.get(d.source.file);
    if (list) list.push(d);
    else out.set(d.source.file, [d]);
  }
  return out;
}

/** `fromScan`: runbookDocsOf the scan's documents; a file missing there is read here. */
export async function readRunbookFiles(model: RepoModel, repoRoot: string, folders: readonly string[], fromScan?: ReadonlyMap<string, RawDoc[]>): Promise<RunbookFiles> {
  const docs: RawDoc[] = [];
  for (const path of runbookYamlFiles(model)) {
    const known = fromScan?.get(path);
    const read = known ?? (await readYamlFile({ path, abs: join(repoRoot, path), kind: 'yaml' }, { commented: false })).docs;
    for (const d of read) docs.push(d);
  }
  const headers: RunbookFiles['headers'] = [];
  for (const f of model.files) {
    if (!/(^|\/)gotk-components\.ya?ml$/.test(f.path)) continue;
    const { text } = await readTextFile(f.path, join(repoRoot, f.path));
    if (text !== null) headers.push({ file: f.path, text: text.slice(0, HEADER_BYTES) });
  }
  const clean = folders.map((d) => d.replace(/^\.?\/+|\/+$/g, '')).filter((d) => d !== '');
  const texts: RunbookFiles['texts'] = [];
  for (const f of model.files) {
    if (f.kind !== 'markdown' || !clean.some((d) => f.path.startsWith(`${d}/`))) continue;
    const { text } = await readTextFile(f.path, join(repoRoot, f.path));
    if (text !== null) texts.push({ file: f.path, text });
  }
  return { docs, headers, texts };
}
