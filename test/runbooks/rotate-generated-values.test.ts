/**
 * An encrypted Helm values file that a secretGenerator turns into a Secret (forgejo's values.enc.yaml
 * feeding `values-forgejo-secret`) has no name of its own: its rotate runbook was titled
 * "Rotate ? (SOPS)" (outside review). It is named after the Secret the generator makes, as the builds
 * name it (an overlay's namePrefix), else after the file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const AGE = 'age15j42dspmmwprjau6l48xp05d97s8ml5s3tjxrfwvm37tvuynssuqtsevkj';
const CIPHER = 'ENC[AES256_GCM,data:c2VjcmV0LXZhbHVl,iv:aXZpdml2aXZpdml2,tag:dGFndGFn,type:str]';
const SOPS = `sops:\n    age:\n        - recipient: ${AGE}\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2025-09-26T11:37:18Z"\n    version: 3.10.2\n`;
const values = `gitea:\n    config:\n        database:\n            PASSWD: ${CIPHER}\n${SOPS}`;
const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: forgejo\n  namespace: forgejo\nspec:\n  interval: 30m\n  chart:\n    spec:\n      chart: forgejo\n      version: "12.5.2"\n      sourceRef:\n        kind: HelmRepository\n        name: forgejo\n  valuesFrom:\n    - kind: Secret\n      name: values-forgejo-secret\n      valuesKey: values.yaml\n';
const generator = 'secretGenerator:\n  - name: values-forgejo-secret\n    namespace: forgejo\n    files:\n      - values.yaml=values.enc.yaml\n';

describe('the rotate runbook of a SOPS file a secretGenerator reads', () => {
  const repo = tempRepos(afterAll);

  function forgejo(overlay: string) {
    const r = repo('rotate-generated-values');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/production'));
    r.put('apps/base/forgejo/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - release.yaml\n${generator}`);
    r.put('apps/base/forgejo/release.yaml', release);
    r.put('apps/base/forgejo/values.enc.yaml', values);
    r.put('apps/production/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/forgejo\n${overlay}`);
    return r;
  }

  it('is named after the Secret the generator makes', async () => {
    const { byId } = await load(forgejo('').root);
    expect(byId('rotate:sops:apps/base/forgejo/values.enc.yaml').title).toBe('Rotate values-forgejo-secret (SOPS)');
  });

  it('as the build names it, where an overlay renames it', async () => {
    const { byId } = await load(forgejo('namePrefix: prod-\n').root);
    expect(byId('rotate:sops:apps/base/forgejo/values.enc.yaml').title).toBe('Rotate prod-values-forgejo-secret (SOPS)');
  });

  it('a SOPS file of a named Secret keeps its name', async () => {
    const r = forgejo('');
    r.put('apps/base/forgejo/secret.sops.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n    name: forgejo-admin\n    namespace: forgejo\nstringData:\n    password: ${CIPHER}\n${SOPS}`);
    r.put('apps/base/forgejo/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - release.yaml\n  - secret.sops.yaml\n${generator}`);
    const { runbooks } = await load(r.root);
    expect(runbooks.filter((b) => b.id.startsWith('rotate:sops:')).map((b) => b.title).sort()).toEqual(['Rotate forgejo-admin (SOPS)', 'Rotate values-forgejo-secret (SOPS)']);
  });
});
