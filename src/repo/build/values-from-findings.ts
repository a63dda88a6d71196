/**
 * Findings about what a HelmRelease's valuesFrom and a generator's env file give the cluster, where
 * kustomize does not do what the file seems to say. Split from model.ts.
 * - VALUES_FROM_HASHED: a generator adds a hash to the name the release asks for;
 * - VALUES_FROM_RENAMED: a namePrefix or nameSuffix renames it;
 * - GENERATOR_ENV_VALUE: an env file's inline comment or quotes stay in the value.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { Source } from '../../model/source.ts';
import { arr, bool, obj, str } from '../../model/values.ts';
import type { EnvValueNote } from '../generator-inputs.ts';
import { ksName, metaName, type WorkDoc } from './work-doc.ts';

/** A valuesFrom entry the release cannot find by its name, and why (values-lookup.ts). */
export interface ValuesFromMiss {
  from: WorkDoc;
  kind: string;
  name: string;
  hashed?: { file: string; line: number };
  renamed?: { name: string; file: string; line: number };
}

const RENAME_HINT = "add a `configurations:` file with a nameReference for spec/valuesFrom/name of HelmRelease";

/**
 * One finding per miss of a release Flux applies, at its valuesFrom entry; none for an optional entry.
 * `releases`: every copy of the HelmReleases the builds made. Where a release's file is built by several
 * Flux Kustomizations and only some of them miss the object (one overlay of a base renames the
 * reference, its sibling does not), the finding names those builds: the entry is shared, the fault is theirs.
 */
export function valuesFromFindings(misses: readonly ValuesFromMiss[], releases: readonly WorkDoc[] = []): Finding[] {
  const out: Finding[] = [];
  const buildsOf = new Map<WorkDoc, Set<string>>();
  for (const r of releases) {
    if (r.raw.disabled || !r.owners.some((o) => o.reached || o.isRoot)) continue;
    const original = r.instanceOf ?? r;
    for (const o of r.owners) (buildsOf.get(original) ?? buildsOf.set(original, new Set()).get(original)!).add(ksName(o));
  }
  const missedIn = new Map<string, Set<string>>();
  const live = misses.filter(({ from }) => !from.raw.disabled && from.owners.some((o) => o.reached || o.isRoot) && from.blockedBy === undefined);
  const keyOf = (m: ValuesFromMiss) => `${m.from.file}\u0000${m.from.raw.source.line}\u0000${m.kind}\u0000${m.name}\u0000${m.hashed ? 'h' : ''}${m.renamed?.name ?? ''}`;
  for (const m of live) for (const o of m.from.owners) (missedIn.get(keyOf(m)) ?? missedIn.set(keyOf(m), new Set()).get(keyOf(m))!).add(ksName(o));
  for (const m of live) {
    const { from, kind, name, hashed, renamed } = m;
    const at = entryOf(from, kind, name);
    if (at === null) continue;
    const missed = [...(missedIn.get(keyOf(m)) ?? [])].sort();
    const all = buildsOf.get(from.instanceOf ?? from);
    const some = all !== undefined && [...all].some((b) => !missed.includes(b)) ? ` in the build${missed.length > 1 ? 's' : ''} of Kustomization${missed.length > 1 ? 's' : ''} ${missed.join(', ')}` : '';
    const release = `HelmRelease ${metaName(from) ?? '?'}${some} takes values from ${kind} "${name}"`;
    const unseen = `kustomize renames references to it only in Kubernetes' own fields, not in a HelmRelease's valuesFrom, so helm-controller finds no ${kind} "${name}"`;
    if (hashed) {
      const generator = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
      out.push(finding('VALUES_FROM_HASHED', 'warning', `${release}, which the ${generator} in ${hashed.file}:${hashed.line} makes with a hash after its name (${name}-<hash>); ${unseen}. Set \`disableNameSuffixHash: true\` on the generator, or ${RENAME_HINT}.`, at, { area: 'flux' }));
    }
    if (renamed) {
      out.push(finding('VALUES_FROM_RENAMED', 'warning', `${release}, which kustomize renames to "${renamed.name}" (a namePrefix or nameSuffix; written at ${renamed.file}:${renamed.line}); ${unseen}. Name "${renamed.name}" in valuesFrom, or ${RENAME_HINT}.`, at, { area: 'flux' }));
    }
  }
  return out;
}

/** Where the release's (not optional) valuesFrom entry for this object is written; null when there is none. */
function entryOf(from: WorkDoc, kind: string, name: string): Source | null {
  const entries = arr(obj(from.body.spec).valuesFrom);
  const i = entries.findIndex((v) => str(obj(v).name) === name && (str(obj(v).kind) ?? 'ConfigMap') === kind);
  if (i < 0 || bool(obj(entries[i]).optional) === true) return null;
  const line = from.raw.lines[`spec.valuesFrom.${i}`];
  return line ? { ...from.raw.source, line } : from.raw.source;
}

/**
 * GENERATOR_ENV_VALUE for each note of an env file a build Flux runs reads (`built`: the kustomization
 * files Flux builds; null where the repository has no Flux Kustomization, when every one is judged).
 * The finding names the key and line, never the value.
 */
export function envValueFindings(notes: readonly EnvValueNote[], built: ReadonlySet<string> | null): Finding[] {
  const out: Finding[] = [];
  for (const n of notes) {
    if (built !== null && !n.readBy.some((k) => built.has(k))) continue;
    const why =
      n.what === 'comment'
        ? `kustomize takes everything after "=" as the value, this line's comment too (a shell or dotenv reader would drop it), so the generated object's ${n.key} ends with the comment. Put the comment on a line of its own.`
        : `kustomize keeps the quotes as part of the value (it does not unquote as a shell or dotenv reader does), so the generated object's ${n.key} starts and ends with a quote. Write the value without quotes.`;
    out.push(finding('GENERATOR_ENV_VALUE', 'warning', `${n.key}: ${why}`, { file: n.file, line: n.line, col: 1 }, { area: 'flux' }));
  }
  return out;
}
