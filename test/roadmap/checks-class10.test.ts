/**
 * Issue 15, class 10: roadmap checks match the repository's real objects, not the item's wording.
 * The commented-code check (M-1.3) counts the commented documents still there, by file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentedKustomizationsGone } from '../../src/analysis/roadmap/checks/commented-kustomizations-gone.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { itemFrom } from './item.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/roadmap-class10');

describe('commented-kustomizations-gone class 10 on the roadmap-class10 fixture', async () => {
  const { model } = await scanRepo(FIXTURE, parseConfig({}));
  const item = itemFrom(readFileSync(join(FIXTURE, 'ROADMAP.md'), 'utf8').split('\n').slice(2).join('\n'));
  const out = commentedKustomizationsGone.run({ item, model, repo: model });

  it('counts listed files, done only where no commented document remains', () => {
    expect(out.measured).toEqual({ done: 1, total: 4 });
  });

  it('names what is still there by its real name and kind, at its line, whatever the item calls it', () => {
    expect(out.shortfalls.map((s) => `${s.message} ${s.source.file}:${s.source.line}`)).toEqual([
      'Kustomization longhorn-prerequisites is still commented out in kubernetes/apps/storage/longhorn/ks.yaml. kubernetes/apps/storage/longhorn/ks.yaml:15',
      'HelmRelease unifi-dns is still commented out in kubernetes/apps/network/internal/ks.yaml. kubernetes/apps/network/internal/ks.yaml:15',
      expect.stringMatching(/^kubernetes\/apps\/ai\/librechat\/ks\.dis \(librechat\) is still in the repository\. kubernetes\/apps\/ai\/librechat\/ks\.dis:\d+$/),
    ]);
  });

  it('notes commented-out Kustomizations the item does not list', () => {
    expect(out.notes).toEqual(['Commented-out Kustomizations the item does not list: kubernetes/apps/vpn/ks.yaml.']);
  });
});
