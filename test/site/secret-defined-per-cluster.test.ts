/**
 * Where the repository has several clusters, a Secret one cluster's builds make is no Secret of
 * another's: cluster beta's page did not say "not defined in the repository" of the `db-creds` its
 * workload reads, because cluster alpha's ExternalSecret makes one (outside review). Defined for an
 * app's cluster is what that cluster's builds make (an ExternalSecret, a SOPS Secret, a secretGenerator,
 * renamed by its overlay too), or what no cluster's build reaches (a file kept beside the clusters,
 * applied by hand to any of them: the repository does not say which, so no false "not defined").
 * By name, not namespace, as before (a replicator copies Secrets between namespaces).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const refs = ['db-creds', 'gen-creds', 'sops-creds', 'base-gen', 'loose-creds'];
const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.0\n          envFrom:\n${refs.map((name) => `            - secretRef: {name: ${name}}\n`).join('')}`;
const externalSecret = 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: db-creds\n  namespace: web\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: db-creds}\n  dataFrom:\n    - extract: {key: web/db}\n';
const sopsSecret = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nstringData:\n  A: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]\nsops:\n  age:\n    - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n      enc: x\n  lastmodified: "2024-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:m=,iv:i=,tag:t=,type:str]\n  version: 3.8.1\n`;

describe('a Secret an app uses, in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("is defined by what the app's own cluster makes, or what no cluster's build reaches", async () => {
    const r = repo('secret-defined-per-cluster');
    for (const cluster of ['alpha', 'beta']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/workloads.yaml`, fluxKustomization('workloads', `./${cluster}`));
    }
    // Both clusters build the shared web folder, whose generator makes base-gen in each.
    r.put('common/web/kustomization.yaml', 'resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: base-gen\n    namespace: web\n    literals: [A=b]\n');
    r.put('common/web/deployment.yaml', deployment);
    // Only alpha makes db-creds, gen-creds and sops-creds.
    r.put('alpha/kustomization.yaml', 'resources:\n  - ../common/web\n  - externalsecret.yaml\n  - secret.sops.yaml\nsecretGenerator:\n  - name: gen-creds\n    namespace: web\n    literals: [A=b]\n');
    r.put('alpha/externalsecret.yaml', externalSecret);
    r.put('alpha/secret.sops.yaml', sopsSecret('sops-creds', 'web'));
    r.put('beta/kustomization.yaml', 'resources:\n  - ../common/web\n');
    // A Secret in a file no cluster's build reaches.
    r.put('manual/loose.sops.yaml', sopsSecret('loose-creds', 'web'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['alpha', 'beta']);
    const facts = (cluster: string) => appFacts(model, model.apps.find((a) => a.cluster === cluster && a.name === 'workloads')!.id)!;
    const defined = (cluster: string) => Object.fromEntries(facts(cluster).secrets.used.map((u) => [u.name, u.defined]));
    expect(defined('alpha')).toEqual({ 'base-gen': true, 'db-creds': true, 'gen-creds': true, 'loose-creds': true, 'sops-creds': true });
    expect(defined('beta')).toEqual({ 'base-gen': true, 'db-creds': false, 'gen-creds': false, 'loose-creds': true, 'sops-creds': false });
    expect(renderAppReadme(facts('beta'))).toContain('| Secret | db-creds | – | **not defined in the repository** (used via envFrom) |');
  });
});
