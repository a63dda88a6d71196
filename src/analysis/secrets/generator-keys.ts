/**
 * A private key a kustomize generator puts into a Secret (or a ConfigMap) from a file committed in
 * plain text (`secretGenerator: files: [issuer.key]`): the key is in the repository for anyone who
 * can read it. One PLAIN_SECRET per generator entry of a kustomization.yaml a Flux build runs, at the
 * entry's line; the file's content is never read here (the scan flagged it: RepoFile.plainPrivateKey).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';

export function generatorKeyFindings(model: Pick<RepoModel, 'files' | 'kustomizeFiles'>): Finding[] {
  const plain = new Set(model.files.filter((f) => f.plainPrivateKey).map((f) => f.path));
  if (plain.size === 0) return [];
  const findings: Finding[] = [];
  for (const k of model.kustomizeFiles) {
    if (!k.deployed) continue;
    for (const [kind, list] of [['secretGenerator', k.secretGenerators], ['configMapGenerator', k.configMapGenerators]] as const) {
      for (const g of list) {
        for (const read of g.reads) {
          if (!plain.has(read.path)) continue;
          const what = kind === 'secretGenerator' ? `Secret ${g.name}` : `ConfigMap ${g.name}, which anyone who can read ConfigMaps sees`;
          findings.push(
            finding(
              'PLAIN_SECRET',
              'error',
              `${kind} "${g.name}" puts ${read.path} (key ${read.key}), a private key committed in plain text, into ${what}. Encrypt the file with SOPS (or keep the key out of the repository, in an ExternalSecret), and replace the key: it is in the history.`,
              { file: k.file, line: read.line, col: 1 },
              { area: 'secrets' },
            ),
          );
        }
      }
    }
  }
  return findings;
}
