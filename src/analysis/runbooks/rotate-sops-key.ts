/**
 * "Rotate a secret" for the SOPS file that holds Flux's decryption key (sops-key.ts). Its value is the
 * private key every SOPS file is decrypted with: rotated as an ordinary secret (sops edit, commit), the
 * cluster gets a new key while every other file stays encrypted for the old one, and every
 * Kustomization that decrypts fails (outside review). So the new key is added beside the old: every
 * file is encrypted for both, the cluster's Secrets get the new key, and only once Flux decrypts with it
 * is the old recipient removed. https://getsops.io/docs/usage/key-management/ (updatekeys),
 * https://fluxcd.io/flux/guides/mozilla-sops/ (the key Secret).
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { SopsFile } from '../../model/secrets.ts';
import { rotateSopsPath } from './paths.ts';
import { reconcileCommand } from './substituting.ts';
import type { DecryptionKey, DecryptionSecret } from './sops-key.ts';
import type { Block, Inline, Runbook, Section } from './types.ts';

/** Files listed by name in the updatekeys steps; beyond it, a command that finds them. */
const MAX_LISTED_FILES = 60;
/** Kustomizations listed to reconcile in the check; beyond it, those that are not Ready. */
const MAX_RECONCILES = 40;

type Ks = RepoModel['kustomizations'][number];

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const ksLabel = (k: Ks): string => `${k.namespace ?? 'flux-system'}/${k.name}`;
const label = (s: { namespace: string | null; cluster?: string | null }) => `${s.namespace ?? '?'}${s.cluster ? ` (cluster ${s.cluster})` : ''}`;

interface KeyTools {
  newFile: string;
  generate: string[];
  /** The command that prints the recipient of the key a Secret holds (never the key). */
  recipientOf: (s: DecryptionSecret | { name: string; namespace: string }) => string;
  field: string;
  /** Where sops on a person's machine finds the key. */
  local: Inline[];
}

function tools(key: DecryptionKey): KeyTools {
  const path = `{.data.${key.dataKey.replaceAll('.', '\\.')}}`;
  if (key.kind === 'pgp') {
    return {
      newFile: 'sops.asc.new',
      generate: [
        'gpg --batch --passphrase \'\' --quick-generate-key "flux-sops-$(date +%F)" rsa4096 default never',
        'gpg --list-secret-keys "flux-sops-$(date +%F)"   # the fingerprint: the new recipient',
        'gpg --export-secret-keys --armor "flux-sops-$(date +%F)" > sops.asc.new',
      ],
      recipientOf: (s) => `kubectl -n ${s.namespace} get secret ${s.name} -o jsonpath='${path}' | base64 -d | gpg --show-keys`,
      field: 'pgp',
      local: ['the GPG keyring: ', { code: 'gpg --import sops.asc.new' }],
    };
  }
  return {
    newFile: 'age.key.new',
    generate: ['age-keygen -o age.key.new', 'age-keygen -y age.key.new   # the new recipient'],
    recipientOf: (s) => `kubectl -n ${s.namespace} get secret ${s.name} -o jsonpath='${path}' | base64 -d | age-keygen -y`,
    field: 'age',
    local: ['the file ', { code: '$SOPS_AGE_KEY_FILE' }, ' names, or its default'],
  };
}

/**
 * `head`: the sections every SOPS runbook opens with (what the file holds, its recipients).
 */
export function rotateKeyRunbook(model: RepoModel, f: SopsFile, key: DecryptionKey, head: Section[], alarm: boolean): Runbook {
  const t = tools(key);
  const kss = [...new Set(key.readAt.flatMap((r) => r.kustomizations))];
  const appliedAt = new Set(key.applied.map((s) => `${s.cluster ?? ''}\u0000${s.namespace ?? ''}`));
  // The Secrets no build of the repository makes: made at bootstrap or by hand, and replaced by hand.
  const byHand = key.readAt.filter((r) => !appliedAt.has(`${r.cluster ?? ''}\u0000${r.namespace}`));
  // The topmost Kustomizations that decrypt (no other one that decrypts applies them): reconciling
  // them, with the source, shows whether Flux still decrypts; the others follow at their interval.
  const ids = new Set(kss.map((k) => k.id));
  const top = kss.filter((k) => k.owner === null || !ids.has(k.owner));
  const reconcileTop = top.map((k, i) => reconcileCommand(k, i === 0));
  const appliers = model.kustomizations.filter((k) => key.appliedBy.includes(k.id));
  const sections: Section[] = [keySection(key, kss, byHand, appliers, f), ...head];

  // Read the current key where the topmost Kustomization reads it (flux-system, as a rule).
  const first = key.readAt.find((r) => top.some((k) => r.kustomizations.includes(k))) ?? key.readAt[0] ?? { name: key.secret, namespace: key.applied[0]?.namespace ?? key.writtenNamespace ?? 'flux-system' };
  sections.push({
    slug: 'current',
    heading: '1. Find the current key\'s recipient',
    blocks: [
      { type: 'text', text: ['It prints the public recipient only (the private key goes through the pipe, never to the screen). It is the recipient to keep in ', { code: '.sops.yaml' }, ' until the last step:'] },
      { type: 'code', lang: 'bash', code: t.recipientOf(first) },
    ],
  });

  sections.push({
    slug: 'new-key',
    heading: '2. Generate a new key and add its recipient',
    blocks: [
      { type: 'code', lang: 'bash', code: t.generate.join('\n') },
      {
        type: 'text',
        text: [
          'Keep ', { code: t.newFile }, ' out of Git: it is the private key. In ', { code: '.sops.yaml' }, ', add the new recipient beside the current one (under ', { code: `${t.field}:` },
          ', comma-separated) in every creation rule that lists the current one. Remove nothing yet: Flux decrypts with the current key until step 4.',
        ],
      },
      ...(model.sopsRules.length > 0 ? [{ type: 'refs' as const, refs: model.sopsRules.map((r) => ref(r.source)) }] : []),
    ],
  });

  const files = model.sopsFiles.map((s) => s.file);
  sections.push({
    slug: 'updatekeys',
    heading: '3. Re-encrypt every SOPS file for both keys',
    blocks: [
      { type: 'text', text: [{ code: 'sops updatekeys' }, ` rewrites each file's data key for its rule's recipients, now the current and the new one (it decrypts with the current key, so keep it where sops finds it). The repository's ${files.length} SOPS file(s):`] },
      { type: 'code', lang: 'bash', code: [...updatekeys(files, 'chore(sops): encrypt for the new key too'), ...reconcileTop].join('\n') },
      { type: 'text', text: ['Flux still decrypts with the current key: every file opens with either key now.'] },
    ],
  });

  sections.push(replaceSection(f, key, t, byHand, appliers));
  sections.push(checkSection(key, t, kss));

  sections.push({
    slug: 'remove-old',
    heading: '6. Remove the old recipient',
    blocks: [
      { type: 'text', text: ['Remove the old recipient from every creation rule of ', { code: '.sops.yaml' }, ', then re-encrypt every file again, for the new key alone:'] },
      { type: 'code', lang: 'bash', code: [...updatekeys(files, 'chore(sops): remove the old recipient'), ...reconcileTop].join('\n') },
      {
        type: 'aside',
        variant: 'caution',
        title: 'A new key does not hide old values',
        text: ['If the old key may have leaked, every value it encrypted stays readable in Git history: rotate those secrets too (each file\'s own runbook). Then delete the old key wherever it was kept.'],
      },
    ],
  });

  sections.push({ slug: 'restart', heading: 'Nothing to restart', blocks: [{ type: 'text', text: ['No pod reads it: the kustomize-controller reads the decryption Secret at each reconciliation.'] }] });

  return {
    id: `rotate:sops:${f.file}`,
    kind: 'rotate',
    title: `Rotate the SOPS decryption key ${key.secret}`,
    summary: `${f.file}: the key ${kss.length} Kustomization(s) decrypt with; the new key is added beside the old, which is removed last.`,
    path: rotateSopsPath(f.file),
    appId: f.appId,
    alarm,
    sections,
  };
}

/** What the key is, who decrypts with it, where it is kept; and why the ordinary rotation breaks Flux. */
function keySection(key: DecryptionKey, kss: readonly Ks[], byHand: readonly DecryptionSecret[], appliers: readonly Ks[], f: SopsFile): Section {
  const namespaces = key.readAt.map(label);
  const blocks: Block[] = [
    {
      type: 'text',
      text: [
        'Secret ', { code: key.secret }, ' (key ', { code: key.dataKey }, ') holds the private key the kustomize-controller decrypts SOPS files with',
        ...(kss.length > 0
          ? [`: ${kss.length} Kustomization(s) name it in `, { code: 'spec.decryption.secretRef' }, `, which reads it in the Kustomization's own namespace (${namespaces.join(', ')}).`]
          : ['; no Kustomization of the repository names it in ', { code: 'spec.decryption.secretRef' }, ', so check which one does on the cluster.']),
      ],
    },
    {
      type: 'aside',
      variant: 'caution',
      title: 'Not an ordinary secret',
      text: [
        'Editing its value and committing, as for any other secret, gives the cluster a new key while every other SOPS file stays encrypted for the old one: every Kustomization that decrypts fails. Add the new key beside the old, and remove the old recipient only once Flux decrypts with the new one.',
      ],
    },
  ];
  if (key.applied.length > 0) {
    blocks.push({ type: 'text', text: ['This file makes its copies in ', ...list(key.applied.map(label)), ' (applied by ', ...list(appliers.map(ksLabel)), '), decrypted with the key the cluster already holds.'] });
  } else {
    blocks.push({
      type: 'aside',
      variant: 'note',
      title: 'No Flux object applies this file',
      text: [
        'The cluster cannot decrypt it for you: no Flux build applies it, and it is encrypted for the recipients below (usually the owner\'s own key, kept outside the cluster). Whoever holds one of those private keys decrypts it and applies it by hand, at bootstrap: ',
        { code: `sops --decrypt ${f.file} | kubectl apply -f -` }, '.',
      ],
    });
  }
  if (byHand.length > 0) blocks.push({ type: 'text', text: ['No build of the repository makes it in ', ...list(byHand.map(label)), ': made at bootstrap or by hand, and replaced by hand (step 4).'] });
  if (kss.length > 0) blocks.push({ type: 'refs', refs: kss.slice(0, 20).map((k) => ref(k.source)) });
  return { slug: 'key', heading: 'The key Flux decrypts with', blocks };
}

/** Step 4: the new key into the file the repository keeps it in, and into every Secret made by hand. */
function replaceSection(f: SopsFile, key: DecryptionKey, t: KeyTools, byHand: readonly DecryptionSecret[], appliers: readonly Ks[]): Section {
  const blocks: Block[] = [];
  const single = f.documents.length === 1;
  const rewrite = single
    ? [
        `kubectl create secret generic ${key.secret}${key.writtenNamespace ? ` -n ${key.writtenNamespace}` : ''} --from-file=${key.dataKey}=${t.newFile} --dry-run=client -o yaml > ${f.file}`,
        `sops encrypt --in-place ${f.file}`,
      ]
    : [`sops edit ${f.file}   # set ${key.dataKey} of Secret ${key.secret} to the content of ${t.newFile}`];
  const fileNote: Inline[] = single ? ['; the file is written anew, so put back any label or annotation it had'] : [];
  if (key.applied.length > 0) {
    blocks.push(
      { type: 'text', text: ['Write the new key into the file, which its rule now encrypts for both keys; ', ...list(appliers.map(ksLabel)), ' applies it to ', ...list(key.applied.map(label)), ...fileNote, ':'] },
      { type: 'code', lang: 'bash', code: [...rewrite, `git add ${f.file} && git commit -m "chore(sops): the new decryption key" && git push`, ...appliers.map((k, i) => reconcileCommand(k, i === 0))].join('\n') },
    );
  } else {
    blocks.push(
      { type: 'text', text: ['Write the new key into the file, which its rule now encrypts for both keys, so that the next bootstrap applies the new key', ...fileNote, ':'] },
      { type: 'code', lang: 'bash', code: [...rewrite, `git add ${f.file} && git commit -m "chore(sops): the new decryption key" && git push`].join('\n') },
    );
  }
  if (byHand.length > 0) {
    const cmd = (s: DecryptionSecret) => `kubectl -n ${s.namespace} create secret generic ${s.name} --from-file=${key.dataKey}=${t.newFile} --dry-run=client -o yaml | kubectl apply -f -`;
    const clusters = [...new Set(byHand.map((s) => s.cluster))];
    blocks.push(
      { type: 'text', text: ['Replace the Secret in the cluster where no build makes it (', ...list(byHand.map(label)), '):'] },
      { type: 'code', lang: 'bash', code: clusters.flatMap((c) => [...(c ? [`# cluster ${c}`] : []), ...byHand.filter((s) => s.cluster === c).map(cmd)]).join('\n') },
    );
  }
  blocks.push({ type: 'text', text: ['Keep ', { code: t.newFile }, ' where the old key was kept (a password manager; for sops on your machine, ', ...t.local, '): after step 6 only it decrypts the repository.'] });
  return { slug: 'replace', heading: '4. Give the cluster the new key', blocks };
}

/** Step 5: every Secret holds the new key, and every Kustomization that decrypts is Ready with it. */
function checkSection(key: DecryptionKey, t: KeyTools, kss: readonly Ks[]): Section {
  const shown = kss.slice(0, MAX_RECONCILES);
  return {
    slug: 'check',
    heading: '5. Check that Flux decrypts with the new key',
    blocks: [
      { type: 'text', text: ['Each Secret must print the new recipient, and every Kustomization that decrypts must be Ready at the new revision (a decryption error in ', { code: 'flux events' }, ' names one that still has the old key). Go on only when they all are: until step 6 every file still opens with the old key.'] },
      {
        type: 'code',
        lang: 'bash',
        code: [
          ...key.readAt.map((s) => `${t.recipientOf(s)}${s.cluster ? `   # cluster ${s.cluster}` : ''}`),
          ...shown.map((k) => reconcileCommand(k)),
          ...(kss.length > shown.length ? [`# ... and ${kss.length - shown.length} more: they reconcile within their interval`] : []),
          'flux get kustomizations -A --status-selector ready=false',
        ].join('\n'),
      },
    ],
  };
}

/** `sops updatekeys` over the files the model knows (a command that finds them, where they are many), and the commit. */
function updatekeys(files: readonly string[], message: string): string[] {
  if (files.length > MAX_LISTED_FILES) {
    const find = `git grep -lE '^sops:|"sops": \\{|^sops_version='`;
    return [`${find} | xargs -n1 sops updatekeys --yes   # ${files.length} files`, `git add .sops.yaml $(${find}) && git commit -m "${message}" && git push`];
  }
  return ['files=(', ...files.map((f) => `  ${f}`), ')', 'for f in "${files[@]}"; do sops updatekeys --yes "$f"; done', `git add .sops.yaml "\${files[@]}" && git commit -m "${message}" && git push`];
}

function list(xs: readonly string[]): Inline[] {
  return xs.flatMap((x, i): Inline[] => [i > 0 ? ', ' : '', { code: x }]);
}
