/**
 * Issue 15, class 6 "Credentials": HARDCODED_CREDENTIAL only for literal credentials in Kubernetes
 * objects and Helm values; never for references, key names, placeholders, empty strings, flags and
 * numbers, or files that are not manifests. SOPS_VALUE_NOT_ENCRYPTED never for an empty value.
 * The scrub is not weakened: a value that is not reported is still wiped (credential-like).
 * Fixture: test/fixtures/repos/secrets-credentials-class6 (each shape commented in its file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import { fixture, scan } from './scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const DIR = fixture('secrets-credentials-class6');

/** 1-based line of the first line of `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const i = readFileSync(join(DIR, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

describe('credentials (issue 15, class 6)', async () => {
  const { model, config } = await scan(DIR);
  const inv = secretsInventory(model, config);
  const hardcoded = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => `${f.source.file}:${f.source.line}`);
  const where = (file: string, needle: string) => `${file}:${lineOf(file, needle)}`;

  it('reports exactly the literal credentials of Kubernetes objects and Helm values', () => {
    const deploy = 'kubernetes/apps/default/db/deployment.yaml';
    expect(hardcoded.sort()).toEqual(
      [
        where(deploy, '--password=Fl4g-literal-pass'),
        where(deploy, 'Env-literal-Pass9'),
        where(deploy, 'Url-literal-pw'),
        where(deploy, 'Cm-literal-token7'),
        where('kubernetes/apps/games/minecraft/values.yaml', 'Rc0n-literal-pass'),
      ].sort(),
    );
  });

  it('never for references: os.environ/X, ${VAR}, $(VAR), {{ }}, secretKeyRef, existingSecret + secretKey, a field naming a Secret, a file path', () => {
    const litellm = 'kubernetes/apps/ai/litellm/helmrelease.yaml';
    for (const needle of ['os.environ/OPENAI_API_KEY', 'password: ${DB_PASSWORD}', '.Values.global.redisPassword', '$(POSTGRES_PASSWORD)', 'secretKey: db-password', 'key: api-token', 'passwordSecret:', 'tlsSecretName', 'SIGNING_KEY: /data', '--password-file']) {
      expect(hardcoded, needle).not.toContain(where(litellm, needle));
    }
    expect(hardcoded).not.toContain(where('kubernetes/apps/network/traefik/middleware.yaml', 'secret: authsecret'));
    expect(hardcoded).not.toContain(where('kubernetes/apps/games/minecraft/values.yaml', 'secretKey: rcon-password'));
    expect(hardcoded).not.toContain(where('kubernetes/apps/default/db/deployment.yaml', '${DB_PASSWORD}@db'));
  });

  it('never for placeholders, empty strings, booleans and numbers', () => {
    const litellm = 'kubernetes/apps/ai/litellm/helmrelease.yaml';
    for (const needle of ['changeme', '<<REPLACE_WITH_KEY>>', 'your-token-here', 'xxxxxxxx', 'REPLACE_ME', 'licenseKey: example', 'sessionSecret: ""', 'token: true', 'accessKey: 8443']) {
      expect(hardcoded, needle).not.toContain(where(litellm, needle));
    }
  });

  it('never in files that are not manifests: .github/, Taskfiles, docs', () => {
    expect(hardcoded.filter((h) => /^(\.github\/|Taskfile|docs\/)/.test(h))).toEqual([]);
  });

  it('still wipes what it does not report (the scrub is as broad as before)', () => {
    const json = JSON.stringify(model);
    for (const value of ['Ci-literal-pass', 'Task-literal-pass', 'Docs-literal-token', 'changeme', 'REPLACE_ME', 'your-token-here', 'os.environ/OPENAI_API_KEY', 'Rc0n-literal-pass', 'Fl4g-literal-pass', 'Sops-plain-literal']) {
      expect(json, value).not.toContain(value);
    }
    const wipedOnly = model.redactions.filter((r) => r.reason === 'credential-like').map((r) => `${r.source.file}:${r.path}`);
    expect(wipedOnly).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yaml:jobs.test.services.postgres.env.POSTGRES_PASSWORD',
        'Taskfile.yaml:vars.ADMIN_PASSWORD',
        'docs/example.yaml:data.API_TOKEN',
        'kubernetes/apps/ai/litellm/helmrelease.yaml:spec.values.admin.password',
        'kubernetes/apps/ai/litellm/helmrelease.yaml:spec.values.admin.accessKey',
      ]),
    );
  });

  it('a plain Secret with only empty values is empty: no PLAIN_SECRET, no credential', () => {
    expect(inv.result.plainSecrets.find((p) => p.name === 'db-empty')?.status).toBe('empty');
    expect(inv.findings.filter((f) => f.objectId === 'Secret/default/db-empty')).toEqual([]);
  });

  it('SOPS_VALUE_NOT_ENCRYPTED for a plain literal in a SOPS file, never for an empty value', () => {
    const sops = inv.findings.filter((f) => f.code === 'SOPS_VALUE_NOT_ENCRYPTED');
    expect(sops.map((f) => f.message.match(/"([^"]+)"/)?.[1])).toEqual(['stringData.LEFT_PLAIN']);
  });
});

describe('credentials (class 6): which files and values are judged', async () => {
  const { isManifestFile, isPlaceholderValue, isReferenceShape } = await import('../../src/repo/credential-judge.ts');

  it('manifests: app folders, whatever their name; not CI, task runners, root docs, examples, archives', () => {
    for (const f of ['kubernetes/apps/docs/app/helmrelease.yaml', 'clusters/prod/apps/values.yaml', 'kubernetes/apps/taskboard/app/ks.yaml']) expect(isManifestFile(f), f).toBe(true);
    for (const f of ['.github/workflows/ci.yaml', 'Taskfile.yaml', '.taskfiles/talos/Taskfile.yaml', 'docs/setup.yaml', 'examples/secret.yaml', '.archive/kubernetes/x/helmrelease.yaml', 'docker-compose.yaml', 'secret.example.yaml']) {
      expect(isManifestFile(f), f).toBe(false);
    }
  });

  it('placeholders are whole values; a literal containing a placeholder word is still a literal', () => {
    for (const v of ['changeme', 'CHANGEME', 'change-me-please', '<<REPLACE>>', '<your token>', 'example', 'your-api-key', 'xxx', 'XXXXXXXX', 'REPLACE_ME', 'PLACEHOLDER', '', '***']) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ['hunter2', 'password', 'Gr4fana-demo-only', 'my-example-password-9', 's3cr3t!']) expect(isPlaceholderValue(v), v).toBe(false);
  });

  it('a value saying there is no key is no credential: the documented ones of keyless local LLM servers (outside review)', async () => {
    for (const v of ['sk-no-key-required', 'not-required', 'not-needed', 'NOT_NEEDED', 'no-key', 'nokey', 'no_api_key', 'no-token-needed', 'none-required', 'not set']) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ['sk-no-key-required-7f3a9c', 'sk-proj-4f9a8b7c6d5e', 'no-key-9x8y7z', 'not-required!!Qz8', 'nokeyhere']) expect(isPlaceholderValue(v), v).toBe(false);
    const r = tempRepo('no-key');
    try {
      r.put('apps/llm.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\n  namespace: ai\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/llm:1.0.0\n          env:\n            - name: OPENAI_API_KEY\n              value: sk-no-key-required\n            - name: EMBEDDING_API_KEY\n              value: not-required\n            - name: LIVE_API_KEY\n              value: sk-live-9f8e7d6c5b4a3f2e1d0c\n');
      const { model: m } = await scan(r.root);
      const lines = m.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.source.line);
      expect(lines).toEqual([18]);
    } finally {
      r.remove();
    }
  });

  it('a token prefix with the rest filled in is a placeholder (sk-XXXX beside a keyless local server; outside review); a real-looking rest is not', async () => {
    for (const v of ['sk-XXXXXXXXXXXXXXXXXXXX', 'sk-proj-xxxxxxxxxxxx', 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'glpat-xxxx-xxxx-xxxx', 'sk_live_0000000000', 'xoxb-****', 'sk-your-api-key', 'hf_changeme']) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ['sk-XXXXXXXXXXXXXXXXXXX1', 'sk-Xq7XXXXXXXXX', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'sk-xx', 'XXXX-9f8e7d6c', 'skXXXXXXXX1a']) expect(isPlaceholderValue(v), v).toBe(false);
    const r = tempRepo('token-filler');
    try {
      r.put('apps/ui.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ui\n  namespace: ai\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/ui:1.0.0\n          env:\n            - name: OPENAI_API_KEY\n              value: sk-XXXXXXXXXXXXXXXXXXXX\n            - name: OTHER_API_KEY\n              value: sk-7Hq2Lx9Vb4Nm8Kp3Zr6T\n');
      const { model: m } = await scan(r.root);
      expect(m.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.source.line)).toEqual([16]);
    } finally {
      r.remove();
    }
  });

  it('references by shape: env lookups, secret-manager URIs, file paths; not a random string that starts with a slash', () => {
    for (const v of ['os.environ/OPENAI_API_KEY', 'op://vault/item/field', 'ref+vault://secret/x#key', '<path:secret/data/x#key>', '/data/signing/ed25519.pub', '/run/secrets/token', '$DB_PASSWORD', '${{ secrets.TOKEN }}', 'env:API_KEY']) {
      expect(isReferenceShape(v), v).toBe(true);
    }
    for (const v of ['/k9Xq2mZ8pL4vT7wR1sN6yB3cF5hJ0dG', 'hunter2', 'abc/def']) expect(isReferenceShape(v), v).toBe(false);
  });
});
