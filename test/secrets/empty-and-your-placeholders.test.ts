/**
 * A plain Secret template committed for its owner to fill: keys written empty (`""`) are neither
 * literals nor `${VAR}` substitutions, and `your-<words>` values (numbers among the words) are
 * placeholders. Outside review: two empty keys were said to be `${VAR}`s (PLAIN_SECRET_TEMPLATED), and
 * `your-74-character-random-hash-salt` would have been a literal credential. Values never shown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n  namespace: web\ntype: Opaque\nstringData:\n${data}`;

describe('a plain Secret of empty keys and your-... placeholders', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, data: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/secrets.yaml', secret(data));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const { findings } = analyse(model, config);
    return { model, findings: findings.filter((f) => f.code.startsWith('PLAIN_SECRET') || f.code === 'HARDCODED_CREDENTIAL') };
  };

  it('is an example: no finding, and no key said to be a ${VAR}', async () => {
    const { model, findings } = await scan('empty-your', '  DB_PASSWORD: your-mysql-password\n  HASH_SALT: your-74-character-random-hash-salt\n  SOLR_USER: ""\n  SOLR_PASSWORD: ""\n');
    expect(findings).toEqual([]);
    expect(model.secrets.find((s) => s.name === 'app-secrets')?.emptyKeys).toEqual(['SOLR_PASSWORD', 'SOLR_USER']);
    expect(JSON.stringify(model)).not.toContain('74-character');
  });

  it('still reports a literal credential beside empty keys, and names only the literal', async () => {
    const { findings } = await scan('empty-literal', '  DB_PASSWORD: q8Zr4LmT2vX9\n  SOLR_PASSWORD: ""\n');
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['PLAIN_SECRET', 'error']]);
    expect(findings[0]!.message).toContain('literal values under: DB_PASSWORD.');
    expect(findings[0]!.message).not.toContain('q8Zr4LmT2vX9');
  });

  it('says a ${VAR} beside empty keys is the only substitution', async () => {
    const { findings } = await scan('empty-var', '  API_TOKEN: ${API_TOKEN}\n  SOLR_PASSWORD: ""\n  HOST: db.internal\n');
    const templated = findings.filter((f) => f.code === 'PLAIN_SECRET_TEMPLATED');
    expect(templated.map((f) => f.message.includes('SOLR_PASSWORD'))).toEqual([false]);
  });

  it('keeps a your-... value with a random-looking word a literal', async () => {
    const { findings } = await scan('your-random', '  DB_PASSWORD: your-Xk7q2Lm9\n');
    expect(findings.map((f) => f.code)).toEqual(['PLAIN_SECRET']);
  });

  // home-ops' cluster-secrets template: a domain under `SECRET_DOMAIN` (printed in every route's
  // hostname), the credentials left empty for the owner to fill and encrypt (outside review: an error
  // that said to rotate the domain).
  it("takes a prefixed domain or e-mail key for a public value, and still a prefixed token for a credential", async () => {
    const template = await scan('cluster-secrets-template', '  SECRET_DOMAIN: apps.mycluster.net\n  SECRET_ACME_EMAIL: admin@mycluster.net\n  SECRET_CLOUDFLARE_API_TOKEN: # TODO\n');
    expect(template.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const filled = await scan('cluster-secrets-filled', '  SECRET_DOMAIN: apps.mycluster.net\n  SECRET_CLOUDFLARE_API_TOKEN: q8Zr4LmT2vX9aa\n');
    expect(filled.findings.map((f) => [f.code, f.severity])).toEqual([['PLAIN_SECRET', 'error']]);
    expect(filled.findings[0]!.message).toContain('literal values under: SECRET_CLOUDFLARE_API_TOKEN, SECRET_DOMAIN.');
  });

  // Code review: a prefixed host or server key often holds a connection string with its password.
  it('keeps a prefixed server or user key a literal (MQTT_SERVER with a URL, MQTT_USER)', async () => {
    const { findings } = await scan('prefixed-server', '  MQTT_SERVER: mqtt://zigbee:Hq8vP2mXw9Lk@emqx.database.svc:1883\n  MQTT_USER: zigbee\n');
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['PLAIN_SECRET', 'error']]);
    expect(JSON.stringify(findings)).not.toContain('Hq8vP2mXw9Lk');
  });
});
