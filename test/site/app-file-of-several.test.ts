/**
 * An app that is one of several Flux Kustomizations of one file (home-ops' `cluster/ks.yaml` holding
 * `cluster-apps` and `private-apps`) has the pseudo folder `<file without extension>/<name>`: its page
 * named that as a folder (which does not exist) and told the owner to add a README.md there (outside
 * review). It names the file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('the file of an app one of several Kustomizations of a file makes', () => {
  const repo = tempRepos(afterAll);

  it('is named, not a folder that does not exist', async () => {
    const r = repo('file-of-several');
    r.put('kubernetes/flux/cluster/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './kubernetes/flux/cluster'));
    const other = fluxKustomization('private-apps', './kubernetes/private').replace('name: flux-system\n', 'name: home-ops-private\n');
    r.put('kubernetes/flux/cluster/ks.yaml', `${fluxKustomization('cluster-apps', './kubernetes/apps')}---\n${other}`);
    r.put('kubernetes/apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.name === 'private-apps');
    expect(app?.dir).toBe('kubernetes/flux/cluster/ks/private-apps');
    expect(appFacts(model, app!.id)?.file).toBe('kubernetes/flux/cluster/ks.yaml');
  });
});
