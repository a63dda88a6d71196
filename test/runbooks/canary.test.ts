import { describe, expect, it } from 'vitest';
import { runbookMarkdown } from '../../src/analysis/runbooks/markdown.ts';
import { safeBackend } from '../../src/analysis/runbooks/raw-docs.ts';
import { CANARY_REPO, load } from './load.ts';

describe('no secret value reaches a runbook (runbooks-canary fixture)', async () => {
  const { runbooks } = await load(CANARY_REPO);

  it('generates every kind of runbook from the fixture', () => {
    expect(runbooks.map((r) => r.id)).toEqual([
      'add-app', 'bootstrap', 'restore:shop/store', 'rotate:externalsecret:shop/store-db', 'rotate:sops:kubernetes/apps/shop/store/app/secret.sops.yaml', 'upgrade',
    ]);
  });

  it('neither the data nor the Markdown contains a canary (Secret data, Helm values, k8up backend literal, sops block)', () => {
    const all = JSON.stringify(runbooks) + runbooks.map((r) => runbookMarkdown(r)).join('\n');
    expect(all).not.toMatch(/CANARY/i);
    expect(all).not.toContain('Q0FOQVJZ'); // base64 of the data canary
    expect(all).not.toContain('ENC[');
    // References do get through: that is what a runbook is for.
    expect(all).toContain('store-restic');
    expect(all).toContain('shop/db');
  });

  it('the backend allowlist drops literals even when the reading layer did not', () => {
    const raw = { s3: { endpoint: 'https://s3', bucket: 'b', accessKeyID: 'CANARY-1', secretAccessKey: 'CANARY-2', accessKeyIDSecretRef: { name: 'n', key: 'k', value: 'CANARY-3' } }, repoPassword: 'CANARY-4', rest: { url: 'https://user:CANARY-5@host/repo' } };
    const out = JSON.stringify(safeBackend(raw));
    expect(out).not.toContain('CANARY');
    expect(JSON.parse(out)).toEqual({ s3: { endpoint: 'https://s3', bucket: 'b', accessKeyIDSecretRef: { name: 'n', key: 'k' } } });
  });
});
