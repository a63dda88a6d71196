/**
 * SUBSTITUTE_FROM_UNORDERED: a Kustomization substitutes from a Secret that an ExternalSecret of another
 * Kustomization makes, without depending on it: on a fresh cluster its first reconcile fails ("secrets
 * not found") until the other has been applied and the Secret synced (outside review: immich substituting
 * from `immich-secret`, which its sibling `immich-secret` makes, depending only on the secret store). A
 * warning; ordered through a dependsOn (direct, transitive, or of a Kustomization that applies it), or by
 * the producer applying it, says nothing; an optional reference and a Secret manifest say nothing. Where
 * only its own build makes the Secret, it never builds: an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, path: string, opts: { from?: string; optional?: boolean; dependsOn?: string[] } = {}) =>
  fluxKustomization(name, path).replace(
    'spec:\n',
    `spec:\n  targetNamespace: default\n${opts.dependsOn ? `  dependsOn:\n${opts.dependsOn.map((d) => `    - name: ${d}\n`).join('')}` : ''}${opts.from ? `  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: ${opts.from}\n${opts.optional ? '        optional: true\n' : ''}` : ''}`,
  );
const es = (name: string, target: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: onepassword}\n  target: {name: ${target}}\n  dataFrom:\n    - extract: {key: ${name}}\n`;
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  url: https://\${APP_HOST}\n`;

describe('a substituteFrom Secret an ExternalSecret makes', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where nothing orders the producer first, an error where the Kustomization makes it itself', async () => {
    const r = repo('substitute-from-unordered');
    bootstrap(r, 'home');
    // The home-ops layout: the folder's kustomization.yaml puts the Kustomizations in `default`, where their
    // substituteFrom looks and where their ExternalSecrets make the Secrets.
    r.put('clusters/home/apps.yaml', fluxKustomization('cluster-apps', './kubernetes'));
    r.put('kubernetes/kustomization.yaml', 'namespace: default\nresources:\n  - ks.yaml\n');
    r.put('kubernetes/ks.yaml', [
      ks('immich-secret', './apps/immich/secret'),
      ks('immich', './apps/immich/app', { from: 'immich-secret' }),
      ks('paperless', './apps/paperless/app', { from: 'immich-secret', dependsOn: ['immich-secret'] }),
      ks('gitea', './apps/gitea/app', { from: 'immich-secret', dependsOn: ['paperless'] }),
      ks('optional', './apps/optional/app', { from: 'immich-secret', optional: true }),
      ks('self', './apps/self/app', { from: 'self-secret' }),
      ks('sops-made', './apps/sops-made/app', { from: 'plain-secret' }),
      ks('plain', './apps/plain'),
    ].join('---\n'));
    r.put('apps/immich/secret/es.yaml', es('immich', 'immich-secret'));
    for (const a of ['immich', 'paperless', 'gitea', 'optional', 'sops-made']) r.put(`apps/${a}/app/cm.yaml`, cm(a));
    r.put('apps/self/app/cm.yaml', `${cm('self')}---\n${es('self', 'self-secret')}`);
    r.put('apps/plain/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain-secret\nstringData:\n  APP_HOST: ${APP_HOST}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'SUBSTITUTE_FROM_UNORDERED');
    expect(found.map((f) => `${f.severity} ${f.objectId}`).sort()).toEqual(['error Kustomization/default/self', 'warning Kustomization/default/immich']);
    expect(found.find((f) => f.severity === 'warning')!.message).toContain('Add dependsOn: [{ name: immich-secret, namespace: default }]');
  });
});
