/**
 * SECRET_DATA_NOT_BASE64: a value of a Secret's `data` that is no base64 makes the API server refuse the
 * Secret, and the apply of its Kustomization fails (outside review: an Azure credential Secret with raw
 * GUIDs under `data`, where `stringData` was meant). Never the value itself in the message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { isBase64 } from '../../src/repo/scrub.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const GUID = '3f2b8c1e-9a4d-4b7e-8f21-6c0d5e9a1b2c';
const secret = (name: string, body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: apps\ntype: Opaque\n${body}`;

describe('SECRET_DATA_NOT_BASE64', () => {
  const repo = tempRepos(afterAll);

  it('base64 as the API server reads it: padded, line breaks ignored', () => {
    expect(['', 'dGVzdA==', 'dHJ1ZQ==', 'true', 'YWJj\nZGVm'].map(isBase64)).toEqual([true, true, true, true, true]);
    expect([GUID, 'dGVzdA', 'hunter2!', 'dGVz dA=='].map(isBase64)).toEqual([false, false, false, false]);
  });

  it("reports a Secret's data that is no base64, once a Secret, without the values", async () => {
    const r = repo('secret-data-base64');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/raw.yaml', secret('aso-credential', `data:\n  AZURE_CLIENT_ID: ${GUID}\n  AZURE_TENANT_ID: ${GUID}\n  USE_WORKLOAD_IDENTITY_AUTH: dHJ1ZQ==\n`));
    r.put('apps/fine.yaml', secret('fine', 'data:\n  token: aHVudGVyMg==\n  cert: |\n    LS0tLS1CRUdJTiBD\n    RVJUSUZJQ0FURS0t\nstringData:\n  plain: as it is\n'));
    r.put('apps/templated.yaml', secret('templated', 'data:\n  token: ${TOKEN_B64}\n  other: <base64-encoded-token>\n'));
    r.put('apps/values.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: raw\n  namespace: apps\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: raw\n      sourceRef: {kind: HelmRepository, name: charts}\n  values:\n    resources:\n      - apiVersion: v1\n        kind: Secret\n        metadata: {name: nested}\n        data:\n          key: not base64 at all\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'SECRET_DATA_NOT_BASE64');
    expect(found.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['apps/raw.yaml:8']);
    expect(found[0]!.message).toMatch(/^Secret apps\/aso-credential has values under data that are no base64 \(data\.AZURE_CLIENT_ID, data\.AZURE_TENANT_ID\)/);
    expect(JSON.stringify(found)).not.toContain(GUID);
  });
});
