import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * Starter repositories commit a Secret with a value to be replaced before use
 * (`authkey: REPLACE_WITH_YOUR_TAILSCALE_AUTH_KEY`). Its page said "literal values: rotate them"
 * (PLAIN_SECRET, an error). A placeholder is an example; it is still wiped like any value.
 */
const secret = (name: string, body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: tailscale\ntype: Opaque\n${body}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('Secrets whose values are written to be replaced', () => {
  const repo = tempRepos(afterAll);

  it('are examples, not literal values to rotate, and their text is wiped all the same', async () => {
    const r = repo('placeholder-secrets');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/auth.yaml', secret('tailscale-auth', 'stringData:\n  TS_AUTHKEY: REPLACE_WITH_YOUR_TAILSCALE_AUTH_KEY\n'));
    r.put('apps/api.yaml', secret('api', `data:\n  token: ${b64('your-api-token-here')}\n`));
    r.put('apps/mixed.yaml', secret('mixed', 'stringData:\n  username: REPLACE_ME_USER\n  password: Tr0ub4dor-literal-9\n'));
    // Chosen values that start like a placeholder are values (a reviewer's cases).
    r.put('apps/chosen.yaml', secret('chosen', 'stringData:\n  password: changemeNow-7Hq2Lx\n  api-token: example-9f8Kq2LmZxP4vR7w\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { result, findings } = secretsInventory(model, config);
    expect(Object.fromEntries(result.plainSecrets.map((p) => [p.name, p.status]))).toEqual({ api: 'example', chosen: 'real', mixed: 'real', 'tailscale-auth': 'example' });
    expect(findings.filter((f) => f.code === 'PLAIN_SECRET' && f.severity === 'error').map((f) => f.objectId)).toEqual(['Secret/tailscale/chosen', 'Secret/tailscale/mixed']);
    const text = JSON.stringify(model);
    for (const value of ['REPLACE_WITH_YOUR_TAILSCALE_AUTH_KEY', b64('your-api-token-here'), 'Tr0ub4dor-literal-9', 'changemeNow-7Hq2Lx', 'example-9f8Kq2LmZxP4vR7w']) expect(text).not.toContain(value);
  });

  it('a value in angle brackets beside a user name is an example too, never a ${VAR} substitution', async () => {
    // A public repository's basic-auth Secret: `username: <base64 of n8n>`, `password: <base64-encoded-password>`;
    // it read "password is a ${VAR} substitution filled by Flux postBuild" (PLAIN_SECRET_TEMPLATED).
    const r = repo('placeholder-secrets-angle');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/basic.yaml', secret('n8n-user', `type: kubernetes.io/basic-auth\ndata:\n  username: ${b64('n8n')}\n  password: <base64-encoded-password>\n`));
    r.put('apps/real.yaml', secret('db', `data:\n  username: ${b64('app')}\n  password: ${b64('Zq8vR2mX7pL4kT9w')}\n  token: <your-token>\n`));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { result, findings } = secretsInventory(model, config);
    expect(Object.fromEntries(result.plainSecrets.map((p) => [p.name, p.status]))).toEqual({ db: 'real', 'n8n-user': 'example' });
    expect(findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => [f.code, f.objectId])).toEqual([['PLAIN_SECRET', 'Secret/tailscale/db']]);
  });

  // flux-local's test data committed beside the cluster: `SECRET_DOMAIN: test.example.com` and an age
  // key of no age key's shape (outside review: two PLAIN_SECRET errors, "rotate those values").
  it('made-up values are examples: a reserved example name, an age key of the wrong shape; a real-shaped key is real', async () => {
    const r = repo('placeholder-secrets-dummy');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/vars.yaml', secret('cluster-secrets', `data:\n  SECRET_DOMAIN: ${b64('test.example.com')}\n  SECRET_EMAIL: ${b64('admin@example.org')}\n`));
    r.put('apps/age.yaml', secret('sops-age', `data:\n  age.agekey: ${b64('AGE-SECRET-KEY-1234567890')}\n`));
    const realShape = `AGE-SECRET-KEY-1${'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'.repeat(2).slice(0, 58)}`;
    r.put('apps/age-real.yaml', secret('sops-age-real', `data:\n  age.agekey: ${b64(`# created: 2024-01-01\n${realShape}\n`)}\n`));
    r.put('apps/domain-real.yaml', secret('domain', `stringData:\n  SECRET_DOMAIN: home.mydomain.net\n  SECRET_URL: https://admin:hunter2@example.com\n`));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { result, findings } = secretsInventory(model, config);
    expect(Object.fromEntries(result.plainSecrets.map((p) => [p.name, p.status]))).toEqual({ 'cluster-secrets': 'example', domain: 'real', 'sops-age': 'example', 'sops-age-real': 'real' });
    expect(findings.filter((f) => f.code === 'PLAIN_SECRET' && f.severity === 'error').map((f) => f.objectId).sort()).toEqual(['Secret/tailscale/domain', 'Secret/tailscale/sops-age-real']);
    const text = JSON.stringify(model);
    for (const value of [b64('test.example.com'), b64('AGE-SECRET-KEY-1234567890'), realShape, 'hunter2', 'home.mydomain.net']) expect(text).not.toContain(value);
  });
});
