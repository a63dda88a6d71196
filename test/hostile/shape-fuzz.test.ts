/**
 * "A crash on user input is a bug", on real shapes: the embedded example repository with its
 * documents damaged the way hand edits and bad merges damage them (a mapping where a list belongs,
 * a number for a name, `${X}` for a whole block, a file cut short, a tab indent, a dangling alias),
 * through everything the CLI and the site compute from it: the scan, every analysis, each app's
 * page facts and README, and atlas.json. Nothing may throw, and every finding points into a file
 * of the repository at a line it has. (test/hostile/model-property.test.ts does this for generated
 * repositories and the model alone; a session ran the same over the eight corpus repositories,
 * 130 damaged copies, with no crash.)
 */
import fc from 'fast-check';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { atlasJson } from '../../src/lib/export/json.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/homelab');
const WRONG: unknown[] = [null, 42, 'str', [], {}, [1, 'x'], { a: 1 }, '${X}', true, [{ name: 7 }], '', -1, [[]], { name: null }];
const TEXT_DAMAGE = ['', '\t', '*nope', '!!binary ', 'key: a\nkey: b\n', '- ', ': :', '{', '&a [*a]', '<<: *nope\n'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** One damage: which file, whether to cut its text or change a value, and where. */
const damage = fc.record({
  file: fc.nat(),
  /** Most damage goes into the objects the model reads most (Flux's, charts', secrets', storage's), under spec. */
  flux: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  spec: fc.integer({ min: 0, max: 9 }).map((n) => n < 6),
  text: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  keep: fc.boolean(),
  junk: fc.constantFrom(...TEXT_DAMAGE),
  doc: fc.nat(),
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  wrong: fc.constantFrom(...WRONG),
});

/** Put `wrong` at the place `path` picks in a document (each step a child by index among its keys). */
function replaceAt(value: unknown, path: readonly number[], wrong: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return structuredClone(wrong);
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  if (keys.length === 0) return structuredClone(wrong);
  const k = keys[path[0]! % keys.length]! as never;
  (value as Record<string, unknown>)[k] = replaceAt((value as Record<string, unknown>)[k], path.slice(1), wrong);
  return value;
}

type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damageCopy(dir: string, damages: readonly Damage[]): void {
  const files = yamlFiles(dir).sort();
  const read = files.filter((f) => /^kind: (HelmRelease|Kustomization|ExternalSecret|PersistentVolumeClaim|GitRepository|OCIRepository|HelmRepository|ReplicationSource|NetworkPolicy|ServiceMonitor|HTTPRoute|Ingress)$/m.test(readFileSync(f, 'utf8')));
  for (const d of damages) {
    const pool = d.flux && read.length > 0 ? read : files;
    const f = pool[d.file % pool.length]!;
    const text = readFileSync(f, 'utf8');
    if (d.text) {
      const at = Math.floor(d.cut * text.length);
      writeFileSync(f, text.slice(0, at) + d.junk + (d.keep ? text.slice(at) : ''));
      continue;
    }
    const docs = parseAllDocuments(text);
    if (docs.length === 0 || docs.some((x) => x.errors.length > 0)) continue;
    let values: unknown[];
    try {
      values = docs.map((x) => x.toJS({ maxAliasCount: 100 }) as unknown);
    } catch {
      continue; // (an alias an earlier cut left dangling: the file is damaged already)
    }
    const i = d.doc % values.length;
    const doc = values[i];
    const spec = d.spec && typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'spec' in doc ? (doc as Record<string, unknown>) : null;
    if (spec) spec['spec'] = replaceAt(spec['spec'], d.path.slice(1), d.wrong);
    else values[i] = replaceAt(doc, d.path, d.wrong);
    writeFileSync(f, values.map((v) => stringify(v)).join('---\n'));
  }
}

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe('damaged copies of the example repository go through the whole pipeline', () => {
  it('nothing throws; every finding points at a line of a file of the repository', async () => {
    const cases = fc.sample(fc.array(damage, { minLength: 10, maxLength: 60 }), { numRuns: 8, seed: 36 });
    for (const damages of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-shape-fuzz-'));
      roots.push(dir);
      cpSync(EXAMPLE, dir, { recursive: true });
      damageCopy(dir, damages);
      const atlas = await computeAtlas(dir, loadConfig(dir));
      const facts = atlas.model.apps.map((a) => appFacts(atlas.model, a.id));
      expect(facts.every((f) => f !== null)).toBe(true);
      for (const f of facts) expect(renderAppReadme(f!)).toContain('#');
      expect(atlasJson(atlas, facts.map((f) => f!), { siteUrl: null }).apps).toHaveLength(atlas.model.apps.length);
      const lines = new Map<string, number>();
      for (const finding of atlas.model.findings) {
        const file = finding.source.file;
        if (file === '' || file === '.') continue;
        if (!lines.has(file)) {
          let n = -1;
          try {
            n = readFileSync(join(dir, file), 'utf8').split('\n').length;
          } catch {
            // (A finding about a file that is not there says so: FILE_MISSING and the like point at the kustomization naming it.)
          }
          lines.set(file, n);
        }
        const n = lines.get(file)!;
        expect(n, `${finding.code} points at ${file}, which is not in ${relative(tmpdir(), dir)}`).toBeGreaterThan(0);
        expect(finding.source.line, `${finding.code} at ${file}:${finding.source.line}`).toBeLessThanOrEqual(n);
      }
    }
  }, 240_000);
});
