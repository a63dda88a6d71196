import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { SopsMeta } from '../model/raw-doc.ts';
import { sopsEncrypts } from '../model/sops-selection.ts';

/**
 * The values of a SOPS-encrypted YAML document that its own settings leave in plain text
 * (`unencrypted_suffix: _unencrypted` and `username_unencrypted: app`, `unencrypted_regex:
 * ^description$`, a key outside `encrypted_regex`, a value after a comment `unencrypted_comment_regex`
 * matches), as the scrub names paths (`stringData.username_unencrypted`, `spec.list.0.name`). sops walks
 * the document as this does (sops.go walkBranch): a value's path is its mapping keys, and the comments
 * it sees are those just before each of them. Such a value is plain by design, not one sops missed. A
 * value whose settings cannot be read here is not listed (the reader keeps calling it plain).
 */
export function sopsPlainPaths(root: Node, meta: SopsMeta): Set<string> {
  const plain = new Set<string>();
  const walk = (node: unknown, path: string, keys: string[], comments: string[][]): void => {
    if (isScalar(node)) {
      if (sopsEncrypts(meta, keys, comments) === false) plain.add(path);
      return;
    }
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = String(pair.key.value);
        const value = pair.value as Node | null;
        // (The comment before a nested mapping's first key is the mapping's own, in the yaml library.)
        const before = [i === 0 ? node.commentBefore : null, pair.key.commentBefore, pair.key.comment, isScalar(value) ? value.commentBefore : null, isScalar(value) ? value.comment : null];
        walk(value, path === '' ? key : `${path}.${key}`, [...keys, key], [...comments, lines(before)]);
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const before = [i === 0 ? node.commentBefore : null, isScalar(item) ? item.commentBefore : null, isScalar(item) ? item.comment : null];
        walk(item, path === '' ? String(i) : `${path}.${i}`, keys, [...comments, lines(before)]);
      });
    }
  };
  walk(root, '', [], []);
  return plain;
}

/** Comment text as sops reads it: one entry a line, without the `#`. */
function lines(parts: readonly (string | null | undefined)[]): string[] {
  return parts.flatMap((p) => (p ? p.split('\n').filter((l) => l !== '') : []));
}
