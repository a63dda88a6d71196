import { describe, expect, it } from 'vitest';
import { asides, code, HOMELAB, load } from './load.ts';

describe('rotate runbooks on examples/homelab (EXPECTED.md, "Secrets")', async () => {
  const { runbooks, byId } = await load(HOMELAB);
  const rotate = runbooks.filter((r) => r.kind === 'rotate');

  it('one per SOPS file (4) and per ExternalSecret (9)', () => {
    expect(rotate.filter((r) => r.id.startsWith('rotate:sops:'))).toHaveLength(4);
    expect(rotate.filter((r) => r.id.startsWith('rotate:externalsecret:'))).toHaveLength(9);
  });

  it('SOPS: sops edit / updatekeys on the file, and the under-recipient file is called out', () => {
    const file = 'kubernetes/apps/observability/kube-prometheus-stack/app/alertmanager-secret.sops.yaml';
    const r = byId(`rotate:sops:${file}`);
    expect(code(r)).toContain(`sops edit ${file}`);
    expect(code(r)).toContain(`sops updatekeys --yes ${file}`);
    expect(r.alarm).toBe(true);
    const caution = asides(r).find((a) => a.variant === 'caution')!;
    expect(caution.title).toBe('Encrypted for 1 of 2 declared recipients');
    expect(JSON.stringify(caution.text)).toContain('age1muq7xl…p53');
    const ok = byId('rotate:sops:kubernetes/apps/security/onepassword-connect/app/secret.sops.yaml');
    expect(ok.alarm).toBe(false);
    expect(asides(ok).filter((a) => a.variant === 'caution')).toEqual([]);
  });

  it('SOPS: cluster-secrets is substituted into Kustomizations, which the runbook reconciles', () => {
    const c = code(byId('rotate:sops:kubernetes/flux/vars/cluster-secrets.sops.yaml'));
    expect(c).toContain('flux reconcile kustomization cluster-apps -n flux-system');
    expect(c).toContain('flux reconcile kustomization n8n -n flux-system');
  });

  it('ExternalSecret: store, remote keys, force-sync with real name and namespace, workloads to restart', () => {
    const r = byId('rotate:externalsecret:productivity/n8n');
    const text = JSON.stringify(r);
    expect(text).toContain('ClusterSecretStore/onepassword');
    expect(text).toContain('provider onepassword');
    expect(code(r)).toContain('kubectl annotate externalsecret n8n -n productivity force-sync=$(date +%s) --overwrite');
    expect(code(r)).toContain('kubectl rollout restart deployment,statefulset -n productivity -l app.kubernetes.io/instance=n8n');
    const paperless = byId('rotate:externalsecret:productivity/paperless');
    expect(JSON.stringify(paperless)).toContain('dataFrom.extract');
  });

  it('ExternalSecret with a template: the store items are the template\'s inputs, and the Secret\'s keys are the template\'s', () => {
    const heads = (id: string) => JSON.stringify(byId(id).sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [b.head[0]] : []))));
    expect(heads('rotate:externalsecret:productivity/n8n')).toBe('["Secret key"]');
    expect(heads('rotate:externalsecret:productivity/paperless')).toBe('["Template input (secretKey)"]');
    const text = JSON.stringify(byId('rotate:externalsecret:productivity/paperless'));
    expect(text).toContain("Its template writes the Secret's keys: ");
    expect(text).toContain('PAPERLESS_DBPASS');
  });
});
