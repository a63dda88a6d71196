/**
 * A plain Secret whose value is only another tool's template expression (`${secrets.CLOUDFLARE_APIKEY}`,
 * a dotted name Flux's substitution does not take; `${{ secrets.TOKEN }}`) holds a reference, not a
 * credential: the Secret is templated (PLAIN_SECRET_TEMPLATED), no PLAIN_SECRET. Seen on a public
 * repository's cert-manager issuer Secret. The value is still wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { secretVerdict } from '../../src/repo/scrub-rules.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a Secret value that is only a template expression', () => {
  const repo = tempRepos(afterAll);

  it('is a reference, wiped; a literal beside it, or a default, is still a value', () => {
    const reason = (v: string) => secretVerdict(v)?.reason ?? null;
    expect(reason('${secrets.CLOUDFLARE_APIKEY}')).toBe('secret-reference');
    expect(reason('${{ secrets.TOKEN }}')).toBe('secret-reference');
    expect(reason('${secrets.USER}:${secrets.PASSWORD}')).toBe('secret-data');
    expect(reason(' ${secrets.A} ${secrets.B} ')).toBe('secret-reference');
    // Flux's own `${VAR}` is no value at all (kept as written); a default is a literal.
    expect(reason('${CLOUDFLARE_APIKEY}')).toBe(null);
    expect(reason('${CLOUDFLARE_APIKEY:=Hq3vN8sLp2Wx7Zk5}')).toBe('secret-data');
    expect(reason('${secrets.KEY}Hq3vN8sLp2Wx7Zk5')).toBe('secret-data');
    expect(reason('Hq3vN8sLp2Wx7Zk5')).toBe('secret-data');
  });

  it('makes the Secret templated, not a plain Secret with a credential', async () => {
    const r = repo('secret-template');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: core\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./issuer-secret.yaml\n  - ./real-secret.yaml\n');
    r.put('apps/issuer-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: service-key\ntype: Opaque\nstringData:\n  key: ${secrets.CLOUDFLARE_ORIGIN_CA_APIKEY}\n');
    r.put('apps/real-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: real-key\ntype: Opaque\nstringData:\n  key: Hq3vN8sLp2Wx7Zk5\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => `${f.code} ${f.source.file}`).sort()).toEqual([
      'PLAIN_SECRET apps/real-secret.yaml',
      'PLAIN_SECRET_TEMPLATED apps/issuer-secret.yaml',
    ]);
    expect(JSON.stringify(model)).not.toContain('CLOUDFLARE_ORIGIN_CA_APIKEY}');
    expect(JSON.stringify(model)).not.toContain('Hq3vN8sLp2Wx7Zk5');
  });
});

/**
 * A Secret value that mixes text and Flux variables (`${S3_URL}/${S3_PREFIX}-${APP}/pgadmin`, a VolSync
 * component's restic repository): Flux substitutes the variables, so the model keeps their names and
 * wipes the text around them and any default. Outside review (home-ops): the value was wiped whole,
 * and S3_URL and S3_PREFIX, which no Kustomization defined, were never reported unresolved.
 */
describe('a Secret value that mixes text and ${VAR} substitutions', () => {
  const repo = tempRepos(afterAll);

  it('keeps the variables, and only them', () => {
    expect(secretVerdict('${S3_URL}/${S3_PREFIX}-${APP}/pgadmin')).toEqual({ reason: 'secret-templated', text: '${S3_URL}[redacted]${S3_PREFIX}[redacted]${APP}[redacted]' });
    // A literal password beside a variable is a literal (its text wiped, the variable kept).
    expect(secretVerdict('postgres://app:Hq3vN8sLp2Wx7Zk5@${DB_HOST}:5432/app')).toEqual({ reason: 'secret-data', text: '[redacted]${DB_HOST}[redacted]' });
    expect(secretVerdict('password=hunter2;host=${HOST}')?.reason).toBe('secret-data');
    expect(secretVerdict('${USER}:Hq3vN8sLp2Wx7Zk5Hq3v')?.reason).toBe('secret-data');
    // Where every credential is a variable, the value is a template (outside review: a DSN whose
    // password is ${...} was listed as a literal value).
    expect(secretVerdict('postgres://litellm:${DB_PASSWORD}@db:5432/litellm')?.reason).toBe('secret-templated');
    expect(secretVerdict('redis://:${REDIS_PASSWORD}@redis:6379/0')?.reason).toBe('secret-templated');
    expect(secretVerdict('Bearer ${TOKEN}')?.reason).toBe('secret-templated');
    expect(secretVerdict('${TOKEN:=Hq3vN8sLp2Wx7Zk5}')?.text).toBe('${TOKEN:=[redacted]}');
    // An escaped `$${X}` is text Flux leaves alone; a dotted name is another tool's: wiped whole.
    expect(secretVerdict('$${NOT_A_VAR}/Hq3vN8sLp2Wx7Zk5')?.text).toBeNull();
    expect(secretVerdict('${secrets.USER}:Hq3vN8sLp2Wx7Zk5')?.text).toBeNull();
  });

  it('reports its undefined variables, never its text', async () => {
    const r = repo('secret-mixed-substitution');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: backup\n  postBuild:\n    substitute:\n      APP: pgadmin\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./secret.yaml\n');
    r.put('apps/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${APP}-restic\ntype: Opaque\nstringData:\n  RESTIC_REPOSITORY: "${S3_URL}/${S3_PREFIX}-${APP}/Hq3vN8sLp2Wx7Zk5"\n  RESTIC_PASSWORD: ${RESTIC_PASSWORD}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const unresolved = analyse(model, config).findings.filter((f) => f.code === 'SUBSTITUTION_UNRESOLVED').map((f) => f.message);
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]).toContain('RESTIC_PASSWORD, S3_PREFIX, S3_URL.');
    expect(JSON.stringify(model)).not.toContain('Hq3vN8sLp2Wx7Zk5');
  });
});

describe('a plain Secret whose one value is a connection string with a ${VAR} password', () => {
  const repo = tempRepos(afterAll);

  it('is templated, not a plain Secret with literal values', async () => {
    const r = repo('secret-dsn-templated');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: ai\n  postBuild:\n    substitute:\n      DB_PASSWORD: x\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./dsn.yaml\n  - ./leak.yaml\n');
    r.put('apps/dsn.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: litellm-db\ntype: Opaque\nstringData:\n  DATABASE_URL: postgres://litellm:${DB_PASSWORD}@db:5432/litellm\n');
    r.put('apps/leak.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: other-db\ntype: Opaque\nstringData:\n  DATABASE_URL: postgres://app:Hq3vN8sLp2Wx7Zk5@${DB_HOST}:5432/app\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => `${f.code} ${f.source.file}`).sort()).toEqual(['PLAIN_SECRET apps/leak.yaml', 'PLAIN_SECRET_TEMPLATED apps/dsn.yaml']);
    expect(JSON.stringify(model)).not.toContain('Hq3vN8sLp2Wx7Zk5');
    expect(JSON.stringify(model)).not.toContain('litellm:');
  });
});
