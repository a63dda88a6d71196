/**
 * Object ids made unique across the model, and DUPLICATE_OBJECT where two copies of one object reach
 * the cluster. Split from model.ts.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { identityRedacted } from '../../model/raw-doc.ts';
import { bool, obj, str } from '../../model/values.ts';
import type { Placed } from './apps.ts';
import { explicitNs, isClusterScoped, remoteApplier, type WorkDoc } from './work-doc.ts';

/**
 * Two documents that make the same object (kind, namespace, name) in one repository: kustomize refuses
 * such a build ("may not add resource with an already registered id") and Flux would apply one over
 * the other. Both stay in the model, the later one with `#2` (`#3` ...) after its id so every id is
 * unique, and a finding names both places.
 */
export function uniqueIds(placed: readonly Placed[]): Finding[] {
  const findings: Finding[] = [];
  const hasRoots = placed.some((p) => p.doc.isRoot);
  const applied = (p: Placed) => p.doc.owners.some((o) => o.reached || o.isRoot);
  const first = new Map<string, Placed>();
  const seen = new Map<string, number>();
  // Live objects keep the plain id (a disabled `ks.dis` copy of a live Kustomization gets the suffix,
  // and so does an archived twin in `.archive/`: owners name Kustomizations by the plain id, and the
  // live app's objects were read as owned by the archived one, so not live).
  const retired = (p: Placed) => Number(!!p.object.disabled || p.doc.archived !== undefined);
  // Then the copy a cluster root applies: a stale twin its folder's kustomization.yaml leaves out (not
  // yet marked unlisted here) sorted first by path took the plain id, and the applied copy's `#2` read
  // as made from values lost its version checks.
  const unapplied = (p: Placed) => Number(hasRoots && !applied(p));
  const ordered = [...placed].sort(
    (a, b) => retired(a) - retired(b) || unapplied(a) - unapplied(b) || a.object.source.file.localeCompare(b.object.source.file) || a.object.source.line - b.object.source.line,
  );
  for (const p of ordered) {
    const id = p.object.id;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n === 1) {
      first.set(id, p);
      continue;
    }
    p.object.id = `${id}#${n}`;
    const other = first.get(id)!.object;
    // Another API group with the same kind (talos.dev ServiceAccount next to the core one) is another object.
    if (other.group !== p.object.group) continue;
    // A document encrypted whole: its redacted identity is its own ciphertext, no other's.
    if (identityRedacted(p.doc.body) || identityRedacted(first.get(id)!.doc.body)) continue;
    // Only a conflict when Flux deploys both (an unreferenced `.example.yaml` twin is not applied, nor
    // a copy only a Kustomization no cluster root reaches would apply, where the repository has roots).
    if (p.object.disabled || other.disabled || !p.object.owner || !other.owner) continue;
    if (hasRoots && !(applied(p) && applied(first.get(id)!))) continue;
    // Nor where either's build or apply fails: Flux applies nothing of a Kustomization whose build
    // fails (or that waits for one), and an object without a namespace fails its apply (each said by
    // its own finding), so nothing of that copy reaches the cluster to clash with the other.
    if ([p, first.get(id)!].some((x) => x.doc.blockedBy !== undefined || x.doc.noNamespace)) continue;
    // A Kustomization with spec.kubeConfig applies to another cluster: the same id there is another object.
    if (remoteCluster(p) !== remoteCluster(first.get(id)!)) continue;
    const why = duplicateReason(p, first.get(id)!, other);
    // Two copies of one document (a shared component both builds include): one place, made twice.
    const twice = other.source.file === p.object.source.file && other.source.line === p.object.source.line ? 'made twice from this one document (two builds include it)' : `defined twice: here and at ${other.source.file}:${other.source.line}`;
    // (Named by the plain id, which silences and baselines match; its app is the copy's at its line: finding-apps.ts.)
    findings.push(finding('DUPLICATE_OBJECT', 'warning', `${id} is ${twice}; ${why}.`, p.object.source, { area: 'flux', objectId: id }));
  }
  return findings;
}

/**
 * Why a second copy of one object is a problem, as the tools that meet it say: Helm refuses to adopt
 * an object another manager owns; kustomize refuses two objects of one id (group, version, kind,
 * namespace, name) in a build; names that meet only after Flux's postBuild substitution (a component's
 * `${APP}-settings`), or two apiVersions of one object, pass kustomize and reach the API server as one
 * object applied twice; two Kustomizations apply it one after the other.
 */
function duplicateReason(p: Placed, firstCopy: Placed, other: Placed['object']): string {
  const chart = p.doc.renderedBy ?? firstCopy.doc.renderedBy;
  if (chart !== undefined) return `HelmRelease ${chart} renders it from its values too, and Helm will not install an object another manager owns`;
  if (p.object.owner !== other.owner) return `Kustomizations ${other.owner} and ${p.object.owner} both apply it, and the last one wins`;
  const written = [p, firstCopy].map((x) => str(obj(obj(x.doc.raw.value).metadata).name) ?? '');
  if (written.some((n) => n.includes('${'))) return `the names written (${[...new Set(written)].join(', ')}) become one only in Flux's postBuild substitution, after kustomize built both, so Flux applies it twice and the last one wins`;
  if (p.object.apiVersion !== other.apiVersion) return `${other.apiVersion} and ${p.object.apiVersion} are one object to the API server, so Flux applies it twice and the last one wins`;
  return 'kustomize refuses a build with both';
}

/**
 * The cluster a placed object is applied to through spec.kubeConfig of the Kustomization that applies
 * it, or of one above it (what a remote build applies is in the remote cluster too): that
 * Kustomization's namespace and kubeconfig Secret; null for this cluster.
 */
function remoteCluster(p: Placed): string | null {
  const owner = remoteApplier(p.doc);
  if (owner === null) return null;
  const kubeConfig = obj(obj(owner.body.spec).kubeConfig);
  return `${owner.ns ?? explicitNs(owner) ?? ''}/${str(obj(kubeConfig.secretRef).name) ?? ''}/${str(obj(kubeConfig.configMapRef).name) ?? ''}`;
}

/**
 * One document in the builds of two Flux Kustomizations of one cluster, as the same object (a root
 * whose generated kustomization.yaml takes in `flux/apps/`, which the `apps` Kustomization applies
 * too): both apply it, each marks it as its own, and the one that stops applying it prunes it from
 * under the other. Not a Kustomization document (one object however many builds reach it, said where
 * it matters), nor a copy that never reaches the cluster (a failed build, no namespace, no root).
 */
export function appliedTwice(placed: readonly Placed[], ids: ReadonlyMap<WorkDoc, string>): Finding[] {
  const findings: Finding[] = [];
  const said = new Set<WorkDoc>();
  const groups = new Map<string, { names: string[]; keep: 'pruned' | 'annotated' | 'unpruned'; owners: WorkDoc[]; objects: Placed['object'][] }>();
  for (const p of placed) {
    // The document's own object, once (not what the model reads from it: a release's values' ServiceMonitor).
    if (said.has(p.doc) || p.object.kind !== p.doc.kind) continue;
    // Two definitions of one Kustomization (its own file in the folder it builds, `sync.yaml`, beside the
    // one its parent applies) are one object of the cluster, so one applier (outside review: "in the
    // builds of 2 Flux Kustomizations, grafana-operator and grafana-operator").
    const owners = [...new Map(p.doc.owners.filter((o) => (o.reached || o.isRoot) && o.blockedBy === undefined).map((o) => [ids.get(o) ?? o, o])).values()];
    // Only an object whose namespace its own manifest says (or none it needs): one without is placed by
    // each build, and a build that gives it none makes another object than one that gives it a namespace.
    if (str(obj(obj(p.doc.raw.value).metadata).namespace) === null && !isClusterScoped(p.doc.kind)) continue;
    if (owners.length < 2 || p.doc.isFluxKs || p.object.disabled || p.doc.blockedBy !== undefined || p.doc.noNamespace || p.doc.renderedBy !== undefined) continue;
    said.add(p.doc);
    const names = owners.map((o) => ids.get(o) ?? '?');
    // Flux never deletes an object annotated `kustomize.toolkit.fluxcd.io/prune: disabled`, nor does a
    // Kustomization without `prune: true` (outside review: a shared Namespace kept so).
    const keptByAnnotation = str(obj(obj(obj(p.doc.body).metadata).annotations)['kustomize.toolkit.fluxcd.io/prune']) === 'disabled';
    const pruned = !keptByAnnotation && owners.some((o) => bool(obj(o.body.spec).prune) === true);
    const keep = pruned ? 'pruned' : keptByAnnotation ? 'annotated' : 'unpruned';
    const key = `${names.join('\u0000')}\u0000${keep}`;
    (groups.get(key) ?? groups.set(key, { names, keep, owners, objects: [] }).get(key)!).objects.push(p.object);
  }
  // One cause, one finding: where the same Kustomizations both build three objects or more (a second
  // Kustomization whose path is the whole folder another applies), they are said together, at the first
  // (outside review: 51 warnings, one per object, for one Kustomization `secrets` of `path: ./cluster`).
  for (const { names, keep, owners, objects } of groups.values()) {
    const what = (ids: string, n: number) => {
      const [it, is] = n > 1 ? ['them', 'are'] : ['it', 'is'];
      const risk = keep === 'pruned'
        ? `with prune, ${n > 1 ? 'the one' : 'one'} that stops applying ${it} deletes ${it} from under the other${n > 1 ? 's' : ''}`
        : `where their copies differ, each undoes the other's at every reconcile (none deletes ${it}: ${keep === 'annotated' ? `${it} ${is} annotated kustomize.toolkit.fluxcd.io/prune: disabled` : 'none of them prunes'})`;
      return `${ids} ${is} in the builds of ${names.length} Flux Kustomizations, ${names.join(' and ')}: each applies ${it} and marks ${it} as its own, and the last one wins; ${risk}.`;
    };
    if (objects.length < 3) {
      for (const o of objects) findings.push(finding('DUPLICATE_OBJECT', 'warning', `${what(o.id, 1)} Keep it in one build (a folder with its own Kustomization is best left out of its parent's).`, o.source, { area: 'flux', objectId: o.id }));
      continue;
    }
    const sorted = [...objects].sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line);
    const listed = sorted.slice(0, 3).map((o) => o.id).join(', ');
    // Said at the Kustomization whose build overlaps (not a root, else the last): the cause, on its app's
    // page, not on the first object's app (code review: 51 objects' warning landed on cert-manager's page).
    const at = owners.find((o) => !o.isRoot) ?? owners[owners.length - 1]!;
    const atId = ids.get(at);
    findings.push(
      finding('DUPLICATE_OBJECT', 'warning', `${what(`${objects.length} objects (${listed}${objects.length > 3 ? ` and ${objects.length - 3} more` : ''})`, objects.length)} Keep each in one build: the paths overlap (a folder with its own Kustomization is best left out of its parent's).`, { file: at.file, line: at.raw.source.line, col: 1, ...(at.raw.source.docIndex !== undefined ? { docIndex: at.raw.source.docIndex } : {}) }, { area: 'flux', ...(atId ? { objectId: atId } : {}) }),
    );
  }
  return findings;
}
