import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { referencedVars, substituteString, substituteTree, substitutionBudget, type Var } from '../../src/repo/build/substitute.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const vars = new Map<string, Var>([
  ['APP', { value: 'jellyfin', secret: false }],
  ['EMPTY', { value: '', secret: false }],
  ['DOMAIN', { value: 'Example.ORG', secret: false }],
  ['TOKEN', { value: null, secret: true }],
]);

function sub(input: string) {
  const unresolved = new Set<string>();
  const fromSecret = new Set<string>();
  return { out: substituteString(input, vars, unresolved, fromSecret), unresolved: [...unresolved], fromSecret: [...fromSecret] };
}

describe('substitution as Flux does it (drone/envsubst)', () => {
  it('nested defaults render the inner variable, not a stray brace', () => {
    expect(sub('${VOLSYNC_CLAIM:=${APP}}').out).toBe('jellyfin');
    expect(sub('${VOLSYNC_CLAIM:-${APP}-config}').out).toBe('jellyfin-config');
    expect(sub('${VOLSYNC_CAPACITY:=5Gi}').out).toBe('5Gi');
    expect(sub('claim-${A:=${B:=${APP}}}-x').out).toBe('claim-jellyfin-x');
  });

  it('`=`, `:=`, `:-` all default when the variable is unset or empty; a set value wins', () => {
    expect(sub('${MISSING=fallback}').out).toBe('fallback');
    expect(sub('${EMPTY:=fallback}').out).toBe('fallback');
    expect(sub('${EMPTY=fallback}').out).toBe('fallback');
    expect(sub('${APP:=other}').out).toBe('jellyfin');
    expect(sub('${MISSING:=}').out).toBe('');
  });

  it('$$ escapes: `$${VAR}` stays `${VAR}`, `$$` is one `$`; `$VAR` without braces is text', () => {
    expect(sub('$${APP} and ${APP}').out).toBe('${APP} and jellyfin');
    expect(sub('cost: $$5').out).toBe('cost: $5');
    expect(sub('echo $APP').out).toBe('echo $APP');
  });

  it('unknown variables stay as written and are reported; inside a default too', () => {
    expect(sub('${NOPE}')).toEqual({ out: '${NOPE}', unresolved: ['NOPE'], fromSecret: [] });
    expect(sub('${CLAIM:=${NOPE}}')).toEqual({ out: '${NOPE}', unresolved: ['NOPE'], fromSecret: [] });
  });

  it('a default with one unknown variable still resolves the known ones around it (drone/envsubst evaluates each nested argument)', () => {
    expect(sub('${HOST:=${SUBDOMAIN:=${APP}}.${ZONE}}')).toEqual({ out: 'jellyfin.${ZONE}', unresolved: ['ZONE'], fromSecret: [] });
    expect(sub('https://${HOST:-${APP}-${NOPE:=${ZONE}}}/x')).toEqual({ out: 'https://jellyfin-${ZONE}/x', unresolved: ['ZONE'], fromSecret: [] });
    expect(sub('${HOST:=${TOKEN}.${APP}}')).toEqual({ out: '${TOKEN}.jellyfin', unresolved: [], fromSecret: ['TOKEN'] });
    // A set outer variable still wins; a function over an unknown argument stays as written.
    expect(sub('${APP:=${SUB}.${ZONE}}').out).toBe('jellyfin');
    expect(sub('${APP/${ZONE}/x}').out).toBe('${APP/${ZONE}/x}');
  });

  it('a Secret-backed variable is never resolved, even with a default', () => {
    expect(sub('${TOKEN}')).toEqual({ out: '${TOKEN}', unresolved: [], fromSecret: ['TOKEN'] });
    expect(sub('${TOKEN:=x}')).toEqual({ out: '${TOKEN:=x}', unresolved: [], fromSecret: ['TOKEN'] });
  });

  it('bash-like functions of drone/envsubst', () => {
    expect(sub('${DOMAIN,,}').out).toBe('example.org');
    expect(sub('${DOMAIN^^}').out).toBe('EXAMPLE.ORG');
    expect(sub('${#APP}').out).toBe('8');
    expect(sub('${APP:0:5}').out).toBe('jelly');
    expect(sub('${APP/jelly/emby}').out).toBe('embyfin');
    expect(sub('${DOMAIN#*.}').out).toBe('ORG');
    expect(sub('${DOMAIN%.*}').out).toBe('Example');
  });

  it('a bad substitution leaves the text as it is', () => {
    expect(sub('${APP').out).toBe('${APP');
    expect(sub('${}').out).toBe('${}');
  });

  it('substitutes every string of a tree and lists referenced variables', () => {
    const tree = { metadata: { name: '${APP}' }, spec: { claims: ['${VOLSYNC_CLAIM:=${APP}}', 'static'] } };
    substituteTree(tree, vars, new Set());
    expect(tree).toEqual({ metadata: { name: 'jellyfin' }, spec: { claims: ['jellyfin', 'static'] } });
    expect(referencedVars('${A} $${B} ${C:=${D}}').sort()).toEqual(['A', 'D']);
  });
});

describe('substitution in a scanned repository', () => {
  it("a component's PVC named `${VOLSYNC_CLAIM:=${APP}}` becomes the app's claim", async () => {
    const { scanRepo } = await import('../../src/repo/scan.ts');
    const { parseConfig } = await import('../../src/config/load.ts');
    const { join } = await import('node:path');
    const { model } = await scanRepo(join(import.meta.dirname, '../fixtures/kustomize/substitute'), parseConfig({}));
    const claims = model.pvcs.filter((p) => p.namespace === 'media').map((p) => p.name);
    expect(claims).toContain('jellyfin');
    expect(claims.some((n) => n.includes('}'))).toBe(false);
    const hr = model.helmReleases.find((h) => h.name === 'jellyfin');
    expect(JSON.stringify(hr)).not.toContain('jellyfin}');
    expect(model.pvcs.find((p) => p.name === 'jellyfin' && p.namespace === 'media')?.existingClaimOf).toEqual([hr!.id]);
  });
});

describe('a bound on what substitution adds', () => {
  it('past the budget a string is left as written, and the budget says so', () => {
    const budget = substitutionBudget(100);
    const big = new Map<string, Var>([['C', { value: 'x'.repeat(60), secret: false }]]);
    expect(substituteString('${C}', big, new Set(), new Set(), budget)).toBe('x'.repeat(60));
    expect(budget).toEqual({ left: 100 - 56, exceeded: false });
    expect(substituteString('a ${C} b ${C}', big, new Set(), new Set(), budget)).toBe('a ${C} b ${C}');
    expect(budget.exceeded).toBe(true);
  });

  it('a variable that doubles itself through 40 nested Kustomizations ends in SUBSTITUTION_TOO_LARGE, not a crash', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-substitute-doubling-'));
    try {
      // Kustomization i's path holds Kustomization i+1, and each passes C on with its own C twice.
      for (let i = 0; i < 40; i++) {
        mkdirSync(join(root, `clusters/p${i}`), { recursive: true });
        writeFileSync(
          join(root, `clusters/p${i}/ks.yaml`),
          `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: k${i}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./clusters/p${i + 1}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  postBuild:\n    substitute:\n      C: "\${C}\${C}"\n`,
        );
      }
      mkdirSync(join(root, 'clusters/p40'), { recursive: true });
      writeFileSync(join(root, 'clusters/p40/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaf\n  namespace: default\ndata:\n  c: "${C}"\n');
      const { model } = await scanRepo(root, parseConfig({}));
      const found = model.findings.filter((f) => f.code === 'SUBSTITUTION_TOO_LARGE');
      expect(found.map((f) => [f.severity, f.source.line])).toEqual([['warning', 13]]);
      expect(found[0]!.source.file).toMatch(/^clusters\/p\d+\/ks\.yaml$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
