/**
 * Secret values a kustomize generator puts into a Secret (or a ConfigMap) from a file committed in
 * plain text: a private key (`secretGenerator: files: [issuer.key]`), or values that look like
 * credentials (`envs: [app.env]` with `API_TOKEN=…`, a one-line `files: [api-token]`), judged as the
 * generator's `literals` are (HARDCODED_CREDENTIAL there: a key naming a credential, a value that is no
 * placeholder or reference). They are in the repository for anyone who can read it. One PLAIN_SECRET
 * per input of a generator entry of a kustomization.yaml a Flux build runs, at the entry's line; the
 * file's content is never read here (the scan judged it: RepoFile.plainPrivateKey, plainCredentials).
 * An env file of settings only (`LOG_LEVEL=debug`) still becomes Secret data, but nothing in it needs
 * rotating: as a literal of that kind, it is no finding.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';

export function generatorKeyFindings(model: Pick<RepoModel, 'files' | 'kustomizeFiles'>): Finding[] {
  const plain = new Set(model.files.filter((f) => f.plainPrivateKey).map((f) => f.path));
  const credentials = new Map(model.files.filter((f) => f.plainCredentials).map((f) => [f.path, f.plainCredentials!]));
  if (plain.size === 0 && credentials.size === 0) return [];
  const findings: Finding[] = [];
  for (const k of model.kustomizeFiles) {
    if (!k.deployed) continue;
    for (const [kind, list] of [['secretGenerator', k.secretGenerators], ['configMapGenerator', k.configMapGenerators]] as const) {
      for (const g of list) {
        const what = kind === 'secretGenerator' ? `Secret ${g.name}` : `ConfigMap ${g.name}, which anyone who can read ConfigMaps sees`;
        const add = (message: string, line: number) => findings.push(finding('PLAIN_SECRET', 'error', message, { file: k.file, line, col: 1 }, { area: 'secrets' }));
        for (const read of g.reads) {
          if (plain.has(read.path)) {
            add(
              `${kind} "${g.name}" puts ${read.path} (key ${read.key}), a private key committed in plain text, into ${what}. Encrypt the file with SOPS (or keep the key out of the repository, in an ExternalSecret), and replace the key: it is in the history.`,
              read.line,
            );
          } else if (credentials.get(read.path)?.includes(read.key)) {
            add(
              `${kind} "${g.name}" puts ${read.path} (key ${read.key}), committed in plain text, into ${what}; its value looks like a credential. Encrypt the file with SOPS (Flux decrypts a generator's input before kustomize reads it) or move the value to an ExternalSecret, and rotate it. The value is not shown.`,
              read.line,
            );
          }
        }
        for (const read of g.envReads) {
          const keys = credentials.get(read.path);
          if (!keys) continue;
          add(
            `${kind} "${g.name}" puts ${read.path}, an env file committed in plain text, into ${what}; ${keys.length === 1 ? `the value of ${keys[0]} looks` : `the values of ${keys.join(', ')} look`} like ${keys.length === 1 ? 'a credential' : 'credentials'}. Encrypt the file with SOPS (Flux decrypts a generator's .env input before kustomize reads it) or move ${keys.length === 1 ? 'the value' : 'them'} to an ExternalSecret, and rotate ${keys.length === 1 ? 'it' : 'them'}. The values are not shown.`,
            read.line,
          );
        }
      }
    }
  }
  return findings;
}
