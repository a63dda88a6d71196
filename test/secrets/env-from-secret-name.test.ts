/**
 * app-template's `envFrom: [{secret: NAME}]` names the Secret its container reads: a name, not a value.
 * The scrub took the `secret:` key for a credential and wiped the name, so the page said "Secret
 * [redacted], not defined in the repository" and the SOPS Secret it reads was "used by nothing" (outside
 * review). A literal under another `secret:` key (a chart's `secret: s3cr3t`) is still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe("app-template's envFrom secret", () => {
  const repo = tempRepos(afterAll);

  it('is the name of the Secret the app reads, shown and linked; another secret: literal stays wiped', async () => {
    const r = repo('env-from-secret-name');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('paperless', './apps/paperless', '  targetNamespace: docs\n'));
    r.put('apps/paperless/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  - secret.yaml\n');
    r.put('apps/paperless/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: paperless-credentials\nstringData:\n  PAPERLESS_SECRET_KEY: ${PAPERLESS_KEY}\n');
    r.put('apps/paperless/helmrelease.yaml', helmRelease({ name: 'paperless', chart: 'app-template', values: '    controllers:\n      paperless:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/paperless-ngx/paperless-ngx\n              tag: 2.14.7\n            envFrom:\n              - secret: paperless-credentials\n              - secret: deadbeefdeadbeefdeadbeefdeadbeef\n    worker:\n      secret: hunter2-is-not-a-name-42XYZ\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.name === 'paperless')!;
    const f = appFacts(model, app.id)!;
    expect(f.secrets.used.map((u) => `${u.name} ${u.defined} ${u.usedBy.join(',')}`)).toContain('paperless-credentials true envFrom');
    expect(f.secrets.plain.find((p) => p.name === 'paperless-credentials')?.usedBy).toEqual(['envFrom']);
    expect(JSON.stringify(model)).not.toContain('hunter2-is-not-a-name-42XYZ');
    // A random-looking value under envFrom's secret: is a token whatever its key (code review).
    expect(JSON.stringify(model)).not.toContain('deadbeefdeadbeefdeadbeefdeadbeef');
  });
});
