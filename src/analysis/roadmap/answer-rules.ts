import { LONGHORN_BACKUP_TASKS } from '../health/longhorn-jobs.ts';
import { BACKUP_SYSTEMS } from '../health/backup-systems.ts';
import { isLive } from '../health/common.ts';
import { appKey, liveApps, someOf, type Evidence, type PlanningFacts } from './planning-facts.ts';

/**
 * Deep-dive questions the repository can answer, as data: each rule is a set of patterns (a
 * question matches when any one of them does), the site view that proves the answer, and the
 * function that words the answer from results other analyses already computed. Rules that can
 * never be answered from files (runtime behaviour, decisions for the owner) are listed too, so the
 * page says why plainly. First matching rule wins: specific rules come before general ones.
 */

export interface Answer {
  text: string;
  /** The numbers the sentence states, by name (tests and exports read them). */
  numbers: Record<string, number>;
  evidence: Evidence[];
}

export interface AnswerRule {
  id: string;
  patterns: readonly RegExp[];
  /** Root-relative site path of the view that proves the answer, and its name. */
  view: { path: string; label: string } | null;
  /** Null answer: the rule knows the question but cannot answer it; `reason` says why. */
  answer: ((f: PlanningFacts) => Answer) | null;
  reason?: string;
}

const RUNTIME = 'This depends on the running cluster (targets, queries, what Grafana shows), which the repository\'s files do not record.';
const DECISION = 'This is a decision for the owner; the repository records what is, not what should be.';

const backupCoverage = (f: PlanningFacts): Answer => {
  const b = f.health.matrices.backup;
  const by = BACKUP_SYSTEMS.map((s) => [s, b.rows.filter((r) => r.coveredBy.includes(s)).length] as const).filter(([, n]) => n > 0);
  // As the backup matrix judges: a volume the app or its operator backs up (Litestream, CloudNativePG)
  // is backed up, one no backup applies to (a share, a cache) is not missing.
  const own = b.rows.filter((r) => r.coveredBy.length === 0 && r.appLevel !== null).length;
  const missing = b.rows.filter((r) => r.coveredBy.length === 0 && r.appLevel === null && r.notApplicable === null && r.unknown === null);
  // (Neither backed up nor missing: the repository does not tell, a Velero schedule's snapshot class made outside it.)
  const unknown = b.rows.filter((r) => r.unknown !== null);
  const multi = b.rows.filter((r) => r.coveredBy.length > 1);
  const parts = [...by.map(([s, n]) => `${s} ${n}`), ...(own > 0 ? [`the app or its operator ${own}`] : [])];
  const bySystem = parts.length ? parts.join(', ') : 'no system';
  return {
    text: `${b.covered} of ${b.rows.length} live volumes are backed up (${bySystem}); ${missing.length} by nothing${missing.length ? ` (${someOf(missing.map((r) => `${r.namespace ?? '-'}/${r.name}`))})` : ''}${unknown.length ? `; for ${unknown.length} it is not known (${someOf(unknown.map((r) => `${r.namespace ?? '-'}/${r.name}`))})` : ''}; ${multi.length} by more than one system.`,
    numbers: { volumes: b.rows.length, covered: b.covered, missing: missing.length, overlapping: multi.length, ...Object.fromEntries(by), ...(own > 0 ? { appOrOperator: own } : {}), ...(unknown.length > 0 ? { notKnown: unknown.length } : {}) },
    evidence: b.rows.map((r) => ({ text: `${r.namespace ?? '-'}/${r.name}: ${r.coveredBy.length ? r.coveredBy.join(', ') : (r.appLevel ?? (r.notApplicable ? `no backup needed (${r.notApplicable})` : r.unknown ? `not known (${r.unknown})` : 'not backed up'))}`, ref: r.ref, app: appKey(f.model, r.appId) })),
  };
};

const backupSystems = (f: PlanningFacts): Answer => {
  const b = f.health.matrices.backup;
  const inUse = BACKUP_SYSTEMS.filter((s) => f.model.backupObjects.some((o) => o.system === s && isLive(o, f.model)) || b.rows.some((r) => r.coveredBy.includes(s)));
  const only = (s: string) => b.rows.filter((r) => r.coveredBy.length === 1 && r.coveredBy[0] === s).length;
  const multi = b.rows.filter((r) => r.coveredBy.length > 1);
  return {
    text: `${inUse.length} backup system${inUse.length === 1 ? '' : 's'} in use (${someOf(inUse.map((s) => `${s}: sole copy of ${only(s)} volume${only(s) === 1 ? '' : 's'}`))}); ${multi.length} volume${multi.length === 1 ? ' is' : 's are'} copied by more than one.`,
    numbers: { systems: inUse.length, overlapping: multi.length },
    evidence: multi.map((r) => ({ text: `${r.namespace ?? '-'}/${r.name}: ${r.coveredBy.join(', ')}`, ref: r.ref })),
  };
};

const longhornRecurring = (f: PlanningFacts): Answer => {
  const jobs = f.model.backupObjects.filter((o) => o.system === 'longhorn' && o.kind === 'RecurringJob');
  const backup = jobs.filter((j) => LONGHORN_BACKUP_TASKS.has(j.task ?? ''));
  const live = backup.filter((j) => isLive(j, f.model));
  const volumes = f.health.matrices.backup.rows.filter((r) => r.coveredBy.includes('longhorn')).length;
  const off = backup.length - live.length;
  return {
    text: live.length
      ? `${live.length} live Longhorn RecurringJob${live.length === 1 ? ' runs' : 's run'} a backup (${someOf(live.map((j) => `${j.name}${j.schedule ? ` at "${j.schedule}"` : ''}`))}), covering ${volumes} volume${volumes === 1 ? '' : 's'}${off ? `; ${off} more are switched off` : ''}. Whether that is intended is the owner's call.`
      : `No live Longhorn RecurringJob runs a backup${off ? ` (${off} switched off)` : ''}; Longhorn backs up ${volumes} volumes.`,
    numbers: { backupJobs: live.length, switchedOff: off, volumes },
    evidence: backup.map((j) => ({ text: `${j.name} (${j.task}${isLive(j, f.model) ? '' : ', switched off'})`, ref: { file: j.source.file, line: j.source.line } })),
  };
};

const docsAbout = (f: PlanningFacts, re: RegExp): { path: string }[] =>
  f.model.files.filter((x) => /\.(md|mdx|markdown)$/i.test(x.path) && re.test(x.path)).map((x) => ({ path: x.path }));

const restoreDocs = (f: PlanningFacts): Answer => {
  const docs = docsAbout(f, /restor|recover|disaster|(^|[/_-])dr([/_.-]|$)|backup/i);
  return {
    text: docs.length
      ? `${docs.length} hand-written document${docs.length === 1 ? '' : 's'} about backups and restores: ${someOf(docs.map((d) => d.path))}. Whether restores are tested is not in the files.`
      : 'No hand-written document about backups, restores or disaster recovery (no Markdown file with restore, recover, disaster or backup in its path). The runbooks page generates restore steps from the manifests.',
    numbers: { documents: docs.length },
    evidence: docs.map((d) => ({ text: d.path, ref: { file: d.path, line: 1 } })),
  };
};

const monitoringCoverage = (f: PlanningFacts): Answer => {
  const m = f.health.matrices.monitoring;
  const ops = m.rows.filter((r) => r.operator);
  const un = ops.filter((r) => !r.monitored);
  return {
    text: `${m.operatorsMonitored} of ${m.operators} infrastructure components have a ServiceMonitor, PodMonitor or PrometheusRule in their own app (or enable one in their values); without one: ${someOf(un.map((r) => r.operator!))}.`,
    numbers: { components: m.operators, monitored: m.operatorsMonitored, unmonitored: un.length },
    evidence: un.map((r) => ({ text: `${r.operator} (${r.appId}): no monitor`, ref: r.ref, app: appKey(f.model, r.appId) })),
  };
};

/**
 * PrometheusRules are counted, not attributed: a rule file for Longhorn may sit in the
 * kube-prometheus-stack folder, and the model keeps rule counts, not what each rule watches.
 */
const alertRules = (f: PlanningFacts): Answer => {
  const rules = f.model.monitors.filter((m) => m.monitorKind === 'PrometheusRule' && isLive(m, f.model));
  const total = rules.reduce((n, r) => n + r.rules, 0);
  const defaults = f.health.matrices.monitoring.rows.filter((r) => r.byDefault);
  const where = (r: (typeof rules)[number]) => `${r.name} (${r.rules} rule${r.rules === 1 ? '' : 's'}${r.appId ? `, in ${r.appId}` : ''})`;
  return {
    text: `${rules.length} PrometheusRule object${rules.length === 1 ? '' : 's'} with ${total} rule${total === 1 ? '' : 's'} in the repository${rules.length ? ` (${someOf(rules.map(where), 4)})` : ''}; ${defaults.length} chart${defaults.length === 1 ? ' monitors itself' : 's monitor themselves'} by default, with the ServiceMonitors (and, for some, the rules) they create${defaults.length ? ` (${someOf(defaults.map((r) => r.operator ?? r.appId))})` : ''}. Which component each rule alerts on is not read, so gaps per component need a look at the rules.`,
    numbers: { prometheusRules: rules.length, rules: total, chartsWithDefaults: defaults.length },
    evidence: rules.map((r) => ({ text: where(r), ref: { file: r.source.file, line: r.source.line }, app: appKey(f.model, r.appId) })),
  };
};

const retention = (f: PlanningFacts): Answer => {
  const rows = f.health.matrices.retention.rows;
  const low = rows.filter((r) => r.ratio !== null && r.ratio < 0.2);
  const over = rows.filter((r) => r.ratio !== null && r.ratio >= 1);
  const describe = (r: (typeof rows)[number]) => `${r.helmRelease}: ${[r.retention && `retention ${r.retention}`, r.retentionSize && `retentionSize ${r.retentionSize}`, r.volumeSize && `volume ${r.volumeSize}`].filter(Boolean).join(', ')}${r.ratio !== null ? ` (${Math.round(r.ratio * 100)}% of the volume)` : ''}`;
  return {
    text: rows.length
      ? `${rows.length} retention setting${rows.length === 1 ? '' : 's'} read: ${someOf(rows.map(describe), 3)}. ${low.length} use${low.length === 1 ? 's' : ''} under a fifth of the volume, ${over.length} reach${over.length === 1 ? 'es' : ''} or exceed${over.length === 1 ? 's' : ''} it.`
      : 'No Prometheus, Loki or VictoriaMetrics retention setting found in the HelmRelease values.',
    numbers: { settings: rows.length, underused: low.length, exceeding: over.length },
    evidence: rows.map((r) => ({ text: describe(r), ref: r.ref, app: appKey(f.model, r.appId) })),
  };
};

const dashboardsMissing = (f: PlanningFacts): Answer => {
  const d = f.health.matrices.dashboards;
  const have = d.components.length - d.withoutDashboards.length;
  return {
    text: `${d.dashboards.length} Grafana dashboard${d.dashboards.length === 1 ? '' : 's'} found; ${have} of ${d.components.length} infrastructure components have one; without: ${someOf(d.components.filter((c) => c.dashboards.length === 0).map((c) => c.key))}.`,
    numbers: { dashboards: d.dashboards.length, components: d.components.length, withDashboard: have, without: d.withoutDashboards.length },
    evidence: d.components.filter((c) => c.dashboards.length === 0).map((c) => ({ text: `${c.key}: no dashboard`, app: appKey(f.model, c.appId) })),
  };
};

const dashboardsFound = (f: PlanningFacts): Answer => {
  const d = f.health.matrices.dashboards.dashboards;
  return {
    text: `${d.length} Grafana dashboard${d.length === 1 ? '' : 's'} found in the repository: ${someOf(d.map((x) => x.name))}.`,
    numbers: { dashboards: d.length },
    evidence: d.map((x) => ({ text: `${x.name} (${x.kind})`, ref: x.ref })),
  };
};

const policyModes = (f: PlanningFacts): Answer => {
  const p = f.health.matrices.policy;
  // (A generate- or mutate-only policy has no mode to count.)
  const unset = p.policies.filter((x) => x.validates && x.action === null).length;
  return {
    text: `${p.policies.length} Kyverno polic${p.policies.length === 1 ? 'y' : 'ies'}: ${p.enforce} enforce, ${p.audit} audit${unset > 0 ? ` (${unset} of them without a mode: Kyverno's default is Audit)` : ''}.`,
    numbers: { policies: p.policies.length, enforce: p.enforce, audit: p.audit },
    evidence: p.policies.map((x) => ({ text: `${x.name}: ${x.validates ? (x.action ?? 'no mode (Audit)') : 'validates nothing'}`, ref: x.ref })),
  };
};

const policyExceptions = (f: PlanningFacts): Answer => {
  const p = f.health.matrices.policy;
  const excluded = [...new Set(p.policies.flatMap((x) => x.excludedNamespaces))].sort();
  return {
    text: `${p.exceptions.length} PolicyException${p.exceptions.length === 1 ? '' : 's'} today; rules exclude ${excluded.length} namespace${excluded.length === 1 ? '' : 's'}${excluded.length ? ` (${someOf(excluded)})` : ''}.`,
    numbers: { exceptions: p.exceptions.length, excludedNamespaces: excluded.length },
    evidence: [...p.exceptions.map((e) => ({ text: `${e.id} waives ${e.policies.join(', ')}`, ref: e.ref })), ...p.policies.filter((x) => x.excludedNamespaces.length).map((x) => ({ text: `${x.name} excludes ${x.excludedNamespaces.join(', ')}`, ref: x.ref }))],
  };
};

/**
 * ExternalSecrets Flux applies: the objects the builds make (a component's in each namespace), as
 * the H-3.1 check counts them, not those of an app switched off or a folder no build reaches
 * (`notDeployed`). The answers counted the summary's documents, those included ("18 of 19 keep the
 * default" where 14 are deployed).
 */
function deployedExternalSecrets(f: PlanningFacts): { rows: PlanningFacts['secrets']['externalSecrets']; apart: number } {
  const rows = f.secrets.externalSecrets.filter((e) => !e.disabled && !e.notDeployed);
  return { rows, apart: f.secrets.externalSecrets.filter((e) => !e.disabled && e.notDeployed).length };
}

const notDeployedClause = (n: number): string => (n === 0 ? '' : ` (${n} more in the repository that Flux does not apply, not counted)`);

const secretsByStore = (f: PlanningFacts): Answer => {
  const s = f.secrets;
  const { rows: live, apart } = deployedExternalSecrets(f);
  const byStore = new Map<string, number>();
  // One that reads several stores (named per entry) counts under each.
  for (const e of live) {
    const keys = e.stores.map((st) => {
      const store = s.secretStores.find((x) => x.name === st.name);
      return `${st.name}${store?.provider ? ` (${store.provider})` : ''}`;
    });
    for (const key of keys.length > 0 ? keys : ['no store']) byStore.set(key, (byStore.get(key) ?? 0) + 1);
  }
  const stores = [...byStore].sort(([a], [b]) => a.localeCompare(b));
  const plain = s.plainSecrets.filter((p) => !p.disabled);
  return {
    text: `${live.length} ExternalSecret${live.length === 1 ? '' : 's'} (${stores.map(([k, n]) => `${n} via ${k}`).join(', ') || 'none'})${notDeployedClause(apart)}, ${s.summary.sopsFiles} SOPS-encrypted file${s.summary.sopsFiles === 1 ? '' : 's'} and ${plain.length} unencrypted Secret${plain.length === 1 ? '' : 's'} (${plain.filter((p) => p.status === 'real').length} with literal values).`,
    numbers: { externalSecrets: live.length, sopsFiles: s.summary.sopsFiles, plainSecrets: plain.length },
    evidence: plain.map((p) => ({ text: `Secret ${p.namespace ?? '-'}/${p.name}: ${p.status}`, ref: { file: p.source.file, line: p.source.line } })),
  };
};

const rotation = (f: PlanningFacts): Answer => {
  const rows = f.secrets.rotation.filter((r) => r.since);
  const oldest = rows[0];
  const es = deployedExternalSecrets(f);
  const without = es.rows.filter((e) => !e.refreshIntervalSet).length;
  const refresh = `${without} of ${es.rows.length} ExternalSecrets keep the default refresh interval${notDeployedClause(es.apart)}.`;
  return {
    text: rows.length
      ? `${rows.length} SOPS file${rows.length === 1 ? '' : 's'} with a date; the oldest was last encrypted ${oldest!.since!.slice(0, 10)} (${oldest!.file}). ${refresh} No rotation schedule is recorded in the manifests.`
      : `No SOPS file carries a date; ${refresh}`,
    numbers: { sopsFilesDated: rows.length, withoutRefreshInterval: without },
    evidence: rows.slice(0, 10).map((r) => ({ text: `${r.file}: ${r.since!.slice(0, 10)}`, ref: { file: r.file, line: 1 } })),
  };
};

const hardcoded = (f: PlanningFacts): Answer => {
  const h = f.secrets.hardcodedCredentials;
  const real = f.secrets.plainSecrets.filter((p) => !p.disabled && p.status === 'real');
  return {
    text: `${h.length} hard-coded credential${h.length === 1 ? '' : 's'} in manifests or Helm values${h.length ? ` (${someOf(h.map((x) => `${x.source.file}:${x.source.line}`), 3)})` : ''}; ${real.length} unencrypted Secret${real.length === 1 ? '' : 's'} with literal values.`,
    numbers: { hardcoded: h.length, plainWithValues: real.length },
    evidence: [...h.map((x) => ({ text: `${x.path}${x.name ? ` in ${x.kind ?? ''} ${x.name}` : ''}`, ref: { file: x.source.file, line: x.source.line } })), ...real.map((p) => ({ text: `Secret ${p.name}`, ref: { file: p.source.file, line: p.source.line } }))],
  };
};

const readmes = (f: PlanningFacts): Answer => {
  const apps = liveApps(f.model);
  const without = apps.filter((a) => a.readme === null);
  return {
    text: `${apps.length - without.length} of ${apps.length} live apps have a README.md; ${without.length} have none (${someOf(without.map((a) => `${a.namespace}/${a.name}`))}).`,
    numbers: { apps: apps.length, withReadme: apps.length - without.length, without: without.length },
    evidence: without.map((a) => ({ text: `${a.namespace}/${a.name}`, app: { id: a.id, name: a.name, namespace: a.namespace, cluster: a.cluster } })),
  };
};

const inFolders = (path: string, folders: readonly string[]) => folders.some((d) => path.startsWith(`${d.replace(/\/+$/, '')}/`));

const runbooks = (f: PlanningFacts): Answer => {
  const hand = f.model.files.filter((x) => /\.(md|mdx)$/i.test(x.path) && inFolders(x.path, f.runbookFolders));
  return {
    text: `${hand.length} hand-written runbook${hand.length === 1 ? '' : 's'} in ${someOf([...f.runbookFolders])}${hand.length ? ` (${someOf(hand.map((x) => x.path.split('/').pop()!))})` : ''}; the runbooks page adds generated restore, rotation and upgrade steps for each app.`,
    numbers: { handWritten: hand.length },
    evidence: hand.map((x) => ({ text: x.path, ref: { file: x.path, line: 1 } })),
  };
};

const onboarding = (f: PlanningFacts): Answer => {
  const docs = docsAbout(f, /(^|\/)(contributing|onboarding|getting[-_ ]started|setup|bootstrap)[^/]*$/i);
  return {
    text: docs.length ? `${docs.length} document${docs.length === 1 ? '' : 's'} for newcomers: ${someOf(docs.map((d) => d.path))}.` : '0 documents for newcomers: no CONTRIBUTING, onboarding, getting-started, setup or bootstrap document in the repository.',
    numbers: { documents: docs.length },
    evidence: docs.map((d) => ({ text: d.path, ref: { file: d.path, line: 1 } })),
  };
};

const view = (path: string, label: string) => ({ path, label });

export const ANSWER_RULES: readonly AnswerRule[] = [
  // Backups
  { id: 'backup-coverage', patterns: [/\bwhich (pvcs?|volumes?|data)\b.*\bback(ed)? ?up\b/i, /\bbackup coverage\b/i, /\bback(ed)? ?up by which\b/i], view: view('/health/backup/', 'backup matrix'), answer: backupCoverage },
  { id: 'backup-primary', patterns: [/\bwhich (backup )?system should be primary\b/i, /\bprimary (backup|system)\b/i], view: view('/health/backup/', 'backup matrix'), answer: null, reason: DECISION },
  { id: 'backup-systems', patterns: [/\bbackup systems?\b.*\b(necessary|redundant|needed|overlap)/i, /\bhow many backup systems\b/i], view: view('/health/backup/', 'backup matrix'), answer: backupSystems },
  { id: 'longhorn-recurring', patterns: [/\blonghorn\b.*\brecurring\b/i, /\brecurring\b.*\blonghorn\b/i], view: view('/health/backup/', 'backup matrix'), answer: longhornRecurring },
  { id: 'restore-docs', patterns: [/\b(restore|recovery|disaster)\b.*\bdocumented\b/i, /\bdocumented\b.*\b(restore|recovery|disaster)\b/i, /\bdisaster recovery\b/i], view: view('/runbooks/', 'runbooks'), answer: restoreDocs },
  // Monitoring
  { id: 'scrape-intervals', patterns: [/\bscrape intervals?\b/i, /\bunused or redundant scrape\b/i, /\bscrape ?configs?\b/i, /\brecording rules?\b/i], view: null, answer: null, reason: RUNTIME },
  { id: 'alert-rules', patterns: [/\bprometheusrules?\b/i, /\balert(ing)? rules\b/i, /\bmissing alerts?\b/i], view: view('/health/monitoring/', 'monitoring and alerting coverage'), answer: alertRules },
  { id: 'monitoring-coverage', patterns: [/\bmetrics\b.*\bscraped\b/i, /\bservicemonitors?\b/i, /\bmonitor(ing)? coverage\b/i], view: view('/health/monitoring/', 'monitoring and alerting coverage'), answer: monitoringCoverage },
  { id: 'retention', patterns: [/\bretention\b/i], view: view('/health/retention/', 'retention against volumes'), answer: retention },
  // Dashboards
  { id: 'dashboards-runtime', patterns: [/\bdashboards?\b.*\b(datasources?|provisioning|useful|working)\b/i], view: view('/health/dashboards/', 'Grafana dashboards found'), answer: null, reason: RUNTIME },
  { id: 'dashboards-import', patterns: [/\bimport\b.*\bdashboards?\b/i], view: view('/health/dashboards/', 'Grafana dashboards found'), answer: null, reason: DECISION },
  { id: 'dashboards-missing', patterns: [/\bmissing dashboards?\b/i, /\bdashboards? for\b/i], view: view('/health/dashboards/', 'Grafana dashboards found'), answer: dashboardsMissing },
  { id: 'dashboards-found', patterns: [/\b(which|what|existing) dashboards?\b/i], view: view('/health/dashboards/', 'Grafana dashboards found'), answer: dashboardsFound },
  // Policies
  { id: 'policy-modes', patterns: [/\bpolic(y|ies)\b.*\beffective\b/i, /\baudit\b.*\benforce\b/i, /\benforce\b.*\baudit\b/i], view: view('/health/policy/', 'Kyverno coverage'), answer: policyModes },
  { id: 'policy-exceptions', patterns: [/\bpolicy exceptions?\b/i, /\bexceptions?\b.*\bpolic/i], view: view('/health/policy/', 'Kyverno coverage'), answer: policyExceptions },
  { id: 'policy-choice', patterns: [/\bpod security standards?\b/i, /\badditional policies\b/i, /\broll ?out\b.*\bpolic/i], view: view('/health/policy/', 'Kyverno coverage'), answer: null, reason: DECISION },
  // Secrets
  { id: 'hardcoded', patterns: [/\bhard-?coded (secrets?|credentials?|passwords?)\b/i], view: view('/secrets/', 'secrets inventory'), answer: hardcoded },
  { id: 'secrets-rotation', patterns: [/\brotation\b/i, /\brotat(e|ing) secrets?\b/i], view: view('/secrets/', 'secrets inventory'), answer: rotation },
  { id: 'secrets-choice', patterns: [/\bwhich secrets should\b/i, /\bautomate migration\b/i, /\bcli access\b/i], view: view('/secrets/', 'secrets inventory'), answer: null, reason: DECISION },
  { id: 'secrets-by-store', patterns: [/\b(all|which) secrets\b.*\b(1password|vault|sops|externalsecrets?|store)\b/i, /\bmix of sops\b/i, /\bsecrets? (inventory|distribution)\b/i], view: view('/secrets/', 'secrets inventory by store'), answer: secretsByStore },
  // Documentation
  { id: 'readmes', patterns: [/\breadmes?\b/i, /\bapps? (need|without) (dedicated )?(docs|documentation)\b/i], view: view('/apps/', 'apps'), answer: readmes },
  { id: 'runbooks', patterns: [/\brunbooks?\b/i], view: view('/runbooks/', 'runbooks'), answer: runbooks },
  { id: 'onboarding', patterns: [/\bonboarding\b/i, /\bnew contributors?\b/i], view: view('/docs/', 'documents'), answer: onboarding },
  { id: 'doc-quality', patterns: [/\b(complete|up.to.date)\b.*\.md\b/i, /\.md\b.*\b(complete|up.to.date)\b/i], view: view('/docs/', 'documents'), answer: null, reason: 'Whether a document is complete and current needs a person who reads it; the files only say that it exists.' },
];
