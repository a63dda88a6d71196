import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';

export const FIXTURES = join(import.meta.dirname, '../fixtures/repos');

const cache = new Map<string, Promise<RepoModel>>();

/** Scan a fixture repository once per test file run. */
export function scanFixture(name: string): Promise<RepoModel> {
  let p = cache.get(name);
  if (!p) cache.set(name, (p = scanRepo(join(FIXTURES, name), parseConfig({})).then((r) => r.model)));
  return p;
}
