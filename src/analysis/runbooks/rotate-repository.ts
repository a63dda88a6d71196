/**
 * The rotate steps of a Secret a backup tool reads as its repository (backup-repositories.ts): change
 * the password in the repository first (`restic key add`, later `restic key remove` of the old key;
 * `kopia repository change-password`), name the other Secrets that hold the same password (one store
 * item or file) or open a repository at the same place, and, instead of a pod restart, let the movers
 * read it at their next run. Without the first step a new value in the Secret opens none of the
 * existing backups (outside review: the runbook said "change the item, force a sync, restart the app").
 */
import { isMover, type RepositoryPeer, type RepositoryReader } from './backup-repositories.ts';
import type { Block, Inline, Section } from './types.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const codes = (xs: readonly string[]): Inline[] => xs.flatMap((x, i) => [i > 0 ? ', ' : '', { code: x }]);
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** `ReplicationSource esphome`, `k8up Schedule backup`, `HelmRelease kopia`: what reads it, as a reader says it. */
function readerName(r: RepositoryReader): Inline[] {
  return [isMover(r) && r.object.system === 'k8up' ? `k8up ${r.object.kind} ` : `${r.object.kind} `, { code: r.object.name }];
}

function readerList(readers: readonly RepositoryReader[]): Inline[] {
  return readers.flatMap((r, i) => [i > 0 ? (i === readers.length - 1 ? ' and ' : ', ') : '', ...readerName(r)]);
}

/** Step `n`: change the password where the repository keeps it, before the Secret gets the new value. */
export function repositoryPasswordSection(readers: readonly RepositoryReader[], peers: readonly RepositoryPeer[], n: number, appName: (id: string | null) => string): Section {
  const tools = uniq(readers.map((r) => r.tool));
  const passwordKeys = uniq(readers.map((r) => r.passwordKey));
  const places = uniq(readers.flatMap((r) => r.places));
  const blocks: Block[] = [
    {
      type: 'aside',
      variant: 'caution',
      title: 'This password encrypts the backups',
      text: [
        ...readerList(readers), ` read${readers.length > 1 ? '' : 's'} this Secret to open ${readers.length > 1 ? 'their' : 'its'} ${tools.join(' and ')} repository. `,
        ...codes(passwordKeys), ` is the repository's own password: a new value in the Secret alone does not change it, and ${readers.length > 1 ? 'they' : 'it'} could then open none of the existing backups.`,
      ],
    },
    {
      type: 'text',
      text: [
        'Change it in the repository first, with the current password (the Secret\'s ', ...codes(passwordKeys), '), from where the repository is reachable',
        ...(places.length > 0 ? [' (it lives at ', ...codes(places), ')'] : []),
        ':',
      ],
    },
  ];
  if (tools.includes('restic')) {
    blocks.push({
      type: 'code',
      lang: 'bash',
      code: [
        `export RESTIC_REPOSITORY='<${readers.some((r) => isMover(r) && r.object.system === 'k8up') ? 'the backend the k8up Schedule names' : "the Secret's RESTIC_REPOSITORY"}>'   # and the backend's credentials, if any`,
        'restic key list   # asks for the current password; * marks its key: note that ID',
        'restic key add    # asks for the new password: from now on both open the repository',
      ].join('\n'),
      caption: 'restic',
    });
  }
  if (tools.includes('kopia')) {
    blocks.push({
      type: 'code',
      lang: 'bash',
      code: [
        "kopia repository connect <as the Secret's KOPIA_REPOSITORY says: filesystem --path=…, s3 --bucket=…>   # asks for the current password",
        'kopia repository change-password   # asks for the new one: the old one opens nothing from now on',
        'kopia repository disconnect',
      ].join('\n'),
      caption: 'kopia',
    });
  }
  blocks.push({
    type: 'text',
    text: [
      'Then put the same new value into ', ...codes(passwordKeys), ' (next step); other keys of the Secret are rotated there as usual.',
      ...(tools.includes('kopia') ? [' Until the Secret has it, nothing that reads it can open the kopia repository: do the next steps right away.'] : []),
      ...(tools.includes('restic') ? [' The old restic key is removed once the movers have run with the new one (last step).'] : []),
    ],
  });
  const item = (p: RepositoryPeer): Inline[] => [
    'Secret ', { code: p.secret.name }, p.secret.namespace ? ` (${p.secret.namespace})` : '', ', read by ', ...readerList(p.readers),
    ` of ${uniq(p.readers.map((r) => appName(r.object.appId))).join(', ')}: ${p.why.join('; ')}`,
    ...(p.runbook ? ['; ', { href: p.runbook, text: 'its rotate runbook' }] : []),
    '.',
  ];
  // Another Secret of its own (another file or store item) with the password of a repository at the
  // same place: where it is the same repository, the change above is its change too (outside review:
  // the movers' runbook named neither the KopiaMaintenance's Secret nor the kopia UI's, which then
  // could not open the repository).
  const together = peers.filter((p) => p.samePlace && !p.sameSource);
  if (together.length > 0) {
    const keys = uniq(together.flatMap((p) => p.readers.map((r) => r.passwordKey)));
    blocks.push(
      {
        type: 'text',
        text: [
          'These Secrets hold the password of a repository at the same place. Where it is the same repository (the same path inside it, as their ',
          { code: tools.includes('kopia') ? 'KOPIA_REPOSITORY' : 'RESTIC_REPOSITORY' }, ' or configuration says), the change above changed their password too: ',
          tools.includes('kopia') && !tools.includes('restic')
            ? 'their readers open nothing until they have it. Put the new value into their '
            : 'the old restic key opens it until the last step removes it. Put the new value into their ',
          ...codes(keys),
          tools.includes('kopia') && !tools.includes('restic') ? ' together with this one, right away' : ' before that step',
          ', each as its own rotate runbook says from the step after the repository\'s (that change is made: not again), and let their readers read it:',
        ],
      },
      { type: 'list', ordered: false, items: together.map(item) },
    );
  }
  const shared = peers.filter((p) => p.sameSource);
  if (shared.length > 0) {
    blocks.push(
      { type: 'text', text: ['Other backup repositories go with this one:'] },
      { type: 'list', ordered: false, items: shared.map(item) },
      {
        type: 'text',
        text: ['A password they share through one store item or file changes for all of them at once: change it in each of their repositories as above, once for a repository they share (the same place and path), before their Secrets get it.'],
      },
    );
  }
  const refs = new Map([...readers, ...peers.flatMap((p) => p.readers)].map((r) => [`${r.object.source.file}:${r.object.source.line}`, ref(r.object.source)]));
  blocks.push({ type: 'refs', refs: [...refs.values()] });
  return { slug: 'repository-password', heading: `${n}. Change the password in the repository`, blocks };
}

/** How to see a mover's next run read the new value. */
function checkCommand(r: RepositoryReader & { object: { system: string } }, namespace: string): string {
  const ns = r.object.namespace ?? namespace;
  if (r.object.system === 'k8up') return `kubectl -n ${ns} get backups.k8up.io --sort-by=.metadata.creationTimestamp`;
  if (r.object.kind === 'KopiaMaintenance') return `kubectl -n ${ns} get kopiamaintenance ${r.object.name} -o jsonpath='{.status.lastMaintenanceTime} {.status.maintenanceFailures}{"\\n"}'`;
  return `kubectl -n ${ns} get replicationsource ${r.object.name} -o jsonpath='{.status.lastSyncTime} {.status.latestMoverStatus.result}{"\\n"}'`;
}

/**
 * Step `n`, instead of a restart: a mover is a pod VolSync or k8up starts for each run, and it reads
 * the Secret then. With restic, the old key goes once a run has succeeded with the new password. The
 * pods that mount the repository themselves (a kopia UI) read it when they start: the restart section
 * that follows restarts them.
 */
export function moversSection(readers: readonly RepositoryReader[], namespace: string, n: number): Section {
  const movers = readers.filter(isMover);
  const pods = readers.filter((r) => r.role === 'pods');
  const runs = readers.filter((r) => r.role === 'runs');
  // (A ReplicationDestination runs when it is triggered, not on a schedule: nothing to wait for.)
  const scheduled = movers.filter((r) => r.object.kind !== 'ReplicationDestination');
  const schedules = uniq(scheduled.flatMap((r) => (r.object.schedule ? [r.object.schedule] : [])));
  const blocks: Block[] = [];
  if (movers.length > 0) {
    blocks.push({
      type: 'text',
      text: [
        pods.length + runs.length > 0 ? 'Backup movers read it: ' : 'Only backup movers read it: ', ...readerList(movers), '. A mover is a pod started for each run, and reads the Secret then',
        ...schedules.flatMap((s, i): Inline[] => [i === 0 ? ' (schedule ' : ', ', { code: s }]),
        schedules.length > 0 ? ')' : '',
        ': there is no pod to restart.',
        ...(scheduled.length > 0 ? [' Check the next run:'] : []),
      ],
    });
  }
  if (scheduled.length > 0) blocks.push({ type: 'code', lang: 'bash', code: uniq(scheduled.map((r) => checkCommand(r, namespace))).join('\n') });
  if (pods.length > 0) {
    blocks.push({ type: 'text', text: [...readerList(pods), ` open${pods.length > 1 ? '' : 's'} the repository from pods that read the Secret when they start: restart ${pods.length > 1 ? 'them' : 'it'} (below).`] });
  }
  if (runs.length > 0) {
    blocks.push({ type: 'text', text: [...readerList(runs), ` open${runs.length > 1 ? '' : 's'} the repository at each run, and read${runs.length > 1 ? '' : 's'} the Secret then: nothing to restart.`] });
  }
  if (readers.some((r) => r.tool === 'restic')) {
    blocks.push(
      { type: 'text', text: ['Once a run has succeeded with the new password, remove the old restic key (the ID noted at the first step):'] },
      { type: 'code', lang: 'bash', code: 'restic key remove <ID of the old key>   # asks for the new password' },
    );
  }
  return { slug: 'movers', heading: `${n}. ${movers.length > 0 ? 'Let the movers read it' : 'Let its readers read it'}`, blocks };
}
