import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize commonLabels and labels', () => {
  it('commonLabels reach metadata, selectors and pod templates; labels only where asked', async () => {
    const b = await build('labels', '');
    const d = find(b, 'Deployment', 'sonarr').body;
    expect(at(d, 'metadata.labels')).toEqual({ 'app.kubernetes.io/part-of': 'media', team: 'home', tier: 'web', stack: 'arr' });
    expect(at(d, 'spec.selector.matchLabels')).toEqual({ app: 'sonarr', 'app.kubernetes.io/part-of': 'media', stack: 'arr' });
    expect(at(d, 'spec.template.metadata.labels')).toEqual({ app: 'sonarr', 'app.kubernetes.io/part-of': 'media', tier: 'web', stack: 'arr' });
    expect(at(find(b, 'Service', 'sonarr').body, 'spec.selector')).toEqual({ app: 'sonarr', 'app.kubernetes.io/part-of': 'media', stack: 'arr' });
    expect(at(find(b, 'CronJob', 'cleanup').body, 'spec.jobTemplate.spec.template.metadata.labels')).toEqual({ 'app.kubernetes.io/part-of': 'media', tier: 'web', stack: 'arr' });
    expect(at(find(b, 'HelmRelease', 'sonarr').body, 'metadata.labels')).toEqual({ 'app.kubernetes.io/part-of': 'media', team: 'home', tier: 'web', stack: 'arr' });
  });

  it('commonAnnotations reach metadata and pod templates', async () => {
    const b = await build('labels', '');
    expect(at(find(b, 'Deployment', 'sonarr').body, 'spec.template.metadata.annotations')).toEqual({ owner: 'alice' });
    // Values are strings, as kustomize holds them.
    expect(at(find(b, 'HelmRelease', 'sonarr').body, 'metadata.annotations')).toEqual({ 'gatus.io/enabled': 'false', replicas: '2', owner: 'alice' });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('labels', '', await build('labels', ''));
  });
});
