/**
 * What `atlas scan` and `atlas check` load: the reader, the model and the checks, not the site build
 * (Astro, Starlight, Vite, the diagram renderer: scripts/cli.ts imports each command's module only
 * when it runs) and not the HTML stack (the findings read the safe Markdown tree; pages make HTML
 * through src/markdown/safe-html.ts). Every module loaded is start-up time paid by each CI run.
 * Measured on the sources (ATLAS_NO_BUNDLE=1); a checkout's usual run is the bundle of the same
 * modules, which loads none of these at all (test/cli/bundled-start.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedModules } from '../support/loaded-modules.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'atlas-start-up-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The URLs of the modules one CLI run loads. */
function loadedBy(args: string[]): string[] {
  const r = loadedModules(dir, ['scripts/atlas.mjs', ...args], { cwd: ROOT, env: { ...process.env, ATLAS_NO_BUNDLE: '1' } });
  expect([0, 1], r.stderr).toContain(r.status);
  return r.urls;
}

const SITE_OR_HTML = /\/node_modules\/(astro|@astrojs\/[^/]+|vite|beautiful-mermaid|hast-util-to-html|mdast-util-to-hast)\//;

describe('CLI start-up', () => {
  for (const args of [
    ['scan', '--repo', 'examples/homelab', '--json', '--quiet'],
    ['check', '--repo', 'examples/homelab', '--format', 'json', '--quiet'],
  ]) {
    it(`atlas ${args[0]} loads the reader and the model, not the site build or the HTML stack`, () => {
      const loaded = loadedBy(args);
      expect(loaded.some((u) => u.includes('/node_modules/yaml/'))).toBe(true);
      expect(loaded.some((u) => u.endsWith('/src/repo/scan.ts'))).toBe(true);
      expect(loaded.filter((u) => SITE_OR_HTML.test(u))).toEqual([]);
    });
  }
});
