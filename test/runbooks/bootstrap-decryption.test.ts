/**
 * The bootstrap runbook: where a Kustomization decrypts, it opens with the decryption Secret to create
 * (outside review: it never said so, and every Kustomization that decrypts fails without it); and the
 * layer table marks what a dependsOn entry that points at nothing keeps from ever becoming Ready (it
 * showed them in their layers as if they became Ready).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Block, Runbook } from '../../src/analysis/runbooks/types.ts';

const configMap = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b\n`;
const decryption = '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n';
const part = (r: Runbook, slug: string) => r.sections.find((s) => s.slug === slug);
/** The layer table's rows as text: `layer: a, b (note)`. */
const rows = (r: Runbook) =>
  part(r, 'order')!.blocks
    .filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')
    .flatMap((t) => t.rows.map((row) => row.map((cell) => cell.map((x) => (typeof x === 'string' ? x : 'code' in x ? x.code : x.text)).join('')).join(': ')));

describe('the bootstrap runbook', () => {
  const repo = tempRepos(afterAll);

  it('creates the decryption Secret no build makes, from the owner\'s key, before the Kustomizations that decrypt', async () => {
    const r = repo('bootstrap-decryption');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', decryption));
    r.put('apps/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    const rb = byId('bootstrap');
    expect(rb.sections[0]!.slug).toBe('decryption');
    expect(code({ ...rb, sections: [rb.sections[0]!] })).toBe(
      ['kubectl create namespace flux-system --dry-run=client -o yaml | kubectl apply -f -', 'kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=path/to/age.key'].join('\n'),
    );
  });

  it('says nothing of a key where no Kustomization decrypts', async () => {
    const r = repo('bootstrap-no-decryption');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    expect(part(byId('bootstrap'), 'decryption')).toBeUndefined();
  });

  it('marks what waits for a missing dependency, what waits for that, and what it applies; not the rest', async () => {
    const r = repo('bootstrap-dangling');
    bootstrap(r);
    r.put('clusters/prod/ks.yaml', [
      fluxKustomization('storage', './apps/storage', '  dependsOn:\n    - name: longhorn\n'),
      fluxKustomization('backup', './apps/backup', '  dependsOn:\n    - name: storage\n'),
      fluxKustomization('web', './apps/web'),
    ].join('---\n'));
    r.put('apps/storage/ks.yaml', fluxKustomization('storage-class', './apps/storage-class'));
    r.put('apps/storage-class/cm.yaml', configMap('sc', 'storage'));
    r.put('apps/backup/cm.yaml', configMap('backup', 'backup'));
    r.put('apps/web/cm.yaml', configMap('web', 'web'));
    const { byId } = await load(r.root);
    const table = rows(byId('bootstrap')).join('\n');
    const NEVER = ' (never Ready: a dependency is missing)';
    for (const name of ['storage', 'backup', 'storage-class']) expect(table).toContain(`flux-system/${name}${NEVER}`);
    expect(table).not.toContain(`flux-system/web${NEVER}`);
    expect(table).not.toContain(`flux-system/flux-system${NEVER}`);
  });
});
