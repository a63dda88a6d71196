import { offInText, type RawDoc } from '../../model/raw-doc.ts';
import type { SopsRule } from '../../model/secrets.ts';
import { arr, obj, str } from '../../model/values.ts';

const CONFIG = /(^|\/)\.sops\.ya?ml$/;

/**
 * Creation rules of every `.sops.yaml` of the repository (the root's, and a folder's own, as Flux's
 * SOPS guide puts one in each cluster's folder), in file order: which paths must be encrypted, and
 * for whom. Which config governs a file is the nearest one above it (compileRules).
 * https://github.com/getsops/sops#using-sops-yaml-conf-to-select-kms-pgp-and-age-for-new-files
 */
export function sopsRules(docs: readonly RawDoc[]): SopsRule[] {
  // The first document of each (sops reads one); not a commented-out one. A config no kustomization
  // lists is still sops's config.
  const configs = new Map<string, RawDoc>();
  for (const d of docs) if (CONFIG.test(d.source.file) && !offInText(d.disabled) && d.source.docIndex !== undefined && !configs.has(d.source.file)) configs.set(d.source.file, d);
  return [...configs.values()].flatMap((config) => rulesOf(config));
}

function rulesOf(config: RawDoc): SopsRule[] {
  return arr(obj(config.value).creation_rules).map((r, i) => {
    const rule = obj(r);
    const groups = arr(rule.key_groups).map(obj);
    const list = (v: unknown): string[] =>
      (typeof v === 'string' ? v.split(',') : arr(v).map((x) => str(x) ?? str(obj(x).recipient) ?? str(obj(x).fp) ?? str(obj(x).arn) ?? ''))
        .map((s) => s.trim())
        .filter(Boolean);
    return {
      pathRegex: str(rule.path_regex),
      encryptedRegex: str(rule.encrypted_regex),
      age: [...list(rule.age), ...groups.flatMap((g) => list(g.age))],
      pgp: [...list(rule.pgp), ...groups.flatMap((g) => list(g.pgp))],
      kms: [...list(rule.kms), ...groups.flatMap((g) => list(g.kms))],
      source: { file: config.source.file, line: config.lines[`creation_rules.${i}`] ?? config.source.line, col: 1 },
    };
  });
}
