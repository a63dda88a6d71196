import { describe, expect, it } from 'vitest';
import { danglingDependsOn } from '../../src/analysis/roadmap/checks/dangling-depends-on.ts';
import { dependsOnWait } from '../../src/analysis/roadmap/checks/depends-on-wait.ts';
import { hardcodedCredentials } from '../../src/analysis/roadmap/checks/hardcoded-credentials.ts';
import { CHECKS } from '../../src/analysis/roadmap/checks/registry.ts';
import { sopsRecipients } from '../../src/analysis/roadmap/checks/sops-recipients.ts';
import { commentedKustomizationsGone } from '../../src/analysis/roadmap/checks/commented-kustomizations-gone.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import type { SopsFile, SopsRule } from '../../src/model/secrets.ts';
import { itemFrom } from '../roadmap/item.ts';
import { kustomization, makeModel } from '../roadmap/make-model.ts';

/**
 * The checks added so that examples/homelab's `**Check**:` lines all resolve (depends-on-wait,
 * dangling-depends-on, hardcoded-credentials, sops-recipients), each where it passes, partly
 * passes and fails; plus the aliases and the disabled-file rule of commented-kustomizations-gone.
 */
const ks = (name: string, extra: Partial<FluxKustomization> = {}, deps: string[] = []): FluxKustomization => ({
  ...kustomization({ name, file: `kubernetes/apps/x/${name}/ks.yaml`, line: 3, dependsOn: deps }),
  ...extra,
});
const run = (check: typeof dependsOnWait, md: string, model: ReturnType<typeof makeModel>) => {
  const out = check.run({ item: itemFrom(md), model, repo: model });
  return [out.measured.done, out.measured.total];
};

describe('depends-on-wait', () => {
  const item = '### H-1.2: Wait for policies and volsync\n**Status**: Not Started\n\nKustomizations `policies` and `volsync`.';
  const users = [ks('app-a', {}, ['policies', 'volsync']), ks('app-b', {}, ['policies'])];
  it('passes, partly passes, fails on the named depended-on Kustomizations', () => {
    const both = makeModel({ kustomizations: [...users, ks('policies', { wait: true }), ks('volsync', { healthChecks: 1 })] });
    expect(run(dependsOnWait, item, both)).toEqual([2, 2]);
    const one = makeModel({ kustomizations: [...users, ks('policies', { wait: true }), ks('volsync', { wait: false })] });
    expect(run(dependsOnWait, item, one)).toEqual([1, 2]);
    const none = makeModel({ kustomizations: [...users, ks('policies'), ks('volsync', { wait: false })] });
    const out = dependsOnWait.run({ item: itemFrom(item), model: none, repo: none });
    expect(out.shortfalls.map((s) => s.message)).toEqual([
      'Kustomization policies has no `wait` and no healthChecks; 2 Kustomizations depend on it.',
      'Kustomization volsync has `wait: false` and no healthChecks; 1 Kustomization depends on it.',
    ]);
  });
  it('does not take `kyverno` as named when only `kyverno-policies` or a path mentions it', () => {
    const md = '### H-1.2: Wait for kyverno-policies\n**Status**: Not Started\n\n**Files to Update**:\n- `kubernetes/apps/security/kyverno/ks.yaml`';
    const model = makeModel({ kustomizations: [ks('kyverno', { wait: true }), ks('kyverno-policies', {}, ['kyverno']), ks('app', {}, ['kyverno-policies'])] });
    expect(run(dependsOnWait, md, model)).toEqual([0, 1]);
  });
  it("counts a dependent for the Kustomization of its own cluster only, where the repository has several", () => {
    // Flux resolves dependsOn in the dependent's cluster: production's apps depend on production's policies.
    const model = makeModel({ kustomizations: [ks('policies', { cluster: 'production' }), ks('policies', { cluster: 'staging' }), ks('apps', { cluster: 'production' }, ['policies'])] });
    const out = dependsOnWait.run({ item: itemFrom('### H-1.3: Wait for policies\n**Status**: Not Started\n\nKustomization `policies`.'), model, repo: model });
    expect(out.shortfalls.map((s) => [s.message, s.objectId])).toEqual([['Kustomization policies has no `wait` and no healthChecks; 1 Kustomization depends on it.', 'Kustomization/flux-system/policies']]);
    expect([out.measured.done, out.measured.total]).toEqual([0, 1]);
  });
});

describe('dangling-depends-on', () => {
  const md = '### H-2.1: Fix dependency namespace\n**Status**: Not Started\n\n**File**: `kubernetes/apps/x/web/ks.yaml`';
  it('passes, partly passes (over all Kustomizations), fails', () => {
    expect(run(danglingDependsOn, md, makeModel({ kustomizations: [ks('db'), ks('web', {}, ['db'])] }))).toEqual([1, 1]);
    expect(run(danglingDependsOn, md, makeModel({ kustomizations: [ks('web', {}, ['db'])] }))).toEqual([0, 1]);
    const anyMd = '### H-2.1: Fix dangling dependencies\n**Status**: Not Started';
    expect(run(danglingDependsOn, anyMd, makeModel({ kustomizations: [ks('db'), ks('a', {}, ['db']), ks('b', {}, ['gone'])] }))).toEqual([1, 2]);
  });
  it("resolves an entry in the dependent's own cluster only, where the repository has several", () => {
    // Only staging runs infra-configs: production's web waits for one Flux never finds.
    const model = makeModel({ kustomizations: [ks('infra-configs', { cluster: 'staging' }), ks('web', { cluster: 'production' }, ['infra-configs']), ks('web', { cluster: 'staging' }, ['infra-configs'])] });
    const out = danglingDependsOn.run({ item: itemFrom('### H-2.2: Fix dangling dependencies\n**Status**: Not Started'), model, repo: model });
    expect([out.measured.done, out.measured.total]).toEqual([1, 2]);
    expect(out.shortfalls.map((s) => s.message)).toEqual(['Kustomization web depends on flux-system/infra-configs (namespace defaulted to its own), which does not exist.']);
  });
});

describe('hardcoded-credentials', () => {
  const file = 'kubernetes/apps/obs/grafana/app/helmrelease.yaml';
  const other = 'kubernetes/apps/obs/loki/app/helmrelease.yaml';
  const files = [file, other].map((path) => ({ path, kind: 'yaml' as const, size: 1 }));
  const lit = (f: string, line: number) => ({ path: 'spec.values.adminPassword', reason: 'credential-literal' as const, source: { file: f, line, col: 20 } });
  const md = `### H-3.2: Remove hard-coded passwords\n**Status**: Not Started\n\n**File**: \`${file}\`\n**File**: \`${other}\``;
  it('passes, partly passes, fails per named file, never showing a value', () => {
    expect(run(hardcodedCredentials, md, makeModel({ files, redactions: [] }))).toEqual([2, 2]);
    expect(run(hardcodedCredentials, md, makeModel({ files, redactions: [lit(file, 24)] }))).toEqual([1, 2]);
    const model = makeModel({ files, redactions: [lit(file, 24), lit(other, 9)] });
    const out = hardcodedCredentials.run({ item: itemFrom(md), model, repo: model });
    expect([out.measured.done, out.measured.total]).toEqual([0, 2]);
    expect(out.shortfalls.map((s) => `${s.source.file}:${s.source.line}`)).toEqual([`${file}:24`, `${other}:9`]);
    // Secret data redactions are not hard-coded credentials.
    expect(run(hardcodedCredentials, md, makeModel({ files, redactions: [{ ...lit(file, 3), reason: 'secret-data' }] }))).toEqual([2, 2]);
  });
});

describe('sops-recipients', () => {
  const rule: SopsRule = { pathRegex: 'kubernetes/.*\\.sops\\.ya?ml', encryptedRegex: null, age: ['age1aaa', 'age1bbb'], pgp: [], kms: [], gcpKms: [], azureKv: [], hcVault: [], source: { file: '.sops.yaml', line: 3, col: 1 } };
  const sops = (file: string, age: string[]): SopsFile => ({
    file,
    source: { file, line: 1, col: 1 },
    documents: [],
    meta: { age, pgp: [], kms: [], gcpKms: [], azureKv: [], hcVault: [], lastmodified: null, encryptedRegex: null, encryptedSuffix: null, unencryptedRegex: null, unencryptedSuffix: null, version: null },
    appId: null,
    disabled: false,
    generatedInto: [],
  });
  const md = '### M-3.2: Re-encrypt for the recovery key\n**Status**: Not Started';
  it('passes, partly passes, fails over the encrypted files', () => {
    const a = 'kubernetes/a.sops.yaml';
    const b = 'kubernetes/b.sops.yaml';
    expect(run(sopsRecipients, md, makeModel({ sopsRules: [rule], sopsFiles: [sops(a, ['age1aaa', 'age1bbb']), sops(b, ['age1bbb', 'age1aaa'])] }))).toEqual([2, 2]);
    expect(run(sopsRecipients, md, makeModel({ sopsRules: [rule], sopsFiles: [sops(a, ['age1aaa', 'age1bbb']), sops(b, ['age1aaa'])] }))).toEqual([1, 2]);
    expect(run(sopsRecipients, md, makeModel({ sopsRules: [rule], sopsFiles: [sops(a, ['age1aaa']), sops(b, [])] }))).toEqual([0, 2]);
    // A cloud KMS key the rule lists counts as one of its recipients.
    const gcp = { ...rule, gcpKms: ['projects/p/locations/global/keyRings/sops/cryptoKeys/sops-key'] };
    expect(run(sopsRecipients, md, makeModel({ sopsRules: [gcp], sopsFiles: [sops(a, ['age1aaa', 'age1bbb'])] }))).toEqual([0, 1]);
    // Only the file the item names is measured when it names one.
    expect(run(sopsRecipients, `${md}\n\n**File**: \`${b}\``, makeModel({ sopsRules: [rule], sopsFiles: [sops(a, ['age1aaa', 'age1bbb']), sops(b, ['age1aaa'])] }))).toEqual([0, 1]);
  });
});

describe('check names', () => {
  it('resolves the aliases the example uses', () => {
    expect(CHECKS.get('pvc-backup-coverage')?.name).toBe('pvc-backup-annotations');
    expect(CHECKS.get('kustomization-timeouts')?.name).toBe('timeout-standard');
  });
});

describe('commented-kustomizations-gone with disabled files', () => {
  const md = [
    '### M-1.3: Clean Up Commented Code',
    '**Status**: Not Started',
    '',
    '1. **librechat** (disabled)',
    '   - File: `kubernetes/apps/ai/librechat/ks.dis`',
  ].join('\n');
  it('counts a listed ks.dis as done only once the file is gone', () => {
    const still = makeModel({ files: [{ path: 'kubernetes/apps/ai/librechat/ks.dis', kind: 'disabled-yaml', size: 1 }] });
    expect(run(commentedKustomizationsGone, md, still)).toEqual([0, 1]);
    expect(run(commentedKustomizationsGone, md, makeModel())).toEqual([1, 1]);
  });
});
