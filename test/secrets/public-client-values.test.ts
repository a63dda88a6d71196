/**
 * Values a front-end framework ships to every browser are no secret: a public review found
 * HARDCODED_CREDENTIAL errors on a ConfigMap's `PUBLIC_SUPABASE_ANON_KEY` (a Supabase anon JWT) and
 * `PUBLIC_POSTHOG_KEY` (a PostHog `phc_` project key). The prefixes the frameworks bundle by
 * (`PUBLIC_`, `NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `NUXT_PUBLIC_`, `EXPO_PUBLIC_`, `GATSBY_`) and the
 * publishable key formats (Stripe `pk_live_` / `pk_test_`, PostHog `phc_`) are not reported; a service
 * key or a Stripe secret key beside them still is. The values are still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { isReportableCredential } from '../../src/repo/credential-judge.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const jwt = (role: string) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"iss":"supabase","ref":"qwertyuiopasdfgh","role":"${role}","iat":1700000000}`)}.Zm9vYmFyYmF6cXV4UXdlcnR5VWlvcEFzZGZnaEprbA`;
const ANON = jwt('anon');
const SERVICE = jwt('service_role');
const POSTHOG = 'phc_Q7wErTy8uIoP2aSdFgH3jKlZx4CvBnM5qWeRtYuI9oP';
const STRIPE_PK = 'pk_live_51Hq2WxLm8Nc4Rt7Yp3Kz9Vb6Js1Df5Gh0Aw2Ex8Qc4Uy7Io3Pl6Mn9';
const STRIPE_SK = 'sk_live_51Hq2WxLm8Nc4Rt7Yp3Kz9Vb6Js1Df5Gh0Aw2Ex8Qc4Uy7Io3Pl6Mn9';

const judge = (key: string, value: string) => isReportableCredential(value, { file: 'apps/web/configmap.yaml', reportableDoc: true, key, siblings: [], parentKey: 'data' });

describe('values every browser receives', () => {
  const repo = tempRepos(afterAll);

  it('are public by the framework prefix of their variable, or by a publishable key format', () => {
    for (const key of ['PUBLIC_SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'VITE_API_KEY', 'REACT_APP_API_KEY', 'NUXT_PUBLIC_API_KEY', 'EXPO_PUBLIC_API_KEY', 'GATSBY_API_KEY']) {
      expect(judge(key, ANON), key).toBe(false);
    }
    expect(judge('POSTHOG_API_KEY', POSTHOG)).toBe(false);
    expect(judge('STRIPE_PUBLISHABLE_KEY', STRIPE_PK)).toBe(false);
    expect(judge('stripeApiKey', STRIPE_PK.replace('pk_live_', 'pk_test_'))).toBe(false);
    // No prefix, or a prefix in the middle: a credential as before.
    expect(judge('SUPABASE_SERVICE_ROLE_KEY', SERVICE)).toBe(true);
    expect(judge('SUPABASE_PUBLIC_KEY', SERVICE)).toBe(true);
    expect(judge('STRIPE_SECRET_KEY', STRIPE_SK)).toBe(true);
    expect(judge('STRIPE_RESTRICTED_KEY', STRIPE_SK.replace('sk_', 'rk_'))).toBe(true);
    // A secret under a public prefix ships to every browser: still a leak (code review).
    expect(judge('NEXT_PUBLIC_STRIPE_SECRET_KEY', STRIPE_SK)).toBe(true);
    expect(judge('VITE_STRIPE_KEY', STRIPE_SK)).toBe(true);
    expect(judge('VITE_GITHUB_TOKEN', 'ghp_Q7wErTy8uIoP2aSdFgH3jKlZx4CvBnM5qWeR')).toBe(true);
    expect(judge('PUBLIC_SUPABASE_SERVICE_ROLE_KEY', SERVICE)).toBe(true);
  });

  it('make no HARDCODED_CREDENTIAL in a ConfigMap or an env entry; a service key beside them does', async () => {
    const r = repo('public-client-values');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: web\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./configmap.yaml\n  - ./deployment.yaml\n');
    r.put(
      'apps/configmap.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: env-var\ndata:\n  PUBLIC_SUPABASE_URL: https://qwertyuiopasdfgh.supabase.co\n  PUBLIC_SUPABASE_ANON_KEY: ${ANON}\n  PUBLIC_POSTHOG_KEY: ${POSTHOG}\n  SUPABASE_SERVICE_ROLE_KEY: ${SERVICE}\n`,
    );
    r.put(
      'apps/deployment.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0.0\n          env:\n            - name: NEXT_PUBLIC_STRIPE_KEY\n              value: ${STRIPE_PK}\n            - name: STRIPE_SECRET_KEY\n              value: ${STRIPE_SK}\n`,
    );
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => `${f.source.file}:${f.source.line}`);
    expect(found).toEqual(['apps/configmap.yaml:9', 'apps/deployment.yaml:15']);
    const text = JSON.stringify(model);
    for (const v of [ANON, SERVICE, POSTHOG, STRIPE_PK, STRIPE_SK]) expect(text).not.toContain(v);
  });
});
