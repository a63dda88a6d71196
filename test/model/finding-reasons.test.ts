/**
 * Findings whose problem was right and whose stated reason was not (outside review):
 * - DUPLICATE_OBJECT said "kustomize refuses a build with both" for two apiVersions of one object;
 *   kustomize tells them apart (group, version, kind, namespace, name) and builds, while the API
 *   server holds one object that the second apply overwrites. `kubectl kustomize` builds it.
 * - YAML_DUPLICATE_KEY said "kustomize refuses the file" of a configMapGenerator's input, which
 *   kustomize copies as text and never parses.
 * - DUPLICATE_OBJECT said kustomize refuses a build where a component's `${APP}-settings` and the
 *   app's `web-settings` meet only after Flux's postBuild substitution.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const gateway = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Gateway\nmetadata:\n  name: ingressgw\n  namespace: istio-system\nspec:\n  selector:\n    istio: ingressgateway\n`;

describe('the reasons findings give', () => {
  const repo = tempRepos(afterAll);
  const findingsOf = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return analyse(model, config).findings;
  };

  it('DUPLICATE_OBJECT of two apiVersions of one object: applied twice, last wins; kustomize builds it', async () => {
    const r = repo('dup-versions');
    bootstrap(r, 'prod');
    r.put('clusters/prod/gateway.yaml', fluxKustomization('gateway', './gateway'));
    r.put('gateway/kustomization.yaml', 'resources:\n  - old.yaml\n  - new.yaml\n');
    r.put('gateway/old.yaml', gateway('networking.istio.io/v1alpha3'));
    r.put('gateway/new.yaml', gateway('networking.istio.io/v1beta1'));
    const dup = (await findingsOf(r.root)).filter((f) => f.code === 'DUPLICATE_OBJECT');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain('are one object to the API server, so Flux applies it twice and the last one wins');
    expect(dup[0]!.message).not.toContain('kustomize refuses');
    // The oracle: kustomize builds both.
    const built = kubectlKustomize(join(r.root, 'gateway'));
    if (built !== 'absent') expect(built === 'failed' ? null : built.output.match(/^kind: Gateway$/gm)).toHaveLength(2);
  });

  it('DUPLICATE_OBJECT of one apiVersion twice in one build still says kustomize refuses it', async () => {
    const r = repo('dup-same-version');
    bootstrap(r, 'prod');
    r.put('clusters/prod/gateway.yaml', fluxKustomization('gateway', './gateway'));
    r.put('gateway/old.yaml', gateway('networking.istio.io/v1beta1'));
    r.put('gateway/new.yaml', gateway('networking.istio.io/v1beta1'));
    const found = await findingsOf(r.root);
    expect(found.some((f) => f.message.includes('kustomize refuses'))).toBe(true);
  });

  it('DUPLICATE_OBJECT of names that meet only after postBuild substitution: kustomize built both', async () => {
    const r = repo('dup-substituted');
    bootstrap(r, 'prod');
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  LOG: info\n`;
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  components:\n    - ../../components/cfg\n  postBuild:\n    substitute:\n      APP: web\n'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('apps/web/cm.yaml', cm('web-settings'));
    r.put('components/cfg/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cm.yaml\n');
    r.put('components/cfg/cm.yaml', cm('${APP}-settings'));
    const dup = (await findingsOf(r.root)).filter((f) => f.code === 'DUPLICATE_OBJECT');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain("become one only in Flux's postBuild substitution");
    expect(dup[0]!.message).not.toContain('kustomize refuses');
  });

  it('YAML_DUPLICATE_KEY in a generator’s input file: copied as text, not refused', async () => {
    const r = repo('dupkey-generator');
    bootstrap(r, 'prod');
    r.put('clusters/prod/demo.yaml', fluxKustomization('demo', './apps/demo'));
    r.put('apps/demo/kustomization.yaml', 'configMapGenerator:\n  - name: demo-values\n    files:\n      - values.yaml=values/demo-values.yaml\ngeneratorOptions:\n  disableNameSuffixHash: true\n');
    r.put('apps/demo/values/demo-values.yaml', 'ui:\n  enabled: true\nreplicas: 2\nui:\n  enabled: false\n');
    const dup = (await findingsOf(r.root)).filter((f) => f.code === 'YAML_DUPLICATE_KEY');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain('copies this file as text');
    expect(dup[0]!.message).not.toContain('kustomize refuses');
  });
});
