/**
 * PLAIN_SECRET says which values to rotate: the credentials among the literal keys (a kopia password
 * beside its bucket name and a TLS switch; outside review: "rotate those values" named the settings too).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a plain Secret of a credential and settings', () => {
  const repo = tempRepos(afterAll);

  it('names the credentials to rotate', async () => {
    const r = repo('plain-secret-rotate');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namespace: default\nresources:\n  - ./secret.yaml\n');
    r.put('apps/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: volsync\nstringData:\n  KOPIA_PASSWORD: Vb7qL2pX9mZ4rT8w\n  KOPIA_S3_BUCKET: backups\n  KOPIA_S3_DISABLE_TLS: "true"\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('rotate the credentials (KOPIA_PASSWORD)');
  });
});
