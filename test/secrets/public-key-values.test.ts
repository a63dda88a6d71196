/**
 * A plain Secret whose values are public key material (an age recipient, OpenSSH public keys, a
 * certificate) commits nothing secret, whatever its keys are called: a public review found a
 * `sops-age` Secret whose `age.agekey` held the age *recipient* (age1...), reported as PLAIN_SECRET
 * with "rotate those values". A private key beside it, or instead of it, is still reported. The values
 * are still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { isPublicKeyMaterial, secretVerdict } from '../../src/repo/scrub-rules.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const RECIPIENT = `age1${Array.from({ length: 58 }, (_, i) => BECH32[(i * 7 + 3) % 32]).join('')}`;
const AGE_SECRET = `AGE-SECRET-KEY-1${Array.from({ length: 58 }, (_, i) => BECH32[(i * 5 + 1) % 32]).join('').toUpperCase()}`;
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBq3mV7xQ2pL9sK4wR8tY6uZ1cN5bH0jD3fG7aE2iO9M flux@cluster';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk9yZXhhbXBsZWNlcnRpZmljYXRlMAoGCCqGSM49BAMC\n-----END CERTIFICATE-----';
const PRIVATE = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----';

describe('public key material in a plain Secret', () => {
  const repo = tempRepos(afterAll);

  it('is told by the value: a recipient, public keys, certificates; never with a private key or secret beside them', () => {
    expect(isPublicKeyMaterial(RECIPIENT)).toBe(true);
    expect(isPublicKeyMaterial(`${SSH_KEY}\n${SSH_KEY.replace('flux@cluster', 'admin')}\n`)).toBe(true);
    expect(isPublicKeyMaterial(CERT)).toBe(true);
    expect(isPublicKeyMaterial(`${CERT}\n${CERT}`)).toBe(true);
    expect(isPublicKeyMaterial(AGE_SECRET)).toBe(false);
    expect(isPublicKeyMaterial(PRIVATE)).toBe(false);
    expect(isPublicKeyMaterial(`${CERT}\n${PRIVATE}`)).toBe(false);
    expect(isPublicKeyMaterial(`${RECIPIENT}x`)).toBe(false);
    expect(isPublicKeyMaterial('ssh-ed25519 hunter2')).toBe(false);
    expect(secretVerdict(RECIPIENT)?.reason).toBe('secret-public');
    // Under data: the same, base64-encoded.
    expect(secretVerdict(Buffer.from(CERT).toString('base64'))?.reason).toBe('secret-public');
    expect(secretVerdict(Buffer.from(PRIVATE).toString('base64'))?.reason).toBe('secret-data');
  });

  it('makes no PLAIN_SECRET; a private key does', async () => {
    const r = repo('public-key-secret');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: flux-system\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./recipient.yaml\n  - ./deploy-key.yaml\n  - ./private.yaml\n');
    r.put('apps/recipient.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\nstringData:\n  age.agekey: ${RECIPIENT}\n`);
    r.put('apps/deploy-key.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: deploy-key\nstringData:\n  identity.pub: ${SSH_KEY}\n  known_hosts: github.com ${SSH_KEY.split(' ').slice(0, 2).join(' ')}\n  ca.crt: |\n${CERT.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
    r.put('apps/private.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age-real\nstringData:\n  age.agekey: ${AGE_SECRET}\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => `${f.code} ${f.source.file}`)).toEqual(['PLAIN_SECRET apps/private.yaml']);
    const text = JSON.stringify(model);
    for (const v of [RECIPIENT, AGE_SECRET, 'AAAAC3NzaC1lZDI1NTE5AAAAIBq3mV7xQ2pL9sK4wR8tY6uZ1cN5bH0jD3fG7aE2iO9M']) expect(text).not.toContain(v);
  });
});
