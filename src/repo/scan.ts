import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AtlasConfig } from '../config/schema.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { RawDoc } from '../model/raw-doc.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { buildModel } from './build/model.ts';
import { discoverFiles } from './discover.ts';
import { readYamlFile } from './read-yaml.ts';

export interface ScanOptions {
  /** Called as files are read, for terminal progress; never on stdout. */
  progress?: (done: number, total: number) => void;
  /**
   * Reuse what an earlier scan in this process read from files that did not change (same path,
   * mtime and size): the dev server re-scans after every save, and parsing is most of a scan.
   */
  cache?: ReadCache;
}

/** Documents and findings of one file, keyed by absolute path; valid while `stamp` (mtime, size) holds. */
export type ReadCache = Map<string, { stamp: string; docs: RawDoc[]; findings: Finding[] }>;

/** Files read at once: enough to overlap disk and parse on 2 cores, few enough to bound memory. */
const CONCURRENCY = 16;

/**
 * Read a repository into the model: discover files, read every YAML document with positions (secret
 * values dropped as they are read), then do what Flux would do and group the result into apps.
 * Problems in the repository become findings; only our own misconfiguration throws.
 */
function stampOf(abs: string, maxBytes: number): string {
  const st = statSync(abs);
  return `${st.mtimeMs}:${st.size}:${maxBytes}`;
}

export async function scanRepo(root: string, config: AtlasConfig, options: ScanOptions = {}): Promise<{ model: RepoModel }> {
  const abs = resolve(root);
  const discovered = await discoverFiles(abs, { include: config.include, exclude: config.exclude });
  const findings: Finding[] = [...discovered.findings];
  const yamlFiles = discovered.files.filter((f) => f.kind === 'yaml' || f.kind === 'disabled-yaml');
  const perFile: RawDoc[][] = new Array(yamlFiles.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < yamlFiles.length) {
      const i = next++;
      const file = yamlFiles[i]!;
      try {
        const stamp = options.cache ? stampOf(file.abs, config.maxFileBytes) : '';
        const hit = options.cache?.get(file.abs);
        const fresh = hit && hit.stamp === stamp;
        const read = fresh ? hit : await readYamlFile(file, { maxBytes: config.maxFileBytes });
        if (!fresh) options.cache?.set(file.abs, { stamp, docs: read.docs, findings: read.findings });
        perFile[i] = read.docs;
        for (const f of read.findings) findings.push(f);
      } catch (error) {
        // The reader never throws on content; an I/O error (file vanished, permission) lands here.
        perFile[i] = [];
        findings.push(finding('FILE_UNREADABLE', 'error', `Could not read the file: ${(error as Error).message}`, { file: file.path, line: 1, col: 1 }, { area: 'yaml' }));
      }
      options.progress?.(++done, yamlFiles.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, yamlFiles.length) }, worker));
  if (options.cache) {
    // Forget files of this repository that are gone (other repositories' entries stay valid).
    const live = new Set(yamlFiles.map((f) => f.abs));
    const root = `${abs}/`;
    for (const key of options.cache.keys()) if (key.startsWith(root) && !live.has(key)) options.cache.delete(key);
  }
  const model = buildModel({
    name: config.title ?? basename(abs),
    files: discovered.files.map((f) => ({ path: f.path, kind: f.kind, size: f.size })),
    docs: perFile.flat(),
    findings,
  });
  return { model };
}
