import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

// Shaped like tuxpeople__k8s-server/kubernetes/apps/storage/longhorn/ks.yaml in the corpus.
const ksYaml = `# ---
# # yaml-language-server: $schema=https://kubernetes-schemas.pages.dev/kustomize.toolkit.fluxcd.io/kustomization_v1.json
# apiVersion: kustomize.toolkit.fluxcd.io/v1
# kind: Kustomization
# metadata:
#   name: longhorn-prereq
#   namespace: flux-system
# spec:
#   targetNamespace: storage
#   path: ./kubernetes/apps/storage/longhorn/prereq
#   wait: true  # no flux ks dependents
#   dependsOn:
#     - name: snapshot-controller
---
# This app is pinned until the upgrade: see the runbook
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: longhorn
  namespace: flux-system
spec:
  # dependsOn:
  #   - name: longhorn-prereq
  path: ./kubernetes/apps/storage/longhorn/app
#
# Disabled while migrating: TODO re-enable
#apiVersion: v1
#kind: Secret
#metadata:
#  name: old-credentials
#stringData:
#  password: canary-commented-77
`;

describe('documents commented out inside a YAML file', () => {
  const { docs, findings } = parseYamlText(ksYaml, { path: 'kubernetes/apps/storage/longhorn/ks.yaml', kind: 'yaml' });

  it('finds them with their real lines and marks them disabled', () => {
    expect(findings).toEqual([]);
    expect(docs.map((d) => [d.disabled, (d.value as { metadata: { name: string } }).metadata.name, d.source.line, d.source.col])).toEqual([
      [null, 'longhorn', 16, 1],
      ['commented', 'longhorn-prereq', 3, 3],
      ['commented', 'old-credentials', 27, 2],
    ]);
    const prereq = docs[1];
    expect(prereq?.lines['metadata.name']).toBe(6);
    expect(prereq?.lines['spec.dependsOn.0']).toBe(13);
    expect(prereq?.value).toMatchObject({ spec: { wait: true, dependsOn: [{ name: 'snapshot-controller' }] } });
  });

  it('scrubs them like any other document', () => {
    expect(docs[2]?.value).toMatchObject({ kind: 'Secret', stringData: { password: REDACTED } });
    expect(docs[2]?.redactions.map((r) => [r.path, r.source.line])).toEqual([['stringData.password', 32]]);
    expect(JSON.stringify(docs)).not.toContain('canary-commented-77');
  });

  it('does not report ordinary comments or commented fragments', () => {
    const plain = `# Managed by Renovate
# kind of important: do not edit
apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  # labels:
  #   app: x
# apiVersion: is documented at https://kubernetes.io
`;
    const { docs: only } = parseYamlText(plain, { path: 'cm.yaml', kind: 'yaml' });
    expect(only.map((d) => d.disabled)).toEqual([null]);
  });
});
