/**
 * A HelmRelease's Flux settings as an owner reads them: one short line a concern (suspended, what an
 * install or upgrade does on failure, CRDs, tests, drift detection, history), each with the places
 * it is written. The app page and the README export both render these lines, so they say the same.
 *
 * Worded after helm-controller's API (api/v2 helmrelease_types.go), saying only what is written or
 * what a documented default makes certain: install remediation retries default to 0 and uninstall
 * between attempts; upgrade remediation rolls back unless its strategy says uninstall; a negative
 * retries means unlimited; remediateLastFailure defaults to false for an install, and for an upgrade
 * to whether retries is above 0; upgrade.crds defaults to Skip. Anything else is shown as written.
 * https://fluxcd.io/flux/components/helm/helmreleases/#configuring-failure-handling
 */
import type { ReleaseSettingFact } from './app-facts-schema.ts';

export interface SettingLine {
  text: string;
  /** Where the settings the line says are written: one line a file, the first. */
  refs: { file: string; line: number }[];
}

/** Wording for a boolean written `true` under an action; `false` (the default of each) is shown as written. */
const WHEN_TRUE: Readonly<Record<string, string>> = {
  disableWait: 'no wait for its resources',
  disableWaitForJobs: 'no wait for its jobs',
  disableHooks: 'hooks not run',
  disableOpenAPIValidation: 'no OpenAPI validation',
  disableSchemaValidation: 'no schema validation',
  force: 'forced (resources replaced)',
  cleanupOnFail: 'new resources deleted when it fails',
  preserveValues: "the last release's values reused",
  createNamespace: 'creates the target namespace',
  replace: "reuses a deleted release's name",
  recreate: 'pods restarted',
  keepHistory: 'history kept',
};

const ACTIONS = ['install', 'upgrade', 'rollback', 'uninstall'] as const;

/** A wording by key, of the map's own keys only: a key from the repository (`constructor`) is no wording. */
const wording = (map: Readonly<Record<string, string>>, key: string): string | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/**
 * The lines of one release (a chart of the app's facts), in a fixed order: suspended, install,
 * upgrade, rollback, uninstall, test, drift detection, history, service account, storage namespace,
 * then anything no wording fits. Empty where nothing is written.
 */
export function releaseSettingLines(c: { suspend: boolean; settings: readonly ReleaseSettingFact[] }): SettingLine[] {
  const byPath = new Map(c.settings.map((s) => [s.path, s]));
  const said = new Set<string>();
  /** The setting at `path`, counted as said. */
  const take = (path: string): ReleaseSettingFact | undefined => {
    const s = byPath.get(path);
    if (s) said.add(path);
    return s;
  };
  const lines: SettingLine[] = [];
  const add = (text: string, used: readonly (ReleaseSettingFact | undefined)[]) => lines.push({ text, refs: refsOf(used) });

  const suspend = take('suspend');
  if (c.suspend || suspend?.value === true) add('suspended: helm-controller does not reconcile it', [suspend]);
  else if (suspend && suspend.value !== false) add(`suspend: ${suspend.value}`, [suspend]);

  for (const action of ACTIONS) {
    const parts: string[] = [];
    const used: (ReleaseSettingFact | undefined)[] = [];
    if (action === 'install' || action === 'upgrade') {
      for (const phrase of [onFailure(action, take), crdsOf(action, take, byPath)]) {
        if (!phrase) continue;
        parts.push(phrase.text);
        for (const s of phrase.used) used.push(s);
      }
    }
    for (const s of c.settings) {
      if (said.has(s.path) || !s.path.startsWith(`${action}.`)) continue;
      said.add(s.path);
      used.push(s);
      const key = s.path.slice(action.length + 1);
      const phrase = s.value === true ? wording(WHEN_TRUE, key) : undefined;
      parts.push(key === 'timeout' ? `timeout ${s.value}` : (phrase ?? asWritten(s, action)));
    }
    if (parts.length > 0) add(`${action}: ${parts.join('; ')}`, used);
  }

  const enable = take('test.enable');
  const testParts = enable?.value === true ? ['Helm tests run after install and upgrade'] : enable ? [asWritten(enable, 'test')] : [];
  const testUsed: (ReleaseSettingFact | undefined)[] = [enable];
  for (const s of c.settings) {
    if (said.has(s.path) || !s.path.startsWith('test.')) continue;
    said.add(s.path);
    testUsed.push(s);
    testParts.push(s.path === 'test.ignoreFailures' && s.value === true ? 'failed tests not remediated' : s.path === 'test.filters' && s.list ? plural(Number(s.value), 'filter') : asWritten(s, 'test'));
  }
  if (testParts.length > 0) add(`test: ${testParts.join('; ')}`, testUsed);

  const mode = take('driftDetection.mode');
  const ignore = take('driftDetection.ignore');
  if (mode || ignore) {
    const how = mode === undefined ? 'disabled (the default)' : (wording(DRIFT, String(mode.value)) ?? String(mode.value));
    add(`drift detection: ${how}${ignore ? `; ${ignore.list ? plural(Number(ignore.value), 'ignore rule') : `ignore: ${ignore.value}`}` : ''}`, [mode, ignore]);
  }

  const history = take('maxHistory');
  if (history) add(history.value === 0 ? 'keeps every release revision (maxHistory: 0)' : typeof history.value === 'number' && history.value > 0 ? `keeps ${plural(history.value, 'release revision')}` : `maxHistory: ${history.value}`, [history]);
  const account = take('serviceAccountName');
  if (account) add(`acts as service account ${account.value}`, [account]);
  const storage = take('storageNamespace');
  if (storage) add(`Helm keeps its release records in namespace ${storage.value}`, [storage]);

  // Whatever no wording above fits (persistentClient, a field this version does not know), as written.
  for (const s of c.settings) if (!said.has(s.path)) add(asWritten(s, null), [s]);
  return lines;
}

const DRIFT: Readonly<Record<string, string>> = {
  enabled: 'enabled, changes made in the cluster are corrected',
  warn: 'warn, changes made in the cluster are reported, not corrected',
  disabled: 'disabled',
};

/**
 * What helm-controller does when the action fails. RetryOnFailure (spec.<action>.strategy.name, Flux
 * 2.7) retries at its retryInterval with no limit and does not read the remediation settings;
 * otherwise (RemediateOnFailure, the default) those say how often it retries and what it does between
 * attempts and after the last.
 */
function onFailure(action: 'install' | 'upgrade', take: (path: string) => ReleaseSettingFact | undefined): { text: string; used: (ReleaseSettingFact | undefined)[] } | null {
  const strategy = take(`${action}.strategy.name`);
  const interval = take(`${action}.strategy.retryInterval`);
  const retries = take(`${action}.remediation.retries`);
  const last = take(`${action}.remediation.remediateLastFailure`);
  const how = action === 'upgrade' ? take('upgrade.remediation.strategy') : undefined;
  const remediation = [retries, last, how].filter((s) => s !== undefined);
  if (strategy?.value === 'RetryOnFailure') {
    const text = `on failure, retried${interval ? ` every ${interval.value}` : ''} with no limit (RetryOnFailure${remediation.length > 0 ? '; its remediation settings are not used' : ''})`;
    return { text, used: [strategy, interval, ...remediation] };
  }
  if (strategy === undefined && remediation.length === 0) {
    // A retryInterval without RetryOnFailure is not used; said as written.
    return interval ? { text: `strategy.retryInterval: ${interval.value}`, used: [interval] } : null;
  }
  const prefix = strategy && strategy.value !== 'RemediateOnFailure' ? `strategy ${strategy.value}, ` : '';
  const used = [strategy, interval, ...remediation];
  if (retries !== undefined && typeof retries.value !== 'number') return { text: `${prefix}remediation.retries: ${retries.value}${last ? `, remediateLastFailure: ${last.value}` : ''}${how ? `, remediation.strategy: ${how.value}` : ''}`, used };
  const n = typeof retries?.value === 'number' ? retries.value : 0;
  // An install is always remediated by an uninstall; an upgrade by its strategy, rollback by default.
  const remedy = action === 'install' ? 'uninstall' : how ? String(how.value) : 'rollback';
  const lastToo = typeof last?.value === 'boolean' ? last.value : last ? null : action === 'upgrade' && n > 0;
  const lastText = lastToo === null ? ` (remediateLastFailure: ${last!.value})` : '';
  if (n < 0) return { text: `${prefix}unlimited retries, ${remedy} between attempts${lastText}`, used };
  if (n === 0) return { text: `${prefix}no retries${lastToo ? `, ${remedy} after the failure` : how ? ` (remediation strategy ${how.value})` : ''}${lastText}`, used };
  return { text: `${prefix}${plural(n, 'retry', 'retries')}, ${remedy} ${lastToo ? 'after each failure' : 'between attempts'}${lastText}`, used };
}

/**
 * The CRD policy of the action as written. One that creates CRDs on install says that upgrades leave
 * them alone where upgrade.crds is not written: its documented default is Skip, which an owner setting
 * install.crds may not expect. (The deprecated skipCRDs is shown as written: older helm-controllers
 * read it where crds is unset; the install action of those serving v2beta2 and v2 reads crds alone.)
 */
function crdsOf(action: 'install' | 'upgrade', take: (path: string) => ReleaseSettingFact | undefined, byPath: ReadonlyMap<string, ReleaseSettingFact>): { text: string; used: (ReleaseSettingFact | undefined)[] } | null {
  const crds = take(`${action}.crds`);
  if (!crds) return null;
  const upgradeUnset = action === 'install' && crds.value !== 'Skip' && !byPath.has('upgrade.crds');
  return { text: `CRDs ${crds.value}${upgradeUnset ? ' (on upgrade: Skip, the default)' : ''}`, used: [crds] };
}

/** `key: value` under its group (`remediation.ignoreTestFailures: true`), a list as its number of entries. */
function asWritten(s: ReleaseSettingFact, group: string | null): string {
  const key = group ? s.path.slice(group.length + 1) : s.path;
  return s.list ? `${key}: ${plural(Number(s.value), 'entry', 'entries')}` : `${key}: ${s.value}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One place a file: the first line of that file the line's settings are written at (the top of the
 * release's `upgrade:` block), so a line that says five settings of one block cites it once.
 */
function refsOf(used: readonly (ReleaseSettingFact | undefined)[]): SettingLine['refs'] {
  const byFile = new Map<string, number>();
  for (const s of used) if (s) byFile.set(s.ref.file, Math.min(byFile.get(s.ref.file) ?? s.ref.line, s.ref.line));
  return [...byFile].map(([file, line]) => ({ file, line }));
}
