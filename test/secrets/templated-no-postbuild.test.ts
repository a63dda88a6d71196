/**
 * PLAIN_SECRET_TEMPLATED says a `${VAR}` value is filled by Flux's postBuild, which is so only where
 * the Kustomization that applies the Secret substitutes variables. One without postBuild applies
 * `${HETZNER_TOKEN}` as the token's text (outside review): the finding says so instead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: dns\nstringData:\n  api-token: \${HETZNER_TOKEN}\n`;

describe('a templated Secret', () => {
  const repo = tempRepos(afterAll);
  it('is filled by postBuild only where its Kustomization substitutes', async () => {
    const r = repo('templated-no-postbuild');
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', [fluxKustomization('plain', './plain'), fluxKustomization('substituted', './substituted', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n')].join('---\n'));
    r.put('plain/secret.yaml', secret('token-plain'));
    r.put('substituted/secret.yaml', secret('token-substituted'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const messages = Object.fromEntries(analyse(model, config).findings.filter((f) => f.code === 'PLAIN_SECRET_TEMPLATED').map((f) => [f.source.file, f.message]));
    expect(messages['plain/secret.yaml']).toBe('Secret "token-plain" is unencrypted by design: api-token is written as ${VAR}, but Kustomization flux-system/plain, which applies it, substitutes no variables (no postBuild): Flux applies the text as written.');
    expect(messages['substituted/secret.yaml']).toContain('api-token is a ${VAR} substitution filled by Flux postBuild');
  });
});
