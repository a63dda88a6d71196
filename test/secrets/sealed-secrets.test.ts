/**
 * Bitnami SealedSecrets (a public repository's secrets page said "0 secrets" for nine of them): each
 * is in the model and the inventory with its keys, scope and app; the Secret it makes is not
 * "missing" for postBuild.substituteFrom; its ciphertext never leaves the scan. Fixture: secrets-sealed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fixture, scan } from './scan.ts';

const DIR = fixture('secrets-sealed');
const ROOT = join(import.meta.dirname, '../..');
const CANARY = 'CANARYsealed';

describe('SealedSecrets', () => {
  it('are modelled with their keys, the namespace the build gives them, their scope and type', async () => {
    const { model } = await scan(DIR);
    expect(model.sealedSecrets.map((s) => [s.id, s.appId, s.keys, s.scope, s.secretType])).toEqual([
      ['SealedSecret/flux-system/cluster-secrets', 'flux-system/infra-controllers', ['DB_HOST'], 'strict', null],
      ['SealedSecret/shop/db-credentials', 'shop/apps', ['password', 'username'], 'strict', null],
      ['SealedSecret/shop/registry', 'shop/apps', ['.dockerconfigjson'], 'cluster-wide', 'kubernetes.io/dockerconfigjson'],
    ]);
  });

  it('are counted and listed in the secrets inventory and SECRETS.md', async () => {
    const { model, config } = await scan(DIR);
    const inv = secretsInventory(model, config).result;
    expect(inv.summary.sealedSecrets).toBe(3);
    expect(inv.sealedSecrets.map((s) => s.name)).toEqual(['cluster-secrets', 'db-credentials', 'registry']);
    const md = renderSecretsMarkdown(inv);
    expect(md).toContain('| SealedSecrets | 3 |');
    expect(md).toContain('| shop/registry | cluster-wide | .dockerconfigjson | shop/apps |');
  });

  it('show on the app page with the workload that uses each', async () => {
    const { model } = await scan(DIR);
    const facts = appFacts(model, 'shop/apps')!;
    expect(facts.secrets.sealed.map((s) => [s.name, s.scope, s.usedBy])).toEqual([
      ['db-credentials', 'strict', ['envFrom']],
      ['registry', 'cluster-wide', ['imagePullSecrets']],
    ]);
    expect(renderAppReadme(facts, { repoUrl: null })).toContain('| SealedSecret | db-credentials | password, username |');
  });

  it('make the Secret substituteFrom reads: no SUBSTITUTE_FROM_MISSING, no other finding about secrets', async () => {
    const { model } = await scan(DIR);
    expect(model.findings.map((f) => f.code)).not.toContain('SUBSTITUTE_FROM_MISSING');
    expect(model.findings.filter((f) => f.area === 'secrets')).toEqual([]);
  });

  it('never let their ciphertext out: model, inventory, check output', async () => {
    const { model, config } = await scan(DIR);
    expect(JSON.stringify(model)).not.toContain(CANARY);
    expect(JSON.stringify(secretsInventory(model, config).result)).not.toContain(CANARY);
    const r = spawnSync(process.execPath, ['scripts/atlas.mjs', 'check', '--repo', DIR, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });
});
