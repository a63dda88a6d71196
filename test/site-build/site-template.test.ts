import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseCacheBase, needsTemplateCopy, nodeModulesChain, prepareSiteRoot, sharesTopFolder } from '../../scripts/pack/site-template.ts';

/** The installed package's build path: where the template copy goes and what its node_modules sees. */
const dir = mkdtempSync(join(tmpdir(), 'atlas-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A project with the package installed: hoisted astro and zod, and a nested zod of the package's own.
const project = join(dir, 'project');
const pkg = join(project, 'node_modules/gitops-atlas');
for (const p of ['node_modules/astro', 'node_modules/zod', 'node_modules/@astrojs/starlight', 'node_modules/.bin', 'node_modules/gitops-atlas/node_modules/zod', 'node_modules/gitops-atlas/src/pages']) {
  mkdirSync(join(project, p), { recursive: true });
}
writeFileSync(join(project, 'node_modules/astro/package.json'), '{}');
writeFileSync(join(pkg, 'package.json'), '{ "name": "gitops-atlas", "version": "1.2.3" }');
writeFileSync(join(pkg, 'astro.config.mjs'), 'export default {}');
writeFileSync(join(pkg, 'src/pages/index.astro'), '---\n---');

describe('site template copy', () => {
  it('copies under node_modules, or when asked', () => {
    expect(needsTemplateCopy(pkg)).toBe(true);
    expect(needsTemplateCopy(dir)).toBe(false);
    expect(needsTemplateCopy(dir, true)).toBe(true);
  });

  it('resolves packages as Node would from the package: its own node_modules first', () => {
    expect(nodeModulesChain(pkg).slice(0, 2)).toEqual([join(pkg, 'node_modules'), join(project, 'node_modules')]);
    const work = prepareSiteRoot(pkg, join(dir, 'cache'));
    expect(readlinkSync(join(work, 'node_modules/zod'))).toBe(join(pkg, 'node_modules/zod'));
    expect(readlinkSync(join(work, 'node_modules/astro'))).toBe(join(project, 'node_modules/astro'));
    expect(readlinkSync(join(work, 'node_modules/@astrojs/starlight'))).toBe(join(project, 'node_modules/@astrojs/starlight'));
    expect(() => readlinkSync(join(work, 'node_modules/.bin'))).toThrow();
    expect(() => readlinkSync(join(work, 'node_modules/gitops-atlas'))).toThrow();
  });

  it('keeps the work folder beside node_modules unless the configured one shares its top folder', () => {
    expect(sharesTopFolder('/home/runner/work/_temp', '/home/runner/.npm/_npx/x/node_modules')).toBe(true);
    expect(sharesTopFolder('/tmp/cache', '/home/runner/node_modules')).toBe(false);
    expect(chooseCacheBase(pkg).base).toBe(join(project, 'node_modules/.cache/gitops-atlas-1.2.3'));
    expect(chooseCacheBase(pkg, join(dir, 'mine'))).toEqual({ base: join(dir, 'mine') });
    const far = chooseCacheBase(pkg, '/nonexistent-top/cache');
    expect(far.base).toBe(join(project, 'node_modules/.cache/gitops-atlas-1.2.3'));
    expect(far.note).toContain('shares no top folder');
  });
});
