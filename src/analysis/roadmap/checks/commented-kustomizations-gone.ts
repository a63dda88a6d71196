import { bodyLines } from './mentions.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * M-1.3: the commented-out Flux Kustomizations the item lists (`1. **longhorn-prereq** (disabled)`
 * followed by `- File: ...`) are gone: no Kustomization of that name is still commented out
 * (moving it to a `*.dis` file or deleting it both count). An entry whose `File:` is itself a
 * disabled file (`ks.dis`, `ks.bak`) is the clutter the item wants removed: it is done only once
 * that file is gone. Without a list, the item is done when no commented-out Kustomization remains.
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
  description: 'Commented-out Flux Kustomizations named in the item that no longer sit commented in a ks.yaml.',
  topic: /comment/i,
  seedIds: ['M-1.3'],
  run({ item, model }) {
    const commented = model.kustomizations.filter((k) => k.disabled === 'commented');
    const entries = listed(item);
    const shortfalls: Shortfall[] = [];
    if (entries.length === 0) {
      for (const k of commented) shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} is still commented out.`, source: k.source });
      return outcome(commented.length === 0 ? 1 : 0, 1, shortfalls);
    }
    let done = 0;
    const present = new Set(model.files.map((f) => f.path));
    for (const e of entries) {
      const still = commented.filter((k) => k.name === e.name);
      const disabledFile = e.file !== null && DISABLED_FILE.test(e.file) && present.has(e.file) ? e.file : null;
      if (still.length === 0 && disabledFile === null) done++;
      for (const k of still) shortfalls.push({ objectId: k.id, message: `Kustomization ${k.name} is still commented out in ${k.source.file}.`, source: k.source });
      if (disabledFile !== null) {
        const k = model.kustomizations.find((x) => x.source.file === disabledFile && x.name === e.name) ?? model.kustomizations.find((x) => x.source.file === disabledFile);
        shortfalls.push({ ...(k ? { objectId: k.id } : {}), message: `${disabledFile} (${e.name}) is still in the repository.`, source: k?.source ?? { file: item.source.file, line: e.line, col: 1 } });
      }
    }
    const notes = entries.filter((e) => e.file !== null && !commented.some((k) => k.name === e.name) && commented.some((k) => k.source.file === e.file));
    return outcome(
      done,
      entries.length,
      shortfalls,
      notes.map((e) => `${e.file} still holds other commented-out Kustomizations.`),
    );
  },
};

