/**
 * A Secret committed in plain text is in Git whether or not Flux applies it: one in an app whose
 * Kustomization is commented out, or in a file its folder's kustomization.yaml leaves out, is reported
 * as a warning (rotate it), where it was dropped with "its manifests are not checked" (outside review).
 * Where a build applies it, it stays an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const secret = (name: string, ns: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ntype: Opaque\nstringData:\n  PASSWORD: Vb7qL2pX9mZ4rT8w\n`;

describe('a plain-text Secret Flux does not apply', () => {
  const repo = tempRepos(afterAll);

  it('is a warning (an error where it is applied)', async () => {
    const r = repo('plain-secret-not-deployed');
    bootstrap(r, 'home');
    r.put('clusters/home/kustomization.yaml', 'resources:\n  - ./flux-system\n  - ./live.yaml\n  # - ./old.yaml\n');
    r.put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - ./gotk-sync.yaml\n');
    r.put('clusters/home/live.yaml', fluxKustomization('live', './apps/live'));
    r.put('clusters/home/old.yaml', fluxKustomization('old', './apps/old'));
    r.put('apps/live/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./secret.yaml\n');
    r.put('apps/live/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: live\n');
    r.put('apps/live/secret.yaml', secret('live-auth', 'live'));
    r.put('apps/old/kustomization.yaml', 'resources:\n  - ./secret.yaml\n');
    r.put('apps/old/secret.yaml', secret('old-auth', 'old'));
    const atlas = await computeAtlas(r.root, parseConfig({}));
    const found = atlas.analysis.findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error apps/live/secret.yaml', 'warning apps/old/secret.yaml']);
    expect(found[1]!.message).toContain('Git holds the value: rotate it');
    expect(JSON.stringify(atlas.analysis.findings)).not.toContain('Vb7qL2pX9mZ4rT8w');
  });
});
