import { REDACTED } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';
import { arr, isObj, obj, own, setOwn, str, type Obj } from '../../model/values.ts';
import { scrubValue } from '../scrub-js.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import { resApiVersion, resKind, resName, resNs, type KResource } from './kustomize-resource.ts';
import { gv } from './kustomize-scope.ts';
import { imagesByPath } from './kustomize-transformers.ts';
import { selectorMatches } from './patches.ts';
import { dirOf, resolveIn } from './paths.ts';
import { versionsByPath, versionsSetBy } from './version-set-at.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * `replacements:` (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/replacements/):
 * copy one field of one object (source) into fields of others (targets), optionally one part of a
 * delimited string. Selection is by exact id fields against the original or current name and namespace.
 * Where the source's value is not known here (a Secret's, a credential wiped when read, a generator
 * input the scan did not read, a source the build could not follow), the targets get the REDACTED
 * marker in its place, never the text they had before, which kustomize replaces: a placeholder such as
 * `auth.DOMAIN` is no host of the cluster. REPLACEMENT_VALUE_UNKNOWN says so at the entry.
 * `incomplete`: the build could not follow everything (a remote resource, a generator plugin), so a
 * source it does not find may be there for kustomize.
 */
export function applyReplacements(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, src: KustomizeSource, incomplete = false): void {
  const kdir = dirOf(kdoc.file);
  arr(kdoc.body.replacements).forEach((item, i) => {
    const line = kdoc.raw.lines[`replacements.${i}`] ?? kdoc.raw.source.line;
    const o = obj(item);
    let list: unknown[] = [o];
    const path = str(o.path);
    if (path !== null) {
      const file = resolveIn(kdir, path);
      const docs = file === null ? [] : src.rawDocs ? src.rawDocs(file) : (src.byFile.get(file) ?? []).map((d) => d.raw.value);
      list = docs.flatMap((d) => (Array.isArray(d) ? d : [d]));
      if (list.length === 0) {
        sink.add('REPLACEMENT_FAILED', kdoc.file, line, `replacements: file "${path}" is not in the repository or holds no replacement.`);
        return;
      }
    }
    for (const r of list) {
      const outcome = replace(obj(r), ra, incomplete, { file: kdoc.file, line, col: 1, docIndex: kdoc.raw.source.docIndex });
      if (outcome === null) continue;
      if ('error' in outcome) sink.add('REPLACEMENT_FAILED', kdoc.file, line, `replacements: ${outcome.error}.`);
      else {
        const shown = outcome.targets.length > 4 ? [...outcome.targets.slice(0, 4), `${outcome.targets.length - 4} more`] : outcome.targets;
        sink.add('REPLACEMENT_VALUE_UNKNOWN', kdoc.file, line, `This replacement copies ${outcome.source}, whose value is not known here (${outcome.why}): the fields it sets (${shown.join(', ')}) show ${REDACTED} where kustomize writes that value.`);
      }
    }
  });
}

type Outcome = { error: string } | { source: string; why: string; targets: string[] } | null;

function replace(rep: Obj, ra: KResource[], incomplete: boolean, at: Source): Outcome {
  const source = obj(rep.source);
  const sources = ra.filter((r) => idSelected(source, r));
  const fieldPath = str(source.fieldPath) ?? 'metadata.name';
  let value: unknown;
  let why: string | null = null;
  if (sources.length === 0 && incomplete) why = 'no object of the build as read here matches it; it may come from a remote resource or a generator this build does not run';
  else if (sources.length !== 1) return { error: sources.length === 0 ? `no object matches the source ${describe(source)}` : `several objects match the source ${describe(source)}` };
  else {
    const path = parsePath(fieldPath);
    value = getPath(sources[0]!.body, path);
    why = unknownValue(sources[0]!, path, value);
    if (why === null && value === undefined) return { error: `the source has no field ${fieldPath}` };
  }
  const so = obj(source.options);
  if (why !== null) value = REDACTED;
  else if (str(so.delimiter) && typeof value === 'string') {
    const parts = value.split(str(so.delimiter)!);
    const index = typeof so.index === 'number' ? so.index : 0;
    value = parts[index] ?? '';
  }
  const written: string[] = [];
  for (const t of arr(rep.targets).filter(isObj)) {
    const select = obj(t.select);
    const rejects = arr(t.reject).filter(isObj);
    const to = obj(t.options);
    for (const r of ra) {
      if (!idSelected(select, r) || rejects.some((x) => idSelected(x, r))) continue;
      // An image or a chart version the replacement writes is cited at its entry, as a patch's is.
      const images = imagesByPath(r.body);
      const versions = versionsByPath(r.body);
      let wrote = false;
      for (const fp of arr(t.fieldPaths)) {
        const p = str(fp);
        if (!p) continue;
        const error = setPath(r.body, parsePath(p), value, to);
        if (error) return { error: `${resKind(r)} ${resName(r)}: ${error}` };
        written.push(`${resKind(r)} ${resName(r)} ${p}`);
        wrote = true;
      }
      if (!wrote) continue;
      for (const [path, image] of imagesByPath(r.body)) if (images.get(path) !== image) r.imageSetAt = { ...r.imageSetAt, [path]: { source: at, image } };
      const versionSetAt = versionsSetBy(versions, r.body, at, r.versionSetAt);
      if (versionSetAt) r.versionSetAt = versionSetAt;
      // A value copied under another key is judged there too (a ConfigMap's value into an env var
      // named DB_PASSWORD), as a substituted one is.
      if (why === null) scrubValue(r.body, {}, r.doc?.raw.source ?? at);
    }
  }
  return why === null || written.length === 0 ? null : { source: `${describe(source)} ${fieldPath}`, why, targets: written };
}

/**
 * Why the value at `path` of the source is not known here, or null: a Secret's data (never read), a
 * value wiped when read (a credential, SOPS ciphertext), a generated ConfigMap's value from an input
 * the scan did not read (KResource.unknownData).
 */
function unknownValue(r: KResource, path: readonly Segment[], value: unknown): string | null {
  const first = path[0] && 'key' in path[0] ? path[0].key : null;
  if (resKind(r) === 'Secret' && gv(resApiVersion(r) || 'v1').group === '' && (first === 'data' || first === 'stringData')) return "a Secret's values are never read";
  if (value !== undefined && JSON.stringify(value).includes(REDACTED)) return 'it was wiped when read, as a secret or a credential';
  const key = path[1] && 'key' in path[1] ? path[1].key : null;
  if (!r.unknownData || (first !== 'data' && first !== 'binaryData') || key === null) return null;
  return r.unknownData.get(key) ?? (value === undefined ? (r.unknownData.get('*') ?? null) : null);
}

function describe(s: Obj): string {
  return [str(s.kind), str(s.name), str(s.namespace)].filter(Boolean).join(' ') || '(any)';
}

/** kustomize's ResId selection: every field the selector sets must equal the object's (original or current name and namespace). */
function idSelected(s: Obj, r: KResource): boolean {
  const { group, version } = gv(resApiVersion(r));
  if (str(s.group) && str(s.group) !== group) return false;
  if (str(s.version) && str(s.version) !== version) return false;
  if (str(s.kind) && str(s.kind) !== resKind(r)) return false;
  if (str(s.name) && str(s.name) !== resName(r) && str(s.name) !== r.orgName) return false;
  if (str(s.namespace) && str(s.namespace) !== (resNs(r) ?? 'default') && str(s.namespace) !== (r.orgNs ?? 'default')) return false;
  const meta = obj(r.body.metadata);
  if (str(s.labelSelector) && !selectorMatches(str(s.labelSelector), obj(meta.labels))) return false;
  if (str(s.annotationSelector) && !selectorMatches(str(s.annotationSelector), obj(meta.annotations))) return false;
  return true;
}

type Segment = { key: string } | { match: [string, string] } | { index: number } | { all: true };

/** `spec.template.spec.containers.[name=app].image` (also `containers[name=app]`, `0`, `*`), dots inside brackets kept. */
function parsePath(path: string): Segment[] {
  const raw: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      raw.push(cur);
      cur = '';
    } else cur += ch;
  }
  raw.push(cur);
  const out: Segment[] = [];
  for (const s of raw) {
    const m = /^([^[]*)\[([^=\]]+)=([^\]]*)\]$/.exec(s);
    // `[app.kubernetes.io/name]`: a key with dots in it.
    const quoted = /^\[([^=\]]+)\]$/.exec(s);
    if (quoted && quoted[1] !== '*') out.push({ key: quoted[1]! });
    else if (m) {
      if (m[1]) out.push({ key: m[1] });
      out.push({ match: [m[2]!, m[3]!] });
    } else if (s === '*' || s === '[*]') out.push({ all: true });
    else if (/^\d+$/.test(s)) out.push({ index: Number(s) });
    else out.push({ key: s });
  }
  return out;
}

function getPath(node: unknown, path: Segment[]): unknown {
  let cur = node;
  for (const s of path) {
    if ('key' in s) cur = isObj(cur) ? cur[s.key] : undefined;
    else if ('index' in s) cur = Array.isArray(cur) ? cur[s.index] : isObj(cur) ? cur[String(s.index)] : undefined;
    else if ('match' in s) cur = Array.isArray(cur) ? cur.find((i) => isObj(i) && str(i[s.match[0]]) === s.match[1]) : undefined;
    else cur = Array.isArray(cur) ? cur[0] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function setPath(node: unknown, path: Segment[], value: unknown, options: Obj): string | null {
  const create = options.create === true;
  const walk = (cur: unknown, i: number): string | null => {
    const s = path[i]!;
    const last = i === path.length - 1;
    if ('all' in s) {
      if (!Array.isArray(cur)) return 'a wildcard on something that is not a list';
      for (let j = 0; j < cur.length; j++) {
        if (last) cur[j] = merged(cur[j], value, options);
        else {
          const e = walk(cur[j], i + 1);
          if (e) return e;
        }
      }
      return null;
    }
    let holder: Obj | unknown[];
    let key: string | number;
    if ('match' in s) {
      if (!Array.isArray(cur)) return `[${s.match.join('=')}] on something that is not a list`;
      let idx = cur.findIndex((x) => isObj(x) && str(x[s.match[0]]) === s.match[1]);
      if (idx < 0) {
        if (!create) return `no list item [${s.match.join('=')}]`;
        cur.push({ [s.match[0]]: s.match[1] });
        idx = cur.length - 1;
      }
      holder = cur;
      key = idx;
    } else if ('index' in s && Array.isArray(cur)) {
      holder = cur;
      key = s.index;
    } else {
      if (!isObj(cur)) return `field ${'key' in s ? s.key : s.index} is under something that is not a map`;
      holder = cur;
      key = 'key' in s ? s.key : String(s.index);
    }
    // Own keys only: a field path through `__proto__` names a field, not Object.prototype.
    const read = (): unknown => (Array.isArray(holder) ? holder[key as number] : own(holder, String(key)));
    const write = (v: unknown) => (Array.isArray(holder) ? (holder[key as number] = v) : setOwn(holder, String(key), v));
    const at = read();
    if (last) {
      if (at === undefined && !create) return `the target has no field ${render(path)}`;
      write(merged(at, value, options));
      return null;
    }
    if (at === undefined || at === null) {
      if (!create) return `the target has no field ${render(path)}`;
      const next = path[i + 1]!;
      write('match' in next || 'all' in next || 'index' in next ? [] : {});
    }
    return walk(read(), i + 1);
  };
  return walk(node, 0);
}

/** The new value of a target field; with a delimiter, only the indexed part of the string changes. */
function merged(current: unknown, value: unknown, options: Obj): unknown {
  const delimiter = str(options.delimiter);
  if (!delimiter) {
    // kustomize sets the target node's value and keeps its type: "3" into `replicas: 1` is 3.
    if (typeof value === 'string' && typeof current === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    if (typeof value === 'string' && typeof current === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
    return structuredClone(value);
  }
  const parts = (typeof current === 'string' ? current : '').split(delimiter);
  const index = typeof options.index === 'number' ? options.index : 0;
  const v = str(value) ?? '';
  if (index >= parts.length) parts.push(v);
  else if (index < 0) parts.unshift(v);
  else parts[index] = v;
  return parts.join(delimiter);
}

function render(path: Segment[]): string {
  return path.map((s) => ('key' in s ? s.key : 'index' in s ? String(s.index) : 'match' in s ? `[${s.match.join('=')}]` : '*')).join('.');
}
