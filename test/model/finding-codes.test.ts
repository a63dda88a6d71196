/**
 * The registry of finding codes is complete in both directions: every SCREAMING_SNAKE string
 * literal in src/ and scripts/ is a registered code or a name known not to be one, and every
 * registered code is emitted by some code path (no dead entries). What the registry says about a
 * code (severities, areas) is checked against the findings the fixture repositories produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { FINDING_CODE_LIST, type FindingCode, findingInfo, isFindingCode, nearestFindingCodes } from '../../src/model/finding-codes.ts';
import { FindingSchema } from '../../src/model/finding.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const ROOT = join(import.meta.dirname, '../..');
const REGISTRY_FILE = 'src/model/finding-codes.ts';

/**
 * SCREAMING_SNAKE literals of src/ and scripts/ that are not finding codes, with why. (Kustomize's
 * build problems are read from their type below: only PATCH_* of them become findings.)
 */
const NOT_FINDING_CODES: Record<string, string> = {
  RESOURCE_EXHAUSTION: "yaml's ErrorCode (mapped to YAML_TOO_DEEP)",
  TAG_RESOLVE_FAILED: "yaml's ErrorCode (mapped to YAML_UNKNOWN_TAG)",
  QUOTE_DOUBLE: "a yaml Scalar type",
  BASE_URL: 'a Vite environment variable',
  NODE_ENV: 'a Node environment variable',
  USE_MAIN_CONTEXT_DEFAULT_LOADER: "Node's vm loader constant, named in the warning the CLI bundle drops",
  BACKUP_SKIP_WITHOUT_ANNOTATION: "k8up's environment variable, read from its values",
  INHERITED_LABELS: "CloudNativePG's operator setting: the Cluster labels it copies to the claims and pods it makes",
  PG_DATA: "CloudNativePG's `cnpg.io/pvcRole` label value of a data volume",
  PG_WAL: "CloudNativePG's `cnpg.io/pvcRole` label value of a WAL volume",
  API_KEY: 'a variable name in a generated benchmark repository',
  ADMIN_PASSWORD: 'a variable name in a generated benchmark repository',
  SECRET_DOMAIN: 'a variable name in a generated benchmark repository',
  SECRET_ACME_EMAIL: 'a variable name in a generated benchmark repository',
  RESTIC_PASSWORD: "restic's environment variable: the key of a VolSync repository Secret that holds its password",
  KOPIA_PASSWORD: "kopia's environment variable: the key of a VolSync repository Secret that holds its password",
  RESTIC_REPOSITORY: "restic's environment variable: the key of a VolSync repository Secret that says where the repository is",
  KOPIA_REPOSITORY: "kopia's environment variable: the key of a VolSync repository Secret that says where the repository is",
  ATLAS_REPO: 'an environment variable of the CLI',
  ATLAS_BASE: 'an environment variable of the CLI',
  ATLAS_SITE: 'an environment variable of the CLI',
  ATLAS_OUT: 'an environment variable of the CLI',
  ATLAS_CACHE_DIR: 'an environment variable of the CLI',
  ATLAS_CONFIG_JSON: 'an environment variable of the CLI',
  ...Object.fromEntries(
    [
      'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_ASKPASS', 'GIT_CONFIG', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_PARAMETERS', 'GIT_DIR', 'GIT_EDITOR',
      'GIT_EXTERNAL_DIFF', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_PAGER', 'GIT_SEQUENCE_EDITOR', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_WORK_TREE',
    ].map((name) => [name, "git's environment variable, cleared before running git"]),
  ),
};

function buildProblemCodes(): Set<string> {
  const text = readFileSync(join(ROOT, 'src/repo/build/kustomize-problems.ts'), 'utf8');
  const union = /(?:export )?type BuildProblemCode =([^;]+);/.exec(text)?.[1] ?? '';
  return new Set([...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|astro)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

interface Literal {
  code: string;
  file: string;
  line: number;
  /** Compared against (`=== 'CODE'`), not produced. */
  compared: boolean;
}

/** Quoted SCREAMING_SNAKE literals ('X_Y', "X_Y", `X_Y`) outside comment lines. */
function literals(files: readonly string[]): Literal[] {
  const out: Literal[] = [];
  for (const file of files) {
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (/^\s*(\*|\/\/|\/\*)/.test(text)) return;
        for (const m of text.matchAll(/(===|!==)?\s*(['"`])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\2/g)) {
          out.push({ code: m[3]!, file, line: i + 1, compared: m[1] !== undefined });
        }
      });
  }
  return out;
}

describe('the registry of finding codes', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('scripts')].filter((f) => f !== REGISTRY_FILE);
  const found = literals(files);
  const buildProblems = buildProblemCodes();

  it('scans the places codes are written in', () => {
    // A guard on the scan itself: a regex that found nothing would pass every test below.
    expect(files).toContain('src/analysis/graph/build.ts');
    expect(found.filter((l) => isFindingCode(l.code)).length).toBeGreaterThan(150);
    expect(buildProblems.has('REMOTE_RESOURCE')).toBe(true);
  });

  it('holds every code literal found in src/ and scripts/', () => {
    const unknown = found
      .filter((l) => !isFindingCode(l.code) && !(l.code in NOT_FINDING_CODES) && !buildProblems.has(l.code))
      .map((l) => `${l.file}:${l.line} ${l.code}`);
    expect(unknown, 'register these codes in src/model/finding-codes.ts (or, if they are no finding codes, list them in NOT_FINDING_CODES)').toEqual([]);
  });

  it('holds no code that nothing emits', () => {
    // Emitted: written in src/ other than where findings are only read (a comparison, the roadmap's
    // proposal topics, a page that picks findings out).
    const emitted = new Set(
      found
        .filter((l) => l.file.startsWith('src/') && !l.compared && !l.file.startsWith('src/pages/') && l.file !== 'src/analysis/roadmap/proposal-topics.ts')
        .map((l) => l.code),
    );
    expect(FINDING_CODE_LIST.filter((c) => !emitted.has(c))).toEqual([]);
  });

  it('describes every code in one line with its severities and areas', () => {
    for (const code of FINDING_CODE_LIST) {
      const info = findingInfo(code);
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      expect(info.summary, code).toMatch(/^\S.{10,220}[.)]$/);
      expect(info.summary, code).not.toContain('\n');
      expect(new Set(info.severities).size, code).toBe(info.severities.length);
      expect(new Set(info.areas).size, code).toBe(info.areas.length);
    }
  });

  it('records the severity every literal call site writes', () => {
    // finding('CODE', 'severity', ...) in either finding helper (src/model, src/markdown), on one line or several.
    const calls = files.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\bfinding\(\s*'([A-Z][A-Z0-9_]+)',\s*'(error|warning|info)'/g)].map((m) => ({ file, code: m[1]!, severity: m[2]! })),
    );
    expect(calls.length).toBeGreaterThan(100);
    const wrong = calls
      .filter((c) => !isFindingCode(c.code) || !(findingInfo(c.code).severities as readonly string[]).includes(c.severity))
      .map((c) => `${c.file}: ${c.code} ${c.severity}`);
    expect(wrong).toEqual([]);
  });

  it('rejects an unregistered code in a finding (the content collection validates with this schema)', () => {
    const f = { code: 'DEPENDS_ON_MISSING', severity: 'error', message: 'm', source: { file: 'a.yaml', line: 1, col: 1 } };
    expect(FindingSchema.safeParse(f).success).toBe(true);
    const bad = FindingSchema.safeParse({ ...f, code: 'DEPENDS_ON_MISING' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('unknown finding code "DEPENDS_ON_MISING"');
  });

  it('suggests the nearest code for a misspelt one', () => {
    expect(nearestFindingCodes('DEPENDS_ON_MISING')).toEqual(['DEPENDS_ON_MISSING']);
    expect(nearestFindingCodes('network_policy_missing')).toEqual(['NETWORK_POLICY_MISSING']);
    expect(nearestFindingCodes('YAML_PARSE_EROR')).toEqual(['YAML_PARSE_ERROR']);
  });
});

describe('the registry says what the fixture repositories show', () => {
  const under = (dir: string) => readdirSync(join(ROOT, dir)).sort().map((r) => join(ROOT, dir, r));
  // The example, every fixture repository, the kustomize cases, and the bad input files read as one repository.
  const repos = [join(ROOT, 'examples/homelab'), ...under('test/fixtures/repos'), ...under('test/fixtures/kustomize'), join(ROOT, 'test/fixtures/bad-input')];

  it('every finding has a severity and an area its code is registered with', async () => {
    const seen = new Set<FindingCode>();
    const wrong: string[] = [];
    for (const repo of repos) {
      const config = parseConfig({});
      const { model } = await scanRepo(repo, config);
      const { findings, silenced } = analyse(model, config);
      for (const f of [...findings, ...silenced.map((s) => s.finding)]) {
        if (!isFindingCode(f.code)) {
          wrong.push(`${f.code}: not registered`);
          continue;
        }
        seen.add(f.code);
        const info = findingInfo(f.code);
        if (!(info.severities as readonly string[]).includes(f.severity)) wrong.push(`${f.code}: severity ${f.severity}, registered ${info.severities.join('/')}`);
        if (f.area === undefined || !(info.areas as readonly string[]).includes(f.area)) wrong.push(`${f.code}: area ${f.area}, registered ${info.areas.join('/')}`);
      }
    }
    expect([...new Set(wrong)]).toEqual([]);
    // A guard: the fixtures exercise a good part of the registry, so this test can fail.
    expect(seen.size).toBeGreaterThan(25);
  });
});
