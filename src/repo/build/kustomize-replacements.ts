import { arr, isObj, obj, own, setOwn, str, type Obj } from '../../model/values.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import { resApiVersion, resKind, resName, resNs, type KResource } from './kustomize-resource.ts';
import { gv } from './kustomize-scope.ts';
import { selectorMatches } from './patches.ts';
import { dirOf, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * `replacements:` (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/replacements/):
 * copy one field of one object (source) into fields of others (targets), optionally one part of a
 * delimited string. Selection is by exact id fields against the original or current name and namespace.
 */
export function applyReplacements(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, src: KustomizeSource): void {
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
      const error = replace(obj(r), ra);
      if (error) sink.add('REPLACEMENT_FAILED', kdoc.file, line, `replacements: ${error}.`);
    }
  });
}

function replace(rep: Obj, ra: KResource[]): string | null {
  const source = obj(rep.source);
  const sources = ra.filter((r) => idSelected(source, r));
  if (sources.length !== 1) return sources.length === 0 ? `no object matches the source ${describe(source)}` : `several objects match the source ${describe(source)}`;
  const fieldPath = str(source.fieldPath) ?? 'metadata.name';
  let value = getPath(sources[0]!.body, parsePath(fieldPath));
  if (value === undefined) return `the source has no field ${fieldPath}`;
  const so = obj(source.options);
  if (str(so.delimiter) && typeof value === 'string') {
    const parts = value.split(str(so.delimiter)!);
    const index = typeof so.index === 'number' ? so.index : 0;
    value = parts[index] ?? '';
  }
  for (const t of arr(rep.targets).filter(isObj)) {
    const select = obj(t.select);
    const rejects = arr(t.reject).filter(isObj);
    const to = obj(t.options);
    for (const r of ra) {
      if (!idSelected(select, r) || rejects.some((x) => idSelected(x, r))) continue;
      for (const fp of arr(t.fieldPaths)) {
        const p = str(fp);
        if (!p) continue;
        const error = setPath(r.body, parsePath(p), value, to);
        if (error) return `${resKind(r)} ${resName(r)}: ${error}`;
      }
    }
  }
  return null;
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
