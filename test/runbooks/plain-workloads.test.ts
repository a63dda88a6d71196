/**
 * Runbooks of an app made of plain manifests in a folder that a cluster's root applies (no
 * Kustomization or HelmRelease of its own): the restore runbook said "No Flux Kustomization or
 * HelmRelease deploys this app; nothing to suspend" and scaled `-l app.kubernetes.io/name=<app>`,
 * which matched nothing (a public repository's Deployments were labelled `app: none-town` or not at
 * all). It suspends the Kustomization that applies the app's objects and scales its Deployments and
 * StatefulSets by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';
import { code, load } from './load.ts';

const { root, put, remove } = tempRepo('runbook-plain');
afterAll(remove);

const workload = (kind: string, name: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n      labels: {app: shop}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n          volumeMounts:\n            - {name: data, mountPath: /data}\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: shop-data}\n`;

describe('restore runbook of plain manifests under a root', async () => {
  put('clusters/delta/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/delta'));
  put('clusters/delta/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system\n  - shop\n');
  put('clusters/delta/shop/kustomization.yaml', 'namespace: production\nresources:\n  - app.yaml\n  - db.yaml\n  - pvc.yaml\n');
  put('clusters/delta/shop/app.yaml', workload('Deployment', 'shop-web'));
  put('clusters/delta/shop/db.yaml', workload('StatefulSet', 'shop-db'));
  put('clusters/delta/shop/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
  const { byId } = await load(root);

  it('suspends the root that applies the app, and scales its workloads by name', () => {
    const lines = code(byId('restore:production/shop')).split('\n');
    const order = [
      'flux suspend kustomization flux-system -n flux-system',
      'kubectl scale deployment/shop-web statefulset/shop-db -n production --replicas=0',
      'flux resume kustomization flux-system -n flux-system',
      'kubectl scale deployment/shop-web statefulset/shop-db -n production --replicas=1',
    ];
    const at = order.map((l) => lines.indexOf(l));
    expect(at.every((i) => i >= 0), lines.join('\n')).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines.join('\n')).not.toContain('app.kubernetes.io/name=');
  });
});
