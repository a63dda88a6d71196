/**
 * The secrets inventory marks what Flux does not apply: the SealedSecrets, plain Secrets and SOPS files
 * of an app commented out in its parent's kustomization.yaml were listed as live, without a marker
 * (outside review). The counts still count them (they count documents in manifest files, as
 * corpus-meta.json does); SECRETS.md and the /secrets/ page say "not deployed".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sealed = (name: string, ns: string) => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  encryptedData:\n    password: AgBvY2lwaGVydGV4dA==\n`;

describe('secrets of an app Flux does not apply', () => {
  const repo = tempRepos(afterAll);

  it('are marked not deployed in the inventory and SECRETS.md', async () => {
    const r = repo('inventory-not-deployed');
    bootstrap(r, 'home');
    r.put('clusters/home/kustomization.yaml', 'resources:\n  - ./flux-system\n  - ./live.yaml\n  # - ./old.yaml\n');
    r.put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - ./gotk-sync.yaml\n');
    r.put('clusters/home/live.yaml', fluxKustomization('live', './apps/live'));
    r.put('clusters/home/old.yaml', fluxKustomization('old', './apps/old'));
    r.put('apps/live/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./sealed.yaml\n');
    r.put('apps/live/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: live\n');
    r.put('apps/live/sealed.yaml', sealed('live-auth', 'live'));
    r.put('apps/old/kustomization.yaml', 'resources:\n  - ./sealed.yaml\n');
    r.put('apps/old/sealed.yaml', sealed('old-auth', 'old'));
    const atlas = await computeAtlas(r.root, parseConfig({}));
    const rows = atlas.analysis.secrets.sealedSecrets.map((s) => [s.name, s.disabled, s.notDeployed ?? false]);
    expect(rows).toEqual([
      ['live-auth', false, false],
      ['old-auth', false, true],
    ]);
    expect(atlas.analysis.secrets.summary.sealedSecrets).toBe(2);
    const md = renderSecretsMarkdown(atlas.analysis.secrets);
    expect(md).toContain('old/old-auth (not deployed)');
    expect(md).not.toContain('live/live-auth (not deployed)');
  });
});
