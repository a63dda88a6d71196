/**
 * IMAGE_AUTOMATION_NO_MARKERS: an ImageUpdateAutomation rewrites only the fields its setter markers
 * sit on (`# {"$imagepolicy": "flux-system:app"}`) in the files under spec.update.path; where no file
 * there has one it commits nothing (outside review: a staging automation on `./apps/staging`, its
 * markers all in `apps/base`). A warning, for this repository's own automations only; silent where
 * a marker is under the path (the default path is the repository's root), for another repository's
 * GitRepository, and for a path a variable fills in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const automation = (name: string, path: string | null, source = 'flux-system') =>
  `apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageUpdateAutomation\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 30m\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n  git:\n    checkout:\n      ref:\n        branch: main\n    push:\n      branch: main\n  update:\n${path === null ? '' : `    path: ${path}\n`}    strategy: Setters\n`;

describe('an image update automation whose path holds no marker', () => {
  const repo = tempRepos(afterAll);

  it('is a warning; an automation whose path holds a marker, or of another repository, is not', async () => {
    const r = repo('image-automation-markers');
    r.put('clusters/staging/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.org/fleet.git\n  ref: {branch: main}\n---\n${fluxKustomization('flux-system', './clusters/staging')}`);
    r.put('clusters/staging/apps.yaml', fluxKustomization('apps', './apps/staging'));
    r.put('clusters/staging/other-source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: other\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.org/other.git\n  ref: {branch: main}\n');
    r.put('clusters/staging/automation.yaml', [automation('staging', './apps/staging'), automation('base', './apps/base'), automation('root', null), automation('templated', './apps/${CLUSTER}'), automation('elsewhere', './apps/staging', 'other')].join('---\n'));
    r.put('apps/staging/kustomization.yaml', 'resources:\n  - ../base/web\n');
    r.put('apps/base/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/base/web/release.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    image:\n      repository: ghcr.io/example/web\n      tag: 1.2.3 # {"$imagepolicy": "flux-system:web:tag"}\n' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const got = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_AUTOMATION_NO_MARKERS');
    expect(got.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['warning clusters/staging/automation.yaml:18']);
    expect(got[0]!.message).toMatch(/^ImageUpdateAutomation flux-system\/staging updates the files under \.\/apps\/staging, and no YAML file there has an image policy marker .*\(the repository's markers are in apps\/base\/web\)/);
  });
});
