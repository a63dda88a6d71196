/**
 * Issue 22, credentials inside longer strings: one redaction (src/repo/redact-url.ts,
 * src/repo/redact-inline.ts) for manifests, SOPS metadata and git diffs. Each case is named after
 * the attack; each asserts what is removed and what is kept.
 */
import { describe, expect, it } from 'vitest';
import { redactInline, redactProse } from '../../src/repo/redact-inline.ts';
import { redactUrls } from '../../src/repo/redact-url.ts';

const url = (s: string) => redactUrls(s).text;

describe('URLs with credentials (redact-url.ts)', () => {
  it('token as the user name: https://ghp_x@host', () => {
    expect(url('https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/o/r.git')).toBe('https://[redacted]@github.com/o/r.git');
  });
  it('empty user with a password: redis://:pw@host', () => {
    expect(url('redis://:s3cr3t-pw@redis.default.svc:6379/0')).toBe('redis://[redacted]@redis.default.svc:6379/0');
  });
  it('user and password: postgres://u:p@host, also inside a restic repository string (k8up / VolSync)', () => {
    expect(url('postgres://app:hunter2@db:5432/app?sslmode=disable')).toBe('postgres://[redacted]@db:5432/app?sslmode=disable');
    expect(url('rest:https://backup:hunter2@rest.backup.svc:8000/vault')).toBe('rest:https://[redacted]@rest.backup.svc:8000/vault');
  });
  it('credential query keys: token, password, sig, key, X-Amz-Signature; other keys stay', () => {
    expect(url('https://h/x?token=abc&page=2')).toBe('https://h/x?token=[redacted]&page=2');
    expect(url('https://h/x?sv=2024&sig=abc%2Bdef&se=2030#f')).toBe('https://h/x?sv=2024&sig=[redacted]&se=2030#f');
    expect(url('https://h/x?X-Amz-Credential=AKIA&X-Amz-Signature=abc&X-Amz-Date=1')).toBe('https://h/x?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Date=1');
    expect(url('https://maps.example/api?key=AIzaSyA&q=x')).toBe('https://maps.example/api?key=[redacted]&q=x');
    expect(url('mongodb://h/db?authSource=admin&password=pw')).toBe('mongodb://h/db?authSource=admin&password=[redacted]');
  });
  it('keeps account names that are no secret: ssh://git@, Longhorn s3://bucket@region/', () => {
    expect(redactUrls('ssh://git@github.com/o/r').changed).toBe(false);
    expect(redactUrls('s3://longhorn@us-east-1/').changed).toBe(false);
    expect(url('ssh://git:pw@github.com/o/r')).toBe('ssh://[redacted]@github.com/o/r');
  });
  it('keeps templates: a ${VAR} or {{ }} password is filled in elsewhere', () => {
    expect(redactUrls('postgres://app:${DB_PASSWORD}@db/app').changed).toBe(false);
    expect(redactUrls('https://{{ .Values.token }}@host/x').changed).toBe(false);
    expect(redactUrls('https://h/x?token=${TOKEN}').changed).toBe(false);
    // Flux's escape `$${VAR}` (postBuild leaves `${VAR}` for the app's own envsubst or PHP to fill in):
    // a reference too (outside review: a php.ini session.save_path was a HARDCODED_CREDENTIAL error).
    expect(redactInline('session.save_path = "tcp://$${REDIS_HOST}:$${REDIS_HOST_PORT}?auth=$${REDIS_HOST_PASSWORD}"')).toMatchObject({ changed: false, report: false });
    expect(redactUrls('postgres://app:$${DB_PASSWORD}@db/app').changed).toBe(false);
    expect(redactUrls('https://h/x?token=$$(TOKEN)').changed).toBe(false);
    // Not a literal glued to one: still removed.
    expect(url('https://h/x?auth=hunter2$${X}')).toBe('https://h/x?auth=[redacted]');
  });
  it('a template expression with spaces is one value: an External Secrets template fills in the token', () => {
    // ExternalSecret target.template.data: the store's value goes where the template says.
    expect(redactUrls('ws://reactive-resume-printer:3000?token={{ .PRINTER_TOKEN }}').changed).toBe(false);
    expect(redactInline('ws://printer:3000?token={{ .PRINTER_TOKEN | trim }}&x=1')).toMatchObject({ changed: false, report: false });
    // A literal credential beside a template is still removed, and the template kept as written.
    expect(url('https://bot:hunter2@h/x?token={{ .T }}&key=AIzaSyA')).toBe('https://[redacted]@h/x?token={{ .T }}&key=[redacted]');
  });
  it('a literal between or inside template expressions is no reference (a reviewer\'s leaks)', () => {
    for (const hostile of [
      'https://h/x?q={{ https://u:SECRETGGG7@inner/ }}',
      'https://h/x?token={{ .x }}SECRETGGG7{{ .y }}',
      'redis://:{{.a}}SECRETGGG7{{.b}}@redis:6379',
      'https://{{.x}}SECRETGGG7{{.y}}@github.com/o/r',
      'https://hooks.slack.com/services/T0/B0/{{ .x }}SECRETGGG7',
    ]) expect(url(hostile), hostile).not.toContain('SECRETGGG7');
  });
  it('every URL of a longer text (a diff line, a commit message)', () => {
    expect(url('+  url: oci://robot:tok@reg.example/charts # and https://u:p@other.example')).toBe('+  url: oci://[redacted]@reg.example/charts # and https://[redacted]@other.example');
  });
  it('placeholders are redacted but not literal', () => {
    expect(redactUrls('postgres://user:password@db/app')).toEqual({ text: 'postgres://[redacted]@db/app', changed: true, literal: false });
    expect(redactUrls('postgres://user:hunter2@db/app').literal).toBe(true);
  });
});

describe('credentials inside strings (redact-inline.ts)', () => {
  it('DSN connection string: password=', () => {
    expect(redactInline('host=db user=app password=hunter2 dbname=app')).toEqual({ text: 'host=db user=app password=[redacted] dbname=app', changed: true, report: true });
    expect(redactInline("host=db password='a b c' dbname=app").text).toBe('host=db password=[redacted] dbname=app');
  });
  it('ADO connection string: Password= / Pwd= / AccountKey=', () => {
    expect(redactInline('Server=tcp:db,1433;Database=app;User Id=app;Password=hunter2;').text).toBe('Server=tcp:db,1433;Database=app;User Id=app;Password=[redacted];');
    expect(redactInline('Driver={ODBC};Server=db;Uid=app;Pwd=hunter2;').text).toBe('Driver={ODBC};Server=db;Uid=app;Pwd=[redacted];');
    expect(redactInline('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc+def==;EndpointSuffix=core.windows.net').text).toBe('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[redacted];EndpointSuffix=core.windows.net');
  });
  it('--password= and --api-key value in container args', () => {
    expect(redactInline('--password=hunter2')).toEqual({ text: '--password=[redacted]', changed: true, report: true });
    expect(redactInline('app serve --api-key abc123 --port 80').text).toBe('app serve --api-key [redacted] --port 80');
    expect(redactInline('--password-file=/run/secrets/pw').changed).toBe(false);
    expect(redactInline('--password=$(DB_PASSWORD)').changed).toBe(false);
  });
  it('--secret= naming a Secret is kept; a literal that is no name is wiped and reported', () => {
    expect(redactInline('--secret=my-app-secret').changed).toBe(false);
    expect(redactInline('--secret=Zx81kq0Pq')).toEqual({ text: '--secret=[redacted]', changed: true, report: true });
  });
  it('htpasswd lines: bcrypt, apr1, SHA (wiped, not reported)', () => {
    const bcrypt = '$2y$05$' + 'a'.repeat(53);
    expect(redactInline(`admin:${bcrypt}`)).toEqual({ text: 'admin:[redacted]', changed: true, report: false });
    expect(redactInline('admin:$apr1$abcdefgh$' + 'b'.repeat(22) + '\nbob:{SHA}' + 'c'.repeat(27) + '=').text).toBe('admin:[redacted]\nbob:[redacted]');
  });
  it('credential lines of a configuration file embedded in a string (wiped, not reported)', () => {
    const r = redactInline('db:\n  host: db\n  password: hunter2\n  token: ${TOKEN}\nAPI_KEY=abc\n');
    expect(r.text).toBe('db:\n  host: db\n  password: [redacted]\n  token: ${TOKEN}\nAPI_KEY=[redacted]\n');
    expect(r.report).toBe(false);
  });
  it('leaves ordinary strings alone', () => {
    for (const s of ['app.kubernetes.io/name=web', 'https://example.com/path?page=2', '--port=8080', 'hello world', 'a=b;c=d']) expect(redactInline(s).changed, s).toBe(false);
  });
});

describe('what inline redaction keeps (no over-wipe of embedded configuration)', () => {
  it('application tags, flags and numbers, and a -secret name', () => {
    expect(redactInline('sonarr:\n  api_key: !env_var SONARR_API_KEY\n').changed).toBe(false);
    expect(redactInline('resources:\n  secret: true\n  configmap: true\n').changed).toBe(false);
    expect(redactInline('pass_access_token = true\ncookie_secure = true\n').changed).toBe(false);
    expect(redactInline('--sops-age-secret=sops-age-secret').changed).toBe(false);
    // A lower-case literal without a `-secret` segment is no name: still wiped.
    expect(redactInline('--client-secret=hunterpass').text).toBe('--client-secret=[redacted]');
  });
});

describe('webhook URLs whose path is the credential', () => {
  it('Slack, Discord, Teams and Telegram bot URLs lose the token part of their path', () => {
    expect(url('https://hooks.slack.com/services/T000/B000/XXXXabcd1234')).toBe('https://hooks.slack.com/services/[redacted]');
    expect(url('https://discord.com/api/webhooks/123456/abcDEF-tok')).toBe('https://discord.com/api/webhooks/[redacted]');
    expect(url('https://api.telegram.org/bot123:ABC-def/sendMessage')).toBe('https://api.telegram.org/bot[redacted]');
    expect(redactUrls('https://discord.com/api/webhooks/${DISCORD_WEBHOOK}').changed).toBe(false);
    expect(redactUrls('https://hooks.slack.com/').changed).toBe(false);
  });
});

describe('credentials an outside review found in annotations and commit messages', () => {
  it('a pair inside a pair: kubectl create secret --from-literal=password=x', () => {
    expect(redactInline('kubectl create secret generic db --from-literal=password=hunter2-x9 -n apps').text).toBe('kubectl create secret generic db --from-literal=password=[redacted] -n apps');
    expect(redactInline('--from-literal=username=admin').changed).toBe(false);
    expect(redactInline('--from-literal=password=${DB_PASSWORD}').changed).toBe(false);
  });

  it('an Authorization header: Bearer <token>, Authorization: Basic <base64>', () => {
    expect(redactInline('proxy_set_header Authorization "Bearer eyJhbGciOi.x9";\n').text).toBe('proxy_set_header Authorization "Bearer [redacted]";\n');
    expect(redactInline('curl -H "Authorization: Basic YWRtaW46aHVudGVyMg==" https://h').text).toBe('curl -H "Authorization: Basic [redacted]" https://h');
    // Prose and references stay.
    expect(redactInline('Bearer tokens are checked by the gateway; Basic authentication is off').changed).toBe(false);
    expect(redactInline('Authorization: Bearer ${API_TOKEN}').changed).toBe(false);
  });

  it('commit messages: pairs and `token: x` inside a sentence; prose and URLs without credentials stay', () => {
    expect(redactProse('fix(web): db login now password=hunter2-x9')).toBe('fix(web): db login now password=[redacted]');
    expect(redactProse('Rotated the admin token: cnry-4f2a9 for now.')).toBe('Rotated the admin token: [redacted] for now.');
    expect(redactProse('chore(deps): update helm release authentik to v2024.2.1')).toBe('chore(deps): update helm release authentik to v2024.2.1');
    expect(redactProse('feat(auth): token: rotated, password: reset flow')).toBe('feat(auth): token: rotated, password: reset flow');
    expect(redactProse('docs: token: https://example.com/docs/tokens')).toBe('docs: token: https://example.com/docs/tokens');
  });
});

describe('a review of those rules: what else is a credential, and what is prose', () => {
  it('Basic base64 of letters only, Authorization: Token, curl -u, X-...-Token headers', () => {
    expect(redactInline('Authorization: Basic dXNlcjpwYXNz').text).toBe('Authorization: Basic [redacted]');
    expect(redactInline('curl -H "Authorization: Token 123456abcdef" https://x').text).toBe('curl -H "Authorization: Token [redacted]" https://x');
    expect(redactInline('curl -u admin:hunter2x https://x').text).toBe('curl -u admin:[redacted] https://x');
    expect(redactInline('proxy_set_header X-Auth-Token "abcdef123456";').text).toBe('proxy_set_header X-Auth-Token "[redacted]";');
    expect(redactInline('headers:\n  X-Api-Key: 0123456789abcdef\n').text).toBe('headers:\n  X-Api-Key: [redacted]\n');
  });

  it('keeps header lists, references and hyphenated words', () => {
    expect(redactInline('auth-response-headers: X-Auth-Request-User, X-Auth-Request-Groups').changed).toBe(false);
    expect(redactInline('proxy_set_header X-Api-Key $http_x_api_key;').changed).toBe(false);
    expect(redactInline('Uses Bearer token-based authentication').changed).toBe(false);
  });

  it('commit messages: quoted values go; versions, paths and words stay', () => {
    expect(redactProse('fix(api): set token: "abc123def456"')).toBe('fix(api): set token: [redacted]');
    expect(redactProse("fix: password: 'cnry-4f2a9x'")).toBe('fix: password: [redacted]');
    expect(redactProse('feat(auth): token: v2-rollout')).toBe('feat(auth): token: v2-rollout');
    expect(redactProse('fix(renovate): update sonarr (token: ghcr.io/onedr0p)')).toBe('fix(renovate): update sonarr (token: ghcr.io/onedr0p)');
    expect(redactProse('fix(oauth2-proxy): cookie_secret: 32-byte value')).toBe('fix(oauth2-proxy): cookie_secret: 32-byte value');
  });
});

describe('a second review: credentials still kept, and prose the rules ate', () => {
  it('keeps no base64 with a slash, short passwords, or tokens of known shapes in commit messages', () => {
    expect(redactProse('password: aB3/xYz+9Qw=')).toBe('password: [redacted]');
    expect(redactProse('fix: password: hunter2')).toBe('fix: password: [redacted]');
    expect(redactProse('token: glpat-abcdefghijklmnopqrst')).toBe('token: [redacted]');
    expect(redactProse('api_key: sk_live_abcdefghijklmnop')).toBe('api_key: [redacted]');
    expect(redactInline('curl --user=admin:pw12345 https://x').text).toBe('curl --user=admin:[redacted] https://x');
    expect(redactInline('curl -uadmin:pw12345 https://x').text).toBe('curl -uadmin:[redacted] https://x');
  });

  it('leaves a header named in prose, -u of other commands, and CamelCase words after Bearer', () => {
    expect(redactInline('add X-Api-Key header support').changed).toBe(false);
    expect(redactInline('Send the X-Auth-Token header').changed).toBe(false);
    expect(redactInline('runuser -u app:app').changed).toBe(false);
    expect(redactInline('mysql -u root:localhost').changed).toBe(false);
    expect(redactInline('Bearer ServiceAccountToken mechanism').changed).toBe(false);
  });
});

describe('a third review: nginx headers without quotes, curl on continued lines', () => {
  it('wipes them; CamelCase words after Bearer, a header named in prose, -u of other commands stay', () => {
    expect(redactInline('proxy_set_header X-Auth-Token 9fQ2xLr7Tz4KpW1m;').text).toBe('proxy_set_header X-Auth-Token [redacted];');
    expect(redactInline('curl -fsS -X POST \\\n  -u backup:Zr8pQ2x9 \\\n  https://x').text).toBe('curl -fsS -X POST \\\n  -u backup:[redacted] \\\n  https://x');
    expect(redactInline('CURL -u admin:pw12345 https://x').text).toBe('CURL -u admin:[redacted] https://x');
    expect(redactInline('curl --proxy-user admin:hunter2 https://x').text).toBe('curl --proxy-user admin:[redacted] https://x');
    expect(redactInline('Authorization: Bearer MyServiceToken').changed).toBe(false);
    expect(redactInline('Uses Bearer authentication.').changed).toBe(false);
    expect(redactInline('validates X-Gitlab-Token signatures.').changed).toBe(false);
    expect(redactInline('Send X-Vault-Token vault-token.txt').changed).toBe(false);
    expect(redactInline('Send the X-Auth-Token header').changed).toBe(false);
    expect(redactInline('curl -u admin:hunter2x https://x\nsu-exec -u app:app true').text).toBe('curl -u admin:[redacted] https://x\nsu-exec -u app:app true');
    expect(redactInline('TS=$(date -u +%H:%M:%S)\ncurl -s https://x').changed).toBe(false);
  });
});
