/**
 * The bootstrap runbook's count: every active Kustomization is a node of the graph, so "N Flux
 * objects take part in dependsOn" was false where none does (a public repository: "13 objects take
 * part in dependsOn", with no dependsOn at all). It says how many a dependsOn entry joins.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';
import { load } from './load.ts';

const text = (r: { sections: { slug: string; blocks: { type: string; text?: unknown[] }[] }[] }) =>
  r.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'text').map((b) => (b.text ?? []).map((x) => (typeof x === 'string' ? x : ((x as { code?: string }).code ?? ''))).join('')).join('\n');

describe('the bootstrap runbook', () => {
  const a = tempRepo('bootstrap-none');
  const b = tempRepo('bootstrap-some');
  afterAll(() => { a.remove(); b.remove(); });

  it('says that nothing orders them where no dependsOn exists', async () => {
    a.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    a.put('clusters/main/apps.yaml', `${fluxKustomization('web', './apps/web')}---\n${fluxKustomization('db', './apps/db')}`);
    a.put('apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    a.put('apps/db/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n  namespace: db\n');
    const { byId } = await load(a.root);
    expect(text(byId('bootstrap'))).toContain('No dependsOn entry orders the 3 Flux object(s): they all reconcile at once.');
  });

  it('says a Kustomization waits for a dependency that is not in the repository (it said "waits for nothing")', async () => {
    const c = tempRepo('bootstrap-missing');
    try {
      c.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
      c.put('clusters/main/apps.yaml', fluxKustomization('longhorn-test', './apps/test', '  dependsOn:\n    - name: longhorn\n'));
      c.put('apps/test/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n  namespace: t\n');
      const { byId } = await load(c.root);
      const said = text(byId('bootstrap'));
      expect(said).toContain('longhorn-test waits for Kustomization/flux-system/longhorn, which is not in the repository: it stays not ready until that exists.');
      expect(said).not.toMatch(/longhorn-test waits for nothing/);
    } finally {
      c.remove();
    }
  });

  it('counts the objects dependsOn joins', async () => {
    b.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    b.put('clusters/main/apps.yaml', `${fluxKustomization('web', './apps/web', '  dependsOn:\n    - name: db\n')}---\n${fluxKustomization('db', './apps/db')}---\n${fluxKustomization('misc', './apps/misc')}`);
    for (const x of ['web', 'db', 'misc']) b.put(`apps/${x}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${x}\n  namespace: ${x}\n`);
    const { byId } = await load(b.root);
    expect(text(byId('bootstrap'))).toContain('4 Flux objects, 2 of them joined by dependsOn; they become Ready in 2 layer(s).');
  });
});
