/**
 * A workload no manifest, kustomize `namespace:` nor targetNamespace gives a namespace is shown in
 * `default`, but nothing of it runs there (Flux's apply refuses it: FLUX_NAMESPACE_NOT_SPECIFIED).
 * The network matrix made a `default` row of it and NETWORK_POLICY_MISSING said `default` had no
 * policy (outside review). A workload that names `default` still makes the row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { networkMatrix } from '../../src/analysis/health/network.ts';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns}spec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('the network matrix and a defaulted namespace', () => {
  const repo = tempRepos(afterAll);

  it('makes no row of it; a workload that names default does', async () => {
    const r = repo('network-defaulted');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/deployment.yaml', deployment('web', ''));
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(analysis.findings.filter((f) => f.code === 'FLUX_NAMESPACE_NOT_SPECIFIED')).toHaveLength(1);
    expect(model.objects.find((o) => o.kind === 'Deployment')).toMatchObject({ namespace: 'default', namespaceDefaulted: true });
    expect(networkMatrix(model).result.namespaces.map((n) => n.namespace)).not.toContain('default');
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' && f.message.includes('default'))).toEqual([]);

    r.put('apps/web/deployment.yaml', deployment('web', '  namespace: default\n'));
    const named = await computeAtlas(r.root, parseConfig({}));
    expect(networkMatrix(named.model).result.namespaces.map((n) => n.namespace)).toContain('default');
  });
});
