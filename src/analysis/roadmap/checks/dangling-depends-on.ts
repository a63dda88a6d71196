import { sameCluster } from '../../health/common.ts';
import { kustomizationsInFiles, kustomizationsNamed } from './mentions.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * Every dependsOn entry resolves to a live Kustomization. Flux defaults a dependency's namespace
 * to the depending Kustomization's own, so `- name: cloudnative-pg-cluster` in namespace `ai`
 * points at `ai/cloudnative-pg-cluster` and the app never becomes ready
 * (https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies).
 * Measured per Kustomization: those in the files the item names, else those it names, else all
 * with a dependsOn; one is done when all of its entries resolve, in its own cluster where the
 * repository has several (Flux looks there only: another cluster's Kustomization of that name is none).
 */
export const danglingDependsOn: NamedCheck = {
  name: 'dangling-depends-on',
  description: 'Kustomizations (in the files the item names, else all) whose every dependsOn entry resolves.',
  topic: /dangling|depend\w*\s+namespace/i,
  seedIds: [],
  run({ item, model, repo }) {
    const key = (k: { namespace: string | null; name: string }) => `${k.namespace ?? ''}/${k.name}`;
    const live = Map.groupBy(model.kustomizations.filter((k) => !k.disabled), key);
    const resolves = (k: (typeof model.kustomizations)[number], ns: string, name: string) => (live.get(`${ns}/${name}`) ?? []).some((x) => sameCluster(x.cluster, k.cluster));
    // In the repository but not applied (switched off, a folder its parent leaves out): Flux waits for it all the same.
    const unapplied = new Set(repo.kustomizations.map(key).filter((k) => !live.has(k)));
    const withDeps = (ks: typeof model.kustomizations) => ks.filter((k) => k.dependsOn.length > 0);
    let targets = withDeps(kustomizationsInFiles(item, model));
    const notes: string[] = [];
    if (targets.length === 0) targets = withDeps(kustomizationsNamed(item, model).map((m) => m.value));
    if (targets.length === 0) {
      targets = withDeps(model.kustomizations.filter((k) => !k.disabled));
      notes.push('The item names no Kustomization: every one with a dependsOn is measured.');
    }
    const shortfalls: Shortfall[] = [];
    let done = 0;
    for (const k of targets) {
      const dangling = k.dependsOn.filter((d) => !resolves(k, d.namespace ?? k.namespace ?? '', d.name));
      if (dangling.length === 0) done++;
      for (const d of dangling) {
        const ns = d.namespace ?? k.namespace ?? '?';
        const how = d.explicitNamespace ? '' : ' (namespace defaulted to its own)';
        const what = unapplied.has(`${ns}/${d.name}`) ? 'which Flux does not apply' : 'which does not exist';
        shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} depends on ${ns}/${d.name}${how}, ${what}.`, source: d.source });
      }
    }
    return outcome(done, targets.length, shortfalls, notes);
  },
};
