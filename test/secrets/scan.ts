import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import type { AtlasConfig } from '../../src/config/schema.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/repos');
export const EXAMPLE = join(import.meta.dirname, '../../examples/homelab');
export const CORPUS = join(import.meta.dirname, '../../../shared/corpus');

const cache = new Map<string, Promise<{ model: RepoModel; config: AtlasConfig }>>();

/** Scan a repository (with its atlas.config.yaml, if any) once per test file run. */
export function scan(dir: string): Promise<{ model: RepoModel; config: AtlasConfig }> {
  let p = cache.get(dir);
  if (!p) {
    const config = loadConfig(dir);
    cache.set(dir, (p = scanRepo(dir, config).then((r) => ({ model: r.model, config }))));
  }
  return p;
}

export const fixture = (name: string) => join(FIXTURES, name);
