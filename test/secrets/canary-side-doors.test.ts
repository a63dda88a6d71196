/**
 * Issue 22, "no secret through any side door": the canary repository (test/hostile/canary-repo.ts)
 * plants a fresh random canary in each side door a red-team pass found: YAML error messages, URLs
 * with credentials (in manifests, k8up backends, SOPS metadata, git diffs and commit messages),
 * numbers and unusual credential keys, a random value shaped like a Secret's name, DSN / ADO
 * strings, htpasswd lines, `--password` arguments, secretGenerator literals and a Secret inside a
 * `kind: List`. One test per attack: the canary is really in the repository (so the test can
 * fail) and occurs 0 times, in plain, base64, base64url or URL-encoded form, in the model, the
 * Atlas the site renders (inventory, findings, changelog), the Atom feed, `scan --json`, `check`
 * in every format, the logs, and every file `export` wrote. The site build over the same
 * repository is test/site-build/canary-site.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtomFeed } from '../../src/analysis/changelog/feed.ts';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { makeCanaries, SIDE_DOORS, writeCanaryRepo, type Canaries } from '../hostile/canary-repo.ts';
import { crashSigns, runCli, type CliRun } from '../hostile/run-cli.ts';
import { leaks } from './canary.ts';

const tmp = mkdtempSync(join(tmpdir(), 'atlas-side-doors-'));
const repo = join(tmp, 'repo');
const copy = join(tmp, 'copy');
const canaries: Canaries = makeCanaries();
const outputs: Record<string, string> = {};
const runs: Record<string, CliRun> = {};
let model: RepoModel;
let atlas: Atlas;
let planted = '';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md') && !relative(dir, d.parentPath).split('/').includes('.git'))
    .map((d) => join(d.parentPath, d.name));
}

beforeAll(async () => {
  mkdirSync(repo);
  mkdirSync(join(tmp, 'rss'));
  writeCanaryRepo(repo, canaries);
  cpSync(repo, copy, { recursive: true });
  // What the repository holds, history included: every canary must be in here.
  planted = execFileSync('git', ['log', '-p', '--all', '--format=%B'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  const config = loadConfig(repo);
  model = (await scanRepo(repo, config)).model;
  atlas = await computeAtlas(repo, config);
  // The documents the model is built from, as the reader leaves them (secret values wiped at read time).
  const yamlFiles = readdirSync(repo, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && /\.ya?ml$/.test(d.name) && !relative(repo, d.parentPath).startsWith('.git'));
  outputs.documents = JSON.stringify(
    yamlFiles.map((d) => {
      const path = relative(repo, join(d.parentPath, d.name));
      return parseYamlText(readFileSync(join(repo, path), 'utf8'), { path, kind: 'yaml' });
    }),
  );
  expect(outputs.documents).toContain('vault-side-doors');
  outputs.model = JSON.stringify(model);
  outputs.atlas = JSON.stringify(atlas);
  outputs.feed = renderAtomFeed(atlas.changelog.changelog.entries, { siteUrl: 'https://atlas.example', title: 'canary' });

  const rssDir = join(tmp, 'rss');
  const cli = async (key: string, args: string[]) => (runs[key] = await runCli(args, { rssDir }));
  await cli('scan', ['scan', '--json', '--repo', repo]);
  for (const format of ['text', 'json', 'github', 'sarif']) await cli(`check:${format}`, ['check', '--format', format, '--repo', repo]);
  await cli('export', ['export', '--repo', copy]);
  for (const [key, run] of Object.entries(runs)) {
    outputs[`${key} stdout`] = run.stdout;
    outputs[`${key} stderr`] = run.stderr;
  }
  for (const f of markdownFiles(copy)) outputs[`export ${relative(copy, f)}`] = readFileSync(f, 'utf8');
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Values the reader has no reason to wipe where they are written: a postBuild variable whose name says
 * nothing (`HOMEPAGE_VAR_VAULT`) becomes a credential only where Flux substitutes it under a credential
 * key. The read documents keep it; the model, and everything made from it, must not.
 */
const READ_AS_WRITTEN = new Set<keyof Canaries>(['substitutedAnnotation']);

describe('side doors: each canary reaches no output', () => {
  it('every command finished and the outputs are real', () => {
    for (const [key, run] of Object.entries(runs)) {
      expect(crashSigns(run.stderr), key).toEqual([]);
      expect([0, 1], `${key}: ${run.stderr.slice(-300)}`).toContain(run.status);
    }
    expect(JSON.parse(runs.scan!.stdout).counts).toBeTruthy();
    expect(Object.keys(outputs).filter((k) => k.startsWith('export ')).length).toBeGreaterThan(1);
    expect(outputs.feed).toContain('<feed');
  });

  for (const [kind, attack] of Object.entries(SIDE_DOORS) as [keyof Canaries, string][]) {
    it(`${attack}: planted, and 0 occurrences in the read documents, model, atlas, feed, scan --json, check (4 formats), logs and exports`, () => {
      const canary = canaries[kind];
      expect(planted.includes(canary), `${kind} is not in the repository`).toBe(true);
      for (const [where, text] of Object.entries(outputs)) {
        if (where === 'documents' && READ_AS_WRITTEN.has(kind)) continue;
        expect(leaks(text, [canary]), `${kind} in ${where}`).toEqual([]);
      }
    });
  }
});

describe('side doors: what is kept instead of the value', () => {
  it('YAML errors in a Secret are findings with the file, line and code, and a fixed description', () => {
    const yaml = atlas.model.findings.filter((f) => f.area === 'yaml' && /broken-(tag|header)\.yaml$/.test(f.source.file));
    expect(yaml.map((f) => [f.source.file.split('/').pop(), f.code])).toEqual(
      expect.arrayContaining([
        ['broken-tag.yaml', 'YAML_UNKNOWN_TAG'],
        ['broken-header.yaml', 'YAML_PARSE_ERROR'],
      ]),
    );
    for (const f of yaml) expect(f.source.line).toBe(6);
    expect(yaml.find((f) => f.code === 'YAML_PARSE_ERROR')?.message).toBe('YAML error (UNEXPECTED_TOKEN: unexpected content here (a block scalar header with extra characters, or a token out of place)). The document was skipped.');
  });

  it('a registry URL with credentials in history: the bump is on the changelog with the host, the credentials redacted', () => {
    const bumps = atlas.changelog.changelog.entries.flatMap((e) => e.bumps);
    expect(bumps).toEqual([expect.objectContaining({ kind: 'chart', name: '[redacted]@registry.example/charts/vault', from: '0.27.0', to: '0.28.0' })]);
    expect(outputs.feed).toContain('[redacted]@registry.example/charts/vault');
    expect(outputs.feed).toContain('feat(vault): bump chart, see https://[redacted]@ci.example/job/1');
  });

  it('SOPS vault addresses keep their host, with user info and signature redacted', () => {
    const file = model.sopsFiles.find((f) => f.file.endsWith('vault-kv.sops.yaml'));
    expect(file?.meta.hcVault).toEqual(['https://[redacted]@vault.example:8200/sops/flux']);
    expect(file?.meta.azureKv).toEqual(['https://atlas.vault.azure.net/?sig=[redacted]/keys/sops-key']);
  });

  it('each value is wiped where it is written, with a redaction record at its path', () => {
    const at = (file: string) => model.redactions.filter((r) => r.source.file.endsWith(file)).map((r) => r.path);
    expect(at('resources/kustomization.yaml')).toEqual(['secretGenerator.0.literals.0', 'patches.0.patch>stringData.EXTRA_SETTING', 'patches.1.patch>0.value']);
    // A Flux spec.patches operation's value under a credential key (the key is its path's last segment).
    expect(at('vault/app/ks.yaml')).toEqual(['spec.patches.0.patch>0.value']);
    // A List is its items (as kustomize reads it): the Secret inside is a document of its own.
    expect(at('list.yaml')).toEqual(['stringData.anything']);
    expect(at('k8up.yaml')).toEqual(['spec.backend.rest.url']);
    expect(at('side-doors.yaml')).toEqual(
      expect.arrayContaining([
        'data.GIT_REMOTE', 'data.REDIS_URL', 'data.BLOB_URL', 'data.DATABASE_DSN', 'data.ConnectionStrings__Default',
        'data.TS_AUTHKEY', 'data.SECRET_KEY_BASE', 'data.ADMIN_PW', 'data.PLEX_CLAIM', 'data.ALERT_URL', 'spec.basicAuth.users.0',
        'spec.template.spec.containers.0.args.0', 'spec.template.spec.containers.0.args.2',
        'spec.template.spec.containers.0.env.0.value', 'spec.values.oidc.clientSecret', 'spec.values.admin.password',
      ]),
    );
  });
});
