import type { FluxKustomization } from '../../../model/flux.ts';
import { bodyLines } from './mentions.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * L-1.1: every Flux Kustomization Flux applies has the `timeout` the item's standard gives it. The
 * standard is read from the item's bullets, `- **Label** (name, name): 15m`: names in parentheses
 * pick Kustomizations by whole name (the Kustomization's, its app's, or a HelmRelease's or chart's it
 * deploys: `prometheus` is not `prometheus-blackbox-exporter`), label words (`Network/Ingress`) pick
 * them by namespace or a whole word of their name, and the rule labelled "standard" or "default"
 * (else the last one) covers everything else. A scope the item gives by file name (`All \`ks.yaml\`
 * files`) is kept: a Kustomization written in another file (the cluster's own flux/config files) is
 * not measured.
 */
interface TimeoutRule {
  label: string;
  names: string[];
  value: string;
  line: number;
}

function timeoutRules(item: Parameters<NamedCheck['run']>[0]['item']): TimeoutRule[] {
  const rules: TimeoutRule[] = [];
  for (const { text, line } of bodyLines(item)) {
    const m = /^\s*[-*+]\s+\*\*([^*]{1,60})\*\*\s*(?:\(([^)]{0,200})\))?\s*:\s*(\d+(?:\.\d+)?[smh])\b/.exec(text.slice(0, 400));
    if (!m) continue;
    const names = (m[2] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => /^[a-z0-9][a-z0-9-]*$/.test(s));
    rules.push({ label: m[1]!.trim(), names, value: m[3]!, line });
  }
  return rules;
}

/** Duration in seconds (`5m`, `300s`, `1h30m`); null when unreadable. */
function seconds(d: string | null): number | null {
  if (d === null) return null;
  const parts = [...d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== d.trim()) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 } as Record<string, number>)[p[2]!]!, 0);
}

function ruleFor(k: FluxKustomization, rules: readonly TimeoutRule[], releases: readonly string[]): TimeoutRule | null {
  const name = k.name.toLowerCase();
  const app = (k.appId ?? '').toLowerCase().split('/').pop()!;
  // By its name, its app's, or a release it deploys (`infra-controllers` deploys cert-manager), each
  // as a whole name: a substring picked `prometheus-pushgateway` for the rule that names `prometheus`.
  const byName = rules.find((r) => r.names.some((n) => name === n || app === n || releases.includes(n)));
  if (byName) return byName;
  const nameWords = name.split(/[^a-z0-9]+/);
  const byWord = rules.find((r) => {
    if (r.names.length > 0 || /standard|default/i.test(r.label)) return false;
    const words = r.label.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !['simple', 'apps', 'deployments'].includes(w));
    // A Flux Kustomization usually lives in flux-system; the namespace it deploys to is its target.
    return words.some((w) => (k.targetNamespace ?? k.namespace) === w || nameWords.includes(w));
  });
  if (byWord) return byWord;
  return rules.find((r) => /standard|default/i.test(r.label)) ?? rules[rules.length - 1] ?? null;
}

export const timeoutStandard: NamedCheck = {
  name: 'timeout-standard',
  aliases: ['kustomization-timeouts'],
  description: "Flux Kustomizations whose timeout follows the item's standard.",
  topic: /timeout/i,
  seedIds: ['L-1.1'],
  run({ item, model }) {
    const rules = timeoutRules(item);
    const applied = model.kustomizations.filter((k) => !k.disabled && !k.madeInCluster);
    const shortfalls: Shortfall[] = [];
    if (rules.length === 0) return outcome(0, 0, [], ['The item states no timeout standard (`- **Label**: 5m`).']);
    // A scope the item gives by file name (`All \`ks.yaml\` files`): the Kustomizations written in such
    // files. None of this repository's files has that name: a roadmap written for another layout, not measured.
    const scope = bodyLines(item).map(({ text }) => /\ball\s+`([^`/]{1,80})`\s+files\b/i.exec(text)?.[1]).find((s) => s !== undefined);
    const inScope = (file: string): boolean => scope === undefined || file === scope || file.endsWith(`/${scope}`);
    if (scope && !model.files.some((f) => inScope(f.path))) {
      return outcome(0, 0, [], [`The item's scope, all \`${scope}\` files, matches no file of this repository: not measured.`]);
    }
    const live = applied.filter((k) => inScope(k.source.file));
    const outside = [...new Set(applied.filter((k) => !inScope(k.source.file)).map((k) => k.source.file))].sort();
    const more = outside.length > 6 ? ` and ${outside.length - 6} more files` : '';
    const scopeNote = outside.length > 0 ? [`Outside the item's scope (all \`${scope}\` files), not measured: the Kustomizations in ${outside.slice(0, 6).join(', ')}${more}.`] : [];
    const releasesOf = new Map<string, string[]>();
    for (const h of model.helmReleases) if (!h.disabled && h.owner) (releasesOf.get(h.owner) ?? releasesOf.set(h.owner, []).get(h.owner)!).push(h.name.toLowerCase(), (h.chart.name ?? '').toLowerCase());
    let done = 0;
    for (const k of live) {
      const rule = ruleFor(k, rules, releasesOf.get(k.id) ?? [])!;
      if (k.timeout !== null && seconds(k.timeout) === seconds(rule.value)) {
        done++;
        continue;
      }
      const has = k.timeout === null ? 'no timeout' : `timeout ${k.timeout}`;
      shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} has ${has}; the standard for ${rule.label} is ${rule.value}.`, source: k.source });
    }
    return outcome(done, live.length, shortfalls, [...rules.map((r) => `${r.label}: ${r.value}`), ...scopeNote]);
  },
};
