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

/**
 * Where the variable is written: the line in the object's own document, or in the overlay's patch
 * that adds it to a base both clusters share (outside review: `${OAUTH_URL}` is in prod's patch only,
 * and the note pointed at the base's first line, as if both clusters were concerned).
 */
describe('the line SUBSTITUTION_UNRESOLVED names', () => {
  it("is the value's own line, or the overlay patch's that writes the variable", async () => {
    put('clusters/main/web2.yaml', fluxKustomization('web2', './overlays/prod', '  postBuild:\n    substitute:\n      APP: x\n'));
    put('base/kustomization.yaml', 'resources:\n  - cm.yaml\n  - release.yaml\n');
    put('base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\ndata:\n  app: ${APP}\n  url: https://${HOST}/\n');
    put('base/release.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana\n  namespace: web\ndata:\n  app: ${APP}\n');
    put('overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - path: grafana.yaml\n');
    put('overlays/prod/grafana.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana\n  namespace: web\ndata:\n  oauth: ${OAUTH_URL}/login\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const at = (variable: string) => model.findings.filter((f) => f.code === 'SUBSTITUTION_UNRESOLVED' && f.message.includes(`: ${variable}.`)).map((f) => `${f.source.file}:${f.source.line}`);
    expect(at('HOST')).toEqual(['base/cm.yaml:8']);
    expect(at('OAUTH_URL')).toEqual(['overlays/prod/grafana.yaml:7']);
  });
});
