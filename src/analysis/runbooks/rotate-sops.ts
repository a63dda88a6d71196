/**
 * "Rotate a secret" for a SOPS-encrypted file: what it holds (names and keys only), who
 * `.sops.yaml` says may decrypt it and who actually can, `sops edit` / `sops updatekeys`, the Flux
 * objects to reconcile (the Kustomization that applies it and those that substitute its variables),
 * and the workloads to restart. A file encrypted for fewer recipients than its rule declares gets a
 * caution aside: someone who should be able to decrypt it cannot. A file no Flux build applies (left
 * out of its folder's kustomization.yaml, in an app not deployed) gets none: its Secret is not in the
 * cluster, and the secrets inventory says the file is not deployed (outside review: Ramblurr's
 * nextcloud2 page offered "Rotate nextcloud2 (SOPS)" for a file its kustomization.yaml does not list).
 * The file that holds Flux's decryption key gets the key's own procedure (rotate-sops-key.ts), applied
 * or not: a bootstrap copy applied by hand is still the key the cluster decrypts with.
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { namedDocuments, type SopsFile } from '../../model/secrets.ts';
import { repositoryPeers, repositoryReaders, type SecretAt } from './backup-repositories.ts';
import { compileRules, describeRecipient, metaRecipients, missingFrom, ruleRecipients } from '../secrets/recipients.ts';
import { rotateSopsPath } from './paths.ts';
import { readsInPods, restartSection } from './restart.ts';
import { moversSection, repositoryPasswordSection } from './rotate-repository.ts';
import { rotateKeyRunbook } from './rotate-sops-key.ts';
import { decryptionKeyOf, fileApplied } from './sops-key.ts';
import { reconcileCommand, substitutingKustomizations, substitutionBlocks } from './substituting.ts';
import type { Block, Inline, Runbook, Section } from './types.ts';
import { fileOf, groupBy, idOf, indexBy, positionIn } from '../../model/group-by.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const codes = (xs: readonly string[]): Inline[] => xs.flatMap((x, i) => [i > 0 ? ', ' : '', { code: x }]);

export function rotateSopsRunbooks(model: RepoModel, names: Readonly<Record<string, string>> = {}, docs?: readonly RawDoc[]): Runbook[] {
  const { match } = compileRules(model.sopsRules);
  return model.sopsFiles
    .filter((f) => !f.disabled)
    .flatMap((f) => rotateSops(model, f, match(f.file)?.rule ?? null, names, docs) ?? [])
    .sort((a, b) => a.id.localeCompare(b.id));
}

function rotateSops(model: RepoModel, f: SopsFile, rule: RepoModel['sopsRules'][number] | null, names: Readonly<Record<string, string>>, docs: readonly RawDoc[] | undefined): Runbook | null {
  const key = decryptionKeyOf(model, f);
  if (!key && !fileApplied(model, f)) return null;
  const have = metaRecipients(f.meta, names);
  const want = rule ? ruleRecipients(rule, names) : [];
  const missing = missingFrom(want, have);
  const sections: Section[] = [];

  const contents: Block[] = [
    {
      type: 'table',
      head: ['Object', 'Keys'],
      rows: [
        ...namedDocuments(f).map((d) => [[{ code: `${d.kind ?? '?'}/${d.namespace ? `${d.namespace}/` : ''}${d.name ?? '?'}` }], codes(d.keys)]),
        // An encrypted values file: the Secret a secretGenerator makes of it, under its key.
        ...f.generatedInto.map((g) => [[{ code: `${g.kind}/${g.name}` }], codes(g.env ? f.documents.flatMap((d) => d.keys) : [g.key])]),
      ],
    },
    { type: 'refs', refs: [ref(f.source)] },
  ];
  sections.push({ slug: 'contents', heading: 'What the file holds', blocks: contents });

  const rec: Block[] = [];
  if (missing.length > 0) {
    rec.push({
      type: 'aside',
      variant: 'caution',
      title: `Encrypted for ${have.length} of ${want.length} declared recipients`,
      text: ['Missing: ', ...codes(missing.map(describeRecipient)), '. Whoever holds that key cannot decrypt this file; run ', { code: `sops updatekeys ${f.file}` }, ' (step 2) with a key that can.'],
    });
  }
  rec.push({
    type: 'list',
    ordered: false,
    items: [
      ['Declared by ', rule ? { code: '.sops.yaml' } : 'no creation rule', rule ? ` (path_regex ${rule.pathRegex ?? 'any'}): ` : '', ...codes(want.map(describeRecipient))],
      ['Encrypted for: ', ...codes(have.map(describeRecipient))],
    ],
  });
  if (rule) rec.push({ type: 'refs', refs: [ref(rule.source)] });
  sections.push({ slug: 'recipients', heading: 'Recipients', blocks: rec });

  if (key) return rotateKeyRunbook(model, f, key, sections, missing.length > 0);

  // A backup repository's Secret: its password is changed in the repository first, and no pod restarts.
  const secrets = fileSecrets(model, f);
  const readers = secrets.flatMap((s) => repositoryReaders(model, docs, s));
  const step = readers.length > 0 ? 1 : 0;
  if (readers.length > 0) {
    const sameFile = (s: SecretAt) => ((groupBy(model.secrets, fileOf).get(f.file) ?? []).some((x) => !x.disabled && x.name === s.name && x.namespace === s.namespace) ? 'made from the same SOPS file' : null);
    sections.push(repositoryPasswordSection(readers, repositoryPeers(model, docs, secrets, sameFile), 1, (id) => id ?? 'no app'));
  }

  sections.push({
    slug: 'edit',
    heading: `${step + 1}. Change the value`,
    blocks: [
      { type: 'text', text: ['Opens the decrypted file in $EDITOR and re-encrypts it on save (needs one of the private keys above):'] },
      { type: 'code', lang: 'bash', code: `sops edit ${f.file}` },
    ],
  });
  sections.push({
    slug: 'updatekeys',
    heading: `${step + 2}. Re-encrypt for the declared recipients`,
    blocks: [
      { type: 'text', text: ['After a recipient changed in ', { code: '.sops.yaml' }, ' (or when the file lacks one), rewrite the data key for the rule\'s recipients:'] },
      { type: 'code', lang: 'bash', code: [`sops updatekeys --yes ${f.file}`, `grep -A1 'recipient:' ${f.file}`].join('\n') },
    ],
  });
  sections.push(applySection(model, f, secrets, step + 3));
  // The file's app, resolved at model time from the objects it holds (else its folder).
  const appId = f.appId;
  const labels = Object.assign({}, ...(groupBy(model.secrets, fileOf).get(f.file) ?? []).map((s) => s.labels)) as Record<string, string>;
  const restart = restartSection(model, appId, `The file ${f.file}`, secrets, labels, substitutingKustomizations(model, secrets).length > 0);
  if (readers.length > 0) sections.push(moversSection(readers, secrets[0]?.namespace ?? 'default', step + 4));
  if (readers.length === 0 || readsInPods(model, secrets)) sections.push(restart);

  return {
    id: `rotate:sops:${f.file}`,
    kind: 'rotate',
    title: `Rotate ${rotatedNames(model, f).join(', ') || f.file} (SOPS)`,
    summary: `${f.file}: ${f.documents.length} object(s), ${have.length} recipient(s)${missing.length ? `, ${missing.length} missing` : ''}.`,
    path: rotateSopsPath(f.file),
    appId,
    alarm: missing.length > 0,
    sections,
  };
}

/** Commit, then reconcile what applies the file and what substitutes its variables (where its Secrets land). */
function applySection(model: RepoModel, f: SopsFile, secrets: readonly SecretAt[], n: number): Section {
  const secretNames = new Set(f.documents.filter((d) => d.kind === 'Secret' && d.name).map((d) => d.name!));
  // Through indexes (one SOPS file of hundreds asks), keeping model order.
  const owners = new Set((groupBy(model.secrets, fileOf).get(f.file) ?? []).filter((s) => s.owner).map((s) => s.owner!));
  const byId = groupBy(model.kustomizations, idOf);
  const at = positionIn(model.kustomizations);
  const applying = [...owners].flatMap((id) => byId.get(id) ?? []).filter((k) => !k.disabled).sort((a, b) => at.of(a) - at.of(b));
  const lines = [
    `git add ${f.file} && git commit -m "chore: rotate ${[...secretNames].join(', ') || 'secret'}" && git push`,
    ...applying.map((k, i) => reconcileCommand(k, i === 0)),
  ];
  const blocks: Block[] = [{ type: 'code', lang: 'bash', code: lines.join('\n') }, ...substitutionBlocks(substitutingKustomizations(model, secrets))];
  return { slug: 'apply', heading: `${n}. Commit and reconcile`, blocks };
}

/**
 * What the runbook is named after: the file's named objects, and the Secrets a secretGenerator makes of
 * it (an encrypted values file has no name of its own: outside review, "Rotate ? (SOPS)" for a
 * forgejo values.enc.yaml), each as the builds named it (an overlay's namePrefix), else as written.
 * Empty where neither names anything: the caller names the file.
 */
function rotatedNames(model: RepoModel, f: SopsFile): string[] {
  const own = namedDocuments(f).flatMap((d) => d.name ?? []);
  const kfiles = indexBy(model.kustomizeFiles, fileOf);
  const generated = f.generatedInto.filter((g) => g.kind === 'Secret').flatMap((g) => {
    const builtAs = kfiles.get(g.source.file)?.secretGenerators.find((s) => s.name === g.name)?.builtAs;
    return builtAs && builtAs.length > 0 ? builtAs : [g.name];
  });
  return [...new Set([...own, ...generated])];
}

/** The Secrets the file's documents become, where builds put them (a component's copies, one per app). */
function fileSecrets(model: RepoModel, f: SopsFile): SecretAt[] {
  const built = (groupBy(model.secrets, fileOf).get(f.file) ?? []).filter((s) => !s.disabled);
  const secrets = built.length > 0 ? built : f.documents.filter((d) => d.kind === 'Secret' && d.name).map((d) => ({ name: d.name!, namespace: d.namespace, cluster: null }));
  return [...new Map(secrets.map((s) => [`${s.cluster ?? ''}|${s.namespace ?? ''}|${s.name}`, { name: s.name, namespace: s.namespace, cluster: s.cluster ?? null }])).values()];
}
