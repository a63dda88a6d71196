/**
 * A PEM private key is a credential whatever holds it: a ConfigMap's `01-deploy-key` mounted as an
 * SSH identity, a chart's `sshKey` value, a file block under Helm values (outside review: a JupyterHub
 * repository's deploy key in a ConfigMap was kept in the model and not reported, because the key
 * names said nothing). The value is wiped as it is read and reported as HARDCODED_CREDENTIAL saying
 * it is a private key; a passphrase-protected key is wiped, not reported; a template with no key
 * material between the markers, and a certificate, are neither.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { privateKeyIn } from '../../src/model/credential-key.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const PLAIN = `-----BEGIN OPENSSH PRIVATE KEY-----\n${BODY}\nQyNTUxOQAAACBxQ0Z4ZXh0cmFrZXltYXRlcmlhbGZvcmF0bGFzdGVzdHM\n-----END OPENSSH PRIVATE KEY-----\n`;
const RSA = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAv4F6Zt3q9X2mLpKcR7sT1uV8wY0zA4bC6dE9fG2hJ5kN\n-----END RSA PRIVATE KEY-----\n`;
const ENCRYPTED = `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq2w3e4r5t6y7\n-----END ENCRYPTED PRIVATE KEY-----\n`;
const LEGACY_ENCRYPTED = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F2504E04F8911D39A0C0305E82C3301\n\nq2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0zxcvbnmQWERTYUIOPASDFG\n-----END RSA PRIVATE KEY-----\n`;
const TEMPLATE = `-----BEGIN OPENSSH PRIVATE KEY-----\n<paste your deploy key here>\n-----END OPENSSH PRIVATE KEY-----\n`;
/** An OpenSSH key record whose cipher is `cipher` (`none`: in the clear), as ssh-keygen writes its first bytes. */
const opensshBody = (cipher: string) => {
  const name = Buffer.from(cipher, 'latin1');
  const head = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), Buffer.from([0, 0, 0, name.length]), name, Buffer.alloc(36, 7)]);
  return head.toString('base64');
};
const OPENSSH_ENCRYPTED = `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody('aes256-ctr')}\n-----END OPENSSH PRIVATE KEY-----\n`;
const FILLER = `-----BEGIN RSA PRIVATE KEY-----\n${'X'.repeat(64)}\n-----END RSA PRIVATE KEY-----\n`;
/** A service account's key file as JSON, its line breaks written `\n` inside the string. */
const JSON_KEY = `{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----\\n"}`;
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk9yZXhhbXBsZWNlcnRpZmljYXRlMAoGCCqGSM49BAMC\n-----END CERTIFICATE-----\n';

const block = (text: string, indent: string) => text.trimEnd().split('\n').map((l) => (l === '' ? '' : `${indent}${l}`)).join('\n');

describe('a PEM private key under any key of any object', () => {
  const repo = tempRepos(afterAll);

  it('is told from a passphrase-protected key, a template and a certificate', () => {
    expect(privateKeyIn(PLAIN)).toBe('plain');
    expect(privateKeyIn(RSA)).toBe('plain');
    expect(privateKeyIn(`Host github.com\n  IdentityFile /x\n${PLAIN}`)).toBe('plain');
    expect(privateKeyIn(ENCRYPTED)).toBe('encrypted');
    expect(privateKeyIn(LEGACY_ENCRYPTED)).toBe('encrypted');
    expect(privateKeyIn(TEMPLATE)).toBeNull();
    expect(privateKeyIn(CERT)).toBeNull();
    // (Code review: an OpenSSH key is encrypted by the cipher its record names; filler is no key; a
    // JSON key file writes its line breaks `\n`.)
    expect(privateKeyIn(`-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody('none')}\n-----END OPENSSH PRIVATE KEY-----\n`)).toBe('plain');
    expect(privateKeyIn(OPENSSH_ENCRYPTED)).toBe('encrypted');
    expect(privateKeyIn(FILLER)).toBeNull();
    expect(privateKeyIn(JSON_KEY)).toBe('plain');
    // (Re-review: a template's filler first does not hide the real key after it; a folded scalar joins
    // the key's lines with spaces; a key wrapped at 32 columns.)
    expect(privateKeyIn(`# template:\n${FILLER}# real:\n${PLAIN}`)).toBe('plain');
    expect(privateKeyIn(PLAIN.replace(/\n/g, ' '))).toBe('plain');
    expect(privateKeyIn(PLAIN.replace(BODY, `${BODY.slice(0, 32)}\n${BODY.slice(32)}`))).toBe('plain');
  });

  it('is wiped but not reported in test data, a chart kept in the repository, or under an example key', async () => {
    const r = repo('private-key-not-reported');
    r.put('flux/apps.yaml', fluxKustomization('hub', './apps/hub', '  targetNamespace: hub\n'));
    r.put('apps/hub/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n');
    r.put(
      'apps/hub/helmrelease.yaml',
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: hub\nspec:\n  chart:\n    spec:\n      chart: jupyterhub\n      version: 4.0.0\n      sourceRef: {kind: HelmRepository, name: jupyterhub}\n  values:\n    config:\n      example: |\n${block(RSA, '        ')}\n    google:\n      serviceAccountKey: '${JSON_KEY}'\n    deployKey: |\n${block(OPENSSH_ENCRYPTED, '      ')}\n`,
    );
    r.put('charts/webhook/values.yaml', `testCert:\n  key: |\n${block(RSA, '    ')}\n`);
    r.put('tests/fixtures/values.yaml', `key: |\n${block(PLAIN, '  ')}\n`);
    // (An environment called `test` that a Flux build applies is the owner's: reported; re-review.)
    r.put('flux/test.yaml', fluxKustomization('test-env', './apps/test', '  targetNamespace: test\n'));
    r.put('apps/test/kustomization.yaml', 'resources:\n  - ./ssh.yaml\n');
    r.put('apps/test/ssh.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssh\ndata:\n  id: |\n${block(PLAIN, '    ')}\n`);
    const config = parseConfig({});
    const { model, docs } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL');
    // Only the JSON key file of the release's values: the example, the encrypted key, the chart's and the test's are not reported.
    expect(findings.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['apps/hub/helmrelease.yaml:18', 'apps/test/ssh.yaml:6']);
    const text = JSON.stringify({ model, docs });
    for (const material of [BODY, 'MIIEowIBAAKCAQEAv4F6Zt3q9X2', 'MIIEvQIBADANBgkqhkiG9w0BAQEF', opensshBody('aes256-ctr').slice(0, 40)]) expect(text).not.toContain(material);
  });

  it('is wiped as it is read and reported, in a ConfigMap and in Helm values; an encrypted one only wiped', async () => {
    const r = repo('private-key-anywhere');
    r.put('flux/apps.yaml', fluxKustomization('hub', './apps/hub', '  targetNamespace: hub\n'));
    r.put('apps/hub/kustomization.yaml', 'resources:\n  - ./ssh-config.yaml\n  - ./helmrelease.yaml\n');
    r.put(
      'apps/hub/ssh-config.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: etc-ssh-config\ndata:\n  01-deploy-key: |\n${block(PLAIN, '    ')}\n  01-github.conf: |\n    Host github.com\n      IdentityFile /etc/ssh/ssh_config.d/01-deploy-key\n  ca.crt: |\n${block(CERT, '    ')}\n  template.key: |\n${block(TEMPLATE, '    ')}\n`,
    );
    r.put(
      'apps/hub/helmrelease.yaml',
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: hub\nspec:\n  chart:\n    spec:\n      chart: jupyterhub\n      version: 4.0.0\n      sourceRef: {kind: HelmRepository, name: jupyterhub}\n  values:\n    hub:\n      config:\n        sshKey: |\n${block(RSA, '          ')}\n        signingKey: |\n${block(ENCRYPTED, '          ')}\n`,
    );
    const config = parseConfig({});
    const { model, docs } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL');
    expect(findings.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['apps/hub/helmrelease.yaml:14', 'apps/hub/ssh-config.yaml:6']);
    for (const f of findings) expect(f.message).toMatch(/^A private key is written in plain text under "(data\.01-deploy-key|spec\.values\.hub\.config\.sshKey)"/);
    const text = JSON.stringify({ model, docs });
    for (const material of [BODY, 'MIIEowIBAAKCAQEAv4F6Zt3q9X2', 'MIIFHDBOBgkqhkiG9w0BBQ0w']) expect(text).not.toContain(material);
    // What is no secret stays readable: the ssh config, the certificate.
    expect(text).toContain('IdentityFile /etc/ssh/ssh_config.d/01-deploy-key');
    expect(text).toContain('MIIBszCCAVmgAwIBAgIU');
  });
});
