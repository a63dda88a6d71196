/**
 * The release name Flux gives a HelmRelease (`spec.releaseName`, else `[targetNamespace-]name`) is
 * what a chart's `{{ .Release.Name }}` renders: an app-template host written as a template showed as
 * `{{ .Release.Name }}.${SECRET_DOMAIN}` on the app page (found by a reviewer on a public repository).
 * And a claim template's size (`volumeClaimTemplate...requests.storage`) is no container request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { shortenReleaseName } from '../../src/repo/extract/helm-release.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('release-name');
afterAll(remove);

const release = (name: string, extra: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n${extra}  chart:\n    spec:\n      chart: app-template\n      sourceRef: {kind: HelmRepository, name: bjw-s}\n  values:\n    ingress:\n      app:\n        hosts:\n          - host: "{{ .Release.Name }}.example.com"\n    prometheus:\n      storageSpec:\n        volumeClaimTemplate:\n          spec:\n            resources:\n              requests:\n                storage: 20Gi\n    resources:\n      requests:\n        cpu: 10m\n`;

describe('the release name of a HelmRelease', () => {
  it('renders {{ .Release.Name }} in hosts, with Flux’s [targetNamespace-]name default', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - pgadmin.yaml\n  - wiki.yaml\n  - blog.yaml\n');
    put('apps/pgadmin.yaml', release('pgadmin', '  targetNamespace: database\n'));
    put('apps/wiki.yaml', release('wiki', ''));
    put('apps/blog.yaml', release('blog', '  targetNamespace: web\n  releaseName: blog\n'));
    const { model } = await scanRepo(root, parseConfig({}));
    const hosts = Object.fromEntries(model.helmReleases.map((h) => [h.name, model.endpoints.filter((e) => e.id.startsWith(`${h.id}#`)).flatMap((e) => e.hosts)]));
    expect(hosts).toEqual({ blog: ['blog.example.com'], pgadmin: ['database-pgadmin.example.com'], wiki: ['wiki.example.com'] });
    const facts = appFacts(model, model.helmReleases.find((h) => h.name === 'wiki')!.appId!)!;
    expect(facts.monitoring.resources.map((r) => r.path)).toEqual(['resources']);
  });
});

describe('a default release name longer than 53 characters', () => {
  it('is shortened as helm-controller shortens it: 40 characters, a hyphen, 12 hex digits of its SHA-256', () => {
    // The name a Flux probe wrote, and what `echo -n NAME | sha256sum` gives for it.
    const name = 'observability-production-a-very-long-helm-release-name-for-testing-limits';
    expect(shortenReleaseName(name)).toBe('observability-production-a-very-long-hel-46950fc70106');
    expect(shortenReleaseName(name)).toHaveLength(53);
    expect(shortenReleaseName('a'.repeat(53))).toBe('a'.repeat(53));
  });
});
