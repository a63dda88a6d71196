/**
 * A ConfigMap's data and an object's labels are strings to Kubernetes: `PORT: 8080` or `version: 1.0`
 * unquoted reach the API server as a number (kustomize keeps the type; annotations it writes as
 * strings), which refuses the object, and the apply of the Kustomization fails (an outside review
 * found `HARDCORE: true` in a ConfigMap). kubectl's decoder is the oracle for the label.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a number or a boolean where Kubernetes takes a string', () => {
  const repo = tempRepos(afterAll);

  it('is an error at its line: ConfigMap data and labels, not annotations nor ${VAR}', async () => {
    const r = repo('value-not-string');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - config.yaml\n  - ingress.yaml\n');
    r.put('apps/web/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n  labels:\n    version: 1.0\ndata:\n  PORT: 8080\n  DEBUG: true\n  NAME: "web"\n  HOST: ${HOST}\n  EMPTY:\n');
    r.put('apps/web/ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: web\n  annotations:\n    gatus.io/enabled: false\nspec:\n  rules: []\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'VALUE_NOT_STRING');
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error apps/web/config.yaml:7', 'error apps/web/config.yaml:9', 'error apps/web/config.yaml:10']);
    expect(found[1]!.message).toContain('data.PORT is a number, where Kubernetes takes only strings');
    // The key and the type, never the value (a ConfigMap may hold what is better not printed).
    expect(found.map((f) => f.message).join('\n')).not.toMatch(/8080|1\.0/);
    const built = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    if (!built.error) {
      expect(built.stdout).toContain('gatus.io/enabled: "false"');
      expect(built.stdout).toContain('PORT: 8080\n');
      const decode = spawnSync('kubectl', ['create', '--dry-run=client', '--validate=false', '-o', 'yaml', '-f', '-'], { input: built.stdout, encoding: 'utf8' });
      expect(decode.stderr).toContain('cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    }
  });

  // Labels written as a list (`- pod-security.kubernetes.io/enforce: privileged`): kustomize passes
  // them on, the API server refuses the Namespace (outside review).
  it('a mapping written as a list is FIELD_NOT_A_MAP, an error at its line', async () => {
    const r = repo('field-not-a-map');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ns.yaml\n  - secret.yaml\n');
    r.put('apps/web/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n  labels:\n    - pod-security.kubernetes.io/enforce: privileged\n');
    r.put('apps/web/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\n  namespace: web\n  annotations:\n    a: b\nstringData:\n  - TOKEN: hunter2-but-listed\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'FIELD_NOT_A_MAP');
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`).sort()).toEqual(['error apps/web/ns.yaml:5', 'error apps/web/secret.yaml:8']);
    expect(JSON.stringify(found)).not.toContain('hunter2');
    const kubectl = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    if (kubectl.status !== null && kubectl.error === undefined) expect(kubectl.stdout).toMatch(/labels:\n  - pod-security/);
  });

  it('a metadata key object metadata does not have (`annotation:`) is an error at its line; kustomize passes it on', async () => {
    // (Found by an outside review: the MetalLB IP annotation of a Service written under `annotation:`.)
    const r = repo('metadata-field-unknown');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - service.yaml\n');
    r.put('apps/web/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: samba\n  namespace: web\n  annotation:\n    metallb.universe.tf/loadBalancerIPs: 192.0.2.20\n  labels:\n    app: samba\n  ownerReferences: []\nspec:\n  type: LoadBalancer\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'METADATA_FIELD_UNKNOWN');
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line} ${f.objectId}`)).toEqual(['error apps/web/service.yaml:6 Service/web/samba']);
    expect(found[0]!.message).toContain('metadata.annotation is no field of object metadata (annotations?)');
    const built = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    if (!built.error) expect(built.stdout).toContain('  annotation:\n');
  });
});
