import type { RawDoc } from '../../model/raw-doc.ts';
import type { GeneratorUse, SopsFile } from '../../model/secrets.ts';

/**
 * The SOPS files of the model, one per file with the objects inside it (keys only, never a value): each
 * document named and placed as the builds that apply it name and place it (builtName, builtNamespace),
 * else as it is written; with the generators that read the file.
 */
export function sopsFiles(docs: readonly RawDoc[], generated: ReadonlyMap<string, GeneratorUse[]>, builtNamespace: (d: RawDoc) => string | null, builtName: (d: RawDoc) => string | null): SopsFile[] {
  const byFile = new Map<string, SopsFile>();
  for (const d of docs) {
    if (!d.sops) continue;
    const v = (typeof d.value === 'object' && d.value !== null && !Array.isArray(d.value) ? d.value : {}) as Record<string, unknown>;
    const meta = (v.metadata ?? {}) as Record<string, unknown>;
    const keys = [...Object.keys((v.data as object) ?? {}), ...Object.keys((v.stringData as object) ?? {})].sort();
    let f = byFile.get(d.source.file);
    if (!f) byFile.set(d.source.file, (f = { file: d.source.file, source: d.source, documents: [], meta: d.sops, appId: null, disabled: d.disabled !== null, generatedInto: generated.get(d.source.file) ?? [] }));
    f.documents.push({
      kind: typeof v.kind === 'string' ? v.kind : null,
      name: builtName(d) ?? (typeof meta.name === 'string' ? meta.name : null),
      namespace: builtNamespace(d) ?? (typeof meta.namespace === 'string' ? meta.namespace : null),
      keys: keys.length ? keys : Object.keys(v).filter((k) => k !== 'sops').sort(),
      docIndex: d.source.docIndex ?? 0,
    });
  }
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}
