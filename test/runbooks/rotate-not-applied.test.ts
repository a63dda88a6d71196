/**
 * A rotate runbook starts only from a Secret a Flux build applies (outside review: Ramblurr's
 * nextcloud2 page offered "Rotate nextcloud2 (SOPS)" for app/secret.sops.yaml, which the folder's
 * kustomization.yaml does not list, so the file is never applied; the Secret the app reads comes from
 * its ExternalSecret). The same for an ExternalSecret left out of its folder's list.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const AGE = 'age15j42dspmmwprjau6l48xp05d97s8ml5s3tjxrfwvm37tvuynssuqtsevkj';
const CIPHER = 'ENC[AES256_GCM,data:c2VjcmV0LXZhbHVl,iv:aXZpdml2aXZpdml2,tag:dGFndGFn,type:str]';
const sopsSecret = (name: string) =>
  `kind: Secret\napiVersion: v1\ntype: Opaque\nmetadata:\n    name: ${name}\n    namespace: default\nstringData:\n    ADMIN_PASSWORD: ${CIPHER}\nsops:\n    age:\n        - recipient: ${AGE}\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2023-01-16T15:12:31Z"\n    encrypted_regex: ^(data|stringData)$\n    version: 3.7.3\n`;
const externalSecret = (name: string, target: string) =>
  `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword-connect\n  target:\n    name: ${target}\n  data:\n    - secretKey: ADMIN_PASSWORD\n      remoteRef:\n        key: ${name}\n        property: password\n`;
const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nextcloud2\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nextcloud:27.1.4\n          envFrom:\n            - secretRef:\n                name: nextcloud2-secret\n`;

describe('rotate runbooks only for what a build applies', () => {
  const repo = tempRepos(afterAll);

  function nextcloudRepo() {
    const r = repo('rotate-not-applied');
    r.put('.sops.yaml', `creation_rules:\n  - path_regex: k8s/.*\\.sops\\.ya?ml\n    encrypted_regex: "^(data|stringData)$"\n    age: ${AGE}\n`);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-workloads-nextcloud2', './k8s/workloads/default/nextcloud2/app'));
    const app = 'k8s/workloads/default/nextcloud2/app';
    // The folder lists the ExternalSecret and the workload, not secret.sops.yaml nor old-externalsecret.yaml.
    r.put(`${app}/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: default\nresources:\n  - externalsecret.yaml\n  - deployment.yaml\n');
    r.put(`${app}/secret.sops.yaml`, sopsSecret('nextcloud2'));
    r.put(`${app}/externalsecret.yaml`, externalSecret('nextcloud2', 'nextcloud2-secret'));
    r.put(`${app}/old-externalsecret.yaml`, externalSecret('nextcloud2-old', 'nextcloud2-old-secret'));
    r.put(`${app}/deployment.yaml`, deployment);
    // A listed SOPS file beside it, in another app, keeps its runbook.
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './k8s/workloads/default/web'));
    r.put('k8s/workloads/default/web/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - secret.sops.yaml\n');
    r.put('k8s/workloads/default/web/secret.sops.yaml', sopsSecret('web'));
    // A Flux Kustomization no cluster root reaches (an archived app): its ExternalSecret is never applied.
    r.put('k8s/archive/ks.yaml', fluxKustomization('paperless', './k8s/archive/paperless'));
    r.put('k8s/archive/paperless/externalsecret.yaml', externalSecret('paperless', 'paperless-secret'));
    return r;
  }

  it('an unlisted SOPS file gets no rotate runbook; a listed one does', async () => {
    const { runbooks } = await load(nextcloudRepo().root);
    const ids = runbooks.map((r) => r.id);
    expect(ids).not.toContain('rotate:sops:k8s/workloads/default/nextcloud2/app/secret.sops.yaml');
    expect(runbooks.some((r) => r.title === 'Rotate nextcloud2 (SOPS)')).toBe(false);
    expect(ids).toContain('rotate:sops:k8s/workloads/default/web/secret.sops.yaml');
  });

  it('an unlisted or unreached ExternalSecret gets none; the listed one, which makes the Secret the app reads, does', async () => {
    const { runbooks } = await load(nextcloudRepo().root);
    const ids = runbooks.map((r) => r.id);
    expect(ids).toContain('rotate:externalsecret:default/nextcloud2');
    expect(ids).not.toContain('rotate:externalsecret:default/nextcloud2-old');
    expect(ids.filter((id) => id.includes('paperless'))).toEqual([]);
  });
});
