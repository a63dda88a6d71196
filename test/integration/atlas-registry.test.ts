import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AtlasSettings } from '../../src/integration/settings.ts';
import { atlasFor, invalidateAtlas } from '../../src/loaders/atlas-data.ts';

// A copy, because one test edits a manifest as a save in dev mode would.
const dir = mkdtempSync(join(tmpdir(), 'atlas-registry-'));
const repo = join(dir, 'flat-layout');
cpSync(join(import.meta.dirname, '../fixtures/repos/flat-layout'), repo, { recursive: true });
const settings: AtlasSettings = { repo, overrides: {}, devCache: false };
const NOTES = '# Notes\n\nSee [radarr](../media/radarr.yaml).\n';
mkdirSync(join(repo, 'docs'));
writeFileSync(join(repo, 'docs/notes.md'), NOTES);
afterEach(() => invalidateAtlas());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the memoised Atlas, keyed on the settings', () => {
  it('one scan for equal settings, whichever object carries them (the CLI, the virtual module)', async () => {
    const a = atlasFor(settings);
    expect(atlasFor(JSON.parse(JSON.stringify(settings)) as AtlasSettings)).toBe(a);
    // The dev read cache changes how fast a scan is, not what it finds.
    expect(atlasFor({ ...settings, devCache: true })).toBe(a);
    expect((await a).model.apps.map((x) => x.id)).toEqual(expect.arrayContaining([expect.stringContaining('radarr')]));
  });

  it('other overrides are another Atlas', async () => {
    const plain = await atlasFor(settings);
    const titled = await atlasFor({ ...settings, overrides: { title: 'Flat' } });
    expect(titled).not.toBe(plain);
    expect(titled.config.title).toBe('Flat');
    expect(plain.config.title).not.toBe('Flat');
  });

  it('invalidateAtlas(settings) forgets that scan only; the next call reads the repository again', async () => {
    const first = await atlasFor(settings);
    const other = await atlasFor({ ...settings, overrides: { title: 'Other' } });
    const file = join(repo, 'media/radarr.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/name: radarr\b/g, 'name: radarr4k'));
    try {
      expect(await atlasFor(settings)).toBe(first);
      invalidateAtlas(settings);
      const second = await atlasFor(settings);
      expect(second).not.toBe(first);
      expect(second.model.apps.map((x) => x.id).join(' ')).toContain('radarr4k');
      expect(await atlasFor({ ...settings, overrides: { title: 'Other' } })).toBe(other);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a dev scan after a save sees the change through the kept read cache', async () => {
    const dev = { ...settings, overrides: { title: 'dev' }, devCache: true };
    const file = join(repo, 'media/sonarr.yaml');
    const original = readFileSync(file, 'utf8');
    const before = await atlasFor(dev);
    writeFileSync(file, original.replace(/name: sonarr\b/g, 'name: sonarr-dev'));
    try {
      invalidateAtlas(dev);
      const after = await atlasFor(dev);
      expect(after.model.apps.map((x) => x.id).join(' ')).toContain('sonarr-dev');
      expect(before.model.apps.map((x) => x.id).join(' ')).not.toContain('sonarr-dev');
      // The Markdown did not change: its parse is the earlier scan's, in a new store (memos afresh).
      expect(after.markdown).not.toBe(before.markdown);
      const parsed = before.markdown.parsed;
      expect(after.markdown.parse(NOTES)).toBe(before.markdown.parse(NOTES));
      expect(before.markdown.parsed).toBe(parsed);
    } finally {
      writeFileSync(file, original);
    }
  });
});
