/**
 * The model is built from the documents as read, without copying them first: a build copies what it
 * changes (kustomize-resource.ts, each object it adds; flux-build.ts, each Flux copy), and never
 * writes into a document it was given. The dev server's read cache hands the same documents to every
 * re-scan, and `atlas diff` shares unchanged files between two revisions, so a write would leak from
 * one build into the next. Every document of every fixture repository and of the example repository
 * is frozen here, and the model built from them must be the one the scan built.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { buildModel } from '../../src/repo/build/model.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/repos');
const REPOS = [...readdirSync(FIXTURES).map((n) => join(FIXTURES, n)), join(import.meta.dirname, '../../examples/homelab')];

function freezeDeep(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) freezeDeep((v as Record<string, unknown>)[k]);
}

describe('the model build leaves the documents it reads as they are', () => {
  it.each(REPOS.map((r) => [r.slice(r.lastIndexOf('/') + 1), r]))('%s', async (_, root) => {
    const { model, docs } = await scanRepo(root, parseConfig({}));
    for (const d of docs) freezeDeep(d.value);
    const readFindings = model.findings.filter((f) => f.area === 'yaml' || f.code === 'INPUT_BUDGET_EXCEEDED');
    const again = buildModel({ name: model.name, files: model.files.map((f) => ({ path: f.path, kind: f.kind, size: f.size, ...(f.archived !== undefined ? { archived: f.archived } : {}), ...(f.plainPrivateKey ? { plainPrivateKey: true as const } : {}) })), docs, findings: readFindings });
    expect(again.objects.map((o) => o.id)).toEqual(model.objects.map((o) => o.id));
    expect(again.apps.map((a) => a.id)).toEqual(model.apps.map((a) => a.id));
    expect(again.helmReleases.map((h) => [h.id, h.chart.version, JSON.stringify(h.values)])).toEqual(model.helmReleases.map((h) => [h.id, h.chart.version, JSON.stringify(h.values)]));
  });
});
