import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize images', () => {
  it('overrides name, tag and digest of containers and init containers in every pod template', async () => {
    const b = await build('images', '');
    const web = find(b, 'Deployment', 'web').body;
    expect(at(web, 'spec.template.spec.containers.0.image')).toBe('nginx:1.27.3');
    // A new tag replaces both the tag and the digest.
    expect(at(web, 'spec.template.spec.containers.1.image')).toBe('valkey/valkey:8.0');
    // Another image whose name only starts like the override's is left alone.
    expect(at(web, 'spec.template.spec.containers.2.image')).toBe('nginxinc/nginx-unprivileged:1.25');
    expect(at(web, 'spec.template.spec.initContainers.0.image')).toBe('busybox@sha256:2919d0172f7524b2d8df9e50066a682669e6d170ac0f6a49676d54358fe970b5');
    expect(at(find(b, 'CronJob', 'radarr-backup').body, 'spec.jobTemplate.spec.template.spec.containers.0.image')).toBe('registry.local/mirror/radarr:5.14');
    expect(at(find(b, 'Pod', 'debug').body, 'spec.containers.0.image')).toBe('busybox@sha256:2919d0172f7524b2d8df9e50066a682669e6d170ac0f6a49676d54358fe970b5');
  });

  it('leaves an image whose tag is a Flux variable as written', async () => {
    const b = await build('images', '');
    expect(at(find(b, 'Pod', 'variable').body, 'spec.containers')).toEqual([
      { name: 'plain', image: 'nginx:${NGINX_TAG}' },
      { name: 'default', image: 'nginx:${NGINX_TAG:=1.25}' },
    ]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('images', '', await build('images', ''));
  });
});
