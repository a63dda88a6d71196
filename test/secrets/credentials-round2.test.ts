/**
 * False secret errors found on public home-ops repositories (a reviewer's sample of 29 files from 14
 * repositories: every secret-related error was false), and the rules that now spare them, beside
 * controls that must still be reported. Fixture: test/fixtures/repos/secrets-credentials-round2.
 * The scrub is not weakened: what is still a credential (the controls, the password hash) is wiped.
 */
import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { fixture, scan } from './scan.ts';

const DIR = fixture('secrets-credentials-round2');

describe('secret errors on shapes that hold no credential', async () => {
  const { model, config } = await scan(DIR);
  const inv = secretsInventory(model, config).result;
  const invFindings = secretsInventory(model, config).findings;
  const errors = [...model.findings, ...invFindings].filter((f) => f.severity === 'error');

  it('HARDCODED_CREDENTIAL only for the controls: a literal password, Slack and Discord webhooks, PGPASSWORD, a preshared key, --requirepass, a webhook token, random *_KEY values (not listen addresses)', () => {
    expect(errors.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/"([^"]+)"/)?.[1]).sort()).toEqual([
      'spec.values.controller.args.3',
      'spec.values.controls.PGPASSWORD',
      'spec.values.controls.WIREGUARD_PRESHARED_KEY',
      'spec.values.controls.discordWebhook',
      'spec.values.controls.password',
      'spec.values.controls.webhookUrl',
      'spec.values.extraEnv.0.value',
      'spec.values.homepage.HOMEPAGE_VAR_SONARR_KEY',
      'spec.values.redis.args.1',
    ]);
  });

  it('PLAIN_SECRET only for the Secret with a literal password; a placeholder is an example, a CA certificate or a host and user name hold no credential', () => {
    expect(errors.filter((f) => f.code === 'PLAIN_SECRET').map((f) => f.objectId)).toEqual(['Secret/db/db-real']);
    const status = Object.fromEntries(inv.plainSecrets.map((p) => [p.name, p.status]));
    expect(status).toEqual({ 'db-ca': 'public', 'db-connection': 'public', 'db-placeholder': 'example', 'db-real': 'real' });
    expect(inv.summary.plainSecretsByStatus.public).toBe(2);
  });

  it('still wipes every credential, reported or not', () => {
    const text = JSON.stringify(model);
    for (const value of ['Tr0ub4dor-literal', 'aB3dE5fG7hJ9kL1mN3pQ5rS7', 'Zx9Yw8Vu7Ts6', 'Pg-literal-77x', 'Wg7kQ3pL9sV2', 'Rq-literal-88y', 'Wh7kL2pQ9sV4', '0f3c9a7b2e1d', '9e8d7c6b5a4f', '$2y$10$abcdefghij']) {
      expect(text, value).not.toContain(value);
    }
  });
});
