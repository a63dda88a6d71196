/**
 * "Rotate a secret" for an ExternalSecret: the value lives in the store, so the runbook names the
 * store (kind, name, provider) and the items to change there (remoteRef keys and properties,
 * dataFrom extract keys: references, never values), then forces a sync with the real name and
 * namespace, reconciles the Kustomizations that substitute the Secret's keys, and restarts the app.
 * https://external-secrets.io/latest/introduction/faq/ (force sync)
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isStoreOf, type ExternalSecret } from '../../model/secrets.ts';
import { repositoryPeers, repositoryReaders, type SecretAt } from './backup-repositories.ts';
import { rotateExternalSecretPath } from './paths.ts';
import { readsInPods, restartSection } from './restart.ts';
import { objectApplied } from './applied.ts';
import { moversSection, repositoryPasswordSection } from './rotate-repository.ts';
import { substitutingKustomizations, substitutionBlocks } from './substituting.ts';
import type { Block, Inline, Runbook, Section } from './types.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });

export function rotateExternalSecretRunbooks(model: RepoModel, docs?: readonly RawDoc[]): Runbook[] {
  return model.externalSecrets
    // Only one a build applies: an ExternalSecret left out of its folder's kustomization.yaml, or in an
    // app not deployed, makes no Secret to rotate.
    .filter((e) => objectApplied(model, e))
    .map((e) => rotateExternal(model, e, docs))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function rotateExternal(model: RepoModel, e: ExternalSecret, docs: readonly RawDoc[] | undefined): Runbook {
  const ns = e.namespace ?? 'default';
  // A backup repository's Secret: its password is changed in the repository first, and no pod restarts.
  const secret: SecretAt = { name: e.targetName, namespace: e.namespace, cluster: e.cluster ?? null };
  const readers = repositoryReaders(model, docs, secret);
  const step = readers.length > 0 ? 1 : 0;
  // The stores it reads (spec.secretStoreRef, then those entries name); the first one defined gives the provider.
  const store = e.stores.map((r) => model.secretStores.find((s) => isStoreOf(r, e.cluster, s))).find((s) => s !== undefined);
  const storeLabel = e.stores.length > 0 ? e.stores.map((r) => `${r.kind ?? 'SecretStore'}/${r.name}`).join(', ') : '(no storeRef)';
  const sections: Section[] = [];
  if (readers.length > 0) {
    const peers = repositoryPeers(model, docs, [secret], (s) => sameStoreItems(model, e, s));
    sections.push(repositoryPasswordSection(readers, peers, 1, (id) => id ?? 'no app'));
  }

  const storeBlocks: Block[] = [];
  if (!e.storeFound) {
    storeBlocks.push({ type: 'aside', variant: 'caution', title: 'Store not in the repository', text: [{ code: storeLabel }, ' is not defined in this repository; check its name and provider on the cluster before changing anything.'] });
  }
  storeBlocks.push({
    type: 'text',
    text: ['Store ', { code: storeLabel }, store?.provider ? ` (provider ${store.provider})` : '', `. Change these items there${store?.provider === 'onepassword' ? ' (1Password: item = key, field = property)' : ''}:`],
  });
  const rows: Inline[][][] = [
    ...e.data.map((d): Inline[][] => [[{ code: d.secretKey }], [d.remoteKey ? { code: d.remoteKey } : '–'], [d.property ? { code: d.property } : '–'], ['data']]),
    ...e.dataFrom.map((d): Inline[][] => [['every key'], [d.extract ? { code: d.extract } : d.find ? { code: `find: ${d.find}` } : '–'], ['–'], [d.extract ? 'dataFrom.extract' : 'dataFrom.find']]),
  ];
  // With a template, data[].secretKey names a template input, not a key of the Secret it writes.
  const dataKeys = e.data.map((d) => d.secretKey);
  const templated = e.keys.length !== dataKeys.length || e.keys.some((k) => !dataKeys.includes(k));
  storeBlocks.push({ type: 'table', head: [templated ? 'Template input (secretKey)' : 'Secret key', 'Remote key (item)', 'Property (field)', 'From'], rows });
  if (templated && e.keys.length > 0) storeBlocks.push({ type: 'text', text: ['Its template writes the Secret\'s keys: ', ...e.keys.flatMap((k, i): Inline[] => [...(i > 0 ? [', '] : []), { code: k }]), '.'] });
  storeBlocks.push({ type: 'refs', refs: [ref(e.source), ...(store ? [ref(store.source)] : [])] });
  sections.push({ slug: 'store', heading: `${step + 1}. Change the value in the store`, blocks: storeBlocks });

  sections.push({
    slug: 'sync',
    heading: `${step + 2}. Force a sync`,
    blocks: [
      {
        type: 'text',
        text: [`The operator refreshes every ${e.refreshInterval ?? '1h (the default; no refreshInterval set)'}; do not wait for it. Writes Secret `, { code: e.targetName }, ':'],
      },
      {
        type: 'code',
        lang: 'bash',
        code: [
          `kubectl annotate externalsecret ${e.name} -n ${ns} force-sync=$(date +%s) --overwrite`,
          `kubectl get externalsecret ${e.name} -n ${ns}`,
          `kubectl get secret ${e.targetName} -n ${ns} -o jsonpath='{.metadata.annotations}'`,
        ].join('\n'),
      },
    ],
  });
  // Kustomizations that substitute the Secret's keys read it at their reconcile, not at the sync.
  const substituting = substitutingKustomizations(model, [secret]);
  const reconcile = substituting.length > 0 ? 1 : 0;
  if (reconcile) sections.push({ slug: 'apply', heading: `${step + 3}. Reconcile what substitutes it`, blocks: substitutionBlocks(substituting) });
  const appId = e.appId;
  // (Its labels are the template's: ESO writes no others an operator would watch for.)
  const restart = restartSection(model, appId, `ExternalSecret ${e.name}`, [secret], e.targetLabels ?? {}, reconcile > 0);
  if (readers.length > 0) sections.push(moversSection(readers, ns, step + reconcile + 3));
  if (readers.length === 0 || readsInPods(model, [secret])) sections.push(restart);

  return {
    id: `rotate:externalsecret:${ns}/${e.name}${e.cluster ? `@${e.cluster}` : ''}`,
    kind: 'rotate',
    title: `Rotate ${e.targetName} (ExternalSecret)`,
    summary: `ExternalSecret ${ns}/${e.name} from ${storeLabel}: ${e.data.length + e.dataFrom.length} item(s).`,
    path: rotateExternalSecretPath(e),
    appId,
    alarm: !e.storeFound,
    sections,
  };
}

/** The store items an ExternalSecret reads (remoteRef keys, dataFrom extract keys), each with its stores. */
function storeItems(e: ExternalSecret): string[] {
  const stores = e.stores.map((r) => `${r.kind ?? 'SecretStore'}/${r.name}`).join(', ');
  return [...e.data.flatMap((d) => (d.remoteKey ? [d.remoteKey] : [])), ...e.dataFrom.flatMap((d) => (d.extract ? [d.extract] : []))].map((k) => `${stores}\u0000${k}`);
}

/** Why Secret `s` has this one's password: an ExternalSecret that writes it reads the same store item. */
function sameStoreItems(model: RepoModel, e: ExternalSecret, s: SecretAt): string | null {
  const mine = new Set(storeItems(e));
  const shared = model.externalSecrets
    .filter((o) => !o.disabled && o.targetName === s.name && o.namespace === s.namespace && (o.cluster ?? null) === s.cluster)
    .flatMap((o) => storeItems(o).filter((i) => mine.has(i)).map((i) => i.split('\u0000')[1]!));
  return shared.length > 0 ? `its ExternalSecret reads the same store item ${[...new Set(shared)].join(', ')}` : null;
}
