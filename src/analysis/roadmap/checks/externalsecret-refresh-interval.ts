import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-3.1: every live ExternalSecret sets `refreshInterval` explicitly (without it the operator
 * falls back to its default of 1h, which the seed item calls "not refreshed timely").
 * https://external-secrets.io/latest/api/externalsecret/
 */
export const externalSecretRefreshInterval: NamedCheck = {
  name: 'externalsecret-refresh-interval',
  description: 'ExternalSecrets that set refreshInterval explicitly.',
  topic: /refresh\s*interval|externalsecret/i,
  seedIds: ['H-3.1'],
  run({ model }) {
    const live = model.externalSecrets.filter((es) => !es.disabled);
    const shortfalls: Shortfall[] = live
      .filter((es) => es.refreshInterval === null)
      .map((es) => ({ objectId: es.id, message: `ExternalSecret ${es.namespace ?? '?'}/${es.name} has no refreshInterval.`, source: es.source }));
    return outcome(live.length - shortfalls.length, live.length, shortfalls);
  },
};
