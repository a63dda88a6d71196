import { describe, expect, it } from 'vitest';
import { docTree } from '../../src/lib/site/repo-markdown-tree.ts';
import type { DocTreeNode } from '../../src/lib/site/repo-markdown-tree.ts';

const doc = (file: string, title = file) => ({ file, title, url: `/x/${file}` });

/** `name` for files, `name/ (title)` for folders with an index doc, children indented. */
function outline(nodes: DocTreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.folder ? '/' : ''}${n.doc && n.folder ? ` (${n.doc.title})` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('docTree', () => {
  it('groups docs by folder, folders first, a README as the folder page, the root README as a file', () => {
    const tree = docTree([
      doc('README.md', 'Home'),
      doc('docs/architecture.md'),
      doc('docs/runbooks/restore.md'),
      doc('docs/runbooks/README.md', 'Runbooks'),
      doc('docs/sops/README.md', 'SOPS'),
      doc('docs/a.md'),
    ]);
    expect(outline(tree.children)).toEqual([
      'docs/',
      '  runbooks/ (Runbooks)',
      '    restore.md',
      '  sops/ (SOPS)',
      '  a.md',
      '  architecture.md',
      'README.md',
    ]);
  });

  it('keeps a second index file of a folder as a file', () => {
    const tree = docTree([doc('docs/README.md', 'Readme'), doc('docs/index.md', 'Index')]);
    expect(outline(tree.children)).toEqual(['docs/ (Readme)', '  index.md']);
  });
});
