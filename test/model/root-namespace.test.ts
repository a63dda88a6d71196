/**
 * A cluster root that applies other Kustomizations lives in its own namespace (flux-system), whatever
 * namespace the rest of what it applies is in. Outside review (a small bjw-s style cluster whose apps
 * are all in `ai`): the roots `cluster-apps` and `cluster-meta` became app `ai/cluster`, because every
 * object their builds held (the namespace folder's Namespace, Secrets, Alert) was in `ai`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('the roots of a cluster whose apps share one namespace', () => {
  const repo = tempRepos(afterAll);

  it('stay in flux-system', async () => {
    const r = repo('root-namespace');
    r.put('kubernetes/flux/cluster/ks.yaml', `${fluxKustomization('cluster-meta', './kubernetes/flux/meta')}---\n${fluxKustomization('cluster-apps', './kubernetes/apps')}`);
    r.put('kubernetes/flux/meta/repo.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: app-template\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: oci://ghcr.io/example/app-template\n  ref:\n    tag: 1.0.0\n');
    r.put('kubernetes/apps/ai/kustomization.yaml', 'namespace: ai\nresources:\n  - namespace.yaml\n  - secret.yaml\n  - ./memini/ks.yaml\n');
    r.put('kubernetes/apps/ai/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ai\n');
    r.put('kubernetes/apps/ai/secret.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n');
    r.put('kubernetes/apps/ai/memini/ks.yaml', fluxKustomization('memini', './kubernetes/apps/ai/memini/app', '  targetNamespace: ai\n'));
    r.put('kubernetes/apps/ai/memini/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: memini\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.kustomizations.find((k) => k.name === name)?.appId;
    expect(appOf('cluster-apps')).toMatch(/^flux-system\//);
    expect(appOf('memini')).toBe('ai/memini');
  });
});
