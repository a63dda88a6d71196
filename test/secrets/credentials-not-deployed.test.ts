/**
 * `atlas check` leaves out the findings of manifests no build deploys: an app under a build that
 * fails, an archive, a file its folder's kustomization.yaml leaves out. A value committed in plain
 * text (HARDCODED_CREDENTIAL, PLAIN_SECRET) is about what Git holds: under a failing build, whose
 * app the owner means to deploy, it is reported; in an archive or a file left out, retired manifests
 * an owner does not act on (judged false in scripts/corpus-check/judgements/secrets.md), it is not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const RELEASE = (name: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n  values:\n    auth:\n      password: Xk9pQ2vL7mWz4Rt8\n`;
const SECRET = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: Opaque\nstringData:\n  password: Hq3vN8sLp2Wx7Zk5\n`;
const REPOSITORY = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.example.org\n';

async function check(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, findings: analyse(model, config).findings };
}
const at = (findings: { code: string; source: { file: string } }[], ...codes: string[]) =>
  findings.filter((f) => codes.includes(f.code)).map((f) => `${f.code} ${f.source.file}`).sort();

describe('a credential in a manifest Flux does not apply', () => {
  const repo = tempRepos(afterAll);

  it('is reported under a build that fails, whose other findings are left out', async () => {
    const r = repo('cred-blocked');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('flux/charts.yaml', REPOSITORY);
    // The build of ./apps stops: it lists a folder without a kustomization.yaml.
    r.put('apps/kustomization.yaml', 'resources:\n  - ./a/ks.yaml\n  - ./broken\n');
    r.put('apps/broken/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n');
    r.put('apps/a/ks.yaml', fluxKustomization('a', './apps/a/app', '  targetNamespace: demo\n  dependsOn:\n    - name: not-here\n'));
    r.put('apps/a/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n  - ./secret.yaml\n');
    r.put('apps/a/app/helmrelease.yaml', RELEASE('a'));
    r.put('apps/a/app/secret.yaml', SECRET('a-auth'));
    const { model, findings } = await check(r.root);
    expect(model.apps.find((a) => a.id === 'demo/a')?.notDeployed).toMatch(/cannot be/);
    expect(at(findings, 'KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION')).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION apps/kustomization.yaml']);
    expect(at(findings, 'HARDCODED_CREDENTIAL', 'PLAIN_SECRET')).toEqual(['HARDCODED_CREDENTIAL apps/a/app/helmrelease.yaml', 'PLAIN_SECRET apps/a/app/secret.yaml']);
    // What is about the cluster is still left out for an app that is not deployed.
    expect(at(findings, 'DEPENDS_ON_MISSING')).toEqual([]);
  });

  it('is not reported in an archive nor in a file its folder leaves out', async () => {
    const r = repo('cred-archived');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('flux/charts.yaml', REPOSITORY);
    r.put('apps/kustomization.yaml', 'resources:\n  - ./b/ks.yaml\n');
    r.put('apps/b/ks.yaml', fluxKustomization('b', './apps/b/app', '  targetNamespace: demo\n'));
    r.put('apps/b/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n');
    r.put('apps/b/app/helmrelease.yaml', RELEASE('b').replace('      password: Xk9pQ2vL7mWz4Rt8\n', '      existingSecret: b-auth\n'));
    r.put('apps/b/app/old-secret.yaml', SECRET('b-old'));
    r.put('.archive/c/ks.yaml', fluxKustomization('c', './.archive/c/app', '  targetNamespace: demo\n'));
    r.put('.archive/c/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n');
    r.put('.archive/c/app/helmrelease.yaml', RELEASE('c'));
    const { model, findings } = await check(r.root);
    expect(model.files.filter((f) => f.archived || f.unlisted).map((f) => f.path).sort()).toEqual([
      '.archive/c/app/helmrelease.yaml',
      '.archive/c/app/kustomization.yaml',
      '.archive/c/ks.yaml',
      'apps/b/app/old-secret.yaml',
    ]);
    expect(at(findings, 'HARDCODED_CREDENTIAL', 'PLAIN_SECRET')).toEqual([]);
    // The file left out, once listed, is reported (its value is judged a credential).
    r.put('apps/b/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n  - ./old-secret.yaml\n');
    const { findings: listed } = await check(r.root);
    expect(at(listed, 'HARDCODED_CREDENTIAL', 'PLAIN_SECRET')).toEqual(['PLAIN_SECRET apps/b/app/old-secret.yaml']);
  });

  it('is not reported in a HelmRelease fragment its folder leaves out, and is in one a kustomization patches with', async () => {
    const r = repo('cred-fragment');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('flux/charts.yaml', REPOSITORY);
    r.put('apps/kustomization.yaml', 'resources:\n  - ./d/ks.yaml\n');
    r.put('apps/d/ks.yaml', fluxKustomization('d', './apps/d/app', '  targetNamespace: demo\n'));
    r.put('apps/d/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n');
    r.put('apps/d/app/helmrelease.yaml', RELEASE('d').replace('      password: Xk9pQ2vL7mWz4Rt8\n', '      existingSecret: d-auth\n'));
    // An old patch of the release, a fragment (no chart) nothing lists or patches with (checkdiff of the
    // thirty-fourth round: it was an object left out before fragments stopped being objects).
    const fragment = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: d\nspec:\n  values:\n    auth:\n      password: Xk9pQ2vL7mWz4Rt8\n';
    r.put('apps/d/app/helmrelease-patch.yaml', fragment);
    expect(at((await check(r.root)).findings, 'HARDCODED_CREDENTIAL')).toEqual([]);
    // Listed as the release's patch, it is applied: reported.
    r.put('apps/d/app/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\npatches:\n  - path: ./helmrelease-patch.yaml\n');
    expect(at((await check(r.root)).findings, 'HARDCODED_CREDENTIAL')).toEqual(['HARDCODED_CREDENTIAL apps/d/app/helmrelease-patch.yaml']);
  });
});
