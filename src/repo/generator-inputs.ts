/**
 * Files a kustomization's secretGenerator or configMapGenerator reads that the scan does not parse
 * as YAML (`files: [issuer.key]`): the one thing said of them is whether one holds a private key in
 * plain text (a PEM `PRIVATE KEY` block, not SOPS-encrypted), which then reaches the cluster from the
 * repository as it is. The text is looked at here and never kept, logged or returned.
 */
import { readFileSync } from 'node:fs';
import type { RawDoc } from '../model/raw-doc.ts';
import { arr, obj, str } from '../model/values.ts';
import { generatorFile } from './build/generator-files.ts';
import { dirOf } from './build/paths.ts';
import type { DiscoveredFile } from './discover.ts';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
/** Larger inputs are no key file (a PEM key is a few kB); they are not opened. */
const MAX_BYTES = 256 * 1024;
/**
 * A PEM private key with key material under it (a line of base64): not a passphrase-protected one
 * (`ENCRYPTED PRIVATE KEY`), nor a template with `<paste your key here>` between the markers.
 */
const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----\s*\r?\n(?:[A-Za-z-]+: [^\n]*\r?\n)*\s*[A-Za-z0-9+/=]{40,}/;
/** SOPS's own marks in its dotenv, INI, JSON and binary formats. */
const SOPS = /ENC\[AES256_GCM,|^sops_version=|^\[sops\]|"sops"\s*:/m;

/** Paths of generator inputs that hold a private key in plain text. */
export function plainKeyInputs(docs: readonly RawDoc[], files: ReadonlyMap<string, Pick<DiscoveredFile, 'abs' | 'kind' | 'size'>>): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    if (d.disabled || !KUSTOMIZATION_FILE.test(d.source.file)) continue;
    const body = obj(d.value);
    for (const g of [...arr(body.secretGenerator), ...arr(body.configMapGenerator)]) {
      for (const entry of arr(obj(g).files)) {
        const e = str(entry);
        const target = e === null ? null : generatorFile(dirOf(d.source.file), e);
        const file = target ? files.get(target.path) : undefined;
        if (!target || !file || file.kind !== 'other' || file.size > MAX_BYTES || out.has(target.path)) continue;
        let text: string;
        try {
          text = readFileSync(file.abs, 'utf8');
        } catch {
          continue; // unreadable: kustomize reports it, and so does the build
        }
        const key = PRIVATE_KEY.exec(text);
        if (key && !/\bENCRYPTED\b/.test(key[1] ?? '') && !SOPS.test(text)) out.add(target.path);
      }
    }
  }
  return out;
}
