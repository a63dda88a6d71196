/**
 * An image's file:line is the line of its `image:` key, also where that key lies deeper than most:
 * app-template's `spec.values.controllers.<c>.containers.<name>.image` (7 keys) and a CronJob's
 * `spec.jobTemplate.spec.template.spec.containers.<i>.image` (7). Key lines used to be indexed six
 * keys deep, so both pointed a line or more above, at the container's name or at `containers:`
 * (88 of 112 images of one corpus repository).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('deep-image-lines');
afterAll(remove);

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the line of an image written deep in a document', () => {
  it('is the line of its image key', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - release.yaml\n  - cronjob.yaml\n');
    const release = [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata:',
      '  name: web',
      '  namespace: web',
      'spec:',
      '  interval: 1h',
      '  chart:',
      '    spec:',
      '      chart: app-template',
      '      version: 4.0.0',
      '      sourceRef: {kind: HelmRepository, name: bjw-s}',
      '  values:',
      '    controllers:',
      '      web:',
      '        containers:',
      '          app:',
      '            env:',
      '              TZ: UTC',
      '            image:',
      '              repository: ghcr.io/example/web',
      '              tag: 1.2.3',
      '',
    ].join('\n');
    const cronjob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: report',
      '  namespace: web',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: report',
      '              command: [/bin/report]',
      '              image: ghcr.io/example/report:2.0.0',
      '',
    ].join('\n');
    put('apps/release.yaml', release);
    put('apps/cronjob.yaml', cronjob);
    const { model } = await scanRepo(root, parseConfig({}));
    const hr = model.helmReleases.find((h) => h.name === 'web')!;
    expect(hr.images.map((i) => [i.repository, i.source.line])).toEqual([['ghcr.io/example/web', lineOf(release, '            image:')]]);
    const job = model.objects.find((o) => o.kind === 'CronJob')!;
    expect(job.images?.map((i) => [i.repository, i.source.line])).toEqual([['ghcr.io/example/report', lineOf(cronjob, 'image: ghcr')]]);
  });
});
