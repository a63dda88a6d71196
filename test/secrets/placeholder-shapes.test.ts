/**
 * Template Secrets a repository keeps for its owner to fill in (`secrets/*.template.yaml`): the
 * placeholder sits inside a shape, between PEM armour lines or after an htpasswd user name, and a
 * user name is written beside it. An outside review found three such Secrets called "real" (PLAIN_SECRET
 * errors, "rotate those values"): `users: "admin:BCRYPT_HASH_HERE"`, `admin-user: admin` beside
 * `admin-password: CHANGE_ME`, and `-----BEGIN PRIVATE KEY-----` / `CHANGE_ME` / `-----END PRIVATE KEY-----`.
 * A real hash, a real key or a real password in the same shapes stays real.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const secret = (name: string, body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: apps\ntype: Opaque\n${body}`;
const pem = (label: string, body: string) => `|\n    -----BEGIN ${label}-----\n    ${body}\n    -----END ${label}-----\n`;

describe('placeholders inside a shape', () => {
  const repo = tempRepos(afterAll);

  it('are examples: in PEM armour, after an htpasswd user, beside a prefixed user name', async () => {
    const r = repo('placeholder-shapes');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/auth.yaml', secret('basic-auth', 'stringData:\n  users: "admin:BCRYPT_HASH_HERE"\n'));
    r.put('apps/grafana.yaml', secret('grafana-admin', 'stringData:\n  admin-user: "admin"\n  admin-password: "CHANGE_ME"\n'));
    r.put('apps/jwt.yaml', secret('jwt', `stringData:\n  DB_USER: "CHANGE_ME"\n  JWT_PRIVATE_KEY_PEM: ${pem('PRIVATE KEY', 'CHANGE_ME')}  JWT_PUBLIC_KEY_PEM: ${pem('PUBLIC KEY', 'CHANGE_ME')}`));
    r.put('apps/token.yaml', secret('token', 'stringData:\n  api-token: "YOUR_API_TOKEN_HERE"\n'));
    // The same shapes holding values: real.
    r.put('apps/auth-real.yaml', secret('basic-auth-real', 'stringData:\n  users: "admin:$2y$10$Qm4cR8vT2xW9zL1kP7nB5eHs3dF6gJ0aYuIoE2rT8wQ"\n'));
    r.put('apps/grafana-real.yaml', secret('grafana-real', 'stringData:\n  admin-user: "admin"\n  admin-password: "k7Vq-2mXr-9pLw"\n'));
    // A value that only ends in "here", and a user key that is no user name (Pushover's): real (code review).
    r.put('apps/here-real.yaml', secret('here-real', 'stringData:\n  password: kilroy-was-here\n'));
    r.put('apps/pushover.yaml', secret('pushover', 'stringData:\n  PUSHOVER_USER: uQiRzpo4DXghDmr9QzzfQu27cmVRsG\n  PUSHOVER_TOKEN: your-token-here\n'));
    r.put('apps/jwt-real.yaml', secret('jwt-real', `stringData:\n  JWT_SECRET: ${pem('PRIVATE KEY', 'MC4CAQAwBQYDK2VwBCIEIHq8vR2mX7pL4kT9wZq8vR2mX7pL4kT9wZq8vR2mX7pL')}`));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { result, findings } = secretsInventory(model, config);
    expect(Object.fromEntries(result.plainSecrets.map((p) => [p.name, p.status]))).toEqual({
      'basic-auth': 'example',
      'basic-auth-real': 'real',
      'grafana-admin': 'example',
      'grafana-real': 'real',
      'here-real': 'real',
      jwt: 'example',
      'jwt-real': 'real',
      pushover: 'real',
      token: 'example',
    });
    expect(findings.filter((f) => f.code === 'PLAIN_SECRET' && f.severity === 'error').map((f) => f.objectId).sort()).toEqual(['Secret/apps/basic-auth-real', 'Secret/apps/grafana-real', 'Secret/apps/here-real', 'Secret/apps/jwt-real', 'Secret/apps/pushover']);
    const text = JSON.stringify(model);
    for (const value of ['BCRYPT_HASH_HERE', '$2y$10$Qm4cR8vT2xW9', 'k7Vq-2mXr-9pLw', 'MC4CAQAwBQYDK2VwBCIEIHq8', 'kilroy-was-here', 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG']) expect(text).not.toContain(value);
  });
});
