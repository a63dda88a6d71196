/**
 * Kinds are case-sensitive: `kind: namespace` in v1 is no Namespace, the API server refuses it ("no
 * matches for kind"), and the Flux Kustomization that applies it fails. kustomize builds it without a
 * word, so nothing said so (outside review: a homelab's backups namespace, left uncreated with the
 * storage, claims and jobs of that Kustomization). A kind of another API, or a built-in kind written
 * right, is not judged.
 */
import { describe, expect, it } from 'vitest';
import { miscasedKind, versionsInventory } from '../../src/analysis/health/versions.ts';
import { kobj, model } from './make-model.ts';

describe('a built-in kind written in the wrong case', () => {
  it('names the kind the API version has', () => {
    expect(miscasedKind('v1', 'namespace')).toBe('Namespace');
    expect(miscasedKind('apps/v1', 'deployment')).toBe('Deployment');
    expect(miscasedKind('v1', 'ConfigMap')).toBeNull();
    expect(miscasedKind('example.com/v1', 'namespace')).toBeNull();
    expect(miscasedKind('v1', 'Widget')).toBeNull();
  });

  it('is an error about the object', () => {
    const ns = kobj('namespace', 'default', 'backups', 'infrastructure/backups/namespace.yaml', 2, { apiVersion: 'v1', group: '' });
    const ok = kobj('Namespace', null, 'media', 'apps/media/namespace.yaml', 2, { apiVersion: 'v1', group: '' });
    const findings = versionsInventory(model({ objects: [ns, ok] })).findings.filter((f) => f.code === 'KIND_MISCASED');
    expect(findings.map((f) => [f.severity, f.objectId, `${f.source.file}:${f.source.line}`])).toEqual([['error', ns.id, 'infrastructure/backups/namespace.yaml:2']]);
    expect(findings[0]!.message).toContain('Write kind: Namespace.');
  });
});
