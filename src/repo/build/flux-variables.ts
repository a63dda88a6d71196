/**
 * The variables a Flux Kustomization substitutes (postBuild.substitute and substituteFrom), found in
 * the repository's ConfigMaps and Secrets as Flux would find them in the cluster, with the findings
 * about sources that are missing or in another namespace. Split out of flux-build.ts.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { arr, bool, obj, str, type Obj } from '../../model/values.ts';
import { hashesName } from './kustomize-generators.ts';
import { secretsMadeBy } from '../extract/secrets.ts';
import { namespaceMatches, replicatedInto } from '../../model/secret-replication.ts';
import { dirOf } from './paths.ts';
import type { Var } from './substitute.ts';
import { explicitNs, metaName, type WorkDoc } from './work-doc.ts';

/**
 * The core documents by kind and name (`ConfigMap\0cluster-settings`), in document order, built
 * once per document list: substituteFrom looks up ConfigMaps and Secrets for every Kustomization,
 * and filtering all documents (then all of one kind) each time made the scan quadratic. Names are
 * those the static kustomize builds gave (they run before the Flux builds; a Flux build changes
 * only its copies), and the lookup checks the name again.
 */
function coreDocsByKindAndName(docs: readonly WorkDoc[]): Map<string, WorkDoc[]> {
  let index = coreByKindAndName.get(docs);
  if (!index) {
    index = new Map();
    for (const d of docs) {
      if (d.group !== '') continue;
      const key = `${d.kind}\u0000${metaName(d) ?? ''}`;
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    coreByKindAndName.set(docs, index);
  }
  return index;
}
const coreByKindAndName = new WeakMap<readonly WorkDoc[], Map<string, WorkDoc[]>>();

/**
 * Names of the Secrets the repository's operators make in the cluster: an ExternalSecret's
 * (`spec.target.name`, else its own name), a SealedSecret's (its own name), and those a
 * OnePasswordItem, VaultStaticSecret, SecretProviderClass ... syncs (extract/secrets.ts).
 */
function madeSecretNames(docs: readonly WorkDoc[]): Set<string> {
  let names = esTargets.get(docs);
  if (!names) {
    names = new Set(docs.flatMap((d) => (d.raw.disabled ? [] : secretsMadeBy(d))));
    esTargets.set(docs, names);
  }
  return names;
}
const esTargets = new WeakMap<readonly WorkDoc[], Set<string>>();

/** A configMapGenerator / secretGenerator that makes a substituteFrom source, and what it holds. */
interface Generated {
  file: string;
  line: number;
  hashed: boolean;
  /** `KEY=value` literals (a Secret generator's values are wiped at read time). */
  literals: [string, string][];
  /** It also takes keys from env or data files, which are not read. */
  files: boolean;
}

/**
 * The generator of a kustomization.yaml in the repository that makes `kind/name` in `namespace` (the
 * generator's own namespace, else its kustomization's, else any: a Flux build's targetNamespace may
 * place it). Flux finds it by its name only where kustomize adds no hash suffix.
 */
function generatorOf(docs: readonly WorkDoc[], kind: 'ConfigMap' | 'Secret', name: string, namespace: string | null): Generated | null {
  const field = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
  const found: { d: WorkDoc; i: number; g: Obj }[] = [];
  for (const d of docs) {
    if (!d.isKustomizeFile || d.raw.disabled || d.archived !== undefined) continue;
    arr(d.body[field]).forEach((entry, i) => {
      const g = obj(entry);
      if (str(g.name) !== name) return;
      const ns = str(g.namespace) ?? str(d.body.namespace);
      if (ns === null || namespace === null || ns === namespace) found.push({ d, i, g });
    });
  }
  // The generator that makes it, and those of overlays that merge into it (`behavior: merge`): their
  // literals too, and the last word on the hash (the merging generator decides).
  const made = found.find((f) => (str(f.g.behavior) ?? 'create') === 'create') ?? found[0];
  if (!made) return null;
  const merges = found.filter((f) => f !== made);
  const disables = (f: { d: WorkDoc; g: Obj }) => !hashesName(f.d.body, f.g);
  const literals = new Map<string, string>();
  for (const { g } of [made, ...merges]) {
    for (const l of arr(g.literals)) {
      const text = str(l);
      const eq = text?.indexOf('=') ?? -1;
      if (text !== null && eq > 0) literals.set(text.slice(0, eq).trim(), text.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
    }
  }
  // A `configurations:` nameReference may rename the Kustomization's reference where both are in one
  // kustomize build: with any in the repository, the hash is not judged.
  const renamed = docs.some((k) => k.isKustomizeFile && arr(k.body.configurations).length > 0);
  return {
    file: made.d.file,
    line: made.d.raw.lines[`${field}.${made.i}`] ?? made.d.raw.source.line,
    hashed: !disables(made) && !merges.some(disables) && !renamed,
    literals: [...literals],
    files: [made, ...merges].some(({ g }) => arr(g.envs).length > 0 || arr(g.files).length > 0 || str(g.env) !== null),
  };
}

/**
 * Variables of a Kustomization: `substituteFrom` ConfigMaps (and Secret keys, never their values),
 * then inline `substitute`. Flux reads the objects from the Kustomization's own namespace in the
 * cluster it runs in: this run's copy (`copies`, by the document they copy) of a ConfigMap first (its own cluster's settings), the
 * document as read only when no build of this cluster made it.
 */
export function fluxVariables(
  k: WorkDoc,
  copies: ReadonlyMap<WorkDoc, WorkDoc[]>,
  docs: readonly WorkDoc[],
  report: (f: Finding) => void,
  hashed: (generatorFile: string, f: Finding) => void = (_file, f) => report(f),
  otherCluster: (file: string) => string | null = () => null,
  unapplied: (doc: WorkDoc, f: Finding) => void = () => {},
  madeBy: (made: MadeElsewhere) => void = () => {},
): Map<string, Var> {
  const vars = new Map<string, Var>();
  const postBuild = obj(obj(k.body.spec).postBuild);
  arr(postBuild.substituteFrom).forEach((ref, i) => {
    const kind = str(obj(ref).kind);
    const name = str(obj(ref).name);
    const candidates = (coreDocsByKindAndName(docs).get(`${kind ?? ''}\u0000${name ?? ''}`) ?? []).filter((d) => metaName(d) === name && !d.raw.disabled);
    const inRun = candidates.flatMap((d) => copies.get(d) ?? []).filter((c) => metaName(c) === name);
    // This run's copy in the Kustomization's namespace first; else the document as read there (what
    // applies it may be outside the model: a Flux Operator chart's sync, a bootstrap), before calling it
    // elsewhere: a copy a component put in an app's namespace says nothing of the one in flux-system.
    // (Not one written in another cluster's own folder, which that cluster's bootstrap applies there:
    // each cluster's kustomize-controller reads its own cluster's objects.)
    const local = candidates.filter((d) => otherCluster(d.file) === null);
    // (Else a Secret manifest of another namespace that a replicator copies into this one, by reflector or
    // kubernetes-replicator annotations: the copy here has its keys.)
    const replicated = kind === 'Secret' && k.ns !== null ? [...inRun, ...local.filter((d) => d.archived === undefined)].find((d) => namespaceMatches(replicatedInto(stringsOf(obj(d.body.metadata).annotations)) ?? [], k.ns!)) : undefined;
    const found = inRun.find((d) => d.ns === k.ns) ?? local.find((d) => d.archived === undefined && (d.ns ?? d.kustomizeNs ?? explicitNs(d)) === k.ns) ?? replicated;
    const operatorMade = kind === 'Secret' && name !== null && madeSecretNames(docs).has(name);
    const generated = !found && candidates.length === 0 && !operatorMade && (kind === 'ConfigMap' || kind === 'Secret') && name !== null ? generatorOf(docs, kind, name, k.ns) : null;
    if (generated) {
      for (const [key, value] of generated.literals) vars.set(key, kind === 'Secret' ? { value: null, secret: true } : { value, secret: false });
      // Keys of its env and data files are not read: what stays unresolved may be defined there.
      if (generated.files) k.varsIncomplete = true;
    }
    if (!found) {
      // A required source outside the repository may define what stays unresolved (an optional one is usually absent).
      if (bool(obj(ref).optional) !== true) k.varsIncomplete = true;
      const line = k.raw.lines[`spec.postBuild.substituteFrom.${i}`] ?? k.raw.source.line;
      const elsewhere = [...new Set([...inRun, ...candidates].map((d) => d.ns ?? d.kustomizeNs ?? explicitNs(d)).filter((ns): ns is string => !!ns))];
      if (bool(obj(ref).optional) === true) {
        (k.varsOptionalMissing ??= []).push(`${kind ?? '?'} "${name ?? '?'}"`);
        return;
      }
      // Made by an operator: in which namespace is known once every build ran (its Kustomization may come later).
      if (operatorMade && !(inRun.length > 0 && elsewhere.length > 0)) madeBy({ name: name!, namespace: k.ns, source: { file: k.file, line, col: 1 } });
      if (inRun.length > 0 && elsewhere.length > 0) {
        report(
          finding('SUBSTITUTE_FROM_WRONG_NAMESPACE', 'warning', `postBuild.substituteFrom ${kind ?? '?'} "${name ?? '?'}" is in namespace ${elsewhere.join(', ')}, but Flux looks in the Kustomization's namespace ${k.ns ?? 'default'}.`, { file: k.file, line, col: 1 }, { area: 'flux' }),
        );
      } else if (candidates.length === 0 && generated) {
        // A configMapGenerator / secretGenerator makes it: known by name, its keys from literals only.
        if (generated.hashed) {
          // Judged once every build has run: only a generator some Flux build runs makes the object.
          hashed(
            generated.file,
            finding('SUBSTITUTE_FROM_HASHED', 'warning', `postBuild.substituteFrom ${kind} "${name}" is made by the ${kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator'} in ${generated.file}:${generated.line}, which adds a hash to the name (${name}-<hash>); Flux looks for "${name}" and stops ("not found"). Set \`options: {disableNameSuffixHash: true}\` on that generator.`, { file: k.file, line, col: 1 }, { area: 'flux' }),
          );
        }
      } else if (local.length === 0 && !(kind === 'Secret' && name !== null && madeSecretNames(docs).has(name))) {
        // (A Secret an ExternalSecret or SealedSecret of the repository makes is in the cluster, not in the repository: not missing.)
        const clusters = [...new Set(candidates.map((d) => otherCluster(d.file)).filter((c): c is string => c !== null))].sort();
        const where = clusters.length > 0 ? ` It is defined for cluster ${clusters.map((c) => `'${c}'`).join(', ')}, not for this one, and Flux looks for it in this cluster only.` : '';
        report(finding('SUBSTITUTE_FROM_MISSING', 'info', `postBuild.substituteFrom ${kind ?? '?'} "${name ?? '?'}" is not in the repository${clusters.length > 0 ? ' for this cluster' : ''}; unless something outside the repository creates it (a bootstrap script, an operator), Flux fails this Kustomization (${(kind ?? 'object').toLowerCase()}s "${name ?? '?'}" not found), as the reference is not optional.${where}`, { file: k.file, line, col: 1 }, { area: 'flux' }));
      }
      return;
    }
    // Found only as read, not in a build of this run: judged once every build ran, where none applies it
    // (a file its folder's kustomization.yaml comments out; outside review), Flux finds nothing.
    if (!inRun.includes(found) && bool(obj(ref).optional) !== true && !operatorMade) {
      const line = k.raw.lines[`spec.postBuild.substituteFrom.${i}`] ?? k.raw.source.line;
      unapplied(
        found,
        finding('SUBSTITUTE_FROM_MISSING', 'info', `postBuild.substituteFrom ${kind ?? '?'} "${name ?? '?'}" is defined in ${found.file}, which its folder's kustomization.yaml leaves out, so no Flux build applies it; unless something outside Flux creates it, Flux fails this Kustomization (${(kind ?? 'object').toLowerCase()}s "${name ?? '?'}" not found), as the reference is not optional.`, { file: k.file, line, col: 1 }, { area: 'flux' }),
      );
    }
    const secret = kind === 'Secret';
    for (const field of ['data', 'stringData']) {
      for (const [key, value] of Object.entries(obj(found.body[field]))) {
        vars.set(key, secret ? { value: null, secret: true } : { value: str(value), secret: false });
      }
    }
  });
  for (const [key, value] of Object.entries(obj(postBuild.substitute))) vars.set(key, { value: str(value), secret: false });
  return vars;
}

/** The string values of a metadata map (labels, annotations). */
function stringsOf(m: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(m)).flatMap(([k, v]) => (str(v) !== null ? [[k, str(v)!]] : [])));
}

/**
 * A substituteFrom Secret some operator of the repository makes (an ExternalSecret's target, a
 * SealedSecret, a synced Secret): where it makes it is judged once every build ran.
 */
export interface MadeElsewhere {
  name: string;
  /** The Kustomization's namespace, where Flux reads it. */
  namespace: string | null;
  source: Finding['source'];
}

/** Findings of fluxVariables judged once every build ran (Run.afterBuilds). */
export type AfterBuilds = ({ file: string; finding: Finding } | { unapplied: WorkDoc; finding: Finding } | { made: MadeElsewhere; cluster: string | null })[];

/**
 * Those said: SUBSTITUTE_FROM_HASHED where a Flux build runs the generator (one in an old folder, or
 * another cluster's, makes nothing Flux could look for); SUBSTITUTE_FROM_MISSING where the one document
 * defining the source is left out by its folder's kustomization.yaml, which a build runs (`copied`: the
 * documents the builds applied). One in a folder no build reaches, a `secrets/` folder a bootstrap task
 * applies, says nothing. Each source line once.
 */
export function judgedAfterBuilds(list: AfterBuilds, deployedKustomizeFiles: ReadonlySet<string>, copied: ReadonlySet<WorkDoc>, objects: readonly WorkDoc[] = []): Finding[] {
  const builtDirs = new Set([...deployedKustomizeFiles].map(dirOf));
  const seen = new Set<string>();
  const out: Finding[] = [];
  let makers: Map<string, WorkDoc[]> | null = null;
  for (const h of list) {
    if ('made' in h) {
      const f = madeElsewhere(h.made, h.cluster, (makers ??= secretMakers(objects)).get(h.made.name) ?? []);
      if (f) out.push(f);
      continue;
    }
    const key = `${h.finding.source.file}:${h.finding.source.line}`;
    const said = 'file' in h ? deployedKustomizeFiles.has(h.file) : !copied.has(h.unapplied) && builtDirs.has(dirOf(h.unapplied.file));
    if (said && !seen.has(key)) out.push(h.finding);
    seen.add(key);
  }
  return out;
}

/** The objects the builds made that make Secrets (an ExternalSecret, a SealedSecret, an operator's object), by the Secrets' names. */
function secretMakers(objects: readonly WorkDoc[]): Map<string, WorkDoc[]> {
  const out = new Map<string, WorkDoc[]>();
  for (const o of objects) {
    if (o.raw.disabled) continue;
    for (const name of secretsMadeBy(o)) (out.get(name) ?? out.set(name, []).get(name)!).push(o);
  }
  return out;
}

/**
 * SUBSTITUTE_FROM_WRONG_NAMESPACE for a Secret the builds' operators make only in other namespaces of
 * this cluster: Flux reads the Kustomization's own namespace, as for a Secret manifest. Nothing where no
 * build makes it (something outside the builds may), where one makes it here, where the maker is
 * cluster-wide (a ClusterExternalSecret, no namespace), or where a replicator copies it here (an
 * ExternalSecret's template annotations).
 */
function madeElsewhere(made: MadeElsewhere, cluster: string | null, makers: readonly WorkDoc[]): Finding | null {
  const mine = makers.filter((m) => (m.cluster ?? null) === cluster);
  if (mine.length === 0 || made.namespace === null) return null;
  const here = (m: WorkDoc) => {
    if (m.ns === null || m.ns === made.namespace) return true;
    const template = obj(obj(obj(obj(m.body.spec).target).template).metadata).annotations;
    return namespaceMatches(replicatedInto(stringsOf(template)) ?? [], made.namespace!);
  };
  if (mine.some(here)) return null;
  const where = [...new Set(mine.map((m) => `${m.kind} ${metaName(m) ?? '?'} in namespace ${m.ns} (${m.file}:${m.raw.source.line})`))].sort().join('; ');
  return finding('SUBSTITUTE_FROM_WRONG_NAMESPACE', 'warning', `postBuild.substituteFrom Secret "${made.name}" is made by ${where}, but Flux looks in the Kustomization's namespace ${made.namespace}.`, made.source, { area: 'flux' });
}
