/**
 * Whole-model snapshots: the facts the pipeline derives from a repository (apps, objects with
 * file:line, dependency edges, secrets by name and key, findings), written as YAML, one item a line,
 * so that a change to the scan shows up as a readable diff and is accepted on purpose.
 *
 *   node scripts/model-snapshot.ts                  compare every snapshot, print the first differences
 *   node scripts/model-snapshot.ts --update [name]  rewrite the snapshots (or one), then review `git diff`
 *   node scripts/model-snapshot.ts --corpus[=dir] [--update] [name]   the same for ../shared/corpus (scripts/corpus-check/snapshots)
 *
 * The test that reads a snapshot (test/model/model-snapshots.test.ts, scripts/corpus-check/run.ts)
 * never writes one: a missing snapshot fails. Secret values never reach a snapshot: the model holds
 * none, and only names, kinds, key names and places are written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isSeq } from 'yaml';
import { loadConfig } from '../src/config/load.ts';
import { computeAtlas, type Atlas } from '../src/pipeline/atlas.ts';
import type { ObjectRef } from '../src/model/k8s-object.ts';
import type { Source } from '../src/model/source.ts';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_SNAPSHOTS = join(PROJECT, 'test/model/snapshots');
export const CORPUS_SNAPSHOTS = join(PROJECT, 'scripts/corpus-check/snapshots');
export const DEFAULT_CORPUS = join(PROJECT, '../shared/corpus');

/** A repository with a snapshot: its name (the snapshot file's stem) and folder. */
export interface SnapshotTarget {
  name: string;
  dir: string;
  /** Path shown in the snapshot's header (project-relative, or `corpus/<name>`). */
  label: string;
}

/** The fixture repositories (test/fixtures/repos/*, whole repositories) and examples/homelab. */
export function fixtureTargets(): SnapshotTarget[] {
  const root = join(PROJECT, 'test/fixtures/repos');
  const repos = readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort(byCodePoint)
    .map((name) => ({ name, dir: join(root, name), label: `test/fixtures/repos/${name}` }));
  return [{ name: 'homelab', dir: join(PROJECT, 'examples/homelab'), label: 'examples/homelab' }, ...repos];
}

/** The corpus repositories (folders with a corpus-meta.json), or none when the corpus is absent. */
export function corpusTargets(corpus = DEFAULT_CORPUS): SnapshotTarget[] {
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .filter((n) => existsSync(join(corpus, n, 'corpus-meta.json')))
    .sort(byCodePoint)
    .map((name) => ({ name, dir: join(corpus, name), label: `corpus/${name}` }));
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const at = (s: Source) => `${s.file}:${s.line}`;
const refText = (r: ObjectRef | null) => (r ? `${r.kind ?? '?'}/${r.namespace ?? '_'}/${r.name}` : null);
const sortBy = <T>(list: readonly T[], key: (t: T) => string) => [...list].sort((a, b) => byCodePoint(key(a), key(b)));

/**
 * The snapshot of one computed Atlas. Every list is sorted by its first field (code-point order, not
 * the locale's) and every item is one flow mapping on one line.
 */
export function modelSnapshot(atlas: Atlas, label: string): string {
  const { model, analysis } = atlas;
  const secrets = analysis.secrets;
  const data = {
    counts: {
      apps: model.apps.length,
      objects: model.objects.length,
      edges: analysis.graph.graph.edges.length,
      findings: model.findings.length,
    },
    clusters: model.clusters,
    namespaces: model.namespaces,
    apps: sortBy(model.apps, (a) => a.id).map((a) => ({
      id: a.id,
      namespace: a.namespace,
      cluster: a.cluster,
      dir: a.dir,
      notDeployed: a.notDeployed ?? null,
      ...(a.disabled ? { disabled: true } : {}),
      ...(a.unreferenced ? { unreferenced: true } : {}),
    })),
    objects: sortBy(model.objects, (o) => `${o.id}\u0000${at(o.source)}`).map((o) => ({
      id: o.id,
      kind: o.kind,
      at: at(o.source),
      app: o.appId,
      owner: o.owner,
      ...(o.disabled ? { disabled: o.disabled } : {}),
    })),
    kustomizations: sortBy(model.kustomizations, (k) => `${k.id}\u0000${at(k.source)}`).map((k) => ({
      id: k.id,
      path: k.resolvedPath,
      targetNamespace: k.targetNamespace,
      source: refText(k.sourceRef),
      components: k.components.length,
      patches: k.patches,
      substitute: [...k.postBuild.substitute].sort(byCodePoint),
      substituteFrom: k.postBuild.substituteFrom.map((s) => `${s.kind}/${s.name}`),
      root: k.isRoot,
      reached: k.reachedFromRoot,
      ...(k.suspend ? { suspend: true } : {}),
    })),
    helmReleases: sortBy(model.helmReleases, (h) => `${h.id}\u0000${at(h.source)}`).map((h) => ({
      id: h.id,
      chart: `${h.chart.name ?? '?'}@${h.chart.version ?? '?'}`,
      via: h.chart.via,
      source: refText(h.chart.sourceRef),
      valuesFrom: h.valuesFrom.map((v) => `${v.kind}/${v.name}${v.found ? '' : ' (not found)'}`),
      valueKeys: Object.keys(isObject(h.values) ? h.values : {}).sort(byCodePoint),
      images: h.images.map((i) => `${i.repository}:${i.tag ?? ''}${i.digest ? '@digest' : ''}`),
    })),
    edges: sortBy(analysis.graph.graph.edges, (e) => `${e.from}\u0000${e.to}\u0000${at(e.source)}`).map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      resolved: e.resolved,
      at: at(e.source),
    })),
    secrets: {
      sops: sortBy(secrets.sopsFiles, (f) => f.file).map((f) => ({
        file: f.file,
        app: f.appId,
        objects: f.documents.map((d) => `${d.kind ?? '?'}/${d.namespace ?? '_'}/${d.name ?? '?'}`),
        keys: [...new Set(f.documents.flatMap((d) => d.keys))].sort(byCodePoint),
        ...(f.generatedInto.length > 0 ? { generatedInto: f.generatedInto.map((g) => `${g.kind}/${g.name}[${g.key}] at ${at(g.source)}${g.deployed ? '' : ' (not deployed)'}`) } : {}),
        recipients: f.recipients.length,
        ...(f.disabled ? { disabled: true } : {}),
      })),
      externalSecrets: sortBy(secrets.externalSecrets, (e) => `${e.id}\u0000${at(e.source)}`).map((e) => ({
        id: e.id,
        at: at(e.source),
        app: e.appId,
        store: e.stores.length > 0 ? e.stores.map((s) => `${s.kind}/${s.name}`).join(', ') : null,
        storeFound: e.storeFound,
        target: e.target,
        keys: [...e.keys].sort(byCodePoint),
        ...(e.unnamedKeysFrom.length > 0 ? { unnamedKeysFrom: e.unnamedKeysFrom } : {}),
      })),
      // Only where there are any, as sealed below: the other snapshots stay as reviewed.
      ...(secrets.clusterExternalSecrets.length > 0
        ? { clusterExternal: sortBy(secrets.clusterExternalSecrets, (c) => `${c.id}\u0000${at(c.source)}`).map((c) => ({ id: c.id, at: at(c.source), app: c.appId, store: c.stores.map((s) => `${s.kind}/${s.name}`).join(', ') || null, storeFound: c.storeFound, target: c.target, namespaces: c.everyNamespace ? 'every' : [...c.namespaces, ...(c.bySelector ? ['(selector)'] : [])] })) }
        : {}),
      ...(secrets.pushSecrets.length > 0
        ? { push: sortBy(secrets.pushSecrets, (p) => `${p.id}\u0000${at(p.source)}`).map((p) => ({ id: p.id, at: at(p.source), app: p.appId, secret: p.secret, stores: p.stores.map((s) => `${s.kind}/${s.name}${s.found ? '' : ' (not found)'}`), keys: p.data.map((d) => d.secretKey ?? '(all)') })) }
        : {}),
      stores: sortBy(secrets.secretStores, (s) => `${s.id}\u0000${at(s.source)}`).map((s) => ({ id: s.id, at: at(s.source), provider: s.provider, usedBy: s.usedBy.length })),
      plain: sortBy(secrets.plainSecrets, (s) => `${s.id}\u0000${at(s.source)}`).map((s) => ({ id: s.id, at: at(s.source), app: s.appId, status: s.status, keys: s.keys })),
      // Only where there are any (no corpus repository seals its secrets): the other snapshots stay as reviewed.
      ...(secrets.sealedSecrets.length > 0
        ? { sealed: sortBy(secrets.sealedSecrets, (s) => `${s.id}\u0000${at(s.source)}`).map((s) => ({ id: s.id, at: at(s.source), app: s.appId, scope: s.scope, keys: s.keys })) }
        : {}),
      hardcoded: sortBy(secrets.hardcodedCredentials, (h) => `${at(h.source)}\u0000${h.path}`).map((h) => ({ at: at(h.source), path: h.path, object: h.objectId })),
      redactions: model.redactions.length,
    },
    // Code-point order (file, line, code), not the model's locale-aware order: the same bytes under any LANG.
    findings: [...model.findings]
      .sort((a, b) => byCodePoint(a.source.file, b.source.file) || a.source.line - b.source.line || byCodePoint(a.code, b.code) || byCodePoint(a.severity, b.severity))
      .map((f) => ({ code: f.code, severity: f.severity, at: at(f.source) })),
  };
  const doc = new Document(data);
  // One item a line: every mapping inside a list is written in flow style.
  const flowItems = (node: unknown) => {
    if (isMap(node)) for (const p of node.items) flowItems(p.value);
    else if (isSeq(node)) node.flow = node.items.every((i) => !isMap(i) && !isSeq(i)) ? true : node.flow;
    if (isSeq(node)) for (const i of node.items) if (isMap(i)) i.flow = true;
  };
  flowItems(doc.contents);
  doc.commentBefore = ` Whole-model snapshot of ${label}: derived facts (names, kinds, keys, places), never a secret value.\n Reviewed; update on purpose only: node scripts/model-snapshot.ts --update, then read the diff.`;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compute a repository's Atlas as the site and the CLI do (its atlas.config.yaml, if any) and snapshot it. */
export async function snapshotOf(target: SnapshotTarget): Promise<string> {
  const atlas = await computeAtlas(target.dir, loadConfig(target.dir));
  return modelSnapshot(atlas, target.label);
}

/**
 * A readable difference: the lines only in the stored snapshot (-) and only in the new one (+), in
 * order, at most `max` of each, under the section they belong to. Empty when equal.
 */
export function snapshotDiff(expected: string, actual: string, max = 15): string {
  if (expected === actual) return '';
  const exp = expected.split('\n');
  const act = actual.split('\n');
  const section = (lines: string[], i: number) => {
    for (let j = i; j >= 0; j--) if (/^\S/.test(lines[j] ?? '') && !lines[j]!.startsWith('#')) return lines[j]!.replace(/:.*$/, '');
    return '(top)';
  };
  const count = (lines: string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const only = (a: string[], b: string[]) => {
    const left = count(b);
    const out: { line: string; i: number }[] = [];
    a.forEach((line, i) => {
      const n = left.get(line) ?? 0;
      if (n > 0) left.set(line, n - 1);
      else out.push({ line, i });
    });
    return out;
  };
  const removed = only(exp, act);
  const added = only(act, exp);
  const out: string[] = [`${removed.length} line(s) only in the stored snapshot (-), ${added.length} only in the new one (+):`];
  for (const r of removed.slice(0, max)) out.push(`  - [${section(exp, r.i)}] ${r.line.trim()}`);
  if (removed.length > max) out.push(`  - ... ${removed.length - max} more`);
  for (const a of added.slice(0, max)) out.push(`  + [${section(act, a.i)}] ${a.line.trim()}`);
  if (added.length > max) out.push(`  + ... ${added.length - max} more`);
  if (removed.length === 0 && added.length === 0) out.push('  the same lines in another order');
  return out.join('\n');
}

/** Compare (or with update, rewrite) the snapshots of the targets in `folder`; returns the number that differ. */
async function run(targets: SnapshotTarget[], folder: string, update: boolean): Promise<number> {
  let differ = 0;
  mkdirSync(folder, { recursive: true });
  for (const t of targets) {
    const file = join(folder, `${t.name}.yaml`);
    const actual = await snapshotOf(t);
    const expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (update) {
      if (expected !== actual) writeFileSync(file, actual);
      console.log(`${expected === null ? 'wrote' : expected === actual ? 'unchanged' : 'updated'} ${file.slice(PROJECT.length + 1)}`);
      continue;
    }
    if (expected === null) {
      differ++;
      console.log(`MISSING ${t.name}: no ${file.slice(PROJECT.length + 1)}`);
    } else if (expected !== actual) {
      differ++;
      console.log(`DIFFERS ${t.name}:\n${snapshotDiff(expected, actual)}`);
    } else console.log(`ok ${t.name}`);
  }
  return differ;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  // --corpus or --corpus=<dir>: the corpus repositories instead of the fixtures.
  const corpusArg = args.find((a) => a === '--corpus' || a.startsWith('--corpus='));
  const corpusDir = corpusArg?.includes('=') ? resolve(corpusArg.slice('--corpus='.length)) : DEFAULT_CORPUS;
  const names = args.filter((a) => !a.startsWith('--'));
  const all = corpusArg ? corpusTargets(corpusDir) : fixtureTargets();
  const targets = names.length ? all.filter((t) => names.includes(t.name)) : all;
  if (names.length && targets.length !== names.length) {
    console.error(`unknown snapshot name(s): ${names.filter((n) => !all.some((t) => t.name === n)).join(', ')}; known: ${all.map((t) => t.name).join(', ')}`);
    process.exit(2);
  }
  if (corpusArg && targets.length === 0) console.log(`model snapshots: no corpus at ${corpusDir}, nothing to do`);
  const differ = await run(targets, corpusArg ? CORPUS_SNAPSHOTS : FIXTURE_SNAPSHOTS, update);
  if (!update) console.log(`model snapshots: ${targets.length - differ} of ${targets.length} match${differ ? `; ${differ} do not (review, then --update on purpose)` : ''}`);
  process.exit(differ ? 1 : 0);
}
