import { deployedIn, whyNotDeployed } from '../deployed.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-9.1: the policies the item says to create exist as live Kyverno (Cluster)Policies, matched by
 * file path or by name (`pss-baseline.yaml` -> a policy named `pss-baseline`). Their mode
 * (validationFailureAction Audit/Enforce) is reported, and when the item says to end in Enforce
 * mode, a policy still in Audit is noted. Without paths, the item is measured as "has policies".
 * https://kyverno.io/docs/writing-policies/validate/
 */
export const kyvernoPolicies: NamedCheck = {
  name: 'kyverno-policies',
  description: 'Policies the item says to create that exist as Kyverno policies, with their mode.',
  topic: /kyverno|polic(y|ies)|pod security/i,
  seedIds: ['H-9.1'],
  run({ item, model, repo }) {
    // Looked up among every policy of the repository, so that one Flux does not apply is said to be so.
    const policies = repo.kyvernoPolicies;
    const applied = (p: (typeof policies)[number]): boolean => (model === repo ? !p.disabled : deployedIn(repo).object(p));
    const wantsEnforce = /\benforce\b/i.test(item.body);
    const expected = item.filesToCreate.filter((p) => /\.ya?ml$/.test(p.path));
    const notes: string[] = [];
    const shortfalls: Shortfall[] = [];
    if (expected.length === 0) {
      const live = policies.filter(applied);
      for (const p of live) notes.push(`${p.name}: ${p.action ?? 'Audit (default)'}`);
      if (live.length === 0) shortfalls.push({ message: 'No Kyverno policy is present.', source: itemSource(item) });
      return outcome(live.length > 0 ? 1 : 0, 1, shortfalls, notes);
    }
    let done = 0;
    for (const ref of expected) {
      const name = ref.path.slice(ref.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
      const found = policies.find((p) => p.source.file === ref.path && applied(p)) ?? policies.find((p) => p.name === name && applied(p)) ?? policies.find((p) => p.source.file === ref.path || p.name === name);
      if (!found) {
        shortfalls.push({ message: `Policy ${name} (${ref.path}) does not exist.`, source: itemSource(item, ref.line) });
        continue;
      }
      if (!applied(found)) {
        const why = found.disabled ? `is disabled (${found.disabled})` : `is not applied (${whyNotDeployed(found, repo)})`;
        shortfalls.push({ objectId: found.id, message: `Policy ${found.name} exists but ${why}.`, source: found.source });
        continue;
      }
      done++;
      const mode = found.action ?? 'Audit (default)';
      notes.push(`${found.name}: ${mode}`);
      if (wantsEnforce && !/^enforce$/i.test(found.action ?? '')) notes.push(`${found.name} is not in Enforce mode yet.`);
    }
    return outcome(done, expected.length, shortfalls, notes);
  },
};
