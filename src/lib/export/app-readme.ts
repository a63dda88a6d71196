import { endpointHostsHeading, NOT_APPLIED, type AppFacts } from '../site/app-facts-schema.ts';
import { codeSpan, safeHref } from '../../markdown/escape.ts';
import { at, cell, table, text } from './md.ts';
import { externalKeysText } from './secrets-md.ts';
import { releaseSettingLines } from '../site/release-settings.ts';
import { notDefinedText, pickedText } from '../site/defined-text.ts';
import { deploymentSettingLines } from '../site/deployment-settings.ts';

export interface ReadmeOptions {
  /** Repository web URL for source links (config.repoUrl). */
  repoUrl?: string | null;
  /** Public site URL + base, for a link to the app's page. */
  siteUrl?: string | null;
}

const yesNo = (b: boolean | null) => (b === null ? '–' : b ? 'yes' : 'no');

/**
 * The generated block of an app's README.md: the same facts as its page, as Markdown. Written
 * between the ATLAS markers; the hand-written text around it (purpose, known issues) is the
 * author's and is never touched, so this block does not repeat it.
 */
export function renderAppReadme(f: AppFacts, options: ReadmeOptions = {}): string {
  const r = options.repoUrl ?? null;
  const pageUrl = options.siteUrl ? safeHref(`${options.siteUrl.replace(/\/$/, '')}${f.path}`) : null;
  const out: string[] = [];
  const state = f.state === 'active' ? '' : ` (${f.state})`;
  out.push(`## ${text(f.name)}: facts from the manifests${state}\n`);
  out.push(`Namespace ${codeSpan(f.namespace)}, defined at ${at(f.ref, r)}.` + (pageUrl ? ` [Page on the site](${pageUrl}).` : '') + '\n');
  if (f.purpose.kind === 'description') out.push(`${text(f.purpose.text)}\n`);
  else if (f.purpose.kind === 'fallback') out.push('Nobody has written what this app is for yet: add a few lines above this block.\n');

  if (f.deployment.length) {
    out.push('### Deployment\n');
    out.push(
      table(
        ['Kustomization', 'Path', 'Interval / timeout', 'Wait / prune', 'Target namespace', 'Source', 'Defined at'],
        f.deployment.map((d) => [
          cell(d.name) + (d.disabled ? ` (disabled: ${cell(d.disabled)})` : ''),
          cell(d.path),
          `${cell(d.interval)} / ${cell(d.timeout)}`,
          `${yesNo(d.wait)} / ${yesNo(d.prune)}`,
          cell(d.targetNamespace),
          cell(d.source),
          at(d.ref, r),
        ]),
      ),
    );
    // (Retry interval and decryption where set, as the page lists them: a column each would be empty for most apps.)
    for (const d of f.deployment) {
      const lines = deploymentSettingLines(d);
      if (lines.length) out.push(`\nFlux settings of Kustomization ${cell(d.name)}: ${lines.map(text).join('; ')}.\n`);
    }
  }
  if (f.charts.length || f.images.length) {
    out.push('### Chart and images\n');
    if (f.charts.length) out.push(table(['Release', 'Chart', 'Version', 'Repository', 'Defined at'], f.charts.map((c) => [cell(c.release), cell(c.chart ?? c.chartOf ?? null), c.versionRef && c.version ? `${cell(c.version)} (set at ${at(c.versionRef, r)})` : cell(c.version), cell(c.repository), at(c.ref, r)])));
    // Each release's Flux settings, worded as on the page (release-settings.ts), each line with where it is written.
    for (const c of f.charts) {
      const lines = releaseSettingLines(c);
      if (lines.length) out.push(`\nFlux settings of ${cell(c.release)}:\n\n${lines.map((l) => `- ${text(l.text)}${l.refs.length ? ` (${l.refs.map((x) => at(x, r)).join(', ')})` : ''}`).join('\n')}\n`);
    }
    if (f.images.length) out.push('\n' + table(['Image', 'Tag', 'Digest', 'From'], f.images.map((i) => [cell(i.repository), cell(i.policy ? `${i.tag ?? ''} (ImagePolicy ${i.policy})` : i.tag), cell(i.digest ? i.digest.slice(0, 19) + '…' : null), cell(`${i.origin === 'values' ? 'values ' : ''}${i.path}`)])));
  }
  if (f.dependsOn.length || f.dependedOnBy.length) {
    out.push('### Dependencies\n');
    const off = (d: { notApplied?: true | undefined }) => (d.notApplied ? ` (${NOT_APPLIED})` : '');
    if (f.dependsOn.length) out.push(`Depends on: ${f.dependsOn.map((d) => cell(d.appId ? `${d.appId}${off(d)}` : `${d.namespace ?? ''}/${d.name} (${missingWhere(d)})`)).join(', ')}.\n`);
    // (One entry per dependent Flux object: an app with two of them is still named once.)
    if (f.dependedOnBy.length) out.push(`Needed by: ${[...new Set(f.dependedOnBy.map((d) => `${d.appId ?? d.name}${off(d)}`))].map(cell).join(', ')}.\n`);
  }
  if (f.endpoints.length) {
    out.push('### Endpoints\n');
    out.push(table([endpointHostsHeading(f.endpoints), 'Kind', 'Class / gateway', 'Exposure'], f.endpoints.map((e) => [cell(e.hosts.join(', ')), cell(`${e.kind} ${e.name}${e.definedIn ? ` (written with ${e.definedIn})` : ''}`), cell(e.className), e.notAttached ? cell(`not attached (${e.notAttached})`) : e.exposure])));
  }
  if (f.storage.length) {
    out.push('### Storage and backup\n');
    out.push(
      table(
        ['Claim', 'Size', 'Storage class', 'Backed up by', 'Defined at'],
        f.storage.map((v) => [cell(v.sharedFrom ? `${v.name} (claim of ${v.sharedFrom})` : v.name), cell(v.size), cell(v.storageClass), v.backups.length ? cell(v.backups.map((b) => `${b.system} (${b.detail})`).join('; ')) : v.notNeeded ? cell(`not applicable: ${v.notNeeded}`) : v.backupNotKnown ? cell(`not known: ${v.backupNotKnown}`) : '**not backed up**', at(v.ref, r)]),
      ),
    );
  }
  const s = f.secrets;
  // A Secret the app uses that nothing in the repository makes in its namespace: whoever deploys it must make it first.
  const undefinedUses = s.used.filter((u) => u.defined === false);
  const pickedUses = s.used.filter((u) => u.defined === null && u.pickedBy);
  if (s.sops.length || s.externalSecrets.length || s.clusterExternalSecrets.length || s.pushSecrets.length || s.sealed.length || s.synced.length || s.plain.length || undefinedUses.length || pickedUses.length) {
    out.push('### Secrets\n');
    out.push('Names and keys only; values never leave the repository.\n');
    const rows = [
      ...s.sops.map((x) => ['SOPS', cell(x.objects.map((o) => o.name ?? '?').join(', ')), cell(x.objects.flatMap((o) => o.keys).join(', ')), at(x.ref, r)]),
      ...s.externalSecrets.map((x) => ['ExternalSecret', cell(x.name), cell(externalKeysText(x.keys, x.unnamedKeysFrom)), at(x.ref, r)]),
      ...s.clusterExternalSecrets.map((x) => ['ClusterExternalSecret', cell(`${x.name} (Secret ${x.target})`), cell(externalKeysText(x.keys, x.unnamedKeysFrom)), at(x.ref, r)]),
      ...s.pushSecrets.map((x) => ['PushSecret', cell(`${x.name} (Secret ${x.secret ?? 'of a generator'} → ${x.stores.join(', ') || 'stores a label selector picks'})`), cell(x.keys.join(', ')), at(x.ref, r)]),
      ...s.sealed.map((x) => ['SealedSecret', cell(x.name), cell(x.keys.join(', ')), at(x.ref, r)]),
      ...s.synced.map((x) => [cell(`${x.kind} (${x.operator})`), cell([x.name, ...x.makes.filter((m) => m.name !== x.name).map((m) => `Secret ${m.name}`)].join(', ')), cell(x.makes.flatMap((m) => m.keys).join(', ')), at(x.ref, r)]),
      ...s.plain.map((x) => ['Secret', cell(x.name), cell(x.keys.join(', ')), at(x.ref, r)]),
      ...pickedUses.map((u) => ['Secret', cell(u.name), cell(null), `${cell(pickedText(u.pickedBy ?? []))} (used via ${cell(u.usedBy.join(', '))})`]),
      ...undefinedUses.map((u) => {
        const { text, why } = notDefinedText(u);
        return ['Secret', cell(u.name), cell(null), `**${text}** (used via ${cell(u.usedBy.join(', '))}${why ? `; ${why}` : ''})`];
      }),
    ];
    out.push(table(['Kind', 'Name', 'Keys', 'Defined at'], rows));
  }
  const m = f.monitoring;
  if (m.monitors.length || m.networkPolicies.length) {
    out.push('### Monitoring and network\n');
    if (m.monitors.length) out.push(`Monitors: ${m.monitors.map((x) => cell(`${x.kind} ${x.name}`)).join(', ')}.\n`);
    if (m.networkPolicies.length) out.push(`Network policies: ${m.networkPolicies.map((x) => cell(`${x.kind} ${x.name}`)).join(', ')}.\n`);
  }
  if (f.findings.length) {
    out.push('### Findings\n');
    out.push(table(['Severity', 'Code', 'Message', 'Where'], f.findings.map((x) => [x.severity, cell(x.code), cell(x.message), at(x.ref, r)])));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** Why a dependency has no app: not in the repository at all, or only in other clusters. */
function missingWhere(d: { otherClusters?: readonly string[] | undefined }): string {
  return d.otherClusters?.length ? `not in this cluster; only in ${d.otherClusters.join(', ')}` : 'not in the repository';
}
