import { bodyLines } from './mentions.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * M-1.3: the commented-out code the item lists (`1. **longhorn-prereq** (disabled)` followed by
 * `- File: ...`) is gone. Measured against the repository's real objects, by file, not by the
 * item's wording: a listed file is done when it holds no commented-out document any more (whatever
 * the commented documents are called; moving them to a `*.dis` file or deleting them both count).
 * A listed file that is itself a disabled file (`ks.dis`, `ks.bak`) is the clutter the item wants
 * removed: done once that file is gone. A listed file of another kind that is not in the repository
 * is not measured (nothing tells a file deleted in the clean-up from one this repository never had: a
 * roadmap written for another repository): its unit is left out. Where most of the files it lists are
 * not here, the few that are say little about the item, so its intent is measured across the
 * repository: each other file that still holds a commented-out Kustomization is a unit too, and the
 * item is only "partly measurable" (never a mismatch: one clean file of three named was reported as
 * "Not Started, but measures 100%"). An entry without a file falls back to its name (no
 * Kustomization of that name is still commented out). Without a list, the item is done when no
 * commented-out Kustomization remains.
 */
interface Listed {
  name: string;
  file: string | null;
  line: number;
}

function listed(item: Parameters<NamedCheck['run']>[0]['item']): Listed[] {
  const out: Listed[] = [];
  for (const { text, line } of bodyLines(item)) {
    const t = text.slice(0, 400);
    const m = /^\s*\d{1,3}[.)]\s+\*\*([a-z0-9][a-z0-9.-]*)\*\*/.exec(t);
    if (m) {
      out.push({ name: m[1]!, file: null, line });
      continue;
    }
    const f = /^\s*[-*+]\s+File:\s*`([^`]+)`/.exec(t);
    if (f && out.length > 0 && out[out.length - 1]!.file === null) out[out.length - 1]!.file = f[1]!;
  }
  return out;
}

/** A file kept but switched off by renaming (`ks.dis`, `ks.yaml.bak`, `ks.disabled`). */
const DISABLED_FILE = /\.(dis|disabled|bak|old|orig)$/i;

export const commentedKustomizationsGone: NamedCheck = {
  name: 'commented-kustomizations-gone',
  description: 'Files the item lists that no longer hold commented-out documents (disabled files listed: gone).',
  topic: /comment/i,
  seedIds: ['M-1.3'],
  run({ item, repo: model }) {
    // Commented-out code is what Flux does not apply: read from the whole repository, not the deployed view.
    const commented = model.kustomizations.filter((k) => k.disabled === 'commented');
    const entries = listed(item);
    const shortfalls: Shortfall[] = [];
    if (entries.length === 0) {
      for (const k of commented) shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} is still commented out.`, source: k.source });
      return outcome(commented.length === 0 ? 1 : 0, 1, shortfalls);
    }
    let done = 0;
    const missing: string[] = [];
    const present = new Set(model.files.map((f) => f.path));
    // Every commented-out document, Kustomization or not, by the file it sits in.
    const commentedDocs = [...model.objects, ...model.kustomizations].filter((o) => o.disabled === 'commented');
    const inFile = (file: string) => [...new Map(commentedDocs.filter((o) => o.source.file === file).map((o) => [`${o.id}@${o.source.line}`, o])).values()];
    const units = new Map<string, Listed[]>();
    for (const e of entries) units.set(e.file ?? `name:${e.name}`, [...(units.get(e.file ?? `name:${e.name}`) ?? []), e]);
    for (const es of units.values()) {
      const file = es[0]!.file;
      if (file === null) {
        const still = commented.filter((k) => k.name === es[0]!.name);
        if (still.length === 0) done++;
        for (const k of still) shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} is still commented out in ${k.source.file}.`, source: k.source });
        continue;
      }
      if (DISABLED_FILE.test(file)) {
        if (!present.has(file)) {
          done++;
          continue;
        }
        const k = model.kustomizations.find((x) => x.source.file === file && es.some((e) => e.name === x.name)) ?? model.kustomizations.find((x) => x.source.file === file);
        shortfalls.push({ ...(k ? { objectId: k.id } : {}), message: `${file} (${es.map((e) => e.name).join(', ')}) is still in the repository.`, source: k?.source ?? { file: item.source.file, line: es[0]!.line, col: 1 } });
        continue;
      }
      if (!present.has(file)) {
        missing.push(file);
        continue;
      }
      const still = inFile(file).sort((a, b) => a.source.line - b.source.line);
      if (still.length === 0) done++;
      for (const o of still) shortfalls.push({ objectId: o.id, message: `${o.kind} ${o.name} is still commented out in ${file}.`, source: o.source });
    }
    const listedFiles = new Set(entries.flatMap((e) => (e.file ? [e.file] : [])));
    const elsewhere = [...new Set(commented.filter((k) => !listedFiles.has(k.source.file)).map((k) => k.source.file))].sort();
    const namedFiles = [...units.keys()].filter((k) => !k.startsWith('name:')).length;
    const thin = missing.length * 2 > namedFiles ? `${missing.length} of the ${namedFiles} files it lists are not in this repository` : undefined;
    let total = units.size - missing.length;
    if (thin) {
      // The item's intent, no commented-out Kustomization left, measured where this repository has them.
      for (const file of elsewhere) {
        total++;
        for (const k of commented.filter((x) => x.source.file === file)) shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} is still commented out in ${file} (a file the item does not list).`, source: k.source });
      }
    }
    const notes = [
      ...(missing.length ? [`Not in the repository, so not measured: ${missing.join(', ')}.`] : []),
      ...(elsewhere.length ? [`Commented-out Kustomizations the item does not list${thin ? ' (measured, as most files it lists are not here)' : ''}: ${elsewhere.join(', ')}.`] : []),
    ];
    return outcome(done, total, shortfalls, notes, thin);
  },
};
