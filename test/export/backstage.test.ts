/**
 * `atlas export --format backstage` over the example repository: every entity passes Backstage's own
 * validators (@backstage/catalog-model: envelope and field-format policies, then the kind's schema),
 * every reference it makes (dependsOn, system, Location targets) resolves inside the catalog, the
 * lifecycle follows the app's state, and the written folder is kept in step (stale generated files
 * removed, the user's own files left alone).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeValidator } from '@backstage/catalog-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Atlas } from '../../src/pipeline/atlas.ts';
import { BACKSTAGE_HEADER, backstageCatalog, lifecycleOf, type BackstageFile } from '../../src/lib/export/backstage.ts';
import { entityName, entityNamespace, fullRef } from '../../src/lib/export/backstage-names.ts';
import { runDataExport } from '../../src/lib/export/data-export.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import type { AppFacts } from '../../src/lib/site/app-facts-schema.ts';
import { atlasOf, backstageError, EXAMPLE } from './json-support.ts';

let atlas: Atlas;
let facts: AppFacts[];
let files: BackstageFile[];
const SITE = 'https://atlas.example.org/homelab';
const REPO = 'https://github.com/me/homelab/blob/main/';

beforeAll(async () => {
  atlas = await atlasOf(EXAMPLE);
  facts = await appFactsOf(atlas);
  files = backstageCatalog(facts, atlas.analysis.graph.graph, { owner: 'team-home', repoName: 'homelab', siteUrl: SITE, repoUrl: REPO });
});

const refOf = (f: BackstageFile) => `${f.entity.kind.toLowerCase()}:${f.entity.metadata.namespace ?? 'default'}/${f.entity.metadata.name}`;

describe('Backstage catalog of the example repository', () => {
  it('one Component per app, one System per namespace, one Location; every entity passes Backstage validation', async () => {
    const kinds = files.map((f) => f.entity.kind);
    expect(kinds.filter((k) => k === 'Component').length).toBe(atlas.model.apps.length);
    expect(kinds.filter((k) => k === 'System').length).toBe(new Set(facts.map((f) => f.namespace)).size);
    expect(kinds.filter((k) => k === 'Location')).toEqual(['Location']);
    for (const f of files) expect(await backstageError(f.entity), f.file).toBeNull();
  });

  it('the validators are real: a Component without lifecycle, or with a bad name, is refused', async () => {
    const component = files.find((f) => f.entity.kind === 'Component')!.entity;
    expect(await backstageError({ ...component, spec: { ...component.spec, lifecycle: undefined } })).toMatch(/lifecycle/);
    expect(await backstageError({ ...component, metadata: { ...component.metadata, name: 'not a name' } })).toMatch(/metadata\.name/);
  });

  it('each file is YAML of its entity, under the generated header', () => {
    for (const f of files) {
      expect(f.text.startsWith(`${BACKSTAGE_HEADER}\n`), f.file).toBe(true);
      expect(parse(f.text)).toEqual(JSON.parse(JSON.stringify(f.entity)));
    }
  });

  it('references resolve inside the catalog: dependsOn, system, and the Location lists every other file', () => {
    const refs = new Set(files.map(refOf));
    expect(refs.size).toBe(files.length);
    for (const f of files.filter((x) => x.entity.kind === 'Component')) {
      expect(refs.has(f.entity.spec.system as string), f.file).toBe(true);
      for (const d of (f.entity.spec.dependsOn as string[] | undefined) ?? []) expect(refs.has(d), `${f.file} -> ${d}`).toBe(true);
    }
    const location = files.find((f) => f.entity.kind === 'Location')!;
    expect(location.file).toBe('catalog-info.yaml');
    expect(location.entity.spec.targets).toEqual(files.filter((f) => f !== location).map((f) => `./${f.file}`));
  });

  it('dependsOn comes from the graph: open-webui depends on ollama and external-secrets', () => {
    const webui = files.find((f) => f.entity.metadata.annotations?.['gitops-atlas/app-id'] === 'ai/open-webui')!;
    expect(webui.file).toBe('ai/open-webui/catalog-info.yaml');
    expect(webui.entity.spec.dependsOn).toEqual(['component:ai/ollama', 'component:security/external-secrets']);
    // The app's own Kustomizations depending on each other (app -> its crds) are not dependencies.
    for (const f of files) expect((f.entity.spec.dependsOn as string[] | undefined) ?? []).not.toContain(refOf(f));
  });

  it('lifecycle from the state, owner from the configuration, links to the page and the source', () => {
    const byId = (id: string) => files.find((f) => f.entity.metadata.annotations?.['gitops-atlas/app-id'] === id)!.entity;
    expect(byId('ai/librechat').spec.lifecycle).toBe('deprecated');
    expect(byId('media/sonarr').spec.lifecycle).toBe('production');
    expect(byId('media/sonarr').spec.owner).toBe('group:default/team-home');
    expect(byId('media/sonarr').metadata.links).toEqual([
      { url: `${SITE}/apps/media/sonarr/`, title: 'GitOps Atlas page' },
      { url: expect.stringMatching(/^https:\/\/github\.com\/me\/homelab\/blob\/main\/kubernetes\/apps\/media\/sonarr\/ks\.yaml#L\d+$/), title: expect.stringContaining('Source') },
    ]);
    expect(byId('ai/ollama').metadata.description).toMatch(/^Ollama serves local large language models/);
    expect(lifecycleOf({ state: 'active', notDeployed: 'archived' })).toBe('deprecated');
    expect(lifecycleOf({ state: 'unreferenced', notDeployed: null })).toBe('experimental');
  });
});

describe('Backstage names', () => {
  const v = makeValidator();
  it('entityName and entityNamespace give names Backstage accepts, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        expect(v.isValidEntityName(entityName(s)), entityName(s)).toBe(true);
        expect(v.isValidNamespace(entityNamespace(s)), entityNamespace(s)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(entityName('plex')).toBe('plex');
    expect(entityName('${APP}')).toBe('APP');
    expect(entityNamespace('Media Stuff')).toBe('media-stuff');
  });

  it('two apps whose names fold to one get distinct entities', () => {
    const base = facts.find((f) => f.id === 'media/sonarr')!;
    const twins = [base, { ...base, id: 'media/sonarr~', name: 'sonarr!' }];
    const out = backstageCatalog(twins, { nodes: [], edges: [] }, { owner: 'x', repoName: 'r', siteUrl: null, repoUrl: null });
    expect(out.filter((f) => f.entity.kind === 'Component').map((f) => f.entity.metadata.name).sort()).toEqual(['sonarr', 'sonarr-2']);
    expect(out.every((f) => !f.entity.metadata.links)).toBe(true);
  });

  it('fullRef writes the owner out in full', () => {
    expect(fullRef('homelab')).toBe('group:default/homelab');
    expect(fullRef('user:jane')).toBe('user:default/jane');
    expect(fullRef('Group:ops/sre')).toBe('group:ops/sre');
  });
});

describe('atlas export --format backstage (folder)', () => {
  const out = mkdtempSync(join(tmpdir(), 'atlas-backstage-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the tree, then removes only the generated files it no longer makes', async () => {
    const first = await runDataExport(atlas, { format: 'backstage', out });
    expect(first.code).toBe(0);
    expect(readFileSync(join(out, 'media/sonarr/catalog-info.yaml'), 'utf8')).toContain('kind: Component');
    mkdirSync(join(out, 'gone/app'), { recursive: true });
    writeFileSync(join(out, 'gone/app/catalog-info.yaml'), `${BACKSTAGE_HEADER}\nkind: Component\n`);
    writeFileSync(join(out, 'mine.yaml'), 'kind: Group\n');
    expect((await runDataExport(atlas, { format: 'backstage', out, check: true })).stdout).toContain('stale: gone/app/catalog-info.yaml');
    const second = await runDataExport(atlas, { format: 'backstage', out });
    expect(second.stdout).toContain('removed 1 stale');
    expect(existsSync(join(out, 'gone/app/catalog-info.yaml'))).toBe(false);
    expect(existsSync(join(out, 'mine.yaml'))).toBe(true);
    expect((await runDataExport(atlas, { format: 'backstage', out, check: true })).code).toBe(0);
  });

  it('needs --out: without it, a usage error and nothing written into the repository', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'atlas-backstage-repo-'));
    try {
      const result = await runDataExport({ ...atlas, repoRoot: repo }, { format: 'backstage' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--format backstage needs --out DIR');
      expect(readdirSync(repo)).toEqual([]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
