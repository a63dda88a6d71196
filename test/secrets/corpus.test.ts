import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { CORPUS, scan } from './scan.ts';

/** corpus-meta.json leaves a stat out where it is zero. */
interface Stats {
  sops_encrypted_docs?: number;
  externalsecrets?: number;
  secrets_plain_unencrypted?: number;
  secretstores?: number;
}

const repos = existsSync(CORPUS) ? readdirSync(CORPUS).filter((d) => existsSync(join(CORPUS, d, 'corpus-meta.json'))).sort() : [];

describe.runIf(repos.length > 0)(`secrets inventory counts match corpus-meta.json${repos.length > 0 ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  for (const repo of repos) {
    it(repo, async () => {
      const stats = (JSON.parse(readFileSync(join(CORPUS, repo, 'corpus-meta.json'), 'utf8')) as { stats: Stats }).stats;
      const { model, config } = await scan(join(CORPUS, repo));
      const { result } = secretsInventory(model, config);
      expect({
        sopsDocuments: result.summary.sopsDocuments,
        externalSecrets: result.summary.externalSecrets,
        plainSecrets: result.summary.plainSecrets,
        secretStores: result.summary.secretStores,
      }).toEqual({
        sopsDocuments: stats.sops_encrypted_docs ?? 0,
        externalSecrets: stats.externalsecrets ?? 0,
        plainSecrets: stats.secrets_plain_unencrypted ?? 0,
        secretStores: stats.secretstores ?? 0,
      });
    });
  }

  it.runIf(repos.includes('wrmilling__k3s-gitops'))('wrmilling: the 21 plain Secrets are templated, not leaks', async () => {
    const { model, config } = await scan(join(CORPUS, 'wrmilling__k3s-gitops'));
    const { result, findings } = secretsInventory(model, config);
    const live = result.plainSecrets.filter((p) => !p.disabled);
    expect(live).toHaveLength(21);
    expect(live.filter((p) => p.status === 'real')).toEqual([]);
    expect(findings.filter((f) => f.code === 'PLAIN_SECRET' || f.code === 'SOPS_NOT_ENCRYPTED')).toEqual([]);
    // Two hold whole config files: appservices-secrets has only ${VAR} credential lines (a template);
    // slack-bridge-secrets also carries a literal `server_key:` line, so it is flagged for a look.
    expect(live.filter((p) => p.status === 'unverified').map((p) => p.name).sort()).toEqual(['slack-bridge-secrets']);
  });

  it.runIf(repos.includes('tuxpeople__k8s-server'))('tuxpeople: two stores (doppler, onepassword), files matched by the second creation rule', async () => {
    const { model, config } = await scan(join(CORPUS, 'tuxpeople__k8s-server'));
    const { result, findings } = secretsInventory(model, config);
    expect(result.secretStores.map((s) => s.provider).sort()).toEqual(['doppler', 'onepassword']);
    expect(result.sopsFiles.filter((f) => f.rule === null)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
