import type { RawDoc } from '../../model/raw-doc.ts';
import type { SopsRule } from '../../model/secrets.ts';
import { arr, obj, str } from '../../model/values.ts';

/**
 * Creation rules of the root `.sops.yaml`: which paths must be encrypted, and for whom.
 * https://github.com/getsops/sops#using-sops-yaml-conf-to-select-kms-pgp-and-age-for-new-files
 */
export function sopsRules(docs: readonly RawDoc[]): SopsRule[] {
  const config = docs.find((d) => d.source.file === '.sops.yaml' || d.source.file === '.sops.yml');
  if (!config) return [];
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
