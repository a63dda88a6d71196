/**
 * A repository whose whole tree is `cluster/`: a Flux Kustomization deep under it that nothing applies
 * is not a root (so not deployed and not checked), and of two sources used as often the bootstrap's
 * `flux-system` is the repository's own. Cases in test/fixtures/repos/cluster-tree-orphan-ks/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/cluster-tree-orphan-ks');

describe('a Kustomization nothing applies, under a tree named cluster/', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
  const { model } = atlas;
  const ks = (name: string, file: string) => model.kustomizations.find((k) => k.name === name && k.source.file === file)!;

  it('takes only the bootstrap as a root, and deploys what it reaches', () => {
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.id)).toEqual(['Kustomization/flux-system/flux-system']);
    expect(ks('apps', 'cluster/base/apps.yaml')).toMatchObject({ resolvedPath: 'cluster/apps', reachedFromRoot: true });
    const state = Object.fromEntries(model.apps.map((a) => [a.id, a.notDeployed ?? 'deployed']));
    expect(state).toMatchObject({ 'media/plex': 'deployed', 'media/sonarr': 'deployed', 'flux-system/apps': 'deployed' });
  });

  it('leaves the two unapplied Kustomizations out, with the reason, and checks nothing of theirs', () => {
    for (const file of ['cluster/apps/chat/bot/dev/bot.yaml', 'cluster/apps/chat/bot/prod/bot.yaml']) {
      expect(ks('bot-apps', file)).toMatchObject({ isRoot: false, reachedFromRoot: false });
    }
    const codes = atlas.analysis.findings.map((f) => `${f.code} ${f.source.file}`);
    expect(codes).toEqual(['NOT_DEPLOYED cluster/apps/chat/bot/dev/bot.yaml', 'NOT_DEPLOYED cluster/apps/chat/bot/prod/bot.yaml', 'NETWORK_POLICY_MISSING cluster/apps/media/namespace.yaml']);
  });
});
