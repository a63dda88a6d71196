/**
 * `atlas export --format json|backstage`: the atlas as data, written to a folder of its own (never
 * into the repository's app folders). The command only parses flags and calls this.
 *
 * - json: `atlas.json` and `atlas.schema.json` into `--out DIR`; without `--out`, the document on stdout.
 * - backstage: a `catalog-info.yaml` tree into `--out DIR`. Files this export wrote before (they start
 *   with its header) and no longer generates are removed; other files in the folder are left alone.
 *   `--out` is required: a folder inside the repository is read by the next scan, and in a flat
 *   layout (no `apps/` folder) every top-level folder holding YAML counts as a namespace, so a default
 *   `atlas-catalog/` there changed the namespace count of two corpus repositories. Inside the
 *   repository, the folder belongs in `exclude` (the usage message says so); the scan would have to
 *   skip it by itself (src/repo SKIPPED_DIRS) before it could be the default.
 * `--check` writes nothing and exits 1 naming every file that is missing, different or stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Atlas } from '../../pipeline/atlas.ts';
import { BACKSTAGE_HEADER, backstageCatalog } from './backstage.ts';
import { atlasJson, renderAtlasJson, siteUrlOf } from './json.ts';
import { appFactsOf } from './json-facts.ts';
import { ATLAS_JSON_FILE, ATLAS_SCHEMA_FILE, atlasJsonSchema } from './json-schema.ts';

export const DATA_FORMATS = ['json', 'backstage'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** The folder the usage message suggests for the Backstage catalog. */
const BACKSTAGE_SUGGESTED_OUT = 'atlas-catalog';

export interface DataExportOptions {
  format: DataFormat;
  /** Output folder as given (relative to the working directory); undefined: stdout (json), a usage error (backstage). */
  out?: string;
  check?: boolean;
}

export interface DataExportResult {
  code: number;
  stdout: string;
  /** A usage error, for stderr. */
  stderr?: string;
}

/** The files of one export, as `{ path relative to the folder: text }`. */
export async function dataFiles(atlas: Atlas, format: DataFormat): Promise<Map<string, string>> {
  const facts = await appFactsOf(atlas);
  const siteUrl = siteUrlOf(atlas.config);
  if (format === 'json') {
    const doc = atlasJson(atlas, facts, { siteUrl, schemaUrl: siteUrl ? undefined : `./${ATLAS_SCHEMA_FILE}` });
    return new Map([
      [ATLAS_JSON_FILE, renderAtlasJson(doc)],
      [ATLAS_SCHEMA_FILE, `${JSON.stringify(atlasJsonSchema(), null, 2)}\n`],
    ]);
  }
  const files = backstageCatalog(facts, atlas.analysis.graph.graph, {
    owner: atlas.config.backstage.owner,
    repoName: atlas.model.name,
    siteUrl,
    repoUrl: atlas.config.repoUrl ?? null,
  });
  return new Map(files.map((f) => [f.file, f.text]));
}

/** Files under `dir` that an earlier backstage export wrote (they start with its header). */
function ownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
    .map((d) => join(d.parentPath, d.name))
    .filter((f) => readFileSync(f, 'utf8').startsWith(BACKSTAGE_HEADER))
    .map((f) => relative(dir, f).split('\\').join('/'));
}

export async function runDataExport(atlas: Atlas, options: DataExportOptions): Promise<DataExportResult> {
  if (options.out === undefined && (options.format === 'backstage' || options.check)) {
    const hint =
      options.format === 'backstage'
        ? ` (e.g. --out ${BACKSTAGE_SUGGESTED_OUT}); inside the repository, add \`${BACKSTAGE_SUGGESTED_OUT}/**\` to \`exclude\` in atlas.config.yaml so that the next scan does not read the catalog as manifests`
        : '';
    return { code: 2, stdout: '', stderr: `--format ${options.format}${options.check ? ' --check' : ''} needs --out DIR${hint}\n` };
  }
  const files = await dataFiles(atlas, options.format);
  if (options.out === undefined) return { code: 0, stdout: files.get(ATLAS_JSON_FILE)! };
  const dir = resolve(options.out);
  const stale = options.format === 'backstage' ? ownFiles(dir).filter((f) => !files.has(f)) : [];
  const changed = [...files].filter(([file, text]) => {
    const path = join(dir, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  if (options.check) {
    const lines = [...changed.map(([f]) => `out of date: ${f}`), ...stale.map((f) => `stale: ${f}`)];
    lines.push(`${files.size - changed.length} of ${files.size} files up to date in ${dir}`);
    return { code: changed.length || stale.length ? 1 : 0, stdout: `${lines.join('\n')}\n` };
  }
  for (const [file, text] of changed) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  for (const f of stale) rmSync(join(dir, f));
  return { code: 0, stdout: `wrote ${changed.length} of ${files.size} files to ${dir}${stale.length ? `, removed ${stale.length} stale` : ''}\n` };
}
