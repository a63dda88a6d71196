/**
 * The secrets page's recovery notes: a Markdown file with a heading that names SOPS, secrets, age
 * keys or key rotation counts, linked to that heading. The page said "No hand-written notes about
 * SOPS or secrets were found" of a repository whose cluster/flux-system/README.md has a "## SOPS"
 * section and cluster/README.md a "# Secrets" one, for only paths were tested (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { ATLAS_BEGIN, ATLAS_END } from '../../src/markdown/markers.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { handWrittenRecoveryDocs, SECRETS_FILE } from '../../src/lib/export/plan.ts';
import { recoveryNotes } from '../../src/lib/site/recovery-notes.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

describe('recovery notes read from headings', () => {
  const repo = tempRepos(afterAll);

  const notesOf = async (files: Record<string, string>) => {
    const r = repo('recovery-notes');
    bootstrap(r, 'home');
    for (const [file, text] of Object.entries(files)) r.put(file, text);
    const atlas = await computeAtlas(r.root, loadConfig(r.root, {}));
    // As the page calls it: the files the inventory lists by path, less those the export writes.
    const notes = recoveryNotes(atlas, handWrittenRecoveryDocs(atlas.analysis.secrets.recoveryDocs, atlas.model, 'CHANGELOG.md'), [SECRETS_FILE, 'CHANGELOG.md']);
    return { atlas, notes: notes.map((n) => [n.file, n.line, n.heading, n.href]) };
  };

  it('lists a section under a heading about SOPS or secrets, at its line, linked where the site publishes the file', async () => {
    const { notes } = await notesOf({
      'cluster/flux-system/README.md': '# Flux System\n\nBootstrapped with flux.\n\n## SOPS\n\nThe age key lives in the sops-age Secret.\n',
      'cluster/README.md': '## Ingress\n\nHAProxy.\n\n# Secrets\n\nCreate them by hand first.\n\n## SOPS\n\nNested: listed with its parent.\n',
      'docs/operations.md': '# Operations\n\n## Rotating the age keys\n\nRun sops updatekeys.\n\n## Usage\n\nNot about keys.\n',
      'docs/secret-recovery.md': '# Restore\n\nBy its path.\n',
    });
    expect(notes).toEqual([
      ['cluster/README.md', 5, 'Secrets', null],
      ['cluster/flux-system/README.md', 5, 'SOPS', null],
      ['docs/operations.md', 3, 'Rotating the age keys', '/docs/operations/#rotating-the-age-keys'],
      ['docs/secret-recovery.md', 1, null, '/docs/secret-recovery/'],
    ]);
  });

  it('not a heading alone (a README the export made, titled after the app, above its block), nor the roadmap, nor SECRETS.md', async () => {
    const { atlas, notes } = await notesOf({
      'apps/kubeseal/README.md': `# Sealed Secrets\n\n${ATLAS_BEGIN}\n## Secrets\n\nGenerated.\n${ATLAS_END}\n`,
      'ROADMAP.md': '# Roadmap\n\n## Re-encrypt the SOPS secrets\n\n- [ ] do it\n',
      'SECRETS.md': '# Secrets\n\nWritten by atlas export.\n',
    });
    expect(notes).toEqual([]);
    // Each file was parsed once, by whichever reader came first: asking again parses nothing.
    const parsed = atlas.markdown.parsed;
    recoveryNotes(atlas, [], ['SECRETS.md']);
    expect(atlas.markdown.parsed).toBe(parsed);
  });
});
