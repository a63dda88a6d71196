/**
 * One cause, one finding: a second Kustomization whose path is a whole folder another already applies puts
 * every object of it in two builds. Outside review: 51 DUPLICATE_OBJECT warnings, one per object, for one
 * Kustomization `secrets` of `path: ./cluster`. Three objects or more of the same two builds are one
 * finding naming the count and the first; fewer stay one each.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

describe('DUPLICATE_OBJECT of two overlapping builds', () => {
  const repo = tempRepos(afterAll);
  const duplicates = async (names: string[]) => {
    const r = repo('duplicate-grouped');
    r.put('cluster/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './cluster'));
    r.put('cluster/flux-system/secrets.yaml', fluxKustomization('secrets', './cluster/apps'));
    for (const n of names) r.put(`cluster/apps/${n}.yaml`, cm(n));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT');
  };

  it('says three or more objects of the same two builds once', async () => {
    const found = await duplicates(['a', 'b', 'c', 'd']);
    expect(found).toHaveLength(1);
    // At the overlapping Kustomization (not the root), whose app's page shows it (code review).
    expect(found[0]!.source.file).toBe('cluster/flux-system/secrets.yaml');
    expect(found[0]!.objectId).toBe('Kustomization/flux-system/secrets');
    expect(found[0]!.message).toMatch(/^4 objects \(ConfigMap\/default\/a, ConfigMap\/default\/b, ConfigMap\/default\/c and 1 more\) are in the builds of 2 Flux Kustomizations, Kustomization\/flux-system\/flux-system and Kustomization\/flux-system\/secrets: each applies them/);
  });

  it('keeps one finding an object for one or two', async () => {
    const found = await duplicates(['a', 'b']);
    expect(found.map((f) => f.source.file)).toEqual(['cluster/apps/a.yaml', 'cluster/apps/b.yaml']);
    expect(found[0]!.message).toMatch(/^ConfigMap\/default\/a is in the builds of 2 Flux Kustomizations/);
  });
});
