/** DEPRECATED_API_VERSION only where the repository runs a release that has the replacement. */
import { describe, expect, it } from 'vitest';
import { deprecationOf, releaseCeiling } from '../../src/analysis/health/deprecated-apis.ts';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { hr, kobj, model } from './make-model.ts';

const es = kobj('ExternalSecret', 'media', 'plex', 'apps/media/plex/externalsecret.yaml', 2, { apiVersion: 'external-secrets.io/v1beta1', group: 'external-secrets.io' });
const eso = (version: string | null) => hr('security', 'external-secrets', 'external-secrets', {}, { chart: { name: 'external-secrets', version, sourceRef: null, url: null, via: 'chart', sourceAt: null, versionAt: null } });
const codes = (m: ReturnType<typeof model>) => versionsInventory(m).findings.filter((f) => f.code === 'DEPRECATED_API_VERSION').map((f) => f.objectId);

describe('deprecated API versions against the pinned release', () => {
  it('External Secrets 0.12 has no external-secrets.io/v1 yet: v1beta1 is right there', () => {
    expect(codes(model({ objects: [es], helmReleases: [eso('0.12.1')] }))).toEqual([]);
  });
  it('External Secrets 0.16 (which brought v1) and later, or an unknown release: v1beta1 is deprecated, and not served from 0.17', () => {
    expect(codes(model({ objects: [es], helmReleases: [eso('0.16.2')] }))).toEqual([es.id]);
    expect(codes(model({ objects: [es], helmReleases: [eso('0.17.0')] }))).toEqual([es.id]);
    expect(versionsInventory(model({ objects: [es] })).findings[0]!.message).toContain('no longer served from 0.17');
    expect(codes(model({ objects: [es], helmReleases: [eso(null)] }))).toEqual([es.id]);
    expect(codes(model({ objects: [es] }))).toEqual([es.id]);
  });
  it('a semver range is the newest release it allows (Flux installs that): ~0.15.0 is a 0.15, ^0.15.2 too, >=0.15.0 may be any', () => {
    expect(codes(model({ objects: [es], helmReleases: [eso('~0.15.0')] }))).toEqual([]);
    expect(codes(model({ objects: [es], helmReleases: [eso('^0.15.2')] }))).toEqual([]);
    expect(codes(model({ objects: [es], helmReleases: [eso('>=0.15.0 <0.16.0')] }))).toEqual([]);
    expect(codes(model({ objects: [es], helmReleases: [eso('>= 0.15.0, < 0.16.0')] }))).toEqual([]);
    expect(codes(model({ objects: [es], helmReleases: [eso('>=0.15.0')] }))).toEqual([es.id]);
    expect(codes(model({ objects: [es], helmReleases: [eso('~0.17.1')] }))).toEqual([es.id]);
    expect(codes(model({ objects: [es], helmReleases: [eso('0.15.x || 0.18.x')] }))).toEqual([es.id]);
  });
  it('reads ranges as Helm and Flux write them', () => {
    expect(releaseCeiling('~1.16.3')).toEqual([1, 16, 999_999]);
    expect(releaseCeiling('^1.16.0')).toEqual([1, 999_999, 999_999]);
    expect(releaseCeiling('^0.0.3')).toEqual([0, 0, 3]);
    expect(releaseCeiling('<2.0.0')).toEqual([1, 999_999, 999_999]);
    expect(releaseCeiling('1.2.0 - 1.4.5')).toEqual([1, 4, 5]);
    expect(releaseCeiling('v1.16.3')).toEqual([1, 16, 3]);
    for (const open of ['>=1.16.0', '*', 'latest', '${CILIUM_VERSION}', '']) expect(releaseCeiling(open)).toBeNull();
  });
  it('an object Flux does not deploy is not judged', () => {
    expect(codes(model({ objects: [{ ...es, owner: null }], kustomizations: [] }))).toEqual([es.id]);
    const ksObj = { ...es, owner: null };
    expect(codes(model({ objects: [ksObj], kustomizations: [{ ...kobj('Kustomization', 'flux-system', 'root', 'root.yaml'), path: './', resolvedPath: '', interval: null, timeout: null, retryInterval: null, wait: null, prune: null, suspend: false, targetNamespace: null, sourceRef: null, dependsOn: [], healthChecks: 0, postBuild: { substitute: [], substituteFrom: [] }, decryption: null, components: [], patches: 0, reachedFromRoot: true, isRoot: true }] }))).toEqual([]);
  });
  it('each Flux source kind against the release that brought its v1 (GitRepository 2.0, Helm sources 2.3, Bucket 2.4, OCIRepository 2.6)', () => {
    const source = (kind: string) => kobj(kind, 'flux-system', kind.toLowerCase(), `infra/${kind}.yaml`, 1, { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', group: 'source.toolkit.fluxcd.io' });
    const sources = ['GitRepository', 'HelmRepository', 'HelmChart', 'Bucket', 'OCIRepository'].map(source);
    const flux = (version: string) => hr('flux-system', 'flux', 'flux2', {}, { chart: { name: 'flux2', version, sourceRef: null, url: null, via: 'chart', sourceAt: null, versionAt: null } });
    const kinds = (version: string) => codes(model({ objects: sources, helmReleases: [flux(version)] })).map((id) => id!.split('/')[0]).sort();
    // (The flux2 chart's version runs ten minors ahead of Flux's: chart 2.12.4 installs Flux 2.2.3.)
    expect(kinds('2.12.4')).toEqual(['GitRepository']);
    expect(kinds('2.14.0')).toEqual(['Bucket', 'GitRepository', 'HelmChart', 'HelmRepository']);
    expect(kinds('2.16.1')).toEqual(['Bucket', 'GitRepository', 'HelmChart', 'HelmRepository', 'OCIRepository']);
    // Chart 2.7.0 installs Flux 0.41, before any source v1.
    expect(kinds('2.7.0')).toEqual([]);
    const found = versionsInventory(model({ objects: sources })).findings.filter((f) => f.code === 'DEPRECATED_API_VERSION');
    expect(Object.fromEntries(found.map((f) => [f.objectId!.split('/')[0], f.message.match(/\((deprecated since Flux [\d.]+)[,)]/)?.[1]]))).toEqual({
      GitRepository: 'deprecated since Flux 2.0',
      HelmRepository: 'deprecated since Flux 2.3',
      HelmChart: 'deprecated since Flux 2.3',
      Bucket: 'deprecated since Flux 2.4',
      OCIRepository: 'deprecated since Flux 2.6',
    });
  });
  it('image automation APIs: v1 since Flux 2.7 (v1beta2 before it), against the flux-instance chart’s distribution', () => {
    const image = (kind: string, version: string) => kobj(kind, 'flux-system', `${kind.toLowerCase()}-${version}`, `update/${kind}-${version}.yaml`, 1, { apiVersion: `image.toolkit.fluxcd.io/${version}`, group: 'image.toolkit.fluxcd.io' });
    const objects = [image('ImageUpdateAutomation', 'v1beta1'), image('ImagePolicy', 'v1beta2'), image('ImageRepository', 'v1')];
    const instance = (version: string) => hr('flux-system', 'flux-instance', 'flux-instance', { instance: { distribution: { version } } });
    const advice = (...helmReleases: ReturnType<typeof hr>[]) =>
      Object.fromEntries(versionsInventory(model({ objects, helmReleases })).findings.filter((f) => f.code === 'DEPRECATED_API_VERSION').map((f) => [f.objectId!.split('/')[0], f.message.split('; move to ')[1]]));
    // An unknown release, or 2.7 and later: everything to v1.
    expect(advice()).toEqual({ ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1.', ImagePolicy: 'image.toolkit.fluxcd.io/v1.' });
    expect(advice(instance('2.7.x'))).toEqual({ ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1.', ImagePolicy: 'image.toolkit.fluxcd.io/v1.' });
    // Flux 2.6 has no image v1: v1beta1 moves to v1beta2, and v1beta2 is right.
    expect(advice(instance('2.6.4'))).toEqual({ ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1beta2.' });
    // `2.x` names no minor release: as unknown.
    expect(advice(instance('2.x'))).toEqual({ ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1.', ImagePolicy: 'image.toolkit.fluxcd.io/v1.' });
  });

  it('says the Flux release that removed each beta API: v1beta1 and v2beta1 in 2.7, v1beta2 and v2beta2 in 2.8 (fluxcd/flux2#5474, #5711)', () => {
    const note = (apiVersion: string, kind: string) => deprecationOf(apiVersion, kind)?.note;
    expect(note('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease')).toBe('removed in Flux 2.7');
    expect(note('kustomize.toolkit.fluxcd.io/v1beta1', 'Kustomization')).toBe('removed in Flux 2.7');
    expect(note('source.toolkit.fluxcd.io/v1beta1', 'HelmRepository')).toBe('removed in Flux 2.7');
    expect(note('notification.toolkit.fluxcd.io/v1beta1', 'Alert')).toBe('removed in Flux 2.7');
    expect(note('helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease')).toBe('deprecated since Flux 2.3, removed in Flux 2.8');
    expect(note('kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization')).toBe('deprecated since Flux 2.0, removed in Flux 2.8');
    expect(note('source.toolkit.fluxcd.io/v1beta2', 'OCIRepository')).toBe('deprecated since Flux 2.6, removed in Flux 2.8');
  });
});
