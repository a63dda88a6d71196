/**
 * The data files of the built example site (/atlas.json, /atlas.schema.json, /llms.txt,
 * /llms-full.txt), at the root and under a base path: the JSON validates against the published
 * schema and says what `atlas export --format json` says (both read the same facts), and every link
 * of llms.txt lands on a page of the site.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { atlasJson } from '../../src/lib/export/json.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { schemaValidator } from '../export/json-support.ts';
import { BASE_PATH, BASE_SITE_DIR, SITE_DIR } from './global-setup.ts';
import { targetFile } from './site-files.ts';

const EXAMPLE = join(process.cwd(), 'examples/homelab');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Root-relative link targets of an llms.txt that do not land on a file of the site. */
function brokenLinks(siteDir: string, base: string): string[] {
  const text = read(siteDir, 'llms.txt');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(30);
  return links.filter((l) => !l.startsWith('https://') && targetFile(siteDir, base, 'llms.txt', l) === null);
}

describe('data files of the built example site', () => {
  it('/atlas.json validates against /atlas.schema.json and matches the CLI export', async () => {
    const doc = JSON.parse(read(SITE_DIR, 'atlas.json')) as Record<string, unknown>;
    const schema = JSON.parse(read(SITE_DIR, 'atlas.schema.json')) as Record<string, unknown>;
    expect(schemaValidator(schema)(doc)).toEqual([]);
    expect(doc.$schema).toBe('/atlas.schema.json');
    // As `atlas export --format json` computes it (with the SOPS files' last commit dates, as the site).
    const atlas = await computeAtlas(EXAMPLE, loadConfig(EXAMPLE), { secretDates: true });
    const cli = atlasJson(atlas, await appFactsOf(atlas), { siteUrl: null, schemaUrl: '/atlas.schema.json' });
    expect(doc).toEqual(JSON.parse(JSON.stringify(cli)));
  });

  it('every link of /llms.txt lands on a page, at the root and under a base path', () => {
    expect(brokenLinks(SITE_DIR, '/')).toEqual([]);
    expect(read(BASE_SITE_DIR, 'llms.txt')).toContain(`](${BASE_PATH}/apps/`);
    expect(brokenLinks(BASE_SITE_DIR, BASE_PATH)).toEqual([]);
    expect((JSON.parse(read(BASE_SITE_DIR, 'atlas.json')) as { $schema: string }).$schema).toBe(`${BASE_PATH}/atlas.schema.json`);
  });

  it('/llms-full.txt carries every app', () => {
    const text = read(SITE_DIR, 'llms-full.txt');
    const doc = JSON.parse(read(SITE_DIR, 'atlas.json')) as { apps: { id: string }[] };
    for (const a of doc.apps) expect(text, a.id).toContain(`App id \`${a.id}\``);
  });
});
