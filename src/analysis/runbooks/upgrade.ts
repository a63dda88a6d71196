/**
 * "Upgrade": the platform versions the repository pins (versions.ts), grouped by component, with
 * the file:line to change and the commands to watch the rollout. Where several places pin the same
 * component they are all listed: changing one and not the other is the classic half-upgrade.
 */
import { UPGRADE_PATH } from './paths.ts';
import { findVersions, versionText, type Component, type VersionFact } from './versions.ts';
import type { Block, Runbook, RunbookInput, Section } from './types.ts';

const TITLE: Record<Component, string> = { talos: 'Talos', kubernetes: 'Kubernetes', k3s: 'k3s', rke2: 'RKE2', flux: 'Flux' };
const ORDER: readonly Component[] = ['flux', 'talos', 'kubernetes', 'k3s', 'rke2'];

function watch(c: Component, model: RunbookInput['model']): string[] {
  const plans = model.objects.filter((o) => o.kind === 'Plan' && o.group === 'upgrade.cattle.io' && !o.disabled);
  const planNs = plans[0]?.namespace ?? 'system-upgrade';
  switch (c) {
    case 'flux':
      return ['flux check', 'flux get kustomizations -A --status-selector ready=false', 'kubectl -n flux-system get pods'];
    case 'talos':
      return plans.length ? [`kubectl -n ${planNs} get plans,jobs`, 'talosctl version --nodes <node>'] : ['talosctl upgrade --nodes <node> --image ghcr.io/siderolabs/installer:<version>', 'talosctl version --nodes <node>'];
    default:
      return plans.length ? [`kubectl -n ${planNs} get plans,jobs`, 'kubectl get nodes -o wide'] : ['kubectl get nodes -o wide'];
  }
}

export function upgradeRunbook(input: RunbookInput): Runbook {
  const facts = findVersions(input.docs ?? [], input.headers ?? []);
  const sections: Section[] = [];
  const found = ORDER.filter((c) => facts.some((f) => f.component === c));
  for (const c of found) {
    const list = facts.filter((f) => f.component === c);
    const versions = [...new Set(list.map(versionText))];
    const blocks: Block[] = [];
    if (versions.length > 1) {
      blocks.push({ type: 'aside', variant: 'caution', title: 'Pinned to different versions', text: [`${TITLE[c]} is pinned to ${versions.join(' and ')} in different places; settle on one.`] });
    }
    blocks.push({
      type: 'table',
      head: ['Version', 'File to change', 'Found as'],
      rows: dedupeByPlace(list).map((f) => [versionText(f) === f.version ? [{ code: f.version }] : [versionText(f)], [{ code: `${f.file}:${f.line}` }], [f.variable ? `${f.via} (through \${${f.variable}})` : f.via]]),
    });
    blocks.push({ type: 'text', text: ['Change the version there (Renovate usually proposes it), commit, push, then watch:'] });
    blocks.push({ type: 'code', lang: 'bash', code: watch(c, input.model).join('\n') });
    blocks.push({ type: 'refs', refs: dedupeByPlace(list).map((f) => ({ file: f.file, line: f.line })) });
    const label = (v: string) => (v.startsWith('set ') ? `(${v})` : v);
    sections.push({ slug: c, heading: `${TITLE[c]} ${versions.map(label).join(' / ')}`, blocks });
  }
  if (found.length === 0) {
    sections.push({ slug: 'none', heading: 'No platform version found', blocks: [{ type: 'text', text: ['No Talos, Kubernetes, k3s or Flux version is pinned in a form GitOps Atlas reads (ConfigMap keys like TALOS_VERSION, system-upgrade Plans, FluxInstance, talconfig.yaml, gotk-components.yaml).'] }] });
  }
  return {
    id: 'upgrade',
    kind: 'upgrade',
    title: 'Upgrade the platform',
    summary: found.length ? found.map((c) => `${TITLE[c]} ${[...new Set(facts.filter((f) => f.component === c).map(versionText))].join('/')}`).join(', ') : 'No platform version pinned in the repository.',
    path: UPGRADE_PATH,
    appId: null,
    alarm: false,
    sections,
  };
}

/** One row per place to edit: a Plan that reads `${TALOS_VERSION}` and the ConfigMap key are the same line. */
function dedupeByPlace(list: readonly VersionFact[]): VersionFact[] {
  const seen = new Map<string, VersionFact>();
  for (const f of list) {
    const k = `${f.file}:${f.line}`;
    const prev = seen.get(k);
    if (!prev) seen.set(k, f);
    else if (f.variable && !prev.via.includes(f.via)) seen.set(k, { ...prev, via: `${prev.via}; used by ${f.via.split(' → ')[0]}` });
  }
  return [...seen.values()];
}
