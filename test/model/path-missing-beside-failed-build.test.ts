/**
 * FLUX_PATH_MISSING is about a Kustomization Flux applies, whatever the app of its file. An outside
 * review found a cluster file holding two Kustomizations (infra-controllers, infra-configs) whose
 * paths are missing; the file's app by folder was one a sibling's failed build keeps off, and the two
 * warnings were dropped with that app's findings. A Kustomization inside the failed build itself is
 * not applied, and its missing path stays unsaid.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a missing path beside a failed build', () => {
  const repo = tempRepos(afterAll);

  it('is reported for the Kustomizations the root applies, not for one inside the failed build', async () => {
    const r = repo('path-missing-sibling');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('clusters/dev/infrastructure.yaml', `${fluxKustomization('infra-controllers', './infrastructure/controllers/dev')}---\n${fluxKustomization('infra-configs', './infrastructure/configs/dev')}`);
    r.put('apps/dev/kustomization.yaml', 'resources:\n  - web\n');
    r.put('apps/dev/web/ks.yaml', fluxKustomization('web', './apps/dev/web/manifests'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'FLUX_PATH_MISSING').map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['clusters/dev/infrastructure.yaml:8', 'clusters/dev/infrastructure.yaml:21']);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION']);
  });
});
