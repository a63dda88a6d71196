import { REDACTED, type Redaction } from '../model/raw-doc.ts';
import type { Source } from '../model/source.ts';
import { hasUrlPassword, isCredentialKey, isLiteralValue, isPlaceholderOnly, isReferenceValue } from '../model/credential-key.ts';

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
  const secretFields = new Set<string>();
  if (top['kind'] === 'Secret') secretFields.add('data').add('stringData');
  if (top['kind'] === 'SealedSecret') secretFields.add('spec.encryptedData');
  const apiVersion = typeof top['apiVersion'] === 'string' ? top['apiVersion'] : '';
  const referenceKeys = /(^|\.)external-secrets\.io\//.test(apiVersion) ? new Set(['secretKey']) : new Set<string>();

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
  const stack: { obj: Record<string, unknown> | unknown[]; path: string; secret: boolean }[] = [{ obj: top, path: '', secret: false }];
  while (stack.length > 0) {
    const { obj, path, secret } = stack.pop()!;
    const set = secret ? seen.secret : seen.normal;
    if (set.has(obj)) continue;
    set.add(obj);
    const isArray = Array.isArray(obj);
    const rec = obj as Record<string, unknown>;
    if (!isArray && !secret && typeof rec['name'] === 'string' && isCredentialKey(rec['name']) && isLiteralValue(rec['value']) && !isReferenceValue(rec['name'], rec['value'])) {
      rec['value'] = REDACTED;
      redactions.push({ path: join(path, 'value'), reason: 'credential-literal', source: at(path) });
    }
    for (const key of Object.keys(obj)) {
      const v = rec[key];
      const childPath = join(path, key);
      if (v !== null && typeof v === 'object') {
        stack.push({ obj: v as Record<string, unknown>, path: childPath, secret: secret || secretFields.has(childPath) });
        continue;
      }
      if (v === REDACTED || v === null || v === undefined) continue;
      let reason: Redaction['reason'] | null = null;
      const childSecret = secret || secretFields.has(childPath);
      if (typeof v === 'string' && v.startsWith('ENC[')) reason = 'sops-encrypted';
      else if (childSecret) reason = typeof v === 'string' && isPlaceholderOnly(v) ? null : 'secret-data';
      else if (!isArray && isCredentialKey(key) && !referenceKeys.has(key) && isLiteralValue(v) && !isReferenceValue(key, v)) reason = 'credential-literal';
      else if (typeof v === 'string' && hasUrlPassword(v)) reason = 'credential-literal';
      if (reason) {
        rec[key] = REDACTED;
        redactions.push({ path: childPath, reason, source: at(childPath) });
      }
    }
  }
  return redactions;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
