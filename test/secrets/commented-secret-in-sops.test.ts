/**
 * A Secret commented out inside a SOPS-encrypted file (democratic-csi's iSCSI driver config, its TrueNAS
 * API key in the comment) was SOPS_VALUE_NOT_ENCRYPTED "(its encrypted_regex or suffix does not cover
 * it)" and PLAIN_SECRET_UNVERIFIED "... or encrypt the file" (outside review). sops encrypts values and
 * never comments, so no encrypted_regex and no re-encryption hides it: both findings now say it is a
 * commented-out Secret left in plain text in a comment, and ask to remove it from the file and from the
 * git history and to rotate what it holds. Still an error where the comment holds a credential; none
 * where it holds only a user name. A commented-out Secret of a plain file is told the same.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sopsBlock = (encryptedRegex = '^(data|stringData)$') => [
  'sops:',
  '    age:',
  '        - recipient: age1lfezdr7cgnvyln26tgfauhf2ngs4akzuchuyr8qgjja4uxrxxghqkm9m0g',
  '          enc: |',
  '            -----BEGIN AGE ENCRYPTED FILE-----',
  '            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBSbUlOdzVNRUNQd0NSeTBU',
  '            -----END AGE ENCRYPTED FILE-----',
  '    lastmodified: "2025-06-18T06:02:54Z"',
  '    mac: ENC[AES256_GCM,data:SJiZlVTkXPZ4,iv:8aKgfdMvMKSR,tag:PXQymT85WSq7,type:str]',
  `    encrypted_regex: ${encryptedRegex}`,
  '    mac_only_encrypted: true',
  '    version: 3.10.2',
];

/** democratic-csi's secret.sops.yaml: the NFS Secret encrypted, the iSCSI one commented out below it. */
const DEMOCRATIC = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '    name: democratic-csi-nfs-secret',
  'stringData:',
  '    driver-config-file.yaml: ENC[AES256_GCM,data:CIgxNwGQ+0RSyTyx3w4e,iv:7xr9yph9Z7,tag:vE5eawutkK,type:str]',
  '# ---',
  '# apiVersion: v1',
  '# kind: Secret',
  '# metadata:',
  '#   name: democratic-csi-iscsi-secret',
  '# stringData:',
  '#   driver-config-file.yaml: |',
  '#     driver: freenas-api-iscsi',
  '#     httpConnection:',
  '#       protocol: https',
  '#       host: "${SECRET_NFS_SERVER}"',
  '#       # Same API key as NFS',
  '#       apiKey: "1-Zq8vT3nLx0Pw7RkD2mYbQ4sW9eHu6jKcVb2"',
  '#     zfs:',
  '#       datasetParentName: /mnt/dump/cluster/iscsi/volumes',
  ...sopsBlock(),
  '',
].join('\n');

describe('a Secret commented out in a SOPS-encrypted file', () => {
  const repo = tempRepos(afterAll);

  it('is said to be plain text in a comment, which sops never encrypts: remove it, purge the history, rotate', async () => {
    const r = repo('commented-secret-in-sops');
    bootstrap(r);
    r.put('clusters/prod/storage.yaml', fluxKustomization('democratic-csi', './apps/democratic-csi', '  targetNamespace: storage\n  decryption:\n    provider: sops\n'));
    r.put('apps/democratic-csi/kustomization.yaml', 'resources:\n  - secret.sops.yaml\n');
    r.put('apps/democratic-csi/secret.sops.yaml', DEMOCRATIC);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    const of = (code: string) => findings.filter((f) => f.code === code && f.source.file === 'apps/democratic-csi/secret.sops.yaml');

    const value = of('SOPS_VALUE_NOT_ENCRYPTED');
    expect(value.map((f) => [f.severity, f.source.line])).toEqual([['error', 13]]);
    expect(value[0]!.message).toContain('commented-out Secret "democratic-csi-iscsi-secret"');
    expect(value[0]!.message).toContain('sops encrypts values, never comments');
    expect(value[0]!.message).toContain('remove the commented-out Secret from the file and from the git history');
    expect(value[0]!.message).toContain('rotate');
    expect(value[0]!.message).not.toContain('encrypted_regex');

    const plain = of('PLAIN_SECRET_UNVERIFIED');
    expect(plain.map((f) => f.source.line)).toEqual([8]);
    expect(plain[0]!.message).toContain('commented out');
    expect(plain[0]!.message).toContain('sops encrypts values, never comments');
    expect(plain[0]!.message).toContain('git history');
    expect(plain[0]!.message).not.toContain('encrypt the file');
    // The live, encrypted Secret beside it is not spoken of.
    expect(findings.filter((f) => f.message.includes('democratic-csi-nfs-secret'))).toEqual([]);
    expect(JSON.stringify(model)).not.toContain('Zq8vT3nLx0Pw7RkD2mYb');
  });

  it('gets no error where the comment holds no credential, and a live value outside encrypted_regex keeps its own', async () => {
    const r = repo('commented-secret-in-sops-user');
    bootstrap(r);
    r.put('clusters/prod/storage.yaml', fluxKustomization('minio', './apps/minio', '  targetNamespace: storage\n  decryption:\n    provider: sops\n'));
    r.put('apps/minio/kustomization.yaml', 'resources:\n  - secret.sops.yaml\n');
    const file = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '    name: minio',
      'stringData:',
      '    MINIO_ROOT_PASSWORD: ENC[AES256_GCM,data:CIgxNwGQ+0RSyTyx3w4e,iv:7xr9yph9Z7,tag:vE5eawutkK,type:str]',
      '    MINIO_BUCKET: backups',
      '# ---',
      '# apiVersion: v1',
      '# kind: Secret',
      '# metadata:',
      '#   name: minio-user',
      '# stringData:',
      '#   username: backup',
      // (sops encrypts only the password: the bucket name stays plain.)
      ...sopsBlock('^MINIO_ROOT_PASSWORD$'),
      '',
    ].join('\n');
    r.put('apps/minio/secret.sops.yaml', file);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'SOPS_VALUE_NOT_ENCRYPTED' || f.code.startsWith('PLAIN_SECRET'));
    // The live value outside encrypted_regex (a bucket name, as sops was told) is plain by the file's own
    // settings, not a value sops missed (sops-plain-by-design.test.ts): nothing to report either.
    expect(findings.map((f) => [f.code, f.source.line])).toEqual([]);
  });

  it('in a plain file, is told to be removed from the file and the history, not to be encrypted', async () => {
    const r = repo('commented-secret-plain');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('paperless', './apps/paperless', '  targetNamespace: docs\n'));
    r.put('apps/paperless/kustomization.yaml', 'resources:\n  - secret.yaml\n');
    r.put(
      'apps/paperless/secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: paperless\nstringData:\n  PAPERLESS_SECRET_KEY: ${PAPERLESS_KEY}\n# ---\n# apiVersion: v1\n# kind: Secret\n# metadata:\n#   name: paperless-old\n# stringData:\n#   PAPERLESS_ADMIN_PASSWORD: "correct-horse-battery-staple-9"\n',
    );
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const plain = analyse(model, config).findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(plain.map((f) => [f.severity, f.source.line])).toEqual([['error', 8]]);
    expect(plain[0]!.message).toContain('commented out');
    expect(plain[0]!.message).toContain('git history');
    expect(plain[0]!.message).toContain('rotate');
    expect(plain[0]!.message).not.toContain('Encrypt it with SOPS');
  });
});
