/**
 * A volsync component's SOPS Secret is written `${APP}-volsync`; each app that uses the component
 * gets its own copy, substituted by its Kustomization's postBuild. The app page listed the written
 * name, used by nothing, beside the substituted Secret its ReplicationSource reads (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sopsSecret = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  RESTIC_PASSWORD: ENC[AES256_GCM,data:abc=,iv:aaaa,tag:bbbb,type:str]\nsops:\n  age:\n    - recipient: age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        placeholder\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2024-05-01T10:00:00Z"\n  mac: ENC[AES256_GCM,data:m,iv:aaaa,tag:bbbb,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.8.1\n`;

describe("a component's SOPS Secret on an app's page", () => {
  const repo = tempRepos(afterAll);

  it('is named as the app\'s build substitutes it, and used by what reads that name', async () => {
    const r = repo('component-sops-name');
    bootstrap(r);
    const spec = '  targetNamespace: default\n  decryption:\n    provider: sops\n  components:\n    - ../../components/volsync\n  postBuild:\n    substitute:\n      APP: wiki\n';
    r.put('clusters/prod/wiki.yaml', fluxKustomization('wiki', './apps/wiki', spec));
    r.put('apps/wiki/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/wiki/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wiki\nspec:\n  template:\n    spec:\n      containers:\n        - name: wiki\n          image: ghcr.io/example/wiki:1.0.0\n');
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - secret.sops.yaml\n  - replicationsource.yaml\n');
    r.put('components/volsync/secret.sops.yaml', sopsSecret('${APP}-volsync'));
    r.put('components/volsync/replicationsource.yaml', 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${APP}\nspec:\n  sourcePVC: ${APP}\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: ${APP}-volsync\n    copyMethod: Snapshot\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const sops = appFacts(model, model.objects.find((o) => o.kind === 'Deployment')!.appId!)!.secrets.sops;
    expect(sops.map((s) => [s.file, s.objects.map((o) => [o.name, o.usedBy])])).toEqual([['components/volsync/secret.sops.yaml', [['wiki-volsync', ['VolSync repository']]]]]);
  });

  it('is on the page of each app whose Kustomization names the component, as its own copy', async () => {
    // (Outside review: a home-ops volsync component of seven apps; the file was no app's, so on no page.)
    const r = repo('component-sops-apps');
    bootstrap(r);
    for (const app of ['wiki', 'blog']) {
      const spec = `  targetNamespace: default\n  decryption:\n    provider: sops\n  components:\n    - ../../components/volsync\n  postBuild:\n    substitute:\n      APP: ${app}\n`;
      r.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`, spec));
      r.put(`apps/${app}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
      r.put(`apps/${app}/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/example/${app}:1.0.0\n`);
    }
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - secret.sops.yaml\n  - replicationsource.yaml\n');
    r.put('components/volsync/secret.sops.yaml', sopsSecret('${APP}-volsync'));
    r.put('components/volsync/replicationsource.yaml', 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${APP}\nspec:\n  sourcePVC: ${APP}\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: ${APP}-volsync\n    copyMethod: Snapshot\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.sopsFiles.map((f) => [f.file, f.appId, f.apps])).toEqual([['components/volsync/secret.sops.yaml', null, ['default/blog', 'default/wiki']]]);
    for (const app of ['wiki', 'blog']) {
      const sops = appFacts(model, `default/${app}`)!.secrets.sops;
      expect(sops.map((s) => [s.file, s.objects.map((o) => [o.name, o.usedBy])])).toEqual([['components/volsync/secret.sops.yaml', [[`${app}-volsync`, ['VolSync repository']]]]]);
    }
  });

  it('is used by what reads it in each namespace a build puts a copy in', async () => {
    // cluster-template: `components/sops` (cluster-secrets) in every namespace's kustomization.yaml,
    // read by the Kustomizations there through substituteFrom. Only the owning app's namespace was read.
    const r = repo('component-sops-namespaces');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './apps', '  decryption:\n    provider: sops\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - flux-system\n  - home\n');
    for (const [ns, app] of [['flux-system', 'operator'], ['home', 'mosquitto']] as const) {
      r.put(`apps/${ns}/kustomization.yaml`, `namespace: ${ns}\ncomponents:\n  - ../../components/sops\nresources:\n  - ./${app}/ks.yaml\n`);
      r.put(`apps/${ns}/${app}/ks.yaml`, fluxKustomization(app, `./apps/${ns}/${app}/app`, '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n').replace('  namespace: flux-system\n', ''));
      r.put(`apps/${ns}/${app}/app/configmap.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  domain: \${SECRET_DOMAIN}\n`);
    }
    r.put('components/sops/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cluster-secrets.sops.yaml\n');
    r.put('components/sops/cluster-secrets.sops.yaml', sopsSecret('cluster-secrets'));
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const file = model.sopsFiles.find((f) => f.file === 'components/sops/cluster-secrets.sops.yaml')!;
    const used = appFacts(model, file.appId!)!.secrets.sops.find((s) => s.file === file.file)!.objects[0]!.usedBy;
    expect(used).toEqual(expect.arrayContaining([expect.stringMatching(/^substituteFrom of .*operator/), expect.stringMatching(/^substituteFrom of .*mosquitto/)]));
  });

  it('is used by the Kustomizations that decrypt with it (spec.decryption.secretRef, also set by a parent’s patch)', async () => {
    // (Outside review: cluster-template's `sops-age`, named by the patch cluster-apps puts on every child, was used by nothing.)
    const r = repo('component-sops-decryption');
    bootstrap(r);
    const patch = '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: not-used\n        spec:\n          decryption:\n            provider: sops\n            secretRef:\n              name: sops-age\n      target:\n        group: kustomize.toolkit.fluxcd.io\n        kind: Kustomization\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './apps', patch));
    r.put('apps/kustomization.yaml', 'resources:\n  - sops-age.sops.yaml\n  - wiki/ks.yaml\n');
    r.put('apps/sops-age.sops.yaml', sopsSecret('sops-age').replace('metadata:\n  name: sops-age\n', 'metadata:\n  name: sops-age\n  namespace: flux-system\n'));
    r.put('apps/wiki/ks.yaml', fluxKustomization('wiki', './apps/wiki/app'));
    r.put('apps/wiki/app/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wiki\n  namespace: default\ndata:\n  a: b\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.kustomizations.find((k) => k.name === 'wiki')?.decryptionSecret).toBe('sops-age');
    const file = model.sopsFiles.find((f) => f.file === 'apps/sops-age.sops.yaml')!;
    const used = appFacts(model, file.appId!)!.secrets.sops.find((s) => s.file === file.file)!.objects[0]!.usedBy;
    expect(used).toEqual([expect.stringMatching(/^SOPS decryption of .*wiki/)]);
  });
});

/**
 * A SOPS Secret that a kustomize patch renames and moves (`tandoor-db-credentials` in cnpg-system to
 * `homelab-postgres-tandoor` in tandoor, where the app reads it): the SOPS file's document is the
 * Secret as built. The written name was shown defined, hiding a reference to it that nothing makes,
 * and the built name's file as used by nothing (outside review, twenty-fourth round, two reviewers).
 */
describe('a SOPS Secret a patch renames', () => {
  const repo = tempRepos(afterAll);

  it('is the Secret as built, in the SOPS inventory and for what is defined', async () => {
    const r = repo('sops-renamed');
    bootstrap(r);
    r.put('clusters/prod/db.yaml', fluxKustomization('db-secrets', './db-secrets', '  decryption:\n    provider: sops\n'));
    r.put('db-secrets/kustomization.yaml', 'resources:\n  - tandoor.sops.yaml\npatches:\n  - target:\n      kind: Secret\n      name: tandoor-db-credentials\n    patch: |\n      - op: replace\n        path: /metadata/name\n        value: homelab-postgres-tandoor\n      - op: replace\n        path: /metadata/namespace\n        value: tandoor\n');
    r.put('db-secrets/tandoor.sops.yaml', sopsSecret('tandoor-db-credentials').replace('metadata:\n', 'metadata:\n  namespace: cnpg-system\n'));
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.sopsFiles.flatMap((f) => f.documents.map((d) => `${d.namespace}/${d.name}`))).toEqual(['tandoor/homelab-postgres-tandoor']);
    const { secretDefined } = await import('../../src/model/defined-names.ts');
    expect(secretDefined(model, 'homelab-postgres-tandoor')).toBe(true);
    expect(secretDefined(model, 'tandoor-db-credentials')).toBe(false);
  });
});
