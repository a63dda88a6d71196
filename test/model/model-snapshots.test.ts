import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SNAPSHOTS, fixtureTargets, snapshotDiff, snapshotOf } from '../../scripts/model-snapshot.ts';

/**
 * Whole-model snapshots (issue 18): for examples/homelab and every fixture repository, the apps,
 * objects with file:line, Kustomizations, HelmReleases, dependsOn edges, secrets (names, kinds,
 * keys, places) and findings that computeAtlas derives, compared with the reviewed YAML in
 * test/model/snapshots/. This test only reads them: a missing or different snapshot fails, and
 * `node scripts/model-snapshot.ts --update <name>` rewrites one on purpose (README.md there says
 * what was reviewed).
 */
describe('whole-model snapshots of the fixture repositories', () => {
  const targets = fixtureTargets();

  it('has a snapshot for every fixture repository and none for a repository that is gone', () => {
    expect(targets.map((t) => t.name)).toContain('homelab');
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) expect(existsSync(join(FIXTURE_SNAPSHOTS, `${t.name}.yaml`)), `${t.name}.yaml is missing: run node scripts/model-snapshot.ts --update ${t.name} and review it`).toBe(true);
    const stale = readdirSync(FIXTURE_SNAPSHOTS).filter((f) => f.endsWith('.yaml') && !targets.some((t) => `${t.name}.yaml` === f));
    expect(stale, 'snapshots of repositories that are gone: delete them').toEqual([]);
  });

  for (const t of targets) {
    it(`${t.label} matches its reviewed snapshot`, async () => {
      const file = join(FIXTURE_SNAPSHOTS, `${t.name}.yaml`);
      if (!existsSync(file)) expect.fail(`no snapshot ${file}: run node scripts/model-snapshot.ts --update ${t.name}, review it, commit it`);
      const diff = snapshotDiff(readFileSync(file, 'utf8'), await snapshotOf(t));
      if (diff) expect.fail(`${t.label} differs from test/model/snapshots/${t.name}.yaml.\n${diff}\nIf the change is meant, run node scripts/model-snapshot.ts --update ${t.name} and review the diff.`);
    });
  }

  it('no snapshot holds a secret value of the fixtures (they hold key names only)', () => {
    const values = ['Gr4fana-demo-only', 'fixture-real-value-4', 'Zml4dHVyZS1yZWFsLXZhbHVlLTM=', 'Zml4dHVyZS1rZXk=', 'ENC[', '[REDACTED]'];
    for (const t of targets) {
      const text = readFileSync(join(FIXTURE_SNAPSHOTS, `${t.name}.yaml`), 'utf8');
      for (const v of values) expect(text, `${t.name}.yaml`).not.toContain(v);
    }
  });
});

describe('snapshotDiff', () => {
  const stored = 'apps:\n  - {id: media/jellyfin}\n  - {id: media/sonarr}\nfindings:\n  - {code: A, at: x.yaml:3}\n';

  it('is empty for equal text and names each changed line with its section', () => {
    expect(snapshotDiff(stored, stored)).toBe('');
    const diff = snapshotDiff(stored, stored.replace('x.yaml:3', 'x.yaml:4').replace('  - {id: media/sonarr}\n', ''));
    expect(diff.split('\n')).toEqual([
      '2 line(s) only in the stored snapshot (-), 1 only in the new one (+):',
      '  - [apps] - {id: media/sonarr}',
      '  - [findings] - {code: A, at: x.yaml:3}',
      '  + [findings] - {code: A, at: x.yaml:4}',
    ]);
  });

  it('stops after the first lines and says how many more differ', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `  - {id: o${i}}`).join('\n');
    const diff = snapshotDiff(`objects:\n${many(3)}\n`, `objects:\n${many(40)}\n`, 5);
    expect(diff).toContain('  + ... 32 more');
    expect(diff.split('\n').filter((l) => l.startsWith('  + [objects]'))).toHaveLength(5);
  });
});
