/**
 * A Flux postBuild variable that names where a secret is kept (`VOLSYNC_SECRET_KEY: sonarr`: the
 * 1Password item a volsync component's ExternalSecret reads, named after the app) is no credential:
 * an outside review found ten HARDCODED_CREDENTIAL errors of that shape on one repository. A random
 * value, or any value of a password, is still reported; every one of them is still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('postBuild variables that name a secret', () => {
  const repo = tempRepos(afterAll);

  it('are not reported; a random key and a password are', async () => {
    const r = repo('substitute-names');
    const vars = '  postBuild:\n    substitute:\n      APP: sonarr\n      VOLSYNC_SECRET_KEY: sonarr\n      VOLSYNC_CAPACITY: 5Gi\n      API_KEY: 9f8Kq2LmXw3Rt7VbN4cD\n      DB_PASSWORD: Hq3vN8sLp2Wx\n';
    r.put('flux/sonarr.yaml', fluxKustomization('sonarr', './apps/sonarr', `  targetNamespace: media\n${vars}`));
    r.put('apps/sonarr/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sonarr\ndata:\n  app: ${APP}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const reported = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.message.match(/"([^"]+)"/)?.[1]);
    expect(reported.sort()).toEqual(['spec.postBuild.substitute.API_KEY', 'spec.postBuild.substitute.DB_PASSWORD']);
    expect(JSON.stringify(model)).not.toContain('9f8Kq2LmXw3Rt7VbN4cD');
    expect(JSON.stringify(model)).not.toContain('Hq3vN8sLp2Wx');
  });
});
