import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubectlVersion, readRepo } from '../../scripts/corpus-check/kustomize-oracle.ts';
import { KustomizeBuilder, type KustomizeBuild } from '../../src/repo/build/kustomize-build.ts';
import type { KustomizeSource } from '../../src/repo/build/kustomize-source.ts';
import { resApiVersion, resKind, resName, resNs, type KResource } from '../../src/repo/build/kustomize-resource.ts';
import { isObj, obj, str, type Obj } from '../../src/model/values.ts';

/** Small hand-written kustomize folders, one per feature; each feature folder is read as a repository. */
export const FIXTURES = join(import.meta.dirname, '../fixtures/kustomize');

/** kubectl (with kustomize) on PATH: then each feature is also compared with the real `kubectl kustomize`. */
export const KUBECTL = kubectlVersion() !== null;
/** Title of the comparison test; says why it is skipped when kubectl is absent. */
export const SAME_AS_KUBECTL = KUBECTL ? 'equals kubectl kustomize' : 'equals kubectl kustomize (skipped: kubectl is not installed)';

/** Our build of `dir` inside the feature's fixture folder. */
export async function build(feature: string, dir: string): Promise<KustomizeBuild> {
  return (await builder(feature)).build(dir);
}

/** A builder over the feature's fixture folder, and its documents by file. */
export async function builder(feature: string): Promise<KustomizeBuilder & { source: KustomizeSource }> {
  const { source } = await readRepo(join(FIXTURES, feature));
  return Object.assign(new KustomizeBuilder(source), { source });
}

export function idOf(r: KResource): string {
  return `${resKind(r)}|${resNs(r) ?? ''}|${resName(r)}`;
}

export function find(b: KustomizeBuild, kind: string, name: string): KResource {
  const r = b.objects.find((o) => resKind(o) === kind && resName(o) === name);
  if (!r) throw new Error(`no ${kind} ${name} in the build of ${b.dir}: ${b.objects.map(idOf).join(', ')}`);
  return r;
}

/** Documents `kubectl kustomize` prints for the folder. */
function kubectlDocs(feature: string, dir: string, args: readonly string[] = []): Obj[] {
  const out = execFileSync('kubectl', ['kustomize', ...args, join(FIXTURES, feature, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((d) => d.toJS() as unknown).filter(isObj);
}

/**
 * The build equals kubectl's output: the same objects, and for each object the same document after
 * every transformer. Generated objects are compared by name without kustomize's hash suffix, by
 * data keys, and a ConfigMap by the values the build knows (KResource.unknownData: inputs not read).
 */
export function expectSameAsKubectl(feature: string, dir: string, ours: KustomizeBuild, args: readonly string[] = []): void {
  const theirs = kubectlDocs(feature, dir, args);
  const key = (apiVersion: string, kind: string, ns: string | null, name: string) => `${apiVersion}/${kind}|${ns ?? ''}|${name}`;
  const byKey = new Map<string, Obj>();
  for (const t of theirs) {
    const m = obj(t.metadata);
    byKey.set(key(str(t.apiVersion) ?? '', str(t.kind) ?? '', str(m.namespace), str(m.name) ?? ''), t);
  }
  const matched = new Set<Obj>();
  for (const r of ours.objects) {
    let t = byKey.get(key(resApiVersion(r), resKind(r), resNs(r), resName(r)));
    if (!t && r.hashSuffix) {
      t = theirs.find((x) => str(x.kind) === resKind(r) && str(obj(x.metadata).namespace) === resNs(r) && new RegExp(`^${resName(r)}-[a-z0-9]{10}$`).test(str(obj(x.metadata).name) ?? ''));
    }
    expect(t, `kubectl kustomize has ${idOf(r)}`).toBeDefined();
    matched.add(t!);
    if (r.generated) {
      expect(Object.keys(obj(r.body.data)).sort()).toEqual(Object.keys(obj(t!.data)).sort());
      // A ConfigMap's values the scan read (literals, env files, one-line files) are kustomize's.
      if (resKind(r) === 'ConfigMap') {
        const known = Object.entries(obj(r.body.data)).filter(([k]) => !r.unknownData?.has(k));
        expect(Object.fromEntries(known)).toEqual(Object.fromEntries(known.map(([k]) => [k, obj(t!.data)[k]])));
      }
      const { name: _a, ...ourMeta } = obj(r.body.metadata);
      const { name: _b, ...theirMeta } = obj(t!.metadata);
      expect(ourMeta).toEqual(theirMeta);
    } else expect(r.body).toEqual(t);
  }
  expect(theirs.filter((t) => !matched.has(t)).map((t) => `${str(t.kind)} ${str(obj(t.metadata).name)}`)).toEqual([]);
}
