/**
 * How findings become proposed roadmap items, as data: which codes make one topic, the title and
 * action to write, the named check that measures it once the item is in the roadmap, the words
 * that tell an existing item (or a deferred decision) is about the same topic, and whether the
 * topic is scoped by namespace (a NetworkPolicy) or by object (a HelmRelease, a file).
 *
 * Info findings become proposals only for the topics listed here (`info: true`): most info codes
 * are notes, not work. Findings about the roadmap itself are never proposed.
 */
import type { FindingCode } from '../../model/finding-codes.ts';

export interface ProposalTopic {
  key: string;
  codes: readonly FindingCode[];
  /** `Add NetworkPolicies to 7 namespaces`: from the number of units and their kind. */
  title: (units: number) => string;
  /** One line: what to do in each file. */
  action: string;
  /** Named check (src/analysis/roadmap/checks) to write as `**Check**:`, when there is one. */
  check: string | null;
  /** An item or decision whose title (or text) matches is about this topic. */
  topic: RegExp;
  scope: 'namespace' | 'object';
  /** Propose info findings of these codes too. */
  info?: boolean;
}

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export const PROPOSAL_TOPICS: readonly ProposalTopic[] = [
  { key: 'network-policies', codes: ['NETWORK_POLICY_MISSING'], title: (c) => `Add NetworkPolicies to ${n(c, 'more namespace', 'more namespaces')}`, action: 'Add a default-deny NetworkPolicy (or CiliumNetworkPolicy) with the flows the namespace needs.', check: 'network-policy-coverage', topic: /network ?polic|networkpolic/i, scope: 'namespace', info: true },
  { key: 'monitoring', codes: ['MONITORING_MISSING'], title: (c) => `Monitor ${n(c, 'more component', 'more components')}`, action: 'Enable the chart\'s ServiceMonitor (or add one) and its PrometheusRules.', check: 'servicemonitor-coverage', topic: /servicemonitor|monitoring|metrics|prometheusrule/i, scope: 'object', info: true },
  { key: 'refresh-interval', codes: ['EXTERNALSECRET_NO_REFRESH_INTERVAL'], title: (c) => `Set refreshInterval on ${n(c, 'ExternalSecret', 'ExternalSecrets')}`, action: 'Write an explicit `refreshInterval`.', check: 'externalsecret-refresh-interval', topic: /refresh ?interval/i, scope: 'object', info: true },
  { key: 'backups', codes: ['BACKUP_MISSING'], title: (c) => `Back up ${n(c, 'volume', 'volumes')}`, action: 'Label or annotate the claim for a backup system that runs (k8up Schedule, Longhorn recurring job, VolSync ReplicationSource).', check: 'pvc-backup-annotations', topic: /\bback(ing|ed)? ?up|backups?\b/i, scope: 'object' },
  { key: 'retention', codes: ['RETENTION_UNDERUSES_VOLUME', 'RETENTION_EXCEEDS_VOLUME'], title: (c) => `Match retention to the volume in ${n(c, 'release', 'releases')}`, action: 'Set retentionSize to fit the volume, or resize the volume.', check: null, topic: /retention|prometheus storage/i, scope: 'object', info: true },
  { key: 'dependencies', codes: ['DEPENDS_ON_MISSING', 'DEPENDS_ON_DISABLED', 'DEPENDS_ON_CYCLE', 'DEPENDS_ON_SELF', 'DEPENDS_ON_INVALID'], title: (c) => `Fix ${n(c, 'broken dependsOn entry', 'broken dependsOn entries')}`, action: 'Point dependsOn at a Kustomization that exists and is deployed (name and namespace).', check: 'dangling-depends-on', topic: /depend/i, scope: 'object' },
  { key: 'implicit-dependencies', codes: ['IMPLICIT_DEPENDENCY_MISSING'], title: (c) => `Declare ${n(c, 'missing dependency', 'missing dependencies')}`, action: 'Add the dependsOn entry the message names.', check: null, topic: /depend/i, scope: 'object' },
  { key: 'wait', codes: ['DEPENDED_ON_WITHOUT_WAIT'], title: (c) => `Wait for ${n(c, 'depended-on Kustomization', 'depended-on Kustomizations')}`, action: 'Set `wait: true` (or healthChecks) so dependents start after it is ready.', check: 'depends-on-wait', topic: /\bwait\b|health ?checks/i, scope: 'object' },
  { key: 'credentials', codes: ['HARDCODED_CREDENTIAL', 'SOPS_VALUE_NOT_ENCRYPTED'], title: (c) => `Move ${n(c, 'credential', 'credentials')} out of git`, action: 'Move the value to the secret store (ExternalSecret) or encrypt it with SOPS.', check: 'hardcoded-credentials', topic: /credential|password|hard-?coded|plain.?text secret/i, scope: 'object' },
  { key: 'sops-recipients', codes: ['SOPS_MISSING_RECIPIENTS'], title: (c) => `Re-encrypt ${n(c, 'SOPS file', 'SOPS files')} for every recipient`, action: 'Run `sops updatekeys` on the file.', check: 'sops-recipients', topic: /sops|re-?encrypt|recipient/i, scope: 'object' },
  { key: 'deprecated-apis', codes: ['DEPRECATED_API_VERSION'], title: (c) => `Move ${n(c, 'object', 'objects')} off deprecated API versions`, action: 'Change apiVersion to the served version the message names.', check: null, topic: /deprecat|api ?version/i, scope: 'object' },
  { key: 'image-tags', codes: ['IMAGE_TAG_LATEST'], title: (c) => `Pin ${n(c, 'image', 'images')}`, action: 'Replace `latest` with a version tag (and a digest).', check: null, topic: /\blatest\b|pin|image tag/i, scope: 'object' },
  { key: 'store-missing', codes: ['EXTERNALSECRET_STORE_MISSING'], title: (c) => `Fix ${n(c, 'ExternalSecret store reference', 'ExternalSecret store references')}`, action: 'Point secretStoreRef at a store the repository defines.', check: null, topic: /secret ?store|externalsecret/i, scope: 'object' },
  { key: 'flux-paths', codes: ['FLUX_PATH_MISSING', 'FLUX_PATH_OUTSIDE_REPO', 'SUBSTITUTE_FROM_WRONG_NAMESPACE'], title: (c) => `Fix ${n(c, 'Flux Kustomization', 'Flux Kustomizations')} that cannot build`, action: 'Fix the path or reference the message names.', check: null, topic: /flux|kustomization/i, scope: 'object' },
  { key: 'yaml', codes: ['YAML_PARSE_ERROR', 'YAML_DUPLICATE_KEY', 'YAML_TOO_DEEP', 'YAML_ALIAS_LIMIT', 'YAML_ALIAS_CYCLE'], title: (c) => `Fix ${n(c, 'YAML error', 'YAML errors')}`, action: 'Fix the YAML at the line given.', check: null, topic: /yaml/i, scope: 'object' },
  { key: 'patches', codes: ['PATCH_NOT_APPLIED', 'PATCH_NO_TARGET'], title: (c) => `Fix ${n(c, 'patch', 'patches')} that change nothing`, action: 'Correct the patch target or remove the patch.', check: null, topic: /patch/i, scope: 'object' },
  { key: 'duplicates', codes: ['DUPLICATE_OBJECT'], title: (c) => `Remove ${n(c, 'duplicate object', 'duplicate objects')}`, action: 'Keep one definition of the object.', check: null, topic: /duplicate/i, scope: 'object' },
];

export function topicOf(code: FindingCode): ProposalTopic | null {
  return PROPOSAL_TOPICS.find((t) => t.codes.includes(code)) ?? null;
}
