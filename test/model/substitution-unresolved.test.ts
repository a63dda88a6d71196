/**
 * SUBSTITUTION_UNRESOLVED says what Flux does with a variable nothing defines: it writes an empty
 * string (drone/envsubst), or fails the build with strict substitution. A reviewer of a public
 * repository read "left as written" as Flux's behaviour. Where an optional substituteFrom source is
 * not in the repository, it may define the variable, and the note says so by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('substitution-unresolved');
afterAll(remove);

describe('a variable no substitution source defines', () => {
  it('is written empty by Flux, unless an optional source outside the repository defines it', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n  - api.yaml\n');
    const vars = (optional: boolean) => `  postBuild:\n    substitute:\n      APP: x\n${optional ? '    substituteFrom:\n      - kind: Secret\n        name: user-secrets\n        optional: true\n' : ''}`;
    put('apps/web.yaml', fluxKustomization('web', './web', vars(false)));
    put('apps/api.yaml', fluxKustomization('api', './api', vars(true)));
    for (const app of ['web', 'api']) put(`${app}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  host: "\${APP}.\${DOMAIN}"\n`);
    const { model } = await scanRepo(root, parseConfig({}));
    const note = (file: string) => model.findings.find((f) => f.code === 'SUBSTITUTION_UNRESOLVED' && f.source.file === file)?.message;
    expect(note('web/cm.yaml')).toContain(': DOMAIN. Flux writes an empty string for each (with strict substitution, the build fails)');
    expect(note('api/cm.yaml')).toContain(': DOMAIN. Unless the optional Secret "user-secrets", not in the repository, defines them, Flux writes an empty string');
  });
});
