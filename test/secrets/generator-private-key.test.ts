import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A service-mesh example keeps its trust anchor's key beside the kustomization.yaml and makes the
 * Secret with a secretGenerator (`files: [ca.crt, ca.key]`). The key was invisible: no Secret, no
 * finding. A private key in plain text read by a generator a Flux build runs is PLAIN_SECRET (error);
 * one SOPS encrypted, a certificate, or one under a kustomization.yaml nothing deploys is not.
 */
const KEY_BODY = 'MHcCAQEEIFakeKeyMaterialForTestsOnly0123456789abcdefoAoGCCqGSM49AwEHoUQDQgAEfake';
const pem = (label: string) => `-----BEGIN ${label}-----\n${KEY_BODY}\n-----END ${label}-----\n`;

describe('private keys a kustomize generator reads', () => {
  const repo = tempRepos(afterAll);

  it('are PLAIN_SECRET where committed in plain text, and the key never leaves the file', async () => {
    const r = repo('generator-keys');
    r.put('clusters/prod/mesh.yaml', fluxKustomization('mesh', './apps/mesh'));
    r.put('apps/mesh/kustomization.yaml', 'namespace: mesh\nresources:\n  - cm.yaml\nsecretGenerator:\n  - name: trust-anchor\n    files:\n      - tls.crt=ca.crt\n      - tls.key=ca.key\n  - name: sealed\n    files:\n      - sealed.key\n');
    r.put('apps/mesh/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mesh\n');
    r.put('apps/mesh/ca.crt', pem('CERTIFICATE'));
    r.put('apps/mesh/ca.key', pem('EC PRIVATE KEY'));
    // SOPS's binary format: the key is ENC[...] inside JSON with a "sops" section.
    r.put('apps/mesh/sealed.key', '{\n  "data": "ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]",\n  "sops": {"age": [], "version": "3.9.0"}\n}\n');
    // A passphrase-protected key, and a template with nothing between the markers.
    r.put('apps/mesh/kustomization.yaml', 'namespace: mesh\nresources:\n  - cm.yaml\nsecretGenerator:\n  - name: trust-anchor\n    files:\n      - tls.crt=ca.crt\n      - tls.key=ca.key\n  - name: sealed\n    files:\n      - sealed.key\n  - name: others\n    files:\n      - protected.key\n      - template.key\n');
    r.put('apps/mesh/protected.key', pem('ENCRYPTED PRIVATE KEY'));
    r.put('apps/mesh/template.key', '-----BEGIN PRIVATE KEY-----\n<paste your private key here>\n-----END PRIVATE KEY-----\n');
    // Not deployed: no Flux Kustomization builds this folder.
    r.put('examples/demo/kustomization.yaml', 'secretGenerator:\n  - name: demo\n    files:\n      - demo.key\n');
    r.put('examples/demo/demo.key', pem('PRIVATE KEY'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(findings.map((f) => [f.source.file, f.source.line, f.severity])).toEqual([['apps/mesh/kustomization.yaml', 8, 'error']]);
    expect(findings[0]!.message).toContain('secretGenerator "trust-anchor" puts apps/mesh/ca.key (key tls.key), a private key committed in plain text');
    expect(JSON.stringify({ model, findings })).not.toContain(KEY_BODY);
  });
});
