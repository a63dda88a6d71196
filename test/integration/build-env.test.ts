import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leakedBuildEnv, productionEnv } from '../../scripts/build-site.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('the environment a site build inherits', () => {
  it("names what would give a development build: a non-production NODE_ENV, Vite's own names", () => {
    expect(leakedBuildEnv({ PATH: '/bin', HOME: '/h' })).toEqual([]);
    expect(leakedBuildEnv({ NODE_ENV: 'production' })).toEqual([]);
    expect(leakedBuildEnv({ NODE_ENV: '' })).toEqual([]);
    // What vitest leaves in a worker's environment.
    expect(leakedBuildEnv({ NODE_ENV: 'test', DEV: '1', PROD: '', SSR: '1', MODE: 'test', BASE_URL: '/' })).toEqual(['NODE_ENV', 'DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL']);
    expect(leakedBuildEnv({ NODE_ENV: 'development' })).toEqual(['NODE_ENV']);
  });

  it('the clean copy builds for production and keeps everything else; the original is left alone', () => {
    const env = { NODE_ENV: 'test', DEV: '1', BASE_URL: '/', PATH: '/bin', ATLAS_REPO: '../home-ops' };
    const clean = productionEnv(env);
    expect(clean).toEqual({ NODE_ENV: 'production', PATH: '/bin', ATLAS_REPO: '../home-ops' });
    expect(leakedBuildEnv(clean)).toEqual([]);
    expect(env.DEV).toBe('1');
  });
});

/** Every .ts/.mjs file under `dir`, relative to the project. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|mjs|astro)$/.test(d.name))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}

describe('no side channels', () => {
  it('nothing in src/, scripts/ or astro.config.mjs writes process.env', () => {
    // Assignments (process.env.X = , process.env[k] = , ??=), deletions and bulk writes.
    const write = /process\.env(\.[A-Za-z_$][\w$]*|\[[^\]]+\])\s*(=(?!=)|\?\?=|\|\|=)|delete\s+process\.env|Object\.assign\(\s*process\.env/;
    const files = [...sources('src'), ...sources('scripts'), 'astro.config.mjs'];
    expect(files.length).toBeGreaterThan(100);
    const writers = files.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (write.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(writers).toEqual([]);
  });
});
