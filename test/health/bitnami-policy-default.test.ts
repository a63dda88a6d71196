/**
 * Bitnami's charts render a NetworkPolicy by default only from the release that turned it on (the
 * early-2024 wave, chart by chart: postgresql 14.0.0, redis 18.11.0, rabbitmq 12.10.0). An outside
 * review found postgresql 13.1.5 shown "the chart makes it by default", which hid its namespace's
 * NETWORK_POLICY_MISSING. The highest version a constraint allows decides (Flux installs the newest a
 * range allows: `18.x` is judged by its top; a code review found ranges judged by their lowest).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe("a bitnami chart's default NetworkPolicy", () => {
  const repo = tempRepos(afterAll);

  it('counts from the version that turned it on, not before', async () => {
    const r = repo('bitnami-policy-default');
    bootstrap(r, 'home');
    const releases: [string, string, string][] = [
      ['old-pg', 'postgresql', '13.1.5'],
      ['new-pg', 'postgresql', '14.x'],
      ['old-redis', 'redis', '18.10.2'],
      ['new-redis', 'redis', "'>=18.11.0'"],
      ['mariadb', 'mariadb', '20.2.1'],
      // Ranges count by their top: Flux installs the highest version they allow (code review).
      ['redis-range', 'redis', '18.x'],
      ['pg-caret', 'postgresql', '^13.0.0'],
      ['pg-below', 'postgresql', "'<14.0.0'"],
      ['pg-open', 'postgresql', "'>=13.0.0'"],
      ['pg-tilde', 'postgresql', '~13.4.0'],
    ];
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n  - ./repository.yaml\n${releases.map(([ns]) => `  - ./${ns}.yaml\n`).join('')}`);
    r.put('apps/repository.yaml', helmRepository('bitnami', 'oci://registry-1.docker.io/bitnamicharts'));
    for (const [ns, chart, version] of releases) {
      r.put(`apps/${ns}.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\n${helmRelease({ name: chart, namespace: ns, chart, version, source: 'bitnami' })}`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config)
      .findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING')
      .map((f) => /Namespace (\S+)/.exec(f.message)?.[1])
      .sort();
    expect(missing).toEqual(['old-pg', 'old-redis', 'pg-below', 'pg-caret', 'pg-tilde']);
  });
});
