import type { HelmRelease, ImageRef } from '../../model/helm-release.ts';
import type { Source } from '../../model/source.ts';
import { arr, at, bool, isObj, obj, setOwn, str, isSwitchedOff, type Obj } from '../../model/values.ts';
import { namespacePlaced, type WorkDoc } from '../build/work-doc.ts';
import { base, imagePolicyAt, lineOf, ref } from './base.ts';
import { settingsOf } from './helm-release-settings.ts';
import { resolveChart, type ChartSources } from './chart-source.ts';
import { IMAGE_STRING, parseImage } from './workload.ts';
import { splitWords } from '../../model/credential-key.ts';
import { createHash } from 'node:crypto';
import { setAtTargetPath } from './values-target-path.ts';

/**
 * Values a HelmRelease takes from a ConfigMap/Secret (`valuesFrom`), found by the caller; `at`: where
 * they are written (the ConfigMap's data key, or the values file a configMapGenerator reads, with the
 * lines of its keys), so a value can be cited where it comes from.
 */
export type ValuesLookup = (
  kind: string,
  name: string,
  namespace: string | null,
  key: string,
  from: WorkDoc,
) => {
  values: Obj | null;
  found: boolean;
  at?: { source: Source; lines?: Readonly<Record<string, number>> };
  /** Made by a generator that adds a hash to the name, which nothing renames here: the release cannot find it by this name. */
  hashed?: { file: string; line: number };
  /**
   * Not in the repository by this name, but a ConfigMap or Secret written with it in the release's
   * namespace is renamed by a kustomization's namePrefix or nameSuffix (kustomize leaves valuesFrom as
   * written): its name in the cluster, and where it is written.
   */
  renamed?: { name: string; file: string; line: number };
  /** The key's text as written in a ConfigMap of the repository (for a valuesFrom with targetPath). */
  text?: string;
};

/** Where each merged value of a HelmRelease is written, by values path (`controllers.app.containers.app.image`). */
const valuesOrigins = new WeakMap<WorkDoc, (path: string) => Source>();

/**
 * The place a value of a HelmRelease's merged values comes from: its line in the HelmRelease where
 * the document as written holds it; the HelmRelease itself where a kustomize or Flux patch changed it
 * (the line as written says something else); the ConfigMap or values file of a valuesFrom that gives
 * it; else the nearest line above it, as before.
 */
export function valuesSource(d: WorkDoc, path: string): Source {
  return valuesOrigins.get(d)?.(path) ?? lineOf(d, `spec.values.${path}`);
}

/** The value as built is the value as written, but for Flux's `${VAR}` substitutions. */
function asWritten(built: unknown, written: unknown): boolean {
  if (typeof written === 'string' && written.includes('${')) return true;
  if (Array.isArray(built) && Array.isArray(written)) return built.length === written.length && built.every((x, i) => asWritten(x, written[i]));
  if (isObj(built) && isObj(written)) {
    const keys = Object.keys(built);
    return keys.length === Object.keys(written).length && keys.every((k) => Object.hasOwn(written, k) && asWritten(built[k], written[k]));
  }
  return built === written;
}

/**
 * A HelmRelease with its chart source (resolved by chart-source.ts) and merged values: valuesFrom
 * in order, then inline `values` on top, as helm-controller merges them.
 * https://fluxcd.io/flux/components/helm/helmreleases/#values-references
 */
export function toHelmRelease(d: WorkDoc, sources: ChartSources, lookup: ValuesLookup): HelmRelease {
  const b = base(d);
  const spec = obj(d.body.spec);
  let values: unknown = {};
  const given: { values: Obj; source: Source; lines?: Readonly<Record<string, number>> }[] = [];
  const valuesFrom = arr(spec.valuesFrom).map((v, i) => {
    const kind = str(obj(v).kind) ?? 'ConfigMap';
    const name = str(obj(v).name) ?? '';
    const valuesKey = str(obj(v).valuesKey);
    const got = lookup(kind, name, b.namespace, valuesKey ?? 'values.yaml', d);
    const targetPath = str(obj(v).targetPath);
    if (targetPath !== null) {
      // helm-controller sets the key's text at targetPath over what the entries before gave (strvals, as `--set path=text`).
      const set = got.text === undefined ? null : setAtTargetPath(obj(values), targetPath, got.text, got.at?.source ?? d.raw.source);
      if (set) {
        values = set.values;
        if (got.at) given.push({ values: set.alone, source: got.at.source });
      }
    } else if (got.values) {
      values = strategicMergeValues(values, got.values);
      if (got.at) given.push({ values: got.values, source: got.at.source, ...(got.at.lines ? { lines: got.at.lines } : {}) });
    }
    const line = d.raw.lines[`spec.valuesFrom.${i}`];
    return { kind, name, valuesKey, found: got.found, ...(bool(obj(v).optional) === true ? { optional: true as const } : {}), ...(line !== undefined ? { line } : {}), ...(got.renamed ? { renamedTo: got.renamed.name } : {}) };
  });
  if (isObj(spec.values)) values = strategicMergeValues(values, spec.values);
  const written = obj(obj(d.raw.value).spec).values;
  valuesOrigins.set(d, (path) => {
    const inline = at(spec.values, path);
    if (inline !== undefined) return asWritten(inline, at(written, path)) ? lineOf(d, `spec.values.${path}`) : d.raw.source;
    for (let i = given.length - 1; i >= 0; i--) {
      const g = given[i]!;
      if (at(g.values, path) === undefined) continue;
      if (!g.lines) return g.source;
      for (let p = path; ; p = p.slice(0, p.lastIndexOf('.'))) {
        if (g.lines[p] !== undefined) return { file: g.source.file, line: g.lines[p]!, col: 1 };
        if (!p.includes('.')) return g.source;
      }
    }
    return lineOf(d, `spec.values.${path}`);
  });
  const chart = resolveChart(d, sources);
  // (The file each top-level key a valuesFrom gives comes from: facts of the values cite it, not the release.)
  const keySources: Record<string, Source> = {};
  if (given.length > 0 && isObj(values)) {
    for (const key of Object.keys(values)) if (!isObj(spec.values) || !Object.hasOwn(spec.values, key)) keySources[key] = valuesSource(d, key);
  }
  return {
    ...b,
    // Flux's default: `[targetNamespace-]name` (helm-controller), which the chart's templates see as .Release.Name.
    releaseName: str(spec.releaseName) ?? shortenReleaseName([str(spec.targetNamespace), b.name].filter((x) => x).join('-')),
    targetNamespace: str(spec.targetNamespace),
    ...(bool(spec.suspend) === true ? { suspend: true as const } : {}),
    ...(bool(obj(spec.install).disableWait) === true || bool(obj(spec.upgrade).disableWait) === true ? { disableWait: true as const } : {}),
    ...(bool(obj(spec.install).createNamespace) === true ? { createNamespace: true as const } : {}),
    ...(Object.keys(obj(spec.kubeConfig)).length > 0 ? { kubeConfig: true as const } : {}),
    chart,
    interval: str(spec.interval),
    timeout: str(spec.timeout),
    ...settingsOf(d, spec),
    dependsOn: arr(spec.dependsOn).flatMap((e, i) => {
      const r = ref(d, e, `spec.dependsOn.${i}`, 'HelmRelease');
      return r ? [r] : [];
    }),
    valuesFrom,
    ...withInvalid(valuesFromInvalid(spec.valuesFrom)),
    appTemplate: isObj(obj(values).controllers),
    ...writtenElsewhere(d),
    // Images of the chart's test pods run only under `helm test`, which Flux runs when spec.test.enable is true.
    images: postRendered(
      findImages(values, (path) => valuesSource(d, path), chart.name)
        .filter((i) => bool(obj(spec.test).enable) === true || !isTestPath(i.path))
        .map((i) => withPolicy(withTagText(i, d), d)),
      arr(spec.postRenderers).flatMap((p) => arr(obj(obj(p).kustomize).images)).filter(isObj),
    ),
    ...(Object.keys(keySources).length > 0 ? { valuesKeySources: keySources } : {}),
    values,
  };
}

/** `writtenNamespace` where the build moved the release out of the namespace its file writes; `namespaceSure` where it kept it there, or set it (namespacePlaced). */
function writtenElsewhere(d: WorkDoc): { writtenNamespace?: string; namespaceSure?: true } {
  const written = str(obj(obj(d.raw.value).metadata).namespace);
  if (written === null && namespacePlaced(d)) return { namespaceSure: true };
  if (written === null || d.ns === null || written.includes('${')) return {};
  return written !== d.ns ? { writtenNamespace: written } : { namespaceSure: true };
}

/** Helm merges values maps deeply and replaces lists. */
export function strategicMergeValues(a: unknown, b: unknown): unknown {
  if (isObj(a) && isObj(b)) {
    const out: Obj = { ...a };
    for (const [k, v] of Object.entries(b)) setOwn(out, k, Object.hasOwn(out, k) ? strategicMergeValues(out[k], v) : v);
    return out;
  }
  return b === undefined ? a : b;
}


/**
 * A chart component's own image written beside its other settings, not under an `image` key:
 * podinfo's `redis: {enabled, repository, tag}`, volsync's movers `restic: {repository, tag}`. Only
 * a repository with a path (`registry/name` or `org/name`) and a tag count, with its `registry` in
 * front as under `image:`; a namespace beside a separate `image:` name (`repository: bitnami` or
 * `quay.io/org`), a Git repository (a URL, or a path on a Git host) or a chart repository given as
 * a URL is not taken for an image.
 */
function componentImage(v: unknown, globalRegistry: string | null): Omit<ImageRef, 'path' | 'source'> | null {
  if (!isObj(v) || Array.isArray(v)) return null;
  const repo = str(v.repository);
  if (!repo || str(v.tag) === null || !repo.includes('/') || !IMAGE_REPOSITORY.test(repo) || GIT_HOST.test(repo)) return null;
  // `repository: quay.io/org` beside `image: name`: a namespace, the image is put together elsewhere.
  if (typeof v.image === 'string') return null;
  return { repository: withRegistry(v, globalRegistry), ...tagOf(v) };
}

/**
 * `repository` with the `registry` key in front where it is not already (bitnami's `image.registry`).
 * Where the values set `global.imageRegistry`, it takes the place of every image's own `registry` key:
 * the convention of charts that write images as `{registry, repository}` (Bitnami's common.images.image,
 * `default .imageRoot.registry .global.imageRegistry`; kube-prometheus-stack and grafana alike). An
 * image written without a `registry` key (its host in the repository) is left as written.
 */
function withRegistry(v: Obj, globalRegistry: string | null = null): string {
  // ingress-nginx writes the repository as `image` beside `registry` (`{registry, image, tag, digest}`).
  const repo = str(v.repository) ?? str(v.image) ?? '';
  const registry = Object.hasOwn(v, 'registry') && globalRegistry ? globalRegistry : str(v.registry);
  return registry && !repo.startsWith(registry) ? `${registry}/${repo}` : repo;
}

/** The tag and digest of an image mapping; Renovate pins digests as `tag: 1.2.3@sha256:...`. */
/**
 * The tag's text as written where the HelmRelease's own values hold it as a YAML float that reads
 * otherwise (`tag: 1.20` is the number 1.2, which Helm renders as `1.2`); a patch or a valuesFrom
 * that gave another value leaves it out (the built value must be the number written).
 */
function withTagText(i: ImageRef, d: WorkDoc): ImageRef {
  const text = d.raw.floatTags?.[`spec.values.${i.path}.tag`];
  if (text === undefined) return i;
  const built = at(obj(d.body.spec).values, `${i.path}.tag`);
  return typeof built === 'number' && built === Number(text) ? { ...i, tagWrittenAs: text } : i;
}

function tagOf(v: Obj): { tag: string | null; digest: string | null } {
  const [tag, pinned] = (str(v.tag) ?? '').split('@');
  return { tag: tag || null, digest: str(v.digest) ?? pinned ?? null };
}

/** An image repository without tag or digest: `[registry[:port]/]path[/name...]`, lower case. */
const IMAGE_REPOSITORY = /^([a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9._-]+(\/[a-z0-9._-]+)*$/;
/** Git hosts serve no container images (GitHub's and GitLab's registries have names of their own). */
const GIT_HOST = /^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//;

/** An image name without tag: `ingress-nginx/controller`, `tarampampam/error-pages`. */
const IMAGE_NAME = /^[a-z0-9][a-z0-9._\/-]*$/;

/**
 * Container images in values: `image: {repository, tag, digest}` (with an optional `registry`; or
 * ingress-nginx's `{registry, image, tag, digest}`, JupyterHub's `{name, tag}`), the
 * app-template `controllers.*.containers.*.image` shape, `image: repo:tag` strings, a tag alone
 * (`image: {tag}`, the chart's default repository: chartDefault), and a component's `repository` +
 * `tag` written without an `image` key (componentImage).
 */
function findImages(values: unknown, where: (path: string) => Source, chartName: string | null): ImageRef[] {
  const out: ImageRef[] = [];
  const components: ImageRef[] = [];
  const globalRegistry = str(obj(obj(values).global).imageRegistry)?.trim() || null;
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: values, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (depth > 14) continue;
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: path ? `${path}.${i}` : String(i), depth: depth + 1 }));
      continue;
    }
    if (!isObj(v)) continue;
    for (const [key, val] of Object.entries(v)) {
      const p = path ? `${path}.${key}` : key;
      if (switchedOff(p, val)) continue;
      if (/image$/i.test(key) && isObj(val) && (str(val.repository) || (typeof val.image === 'string' && IMAGE_NAME.test(val.image)))) {
        out.push({ repository: withRegistry(val, globalRegistry), ...tagOf(val), path: p, source: where(p) });
      } else if (/image$/i.test(key) && isObj(val) && val.repository === undefined && val.image === undefined && typeof val.name === 'string' && val.name.trim() !== '' && !val.name.includes('://') && !GIT_HOST.test(val.name) && (str(val.tag) !== null || str(val.digest) !== null)) {
        // (A name a variable fills in, `${REGISTRY}/hub`, is the repository as written: its tag is still checked; code review.)
        // JupyterHub's (and other charts') `image: {name, tag}`: the repository is `name` (outside
        // review: every JupyterHub image was shown as the chart's default).
        out.push({ repository: withRegistry({ ...val, repository: val.name }, globalRegistry), ...tagOf(val), path: p, source: where(p) });
      } else if (/image$/i.test(key) && isObj(val) && val.repository === undefined && val.image === undefined && val.name === undefined && str(val.tag) !== null) {
        // `image: {tag: v3.4.1}`: the tag is pinned here, the repository is the chart's default.
        const repository = chartName ? `default of chart ${chartName}` : "the chart's default";
        out.push({ repository, ...tagOf(val), path: p, source: where(p), chartDefault: true });
      } else if (key === 'image' && typeof val === 'string' && IMAGE_STRING.test(val) && val.includes('/')) {
        const image = parseImage(val);
        if (image) out.push({ ...image, path: p, source: where(p) });
      } else if (typeof val === 'object' && val !== null) {
        const image = componentImage(val, globalRegistry);
        if (image) components.push({ ...image, path: p, source: where(p) });
        stack.push({ v: val, path: p, depth: depth + 1 });
      }
    }
  }
  // A component running the chart's main image again (volsync's movers) is the same image: listed once.
  const listed = new Set(out.map(imageKey));
  for (const c of components.sort((a, b) => a.path.localeCompare(b.path))) {
    if (listed.has(imageKey(c))) continue;
    listed.add(imageKey(c));
    out.push(c);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A block that runs nothing: a subchart switched off at the top of the values (`postgresql: {enabled:
 * false}`; not `global`, whose `enabled` is a default for the others), an app-template controller or
 * container switched off. `enabled` must be the boolean false (Helm takes the string "false" as true).
 */
function switchedOff(path: string, v: unknown): boolean {
  if (!isSwitchedOff(v)) return false;
  return (!path.includes('.') && path !== 'global') || /(^|\.)(controllers|containers|initContainers|sidecars)\.[^.]+$/.test(path);
}

/**
 * A values path into a chart's test pods (`chartTests.db.image`, grafana's `testFramework.image`,
 * `tests.image`): a chart's own key with the word `test` or `tests` (`latest` and `attestation` are
 * other words). Not a name the user chose: an app-template controller or container named `test-echo`
 * or `test` runs a pod as any other (outside review), and chart keys are camelCase, not kebab-case.
 */
function isTestPath(path: string): boolean {
  const segs = path.split('.');
  return segs.some((seg, i) => !seg.includes('-') && !USER_NAMED.test(segs[i - 1] ?? '') && splitWords(seg).some((w) => w === 'test' || w === 'tests'));
}

/** Maps whose keys the user names (app-template's controllers and containers). */
const USER_NAMED = /^(controllers|containers|initContainers|sidecars)$/;

/**
 * An image of the values with the ImagePolicy whose setter marker is on its line as written in the
 * HelmRelease (`image: repo:tag # {...}`, or on its `repository`, `tag`, `name` or `digest`).
 */
function withPolicy(i: ImageRef, d: WorkDoc): ImageRef {
  const at = `spec.values.${i.path}`;
  const policy = imagePolicyAt(d, [at, ...['tag', 'repository', 'name', 'digest', 'image'].map((k) => `${at}.${k}`)]);
  return policy ? { ...i, policy } : i;
}

const imageKey = (i: ImageRef): string => `${i.repository}:${i.tag ?? ''}@${i.digest ?? ''}`;

/**
 * Helm allows release names of 53 characters at most; helm-controller shortens a longer default
 * name to its first 40 characters, a hyphen and the first 12 hex digits of its SHA-256
 * (fluxcd/helm-controller internal/release ShortenName). An explicit spec.releaseName is capped at 53
 * by the API.
 */
export function shortenReleaseName(name: string): string {
  if (name.length <= 53) return name;
  return `${name.slice(0, 40)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/**
 * A post-renderer's kustomize `images` (spec.postRenderers[].kustomize.images) change what the chart
 * renders, after the values: an image of that name gets its newName, newTag or digest, as kustomize's
 * images transformer gives them.
 */
function postRendered(images: ImageRef[], overrides: readonly Obj[]): ImageRef[] {
  if (overrides.length === 0) return images;
  return images.map((image) => {
    let out = image;
    for (const o of overrides) {
      if (str(o.name) !== out.repository) continue;
      const newTag = str(o.newTag) ?? (typeof o.newTag === 'number' ? String(o.newTag) : null);
      const digest = str(o.digest);
      out = {
        ...out,
        repository: str(o.newName) ?? out.repository,
        ...(newTag !== null ? { tag: newTag, digest: digest ?? null } : {}),
        ...(newTag === null && digest !== null ? { tag: null, digest } : {}),
      };
    }
    return out;
  });
}

const withInvalid = (invalid: string[]) => (invalid.length > 0 ? { valuesFromInvalid: invalid } : {});

/**
 * The entries of spec.valuesFrom the HelmRelease API refuses (kind, one of ConfigMap and Secret, and
 * name are required): one that is no object (a patch that set `/spec/valuesFrom/0` to a list), or
 * lacks either. A `${VAR}` is taken as written right.
 */
function valuesFromInvalid(list: unknown): string[] {
  return arr(list).flatMap((v, i) => {
    const at = `spec.valuesFrom[${i}]`;
    if (!isObj(v)) return [`${at} is ${Array.isArray(v) ? 'a list' : v === null ? 'empty' : `a ${typeof v}`}, not an object {kind, name}`];
    const kind = v.kind;
    const out: string[] = [];
    if (typeof kind !== 'string' || kind === '') out.push(`${at} has no kind (ConfigMap or Secret)`);
    else if (kind !== 'ConfigMap' && kind !== 'Secret' && !kind.includes('${')) out.push(`${at} has kind ${kind}, where its API takes ConfigMap or Secret`);
    if (typeof v.name !== 'string' || v.name === '') out.push(`${at} has no name`);
    return out;
  });
}
