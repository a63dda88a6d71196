/**
 * A SOPS-encrypted object that is not a Secret (a ConfigMap, a custom resource) under a Flux
 * Kustomization without spec.decryption: the kustomize-controller sends it with its `sops:` block, the
 * API server's dry-run refuses the unknown field (".sops: field not declared in schema",
 * fluxcd/flux2#3367), and the whole Kustomization fails. SOPS_DECRYPTION_MISSING looked at Secrets
 * and generators only (an outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FAKE = 'ENC[AES256_GCM,data:ZmFrZQ==,iv:ZmFrZQ==,tag:ZmFrZQ==,type:str]';
const block = `sops:\n    age:\n        - recipient: age1configfakefakefakefakefakefakefakefakefakefakefakefake000\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            ZmFrZQ==\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2024-01-01T00:00:00Z"\n    mac: ${FAKE}\n    encrypted_regex: ^(data|stringData|values)$\n    version: 3.8.1\n`;
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: nd-config\ndata:\n    settings: ${FAKE}\n${block}`;
// A HelmRelease whose values are encrypted in place: the same refusal.
const release = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n    name: app\nspec:\n    interval: 1h\n    chart:\n        spec:\n            chart: app\n            sourceRef:\n                kind: HelmRepository\n                name: charts\n                namespace: flux-system\n    values: ${FAKE}\n${block}`;

describe('a SOPS-encrypted object of any kind under a Kustomization without decryption', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, spec: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('nodecrypt', './apps/nodecrypt', spec));
    r.put('apps/nodecrypt/kustomization.yaml', 'namespace: nodecrypt\nresources:\n  - configmap.sops.yaml\n  - helmrelease.sops.yaml\n');
    r.put('apps/nodecrypt/configmap.sops.yaml', configMap);
    r.put('apps/nodecrypt/helmrelease.sops.yaml', release);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'SOPS_DECRYPTION_MISSING');
  };

  it('is an error: the API server refuses its sops: field and the Kustomization applies nothing', async () => {
    const found = await scan('configmap-no-decryption', '');
    expect(found.map((f) => [f.severity, f.source.file, f.objectId])).toEqual([
      ['error', 'apps/nodecrypt/configmap.sops.yaml', 'ConfigMap/nodecrypt/nd-config'],
      ['error', 'apps/nodecrypt/helmrelease.sops.yaml', 'HelmRelease/nodecrypt/app'],
    ]);
    expect(found[0]!.message).toContain('ConfigMap nodecrypt/nd-config is SOPS-encrypted, and Kustomization flux-system/nodecrypt (clusters/prod/apps.yaml:1), which applies it, has no spec.decryption');
    expect(found[0]!.message).toContain('".sops: field not declared in schema"');
  });

  it('is silent where the Kustomization decrypts', async () => {
    expect(await scan('configmap-decryption', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n')).toEqual([]);
  });
});
