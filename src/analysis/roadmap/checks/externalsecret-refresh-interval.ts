import { setApartNote } from '../deployed.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-3.1: every ExternalSecret Flux applies sets `refreshInterval` explicitly (without it the operator
 * falls back to its default of 1h, which the seed item calls "not refreshed timely").
 * https://external-secrets.io/latest/api/externalsecret/
 * Those of apps Flux does not deploy (`ks.dis`, a folder its parent leaves out, a component template
 * no build uses) are listed apart, not counted.
 */
export const externalSecretRefreshInterval: NamedCheck = {
  name: 'externalsecret-refresh-interval',
  description: 'ExternalSecrets Flux applies that set refreshInterval explicitly.',
  topic: /refresh\s*interval|externalsecret/i,
  seedIds: ['H-3.1'],
  run({ model, repo }) {
    const live = model.externalSecrets.filter((es) => !es.disabled);
    const shortfalls: Shortfall[] = live
      .filter((es) => es.refreshInterval === null)
      .map((es) => ({ objectId: es.id, message: `ExternalSecret ${es.namespace ?? '?'}/${es.name} has no refreshInterval.`, source: es.source }));
    const apart = setApartNote(repo.externalSecrets, repo);
    return outcome(live.length - shortfalls.length, live.length, shortfalls, apart ? [apart] : []);
  },
};
