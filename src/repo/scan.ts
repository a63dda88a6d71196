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
}

/** Files read at once: enough to overlap disk and parse on 2 cores, few enough to bound memory. */
const CONCURRENCY = 16;

/**
 * Read a repository into the model: discover files, read every YAML document with positions (secret
 * values dropped as they are read), then do what Flux would do and group the result into apps.
 * Problems in the repository become findings; only our own misconfiguration throws.
 */
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
        const read = await readYamlFile(file, { maxBytes: config.maxFileBytes });
        perFile[i] = read.docs;
        findings.push(...read.findings);
      } catch (error) {
        // The reader never throws on content; an I/O error (file vanished, permission) lands here.
        perFile[i] = [];
        findings.push(finding('FILE_UNREADABLE', 'error', `Could not read the file: ${(error as Error).message}`, { file: file.path, line: 1, col: 1 }, { area: 'yaml' }));
      }
      options.progress?.(++done, yamlFiles.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, yamlFiles.length) }, worker));
  const model = buildModel({
    name: config.title ?? basename(abs),
    files: discovered.files.map((f) => ({ path: f.path, kind: f.kind, size: f.size })),
    docs: perFile.flat(),
    findings,
  });
  return { model };
}
