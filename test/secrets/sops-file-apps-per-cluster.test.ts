/**
 * A SOPS file of a base two clusters build (`infrastructure/controllers/backup/secrets.yaml` beside
 * velero's release, applied by each cluster's infra-controllers): its Secrets are velero's in each
 * cluster, so the file is both clusters' velero app's, not the folder's layer app (outside review: the
 * velero page listed no SOPS file while its four Secrets and their findings showed there).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const SOPS_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: velero-encrypt-key\n  namespace: velero\nstringData:\n  key: ENC[AES256_GCM,data:abcd,iv:efgh,tag:ijkl,type:str]\nsops:\n  age:\n    - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdl\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:mmmm,iv:nnnn,tag:oooo,type:str]\n  version: 3.9.1\n';

describe('a SOPS file of a base two clusters build', () => {
  const repo = tempRepos(afterAll);
  it("is each cluster's app of its Secrets, on each page", async () => {
    const r = repo('sops-file-two-clusters');
    for (const c of ['prod', 'staging']) {
      r.put(`clusters/${c}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${c}`));
      r.put(`clusters/${c}/infrastructure.yaml`, fluxKustomization('infra-controllers', './infrastructure/controllers', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n'));
    }
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - backup\n  - sources.yaml\n');
    r.put('infrastructure/controllers/sources.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: vmware\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://vmware-tanzu.github.io/helm-charts\n');
    r.put('infrastructure/controllers/backup/kustomization.yaml', 'resources:\n  - velero.yaml\n  - secrets.yaml\n');
    r.put('infrastructure/controllers/backup/velero.yaml', helmRelease({ name: 'velero', namespace: 'velero', version: '8.0.0', source: 'vmware' }));
    r.put('infrastructure/controllers/backup/secrets.yaml', SOPS_SECRET);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const velero = model.apps.filter((a) => a.objects.some((o) => o.startsWith('HelmRelease/velero/velero'))).map((a) => a.id).sort();
    expect(velero).toHaveLength(2);
    const file = model.sopsFiles.find((s) => s.file === 'infrastructure/controllers/backup/secrets.yaml')!;
    expect([file.appId, file.apps]).toEqual([null, velero]);
    for (const id of velero) expect(appFacts(model, id)!.secrets.sops.map((s) => s.file)).toEqual(['infrastructure/controllers/backup/secrets.yaml']);
  });
});
