/**
 * The data exports of every corpus repository (real public Flux repositories in ../shared/corpus):
 * atlas.json validates against atlas.schema.json (ajv), every Backstage entity passes Backstage's
 * validators, and no secret value of the repository (the data and stringData of its plain Secrets,
 * the ciphertext of its SOPS files) reaches atlas.json, llms.txt, llms-full.txt or the catalog.
 *
 * Skipped, with the reason, where ../shared/corpus is absent (a clone without the shared corpus).
 * The repositories are listed when the test runs, not when it is collected, so one test walks them
 * all and reports every repository that fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { dataFiles } from '../../src/lib/export/data-export.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { llmsFullTxt, llmsTxt } from '../../src/lib/export/llms.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { leaks } from '../secrets/canary.ts';
import { atlasOf, backstageError, CORPUS, schemaValidator } from './json-support.ts';

const HAS_CORPUS = existsSync(CORPUS);

/** Secret values written in the repository: long enough that finding one elsewhere means a leak. */
function secretValues(root: string, model: RepoModel): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const s = v.trim();
    if (s.length >= 12 && !s.includes('${') && !s.includes('\n')) out.add(s);
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/ENC\[[A-Z0-9_]+,data:([^,\]]+)/g)) add(m[1]);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const f of model.files) {
    if (f.kind !== 'yaml' || f.size > 1_000_000) continue;
    for (const doc of parseAllDocuments(readFileSync(join(root, f.path), 'utf8'), { uniqueKeys: false })) {
      let js: unknown;
      try {
        js = doc.toJS({ maxAliasCount: 50 });
      } catch {
        continue;
      }
      if (!js || typeof js !== 'object') continue;
      const o = js as { kind?: unknown; data?: unknown; stringData?: unknown; sops?: unknown };
      if ('sops' in o) walk(o);
      if (o.kind !== 'Secret') continue;
      for (const v of Object.values((o.stringData ?? {}) as object)) add(v);
      for (const v of Object.values((o.data ?? {}) as object)) {
        if (typeof v !== 'string') continue;
        add(v);
        const decoded = Buffer.from(v, 'base64').toString('utf8');
        if (/^[\x20-\x7e]+$/.test(decoded)) add(decoded);
      }
    }
  }
  return [...out];
}

describe.skipIf(!HAS_CORPUS)('data exports of every corpus repository (needs ../shared/corpus, skipped without it)', () => {
  it('atlas.json validates, Backstage accepts every entity, and no secret value of the repository reaches an export', async () => {
    const repos = readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(CORPUS, d.name, 'corpus-meta.json')))
      .map((d) => d.name)
      .sort();
    expect(repos.length).toBeGreaterThan(3);
    const validate = schemaValidator();
    const problems: string[] = [];
    let planted = 0;
    for (const name of repos) {
      const root = join(CORPUS, name);
      const atlas = await atlasOf(root);
      const json = await dataFiles(atlas, 'json');
      const doc = JSON.parse(json.get('atlas.json')!) as { apps: unknown[] };
      for (const e of validate(doc).slice(0, 5)) problems.push(`${name}: atlas.json ${e.instancePath} ${e.message}`);
      if (doc.apps.length !== atlas.model.apps.length) problems.push(`${name}: ${doc.apps.length} apps exported of ${atlas.model.apps.length}`);
      const catalog = await dataFiles(atlas, 'backstage');
      for (const [file, text] of catalog) {
        const error = await backstageError(parse(text));
        if (error) problems.push(`${name}: ${file}: ${error}`);
      }
      const facts = await appFactsOf(atlas);
      const o = { siteUrl: 'https://atlas.example.org', base: '/', title: name };
      const outputs = [...json, ...catalog, ['llms.txt', llmsTxt(atlas, facts, o)], ['llms-full.txt', llmsFullTxt(atlas, facts, o)]] as [string, string][];
      const values = secretValues(root, atlas.model);
      planted += values.length;
      // Count only: the message must not quote what it found.
      for (const [file, text] of outputs) {
        const found = leaks(text, values).length;
        if (found) problems.push(`${name}: ${file} holds ${found} secret value form(s)`);
      }
    }
    // The corpus does hold secret values (SOPS ciphertext at least), so the leak check checked something.
    expect(planted).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 1_200_000);
});
