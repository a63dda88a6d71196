import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize configMapGenerator and secretGenerator', () => {
  it('generates named objects that take the namespace and prefix; the hash suffix is marked, not computed', async () => {
    const b = await build('generators', '');
    const settings = find(b, 'ConfigMap', 'hass-settings');
    expect(settings).toMatchObject({ generated: true, hashSuffix: true, file: 'kustomization.yaml', doc: null });
    expect(at(settings.body, 'metadata')).toEqual({ name: 'hass-settings', namespace: 'home', labels: { generated: 'true' } });
    expect(at(settings.body, 'data')).toEqual({ TZ: 'Europe/Paris', LOG_LEVEL: 'info' });
    expect(find(b, 'ConfigMap', 'hass-dashboards')).toMatchObject({ hashSuffix: false });
    expect(Object.keys(at(find(b, 'ConfigMap', 'hass-dashboards').body, 'data') as object)).toEqual(['overview.json']);
  });

  it('never keeps a Secret value', async () => {
    const b = await build('generators', '');
    const secret = find(b, 'Secret', 'hass-credentials');
    expect(secret.body.type).toBe('kubernetes.io/basic-auth');
    expect(at(secret.body, 'data')).toEqual({ username: REDACTED, password: REDACTED });
    expect(JSON.stringify(b.objects)).not.toContain('not-a-real-one');
  });

  it('behavior: merge adds keys to an existing ConfigMap, which keeps its name', async () => {
    const b = await build('generators', '');
    const base = find(b, 'ConfigMap', 'hass-base');
    expect(base).toMatchObject({ generated: false, hashSuffix: false });
    expect(at(base.body, 'data')).toEqual({ ORIGINAL: '1', EXTRA: 'yes' });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('generators', '', await build('generators', ''));
  });
});
