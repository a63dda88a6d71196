/**
 * A Secret a chart makes from its values (`secret: {create: true, name: ...}`) is defined: the app page
 * said "not defined in the repository" of the one the release's own values make (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a Secret the chart makes from its values', () => {
  const repo = tempRepos(afterAll);

  it('is defined; one a block with create: false names is not', async () => {
    const r = repo('chart-made-secret');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('carlog', './apps/carlog'));
    r.put('apps/carlog/kustomization.yaml', 'namespace: tools\nresources:\n  - ./release.yaml\n');
    r.put(
      'apps/carlog/release.yaml',
      helmRelease({
        name: 'carlog',
        values: '    secret:\n      create: true\n      name: carlog-auth\n    env:\n      envFromSecret: carlog-auth\n    database:\n      existingSecret: carlog-db\n    dbSecret:\n      create: false\n      name: carlog-db\n',
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = appFacts(model, model.apps.find((a) => a.name === 'carlog')!.id)!;
    const used = Object.fromEntries(facts.secrets.used.map((u) => [u.name, u.defined]));
    expect(used).toEqual({ 'carlog-auth': true, 'carlog-db': false });
  });

  it("is defined where cert-manager issues it for the chart's ingress, whose tls is one object", async () => {
    const r = repo('chart-ingress-tls-object');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('unifi', './apps/unifi'));
    r.put('apps/unifi/kustomization.yaml', 'namespace: unifi\nresources:\n  - ./release.yaml\n');
    r.put(
      'apps/unifi/release.yaml',
      helmRelease({
        name: 'unifi',
        values: '    ingress:\n      enabled: true\n      annotations:\n        cert-manager.io/cluster-issuer: letsencrypt\n      hosts:\n        - host: unifi.example.org\n          paths: [/]\n      tls:\n        secretName: unifi-tls\n',
      }),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = appFacts(model, model.apps.find((a) => a.name === 'unifi')!.id)!;
    expect(facts.secrets.used.filter((u) => u.name === 'unifi-tls').map((u) => u.defined)).toEqual([true]);
  });
});

