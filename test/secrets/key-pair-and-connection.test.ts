/**
 * Three shapes an outside review (twenty-fourth round) found misjudged:
 * - an S3-style access key (MinIO's `accessKey`, the root user's name; an AWS-shaped key id) is the
 *   public half of a key pair: HARDCODED_CREDENTIAL only for its `secretKey`, or for an access key
 *   that is itself a long random secret (Azure's storage access key);
 * - a Secret value that is only a shell variable (`$TOKEN_B64`, for a script's envsubst) is no literal;
 * - a Crossplane resource's `writeConnectionSecretToRef` makes that Secret: postBuild.substituteFrom
 *   of it is not missing, and its users find it defined.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { secretDefined } from '../../src/model/defined-names.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const repo = tempRepos(afterAll);

describe('key pairs, shell variables and connection Secrets', () => {
  it('reports the secret half of an S3 key pair, not the access key', async () => {
    const r = repo('access-key');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/repo.yaml', helmRepository('charts', 'https://charts.example.com'));
    r.put(
      'apps/minio.yaml',
      helmRelease({
        name: 'minio',
        namespace: 'minio',
        values: '    accessKey: minioadmin\n    secretKey: Qx7vLp2RkT9mWz4NbH8s\n    s3:\n      accessKey: AKIAIOSFODNN7EXAMPLE\n    azure:\n      storageAccessKey: 9fJ2kLmQx8Rt5VwZ3bNc7Yh1Pq6Ds4Gu0EaTiKo2XlMn8BvCz5Wq3Ry7Ug1Hf4Jd6Sp0A==\n',
      }),
    );
    r.put('apps/kustomization.yaml', 'resources:\n  - repo.yaml\n  - minio.yaml\n');
    const config = parseConfig({});
    const atlas = await computeAtlas(r.root, config);
    const hardcoded = atlas.analysis.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/under "([^"]+)"/)?.[1]);
    expect(hardcoded.sort()).toEqual(['spec.values.azure.storageAccessKey', 'spec.values.secretKey']);
    // Not shown all the same: every one of them is wiped from the model.
    const text = JSON.stringify(atlas.model);
    for (const value of ['minioadmin', 'AKIAIOSFODNN7EXAMPLE', 'Qx7vLp2RkT9mWz4NbH8s']) expect(text).not.toContain(value);
  });

  it('takes a Secret value that is only a shell variable for a template, not a literal', async () => {
    const r = repo('shell-variable-secret');
    r.put('utils/vault-token.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault-token\n  namespace: external-secrets\ndata:\n  token: $TOKEN_B64\n');
    const atlas = await computeAtlas(r.root, parseConfig({}));
    const codes = atlas.analysis.findings.filter((f) => f.source.file === 'utils/vault-token.yaml').map((f) => `${f.severity} ${f.code}`);
    expect(codes).not.toContain('error PLAIN_SECRET');
    expect(codes).toEqual(['info PLAIN_SECRET_TEMPLATED']);
    const row = atlas.analysis.secrets.plainSecrets.find((s) => s.name === 'vault-token');
    expect(row?.status).toBe('templated');
  });

  it('knows the Secret a Crossplane resource writes its connection details to', async () => {
    const r = repo('crossplane-connection');
    bootstrap(r, 'prod');
    r.put(
      'clusters/prod/apps.yaml',
      `${fluxKustomization('identity', './identity')}---\n${fluxKustomization('consumers', './consumers', '  dependsOn:\n    - name: identity\n  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: oidc-client\n')}`,
    );
    r.put('identity/application.yaml', 'apiVersion: application.logto.m.crossplane.io/v1alpha1\nkind: Application\nmetadata:\n  name: kubernetes\n  namespace: flux-system\nspec:\n  forProvider:\n    name: kubernetes\n  writeConnectionSecretToRef:\n    name: oidc-client\n');
    r.put('consumers/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: oidc\n  namespace: default\ndata:\n  client: ${OIDC_CLIENT_ID}\n');
    const atlas = await computeAtlas(r.root, parseConfig({}));
    expect(atlas.analysis.findings.filter((f) => f.code.startsWith('SUBSTITUTE_FROM')).map((f) => f.code)).toEqual([]);
    expect(secretDefined(atlas.model, 'oidc-client')).toBe(true);
  });
});
