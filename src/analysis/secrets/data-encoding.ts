/**
 * SECRET_DATA_NOT_BASE64: a value of a Secret's `data` that is no base64 (a GUID, a password written as it
 * is, where `stringData` was meant). The API server refuses the Secret ("illegal base64 data at input
 * byte ..."), so the server-side apply of the whole Kustomization fails (outside review: an Azure
 * credential Secret with raw GUIDs under `data`). The reader marks such values when it wipes them
 * (scrub.ts isBase64); nothing of the value is kept. Not judged: SOPS ciphertext, `${VAR}` substitutions,
 * placeholders; findings of files no build applies are dropped with the rest (analysis/index.ts).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';

export function secretDataFindings(model: Pick<RepoModel, 'redactions' | 'secrets'>): Finding[] {
  const byDoc = new Map<string, { keys: string[]; source: (typeof model.redactions)[number]['source'] }>();
  for (const r of model.redactions) {
    if (!r.notBase64) continue;
    const doc = `${r.source.file}#${r.source.docIndex ?? 0}`;
    const entry = byDoc.get(doc) ?? byDoc.set(doc, { keys: [], source: r.source }).get(doc)!;
    entry.keys.push(r.path.slice('data.'.length));
  }
  const out: Finding[] = [];
  for (const [doc, { keys, source }] of byDoc) {
    const secret = model.secrets.find((s) => `${s.source.file}#${s.source.docIndex ?? 0}` === doc);
    const name = secret ? `Secret ${secret.namespace ? `${secret.namespace}/` : ''}${secret.name}` : 'A Secret';
    out.push(
      finding(
        'SECRET_DATA_NOT_BASE64',
        'error',
        `${name} has ${keys.length > 1 ? 'values' : 'a value'} under data that ${keys.length > 1 ? 'are' : 'is'} no base64 (${keys.map((k) => `data.${k}`).join(', ')}): the API server refuses the Secret ("illegal base64 data"), so the apply of the Kustomization that applies it fails. Encode ${keys.length > 1 ? 'them' : 'it'} with base64, or write ${keys.length > 1 ? 'them' : 'it'} under stringData (and encrypt the file with SOPS). The values are not shown.`,
        source,
        { area: 'secrets', ...(secret ? { objectId: secret.id, ...(secret.appId ? { appId: secret.appId } : {}) } : {}) },
      ),
    );
  }
  return out;
}
