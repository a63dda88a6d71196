import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { resolveFlux } from '../../src/repo/build/resolve.ts';
import type { WorkDoc } from '../../src/repo/build/work-doc.ts';
import { readRepo } from '../../scripts/corpus-check/kustomize-oracle.ts';

export const FIXTURES = join(import.meta.dirname, '../fixtures/repos');

const cache = new Map<string, Promise<RepoModel>>();

/** Scan a fixture repository once per test file run. */
export function scanFixture(name: string): Promise<RepoModel> {
  let p = cache.get(name);
  if (!p) cache.set(name, (p = scanRepo(join(FIXTURES, name), parseConfig({})).then((r) => r.model)));
  return p;
}

/**
 * The objects Flux would apply for a fixture repository, with their bodies after every patch and
 * substitution (the model keeps only some fields of them): for tests of a transformation's effect
 * on fields the model does not carry, such as a HelmRelease's install/upgrade settings.
 */
export async function fluxBuildOf(name: string): Promise<{ objects: WorkDoc[] }> {
  const { source } = await readRepo(join(FIXTURES, name));
  const byFile = new Map([...source.byFile].map(([file, docs]) => [file, [...docs]]));
  return resolveFlux([...byFile.values()].flat(), source.tree, byFile);
}
