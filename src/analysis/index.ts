import { secretDataFindings } from './secrets/data-encoding.ts';
import type { AtlasConfig } from '../config/schema.ts';
import { sortFindings, type Finding } from '../model/finding.ts';
import { heldBack } from '../model/app.ts';
import { findingInfo } from '../model/finding-codes.ts';
import type { Preinstalled } from '../model/preinstalled.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyzeGraph, type GraphAnalysis } from './graph/analyze.ts';
import { healthReport, type HealthReport } from './health/index.ts';
import { namespaceMissingFindings } from './health/namespace-missing.ts';
import { objectNameFindings } from './health/object-name.ts';
import { claimPopulatorFindings } from './health/pvc-populator.ts';
import { routeGatewayFindings } from './health/route-gateway.ts';
import { routeAttachFindings } from './health/route-attach.ts';
import { sealedMovedFindings } from './health/sealed-moved.ts';
import { privacyCheck } from './privacy.ts';
import { withApps } from './finding-apps.ts';
import { repoRunbooks, type RunbookTexts, type Runbooks } from './runbooks/index.ts';
import { secretsInventory } from './secrets/inventory.ts';
import { leftCopies, placeOf } from './secrets/left-copies.ts';
import type { SecretsInventory } from './secrets/types.ts';
import { applySilences, type SilencedFinding } from './silence.ts';

/** Facts read by src/repo that pure analyses take as input (never read here). */
export interface AnalysisInputs {
  /** Repo-relative path -> ISO date of the last commit touching it. */
  gitLastChanged?: Map<string, string>;
  /** Findings of analyses that needed I/O first (roadmap, changelog, docs), merged in here. */
  extraFindings?: readonly Finding[];
  /** What the repository installs before Flux (src/repo/bootstrap-read.ts), for the implicit-dependency rules. */
  preinstalled?: readonly Preinstalled[];
  /**
   * The files the runbooks read (src/repo/runbook-files.ts). Without them the generated runbooks say
   * less (no backup backend, no versions) and there are no hand-written ones.
   */
  runbooks?: RunbookTexts;
}

/**
 * Everything the site, exports and checks show that can be computed from the model alone, computed
 * once. Pure: no I/O (git history and file texts are read by src/repo and passed in by callers).
 */
export interface Analysis {
  graph: GraphAnalysis;
  secrets: SecretsInventory;
  health: HealthReport;
  /** Generated and hand-written runbooks (/runbooks/, the app pages, `atlas export`). */
  runbooks: Runbooks;
  /** Every finding (model + analyses), sorted, without duplicates, less the silenced ones. */
  findings: Finding[];
  /** Findings the configuration silences, each with its reason (shown on the site). */
  silenced: SilencedFinding[];
}

export function analyse(model: RepoModel, config: AtlasConfig, inputs: AnalysisInputs = {}): Analysis {
  const same = sameInputs(model);
  const texts = inputs.runbooks ?? NO_RUNBOOK_TEXTS;
  const preinstalled = inputs.preinstalled ?? [];
  const graph = same('graph', [preinstalled], [], () => analyzeGraph(model, { preinstalled }));
  const secrets = same('secrets', [config, inputs.gitLastChanged ? [...inputs.gitLastChanged] : null], [], () => secretsInventory(model, config, { gitLastChanged: inputs.gitLastChanged }));
  const health = same('health', [config], [], () => healthReport(model, config));
  const namespaces = same('namespaces', [preinstalled], [], () => [...namespaceMissingFindings(model, preinstalled), ...objectNameFindings(model), ...claimPopulatorFindings(model), ...sealedMovedFindings(model), ...routeGatewayFindings(model), ...routeAttachFindings(model), ...secretDataFindings(model)]);
  // Private addresses matter only when the configured site URL is public.
  const privacy = same('privacy', [config.site, config.maskPrivate], [], () => privacyCheck(model, { site: config.site, maskPrivate: config.maskPrivate }));
  const runbooks = same('runbooks', [texts.headers, texts.texts, texts.slugs ? [...texts.slugs] : null, config.runbooks, config.sops.recipients], [graph.result.graph, ...texts.docs], () =>
    repoRunbooks(model, graph.result.graph, texts, { folders: config.runbooks, recipients: config.sops.recipients }),
  );
  const all = sortFindings([...model.findings, ...graph.findings, ...secrets.findings, ...health.findings, ...namespaces, ...privacy, ...runbooks.findings, ...(inputs.extraFindings ?? [])]);
  // Deployed first, then one of each: a shared base's claim is one finding per cluster, of the same
  // text; deduplicated first, the copy kept could be the one of a cluster that does not deploy it, and
  // the deployed cluster's finding was lost with it.
  // A plain copy of a Secret meant to be encrypted is in git whether or not Flux applies it (secrets/left-copies.ts),
  // and so is a file a .sops.yaml rule says must be encrypted (code review: a bootstrap script's deploy key).
  const copies = leftCopies(secrets.result.plainSecrets);
  const leftCopy = (f: Finding) => (f.code === 'PLAIN_SECRET' && copies.has(placeOf(f))) || f.code === 'SOPS_NOT_ENCRYPTED';
  const { active, silenced } = applySilences(dedupe(deployedOnly(withApps(all, model), model, leftCopy)), config.silence);
  return { graph: graph.result, secrets: secrets.result, health: health.result, runbooks: runbooks.result, findings: active, silenced };
}

const NO_RUNBOOK_TEXTS: RunbookTexts = { docs: [], headers: [], texts: [] };

/**
 * The last result of each analysis over one model's lists, with what else it was computed from. After
 * a save that changed no YAML file the dev server's scan hands back the lists of the model it built
 * before (src/repo/scan.ts, unchangedModel: a new model object and files list, the same objects, apps
 * and findings), and an analysis whose other inputs are unchanged too is not run again: at 1,000 apps
 * the graph, secrets, health and runbooks are ~250 ms of the re-run after a roadmap edit. Keyed by the
 * model's objects list; an entry holds the identity of every other field of the model but `files`
 * (compared by value, without the sizes, which no analysis reads), the inputs given by value
 * (compared as JSON) and those given by identity (the graph, the runbooks' documents).
 */
const lastResults = new WeakMap<RepoModel['objects'], Map<string, { fields: unknown[]; files: string; byValue: string; byIdentity: readonly unknown[]; value: unknown }>>();

function sameInputs(model: RepoModel) {
  const fields = Object.keys(model)
    .filter((k) => k !== 'files')
    .sort()
    .map((k) => model[k as keyof RepoModel]);
  let files: string | null = null;
  const filesKey = () => (files ??= JSON.stringify(model.files, (k, v: unknown) => (k === 'size' ? undefined : v)));
  return <T>(name: string, byValue: readonly unknown[], byIdentity: readonly unknown[], compute: () => T): T => {
    let results = lastResults.get(model.objects);
    if (!results) lastResults.set(model.objects, (results = new Map()));
    const value = JSON.stringify(byValue);
    const last = results.get(name);
    const hit =
      last !== undefined &&
      last.fields.length === fields.length &&
      last.fields.every((f, i) => f === fields[i]) &&
      last.byValue === value &&
      last.byIdentity.length === byIdentity.length &&
      last.byIdentity.every((x, i) => x === byIdentity[i]) &&
      last.files === filesKey();
    if (hit) return last.value as T;
    const computed = compute();
    results.set(name, { fields, files: filesKey(), byValue: value, byIdentity, value: computed });
    return computed;
  };
}

/**
 * Two analyses may report the same fact (same code, place and message): keep one. Where the copies
 * are of other apps (each cluster's copy of a shared base, judged once a cluster in the same words),
 * the one kept names them in alsoAppIds: every cluster's page of the app shows it, `check` counts it
 * once (outside review: a plain Secret of a shared base was on one cluster's page only).
 */
function dedupe(findings: readonly Finding[]): Finding[] {
  const kept = new Map<string, { at: number; also: Set<string> }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.code}\u0000${f.source.file}\u0000${f.source.line}\u0000${f.source.col}\u0000${f.message}`;
    const first = kept.get(key);
    if (!first) {
      kept.set(key, { at: out.length, also: new Set(f.alsoAppIds ?? []) });
      out.push(f);
      continue;
    }
    for (const id of [...(f.appId ? [f.appId] : []), ...(f.alsoAppIds ?? [])]) first.also.add(id);
  }
  for (const { at, also } of kept.values()) {
    const f = out[at]!;
    if (f.appId === undefined) continue;
    also.delete(f.appId);
    const ids = [...also].sort();
    if (ids.length > 0 && ids.join('\u0000') !== (f.alsoAppIds ?? []).join('\u0000')) out[at] = { ...f, alsoAppIds: ids };
  }
  return out;
}

/**
 * Manifests that are not deployed (archived, switched off in their parent, reached by no cluster,
 * left out of their folder's kustomization.yaml) are not checked: a finding about them is one the owner would not act on. Each such folder has
 * its one NOT_DEPLOYED note instead. Read problems (a YAML error) are kept: the file is still read; so
 * is a value committed in plain text (`aboutGit`) in an app that only a failing build keeps off, and
 * one `inGitAnyway` names (a plain copy of a Secret meant to be encrypted, wherever it lies).
 */
/** A finding that says why an app is not deployed (of a code that does only at error severity, the error). */
function saysWhy(f: Finding, reasonOf: (appId: string) => string | null): boolean {
  const says = findingInfo(f.code).saysWhyNotDeployed;
  if (says === 'named') return f.appId === undefined || (reasonOf(f.appId) ?? '').includes(`${f.source.file}:`);
  return says === true || (says === 'error' && f.severity === 'error');
}

function deployedOnly(findings: readonly Finding[], model: RepoModel, inGitAnyway: (f: Finding) => boolean): Finding[] {
  const off = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  // Archived files, and files their folder's kustomization.yaml leaves out (RepoFile.unlisted).
  const archived = new Set(model.files.filter((f) => f.archived || f.unlisted).map((f) => f.path));
  if (off.size === 0 && archived.size === 0 && !model.kustomizeFiles.some((k) => !k.deployed)) return [...findings];
  // A kustomization.yaml a Flux build reads is in use whatever its folder's app: a problem in it (a
  // resource it names that is missing) is often why that app is not deployed, and is kept.
  const built = new Set(model.kustomizeFiles.filter((k) => k.deployed).map((k) => k.file));
  // One no Flux build reads, where a cluster root says what is built, is not deployed, whatever the
  // app of its folder: a leftover folder under a cluster's path that its kustomization.yaml does not
  // list was checked as part of the live bootstrap app, and a like folder in a not-deployed app was not
  // (outside review). Its build problems are not checked either.
  const hasRoot = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  const unbuilt = new Set(hasRoot ? model.kustomizeFiles.filter((k) => !k.deployed).map((k) => k.file) : []);
  // A value committed in plain text in an app Flux holds back (a failing build, a dependency that never
  // becomes Ready) is reported: the owner means to deploy it, and Git holds the value either way
  // (archives and files left out keep their one note).
  const blocked = new Set(model.apps.filter(heldBack).map((a) => a.id));
  const inGit = (f: Finding) => findingInfo(f.code).aboutGit === true && f.appId !== undefined && blocked.has(f.appId) && !archived.has(f.source.file);
  // A Flux Kustomization a root reaches is applied whatever its file's app: a problem of its own spec
  // (a path that is no folder) is kept. One file may hold the Kustomizations of two apps, and its app
  // by folder be one a sibling's failed build keeps off; FLUX_PATH_MISSING was dropped with it.
  // (Applied: a root reaches it, and its own app is deployed, not kept off by a build above it.)
  // (Each file's Kustomizations by their first line, last first: the one a line falls in is the first at or above it.)
  const ksStarts = new Map([...Map.groupBy(model.kustomizations, (k) => k.source.file)].map(([file, ks]) => [file, ks.sort((a, b) => b.source.line - a.source.line)]));
  const appOfKs = new Map(model.apps.flatMap((a) => a.kustomizations.map((id) => [id, a.id] as const)));
  const inReachedKs = (f: Finding) => {
    const starts = ksStarts.get(f.source.file);
    if (!starts) return false;
    const at = starts.find((k) => k.source.line <= f.source.line);
    const app = at ? appOfKs.get(at.id) : undefined;
    return at !== undefined && at.reachedFromRoot && app !== undefined && !off.has(app) && !archived.has(f.source.file);
  };
  // A finding about an object as written (its apiVersion, its own dependsOn) is kept where a working
  // build applies that object: a Kustomization whose own build fails is still its parent's object.
  const applied = appliedByWorkingBuild(model);
  const aboutApplied = (f: Finding) => findingInfo(f.code).aboutObject === true && f.objectId !== undefined && applied(f.objectId) && !archived.has(f.source.file);
  // (Of a code that says why only where its app's note cites it: FindingInfo.saysWhyNotDeployed 'named'.)
  const reasons = new Map(model.apps.filter((a) => off.has(a.id)).map((a) => [a.id, a.notDeployed ?? '']));
  const says = (f: Finding) => saysWhy(f, (id) => reasons.get(id) ?? null);
  return findings.filter(
    (f) =>
      says(f) ||
      inGit(f) ||
      inGitAnyway(f) ||
      f.area === 'yaml' ||
      (f.area === 'flux' && (built.has(f.source.file) || inReachedKs(f))) ||
      aboutApplied(f) ||
      !((f.appId && off.has(f.appId)) || archived.has(f.source.file) || (f.area === 'flux' && unbuilt.has(f.source.file))),
  );
}

/**
 * Whether a build that works applies an object of this id: the Flux Kustomization that applies it
 * is reached from a root and its build makes objects (not one that fails as a whole, waits for one
 * that does, or lies inside one: FluxKustomization.appliesNothing). A root is applied at bootstrap.
 * The object's own build may fail: a Flux Kustomization is an object of its parent's build, and
 * the objects inside its failing build are not applied (their owner applies nothing).
 */
function appliedByWorkingBuild(model: RepoModel): (id: string) => boolean {
  const ks = new Map(model.kustomizations.map((k) => [k.id, k]));
  const objects = Map.groupBy(model.objects, (o) => o.id);
  const works = (id: string | null) => {
    const owner = id === null ? undefined : ks.get(id);
    return owner !== undefined && !owner.disabled && (owner.reachedFromRoot || owner.isRoot) && owner.appliesNothing !== true;
  };
  return (id) => {
    const k = ks.get(id);
    if (k && !k.disabled && k.isRoot) return true;
    return (objects.get(id) ?? []).some((o) => !o.disabled && works(o.owner));
  };
}
