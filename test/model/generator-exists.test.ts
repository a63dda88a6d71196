/**
 * A configMapGenerator or secretGenerator of the default behavior (create) whose kind and name an
 * object already in the build has (the base's generator of the same name, a listed manifest), read
 * in the same namespace: kustomize stops ("id ... exists; behavior must be merge or replace"), so Flux
 * applies nothing of the Kustomization. An overlay that generates its chart values under the base's
 * name without `behavior: merge` is a mistake of base/overlay repositories (outside review); it was
 * silent. `kubectl kustomize` is the oracle for each case, where it is installed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlVersion } from '../../scripts/corpus-check/kustomize-oracle.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const KUBECTL = kubectlVersion() !== null;

/** Whether `kubectl kustomize DIR` refuses the folder for a generator's id that exists. */
function kubectlRefuses(dir: string): boolean {
  try {
    execFileSync('kubectl', ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    return false;
  } catch (error) {
    return /exists; behavior must be merge or replace/.test(String((error as { stderr?: Buffer }).stderr ?? error));
  }
}

const plain = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  a: b\n`;

/** [case, base kustomization.yaml, base files, overlay generator entries, refused] */
const CASES: [string, string, Record<string, string>, string, boolean][] = [
  ['the base generates the same name', 'namespace: slurm\nconfigMapGenerator:\n  - name: slurm-values\n    files: [values.yaml]\n', { 'values.yaml': 'a: 1\n' }, 'configMapGenerator:\n  - name: slurm-values\n    files: [values.yaml]\n', true],
  ['the base lists a ConfigMap of that name', 'resources: [cm.yaml]\n', { 'cm.yaml': plain('settings') }, 'configMapGenerator:\n  - name: settings\n    literals: [x=y]\n', true],
  ['behavior: merge', 'configMapGenerator:\n  - name: slurm-values\n    files: [values.yaml]\n', { 'values.yaml': 'a: 1\n' }, 'configMapGenerator:\n  - name: slurm-values\n    behavior: merge\n    files: [values.yaml]\n', false],
  ['another namespace, as written', 'resources: [cm.yaml]\n', { 'cm.yaml': plain('settings', 'media') }, 'configMapGenerator:\n  - name: settings\n    literals: [x=y]\n', false],
  ['the same namespace, as written', 'resources: [cm.yaml]\n', { 'cm.yaml': plain('settings', 'media') }, 'configMapGenerator:\n  - name: settings\n    namespace: media\n    literals: [x=y]\n', true],
  ['another kind (a Secret)', 'resources: [cm.yaml]\n', { 'cm.yaml': plain('settings') }, 'secretGenerator:\n  - name: settings\n    literals: [x=y]\n', false],
];

describe('a generator whose object the build already has', () => {
  const repo = tempRepos(afterAll);
  for (const [name, baseKs, baseFiles, generators, refused] of CASES) {
    it(`${refused ? 'stops' : 'does not stop'} the build: ${name}`, async () => {
      const r = repo(`generator-exists-${name.replace(/\W+/g, '-')}`);
      bootstrap(r);
      r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web/overlay'));
      r.put('apps/web/base/kustomization.yaml', baseKs);
      for (const [file, text] of Object.entries(baseFiles)) r.put(`apps/web/base/${file}`, text);
      r.put('apps/web/overlay/kustomization.yaml', `resources:\n  - ../base\n${generators}`);
      r.put('apps/web/overlay/values.yaml', 'b: 2\n');
      if (KUBECTL) expect(kubectlRefuses(join(r.root, 'apps/web/overlay'))).toBe(refused);
      const { model } = await scanRepo(r.root, parseConfig({}));
      const errors = model.findings.filter((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE');
      if (!refused) {
        expect(errors).toEqual([]);
        return;
      }
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ severity: 'error', source: { file: 'apps/web/overlay/kustomization.yaml', line: 4 } });
      expect(errors[0]!.message).toMatch(/generator "(slurm-values|settings)" makes a (ConfigMap|Secret) .*"behavior must be merge or replace".*Give the generator behavior: merge/);
      expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed).toBeTruthy();
    });
  }
});
