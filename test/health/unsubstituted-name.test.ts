/**
 * A name written with `${VAR}` in the build of a Kustomization without postBuild: Flux substitutes
 * nothing, the API server refuses `prometheus-${cert_name}`, and the whole Kustomization fails. Outside
 * review: a shared infrastructure folder whose staging Kustomization substitutes the variables and whose
 * production one has no postBuild; nothing was said. One finding a Kustomization.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const certificate = (name: string) =>
  `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: ${name}\n  namespace: monitoring\nspec:\n  secretName: ${name}-tls\n  dnsNames: [grafana.example.org]\n  issuerRef: {kind: ClusterIssuer, name: letsencrypt}\n`;

describe('OBJECT_NAME_INVALID for a variable no postBuild substitutes', () => {
  const repo = tempRepos(afterAll);

  it('reports the production build once, not staging, which substitutes', async () => {
    const r = repo('unsubstituted-name');
    bootstrap(r, 'staging');
    bootstrap(r, 'production');
    r.put('clusters/staging/infra.yaml', fluxKustomization('infra', './infrastructure', '  postBuild:\n    substitute:\n      cert_name: staging-cert\n'));
    r.put('clusters/production/infra.yaml', fluxKustomization('infra', './infrastructure'));
    r.put('infrastructure/certs.yaml', [certificate('prometheus-${cert_name}'), certificate('grafana-${cert_name}'), certificate('plain')].join('---\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'OBJECT_NAME_INVALID');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toMatch(/^Certificate "prometheus-\$\{cert_name\}" \(and 1 more object of its build\) keeps \$\{cert_name\} as written: Kustomization flux-system\/infra \(cluster production\) that applies it substitutes no variables \(no postBuild\.substitute or substituteFrom\)/);
    expect(found[0]!.message).toContain('(as flux-system/infra (cluster staging) does)');
  });

  it('a variable in a value, not a name, is no finding; nor a name a postBuild leaves unresolved (SUBSTITUTION_UNRESOLVED says that)', async () => {
    const r = repo('unsubstituted-value');
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', `${fluxKustomization('infra', './infrastructure')}---\n${fluxKustomization('other', './other', '  postBuild:\n    substitute:\n      x: "1"\n')}`);
    r.put('infrastructure/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  url: https://${domain}/\n');
    r.put('other/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-${missing}\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.code === 'OBJECT_NAME_INVALID')).toEqual([]);
  });
});
