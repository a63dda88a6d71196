import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize replacements', () => {
  it('copies a source field into every target field path, list items selected by name', async () => {
    const b = await build('replacements', '');
    const ingress = find(b, 'Ingress', 'web').body;
    expect(at(ingress, 'spec.rules.0.host')).toBe('media.example.org');
    expect(at(ingress, 'spec.tls.0.hosts.0')).toBe('media.example.org');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.env.0.value')).toBe('media.example.org');
  });

  it('replaces one delimited part, honours reject, and creates a missing field only when asked', async () => {
    const b = await build('replacements', '');
    expect(at(find(b, 'Deployment', 'worker').body, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/example/worker:2.4.1');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/example/web:2.4.1');
    expect(at(find(b, 'ConfigMap', 'app-settings').body, 'data.VERSION')).toBe('2.4.1');
    expect(b.problems).toEqual([]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('replacements', '', await build('replacements', ''));
  });
});

/**
 * Replacements whose source a configMapGenerator makes from input files (outside review: the Ingress
 * host stayed `auth.DOMAIN` and the image tag `REPLACEME` where kubectl kustomize gives
 * `auth.brewen.dev` and the env file's tag, because the files were never read for their values).
 * Fixture replacements-generated: `env` (an `envs:` file), `component` (a Component's generator, as a
 * repository's `config/domain`), `hashed` (the name gets a hash after replacements ran, so they see it
 * as written), `overlay` (`behavior: merge` over `base`), `file` (one-line `files:` inputs). The values
 * below are what `kubectl kustomize` 5.5 printed for each folder.
 */
describe('kustomize replacements from a generated ConfigMap', () => {
  const host = (b: Awaited<ReturnType<typeof build>>) => [at(find(b, 'Ingress', 'web').body, 'spec.rules.0.host'), at(find(b, 'Ingress', 'web').body, 'spec.tls.0.hosts.0')];
  const image = (b: Awaited<ReturnType<typeof build>>) => at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.image');

  it("copies an env file's value, one delimited part of the target", async () => {
    const b = await build('replacements-generated', 'env');
    expect(host(b)).toEqual(['env.example.org', 'env.example.org']);
    expect(image(b)).toBe('nginx:1.27.1');
    expect(b.problems).toEqual([]);
  });

  it("copies the value of a Component's generator", async () => {
    const b = await build('replacements-generated', 'component');
    expect(host(b)).toEqual(['component.brewen.dev', 'component.brewen.dev']);
    expect(image(b)).toBe('nginx:1.27.1');
    expect(b.problems).toEqual([]);
  });

  it('selects a hashed generator by its name as written, which is also the name a replacement copies', async () => {
    const b = await build('replacements-generated', 'hashed');
    expect(host(b)).toEqual(['hashed.example.net', 'hashed.example.net']);
    expect(image(b)).toBe('nginx:1.27.2');
    expect(at(find(b, 'Deployment', 'web').body, 'metadata.annotations.settings')).toBe('domain');
    expect(find(b, 'ConfigMap', 'domain').hashSuffix).toBe(true);
  });

  it("takes an overlay's behavior: merge value over the base's, and keeps the base's other keys", async () => {
    const b = await build('replacements-generated', 'overlay');
    expect(host(b)).toEqual(['base.example.com', 'base.example.com']);
    expect(image(b)).toBe('nginx:2.0.0');
  });

  it('copies one-line files: inputs, under their data keys', async () => {
    const b = await build('replacements-generated', 'file');
    expect(host(b)).toEqual(['file.example.io', 'file.example.io']);
    expect(image(b)).toBe('nginx:1.27.3');
  });

  it('cites the image a replacement writes at the replacement entry', async () => {
    const b = await build('replacements-generated', 'env');
    expect(find(b, 'Deployment', 'web').imageSetAt).toEqual({ 'spec.template.spec.containers.0.image': { source: { file: 'env/kustomization.yaml', line: 27, col: 1, docIndex: 0 }, image: 'nginx:1.27.1' } });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    for (const dir of ['env', 'component', 'hashed', 'overlay', 'file']) expectSameAsKubectl('replacements-generated', dir, await build('replacements-generated', dir));
  });
});

describe('a replacement whose source the build cannot follow', () => {
  it('writes [redacted] where a remote resource may hold the source, never the placeholder, and says so at the entry', async () => {
    const b = await build('replacements-generated', 'remote');
    expect(at(find(b, 'Ingress', 'web').body, 'spec.rules.0.host')).toBe('remote.[redacted]');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.image')).toBe('nginx:[redacted]');
    expect(b.problems.map((p) => `${p.code}@${p.line}`)).toEqual(['REMOTE_RESOURCE@6', 'REPLACEMENT_VALUE_UNKNOWN@8', 'REPLACEMENT_VALUE_UNKNOWN@22']);
    expect(b.problems[1]!.message).toContain('it may come from a remote resource or a generator this build does not run');
  });
});
