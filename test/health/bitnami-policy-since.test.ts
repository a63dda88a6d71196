/**
 * Bitnami's charts render a NetworkPolicy by default only from the version that turned it on
 * (postgresql 14.0.0, rabbitmq 12.10.0): the boundary decides whether an owner is told that the
 * release's namespace accepts traffic from anywhere (NETWORK_POLICY_MISSING). Pinned here: the
 * boundary version itself counts, the version just below does not; an inclusive top (`<=14.0.0`) is
 * that version; versions compare as numbers (12.9.0 is below 12.10.0); and `*` (the newest) counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe("a bitnami chart's default NetworkPolicy at the version that turned it on", () => {
  const repo = tempRepos(afterAll);

  /** The namespaces NETWORK_POLICY_MISSING names, of one bitnami release per namespace: [namespace, chart, version as YAML]. */
  async function missingOf(name: string, releases: [string, string, string][]): Promise<string[]> {
    const r = repo(name);
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n  - ./repository.yaml\n${releases.map(([ns]) => `  - ./${ns}.yaml\n`).join('')}`);
    r.put('apps/repository.yaml', helmRepository('bitnami', 'oci://registry-1.docker.io/bitnamicharts'));
    for (const [ns, chart, version] of releases) {
      r.put(`apps/${ns}.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\n${helmRelease({ name: chart, namespace: ns, chart, version, source: 'bitnami' })}`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config)
      .findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING')
      .map((f) => /Namespace (\S+)/.exec(f.message)?.[1] ?? '')
      .sort();
  }

  it('postgresql: 14.0.0 makes one, 13.99.0 does not', async () => {
    expect(
      await missingOf('bitnami-pg-boundary', [
        ['pg-14', 'postgresql', '14.0.0'],
        ['pg-13', 'postgresql', '13.99.0'],
      ]),
    ).toEqual(['pg-13']);
  });

  it('an exact pin and an inclusive top at the boundary are that version', async () => {
    expect(
      await missingOf('bitnami-pg-inclusive', [
        ['pg-pin', 'postgresql', '14.0.0'],
        ['pg-upto', 'postgresql', "'<=14.0.0'"],
        ['pg-below', 'postgresql', "'<14.0.0'"],
      ]),
    ).toEqual(['pg-below']);
  });

  it('rabbitmq: 12.9.0 makes none, 12.10.0 does (versions compare as numbers)', async () => {
    expect(
      await missingOf('bitnami-rabbitmq', [
        ['mq-old', 'rabbitmq', '12.9.0'],
        ['mq-new', 'rabbitmq', '12.10.0'],
      ]),
    ).toEqual(['mq-old']);
  });

  it("postgresql '*' (the newest) makes one", async () => {
    expect(
      await missingOf('bitnami-pg-any', [
        ['pg-any', 'postgresql', "'*'"],
        ['pg-old', 'postgresql', '13.1.5'],
      ]),
    ).toEqual(['pg-old']);
  });
});
