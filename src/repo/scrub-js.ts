import { REDACTED, type Redaction } from '../model/raw-doc.ts';
import type { Source } from '../model/source.ts';
import { isCredentialKey, privateKeyIn } from '../model/credential-key.ts';
import { endpointOf, isEndpointKey, isReportableDocument } from './credential-judge.ts';
import { isCredentialFlag, normalVerdict, secretVerdict } from './scrub-rules.ts';

/**
 * A second, plain-JS pass over a converted document, run only when the document uses aliases.
 * The AST pass wipes values where they are written; an alias or `<<:` merge can still move an
 * unwiped value under a Secret's `data` or a credential key (`data: { <<: *labels }`). Same rules
 * as scrub.ts; redactions found here point at the nearest known line.
 */
export function scrubValue(value: unknown, lines: Record<string, number>, docSource: Source): Redaction[] {
  const redactions: Redaction[] = [];
  if (value === null || typeof value !== 'object') return redactions;
  const top = value as Record<string, unknown>;
  const apiVersion = typeof top['apiVersion'] === 'string' ? top['apiVersion'] : '';
  const referenceKeys = /(^|\.)external-secrets\.io\//.test(apiVersion) ? new Set(['secretKey']) : new Set<string>();
  const reportableDoc = isReportableDocument(docSource.file, top);

  const at = (path: string): Source => {
    let p = path;
    for (;;) {
      const line = lines[p];
      if (line !== undefined) return { ...docSource, line, col: 1 };
      const dot = p.lastIndexOf('.');
      if (dot === -1) return docSource;
      p = p.slice(0, dot);
    }
  };
  const seen = { normal: new WeakSet<object>(), secret: new WeakSet<object>() };
  type Entry = { obj: Record<string, unknown> | unknown[]; path: string; secret: boolean; key: string | null; secretChildren: ReadonlySet<string> };
  const stack: Entry[] = [{ obj: top, path: '', secret: false, key: null, secretChildren: new Set() }];
  while (stack.length > 0) {
    const { obj, path, secret, key: parentKey, secretChildren: inherited } = stack.pop()!;
    const set = secret ? seen.secret : seen.normal;
    if (set.has(obj)) continue;
    set.add(obj);
    const isArray = Array.isArray(obj);
    const rec = obj as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (!isArray && !secret && typeof rec['name'] === 'string' && isCredentialKey(rec['name']) && rec['value'] !== REDACTED && rec['value'] !== undefined && rec['value'] !== null) {
      const v = normalVerdict(rec['value'], { file: docSource.file, reportableDoc, referenceKeys, key: rec['name'], siblings: [], parentKey: null, customTag: false, path: '' });
      if (v && v.text === null) {
        rec['value'] = REDACTED;
        redactions.push({ path: join(path, 'value'), reason: v.reason, source: at(path) });
      }
    }
    // Secret data wherever the Secret sits (a document, a List item, a manifest in Helm values).
    const own = new Set(inherited);
    if (!isArray && !secret && rec['kind'] === 'Secret' && (rec['apiVersion'] === undefined || rec['apiVersion'] === 'v1')) own.add('data').add('stringData');
    if (!isArray && !secret && rec['kind'] === 'SealedSecret') own.add('spec');
    let flag = false;
    const endpoint = !isArray && keys.some(isEndpointKey) ? endpointOf(Object.entries(rec)) : null;
    for (const key of keys) {
      const v = rec[key];
      const childPath = join(path, key);
      const childSecret = secret || (own.has(key) && !(key === 'spec' && rec['kind'] === 'SealedSecret'));
      const afterFlag = isArray && flag && !secret;
      flag = isArray && isCredentialFlag(v);
      if (v !== null && typeof v === 'object') {
        const sealedSpec = !secret && key === 'spec' && rec['kind'] === 'SealedSecret';
        stack.push({ obj: v as Record<string, unknown>, path: childPath, secret: childSecret, key: isArray ? parentKey : key, secretChildren: sealedSpec ? new Set(['encryptedData']) : new Set() });
        continue;
      }
      if (v === REDACTED || v === null || v === undefined) continue;
      const scalarCtx = { file: docSource.file, reportableDoc, referenceKeys, siblings: isArray ? [] : keys, parentKey, customTag: false, path: childPath, endpoint };
      let verdict = childSecret ? secretVerdict(v, isArray ? null : key) : null;
      if (!childSecret && afterFlag && typeof v === 'string' && !v.startsWith('-')) {
        const f = normalVerdict(v, { ...scalarCtx, key: 'password' });
        if (f && f.text === null) verdict = f;
      }
      if (!childSecret && verdict === null) verdict = normalVerdict(v, { ...scalarCtx, key: isArray ? null : key });
      if (verdict) {
        const privateKey = verdict.reason === 'credential-literal' && typeof v === 'string' && privateKeyIn(v) !== null;
        rec[key] = verdict.text ?? REDACTED;
        redactions.push({ path: childPath, reason: verdict.reason, source: at(childPath), ...(privateKey ? { privateKey: true as const } : {}) });
      }
    }
  }
  return redactions;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
