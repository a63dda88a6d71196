import type { RoadmapItem } from '../../../model/roadmap.ts';
import { commentedKustomizationsGone } from './commented-kustomizations-gone.ts';
import { danglingDependsOn } from './dangling-depends-on.ts';
import { dependsOnPresent } from './depends-on-present.ts';
import { dependsOnWait } from './depends-on-wait.ts';
import { externalSecretRefreshInterval } from './externalsecret-refresh-interval.ts';
import { hardcodedCredentials } from './hardcoded-credentials.ts';
import { kyvernoPolicies } from './kyverno-policies.ts';
import { networkPolicyCoverage } from './network-policy-coverage.ts';
import { pvcBackupAnnotations } from './pvc-backup-annotations.ts';
import { serviceMonitorCoverage } from './servicemonitor-coverage.ts';
import { sopsRecipients } from './sops-recipients.ts';
import { timeoutStandard } from './timeout-standard.ts';
import type { NamedCheck } from './types.ts';

/** Every named check. Adding a check is one file and one line here. */
const ALL: readonly NamedCheck[] = [
  externalSecretRefreshInterval,
  networkPolicyCoverage,
  serviceMonitorCoverage,
  kyvernoPolicies,
  pvcBackupAnnotations,
  dependsOnPresent,
  commentedKustomizationsGone,
  timeoutStandard,
  dependsOnWait,
  danglingDependsOn,
  hardcodedCredentials,
  sopsRecipients,
];

/** Checks by name and by alias (`pvc-backup-coverage` is `pvc-backup-annotations`). */
export const CHECKS: ReadonlyMap<string, NamedCheck> = new Map(ALL.flatMap((c) => [[c.name, c] as const, ...(c.aliases ?? []).map((a) => [a, c] as const)]));

export type CheckLink = { check: NamedCheck; linkedBy: 'item' | 'config' | 'default' } | { unknown: string; linkedBy: 'item' | 'config' } | null;

/**
 * Which check an item is measured by: its own `**Check**: name` line first, then configuration
 * (`roadmap.checks: { H-8.1: network-policy-coverage }`), then, as a fallback only, the seed's id
 * for the check when the item's title is about the check's topic (an unrelated item that happens
 * to reuse the id `H-8.1` is not measured by the NetworkPolicy check).
 */
export function linkCheck(item: RoadmapItem, config: Readonly<Record<string, string>> = {}): CheckLink {
  if (item.check !== null) {
    const c = CHECKS.get(item.check);
    return c ? { check: c, linkedBy: 'item' } : { unknown: item.check, linkedBy: 'item' };
  }
  const configured = Object.hasOwn(config, item.id) ? config[item.id] : undefined;
  if (configured !== undefined) {
    const c = CHECKS.get(configured);
    return c ? { check: c, linkedBy: 'config' } : { unknown: configured, linkedBy: 'config' };
  }
  for (const c of ALL) if (c.seedIds.includes(item.id) && c.topic.test(item.title)) return { check: c, linkedBy: 'default' };
  return null;
}
