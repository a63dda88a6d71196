/**
 * `atlas.json` over the example repository: it validates against the published JSON Schema (ajv,
 * draft 2020-12, strict), the schema is strict enough to reject a wrong document, the document
 * carries what the pages show (apps with their facts, objects with file:line, graph, inventory,
 * roadmap with measured progress, changelog) and the same commit gives the same bytes. Then the
 * command: `atlas export --format json --out DIR` writes the document and its schema, `--check`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { loadConfig } from '../../src/config/load.ts';
import { atlasJson, renderAtlasJson, siteRoot } from '../../src/lib/export/json.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { runDataExport } from '../../src/lib/export/data-export.ts';
import { ATLAS_JSON_VERSION, atlasJsonSchema, type AtlasJson } from '../../src/lib/export/json-schema.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { atlasOf, EXAMPLE, schemaValidator } from './json-support.ts';

const PROJECT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

let atlas: Atlas;
let doc: AtlasJson;
let text: string;
const validate = schemaValidator();

beforeAll(async () => {
  atlas = await atlasOf(EXAMPLE);
  doc = atlasJson(atlas, await appFactsOf(atlas), { siteUrl: 'https://atlas.example.org/homelab' });
  text = renderAtlasJson(doc);
});

describe('atlas.json of the example repository', () => {
  it('validates against atlas.schema.json (as written, after a JSON round trip)', () => {
    expect(validate(JSON.parse(text))).toEqual([]);
  });

  it('the schema rejects what it should: a missing field, a wrong version, an unknown field, a bad enum value, a setting that is no scalar', () => {
    const copy = () => JSON.parse(text) as Record<string, any>;
    const noState = copy();
    delete noState.apps[0].state;
    expect(validate(noState).map((e) => e.message)).toContain("must have required property 'state'");
    const settingAsObject = copy();
    settingAsObject.apps.find((a: { id: string }) => a.id === 'media/sonarr').charts[0].settings[0].value = { retries: 3 };
    expect(validate(settingAsObject).length).toBeGreaterThan(0);
    expect(validate({ ...copy(), version: '2.0.0' }).length).toBeGreaterThan(0);
    expect(validate({ ...copy(), surprise: 1 }).map((e) => e.keyword)).toContain('additionalProperties');
    const badSeverity = copy();
    badSeverity.findings[0].severity = 'fatal';
    expect(validate(badSeverity).length).toBeGreaterThan(0);
    const negativeLine = copy();
    negativeLine.objects[0].source.line = 0;
    expect(validate(negativeLine).length).toBeGreaterThan(0);
  });

  it('names its version and its schema; the schema pins the version', () => {
    expect(doc.version).toBe(ATLAS_JSON_VERSION);
    expect(doc.$schema).toBe('https://atlas.example.org/homelab/atlas.schema.json');
    const schema = atlasJsonSchema() as { $schema: string; description: string; properties: { version: { const: string } } };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.version.const).toBe(ATLAS_JSON_VERSION);
    expect(schema.description).toContain(ATLAS_JSON_VERSION);
  });

  it('holds every app with the facts its page shows', () => {
    expect(doc.apps.map((a) => a.id)).toEqual(atlas.model.apps.map((a) => a.id).sort());
    const sonarr = doc.apps.find((a) => a.id === 'media/sonarr')!;
    // The same facts the page is built from (the README purpose aside, which the page also reads).
    const { purpose: _p, ...pageFacts } = appFacts(atlas.model, 'media/sonarr')!;
    expect(sonarr).toMatchObject(pageFacts);
    expect(sonarr.charts[0]!.chart).toBe('app-template');
    // Its Flux settings as built: the defaults cluster-apps patches into every child's releases, cited at that patch entry.
    expect(sonarr.charts[0]!.suspend).toBe(false);
    expect(sonarr.charts[0]!.settings).toContainEqual({ path: 'upgrade.remediation.retries', value: 3, ref: { file: 'kubernetes/flux/cluster/ks.yaml', line: 67 } });
    expect(sonarr.deployment[0]!.interval).not.toBeNull();
    const ollama = doc.apps.find((a) => a.id === 'ai/ollama')!;
    expect(ollama.purpose.kind).toBe('readme');
    expect(doc.apps.find((a) => a.id === 'ai/librechat')!.state).toBe('disabled');
  });

  it('lists namespaces and objects with file:line from the repository', () => {
    expect(doc.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['ai', 'media', 'security']));
    const media = doc.namespaces.find((n) => n.name === 'media')!;
    expect(media.path).toBe('/namespaces/media/');
    expect(media.apps).toContain('media/sonarr');
    const files = new Set(atlas.model.files.map((f) => f.path));
    expect(doc.objects.length).toBe(atlas.model.objects.length);
    for (const o of doc.objects) {
      expect(files.has(o.source.file), o.id).toBe(true);
      expect(o.source.line).toBeGreaterThanOrEqual(1);
    }
    expect(doc.objects.filter((o) => o.state === 'disabled').length).toBeGreaterThan(0);
  });

  it('carries the graph, the secrets inventory by name, findings, roadmap progress and the changelog', () => {
    expect(doc.graph.edges.length).toBe(atlas.analysis.graph.graph.edges.length);
    expect(doc.graph.edges.length).toBeGreaterThan(10);
    expect(doc.secrets.sopsFiles.map((s) => s.file)).toEqual(atlas.analysis.secrets.sopsFiles.map((s) => s.file));
    expect(doc.secrets.externalSecrets.length).toBe(9);
    expect(doc.findings).toEqual(atlas.model.findings);
    expect(doc.counts.apps).toBe(atlas.model.apps.length);
    expect(doc.roadmap).not.toBeNull();
    expect(doc.roadmap!.items.length).toBe(atlas.roadmap.items.length);
    expect(doc.roadmap!.items.some((i) => i.result.measured !== null)).toBe(true);
    expect(doc.roadmap!.measured[0]!.scope).toBe('overall');
    expect(doc.changelog.available).toBe(atlas.changelog.available);
    expect(doc.changelog.entries.length).toBe(atlas.changelog.changelog.entries.length);
  });

  it('drops what the schema does not name, and throws (our bug) on a document that breaks it', () => {
    const facts = [{ ...doc.apps[0]!, internal: 'x' }] as unknown as AtlasJson['apps'];
    expect(JSON.stringify(atlasJson(atlas, facts, { siteUrl: null }).apps[0])).not.toContain('internal');
    const broken = [{ ...doc.apps[0]!, state: 'exploded' }] as unknown as AtlasJson['apps'];
    expect(() => atlasJson(atlas, broken, { siteUrl: null })).toThrow(/does not match its own schema.*apps\.0\.state/);
  });

  it('is deterministic: a second scan of the same commit gives the same bytes', async () => {
    const again = await atlasOf(EXAMPLE);
    expect(renderAtlasJson(atlasJson(again, await appFactsOf(again), { siteUrl: 'https://atlas.example.org/homelab' }))).toBe(text);
  });

  it('siteRoot appends the base once, whether or not Astro already put it in the site URL', () => {
    expect(siteRoot('https://me.github.io/', '/home-ops/')).toBe('https://me.github.io/home-ops');
    expect(siteRoot('https://me.github.io/home-ops/', '/home-ops/')).toBe('https://me.github.io/home-ops');
    expect(siteRoot('https://atlas.example.org', '/')).toBe('https://atlas.example.org');
    expect(siteRoot(null, '/x/')).toBeNull();
  });
});

describe('atlas export --format json', () => {
  const out = mkdtempSync(join(tmpdir(), 'atlas-json-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const cli = (args: string[]) =>
    run(process.execPath, [join(PROJECT, 'scripts/atlas.mjs'), 'export', '--repo', EXAMPLE, '--quiet', ...args], { cwd: PROJECT, maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('writes atlas.json and atlas.schema.json into --out; the document validates against the written schema', async () => {
    const { stdout } = await cli(['--format', 'json', '--out', out]);
    expect(stdout).toContain('wrote 2 of 2 files');
    const written = JSON.parse(readFileSync(join(out, 'atlas.json'), 'utf8')) as AtlasJson;
    const schema = JSON.parse(readFileSync(join(out, 'atlas.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(schemaValidator(schema)(written)).toEqual([]);
    expect(written.$schema).toBe('./atlas.schema.json');
    expect(written.apps.length).toBe(atlas.model.apps.length);
    // --check over what was just written: up to date (the CLI reads the SOPS files' last commit dates, as the site does).
    const withDates = await computeAtlas(EXAMPLE, loadConfig(EXAMPLE), { secretDates: true });
    expect(await runDataExport(withDates, { format: 'json', out, check: true })).toEqual({ code: 0, stdout: expect.stringContaining('2 of 2 files up to date') });
    expect((await cli(['--format', 'json', '--out', out, '--check'])).code).toBe(0);
  });

  it('--check exits 1 naming a file that is out of date, and writes nothing', async () => {
    writeFileSync(join(out, 'atlas.json'), '{}\n');
    const stale = await cli(['--format', 'json', '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('out of date: atlas.json');
    expect(readFileSync(join(out, 'atlas.json'), 'utf8')).toBe('{}\n');
  });

  it('without --out the document goes to stdout; an unknown format is a usage error', async () => {
    const printed = await runDataExport(atlas, { format: 'json' });
    expect(validate(JSON.parse(printed.stdout))).toEqual([]);
    const bad = await cli(['--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('atlas export: --format xml is not one of markdown, json, backstage\n');
  });
});
