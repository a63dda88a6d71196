/**
 * The /docs/ index: the published docs as the folders they sit in, so the page reads like the
 * repository's own `docs/` tree, with each file shown by its title. Pure.
 */

/** What the tree needs of a doc. */
export interface TreeDoc {
  file: string;
  title: string;
  url: string;
}

export interface DocTreeNode {
  /** Folder or file name (the last path segment). */
  name: string;
  /** True for a folder (it may still have a doc: its README or index). */
  folder: boolean;
  /** The doc at this node (files, and folders with a README/index). */
  doc: TreeDoc | null;
  /** Sub-folders and files, folders first, then by name. */
  children: DocTreeNode[];
}

const INDEX_FILE = /^(readme|index)\.(md|mdx|markdown)$/i;

/** A tree of the docs by folder; a folder's README or index.md becomes the folder's own doc. */
export function docTree(docs: readonly TreeDoc[]): DocTreeNode {
  const root: DocTreeNode = { name: '', folder: true, doc: null, children: [] };
  for (const doc of docs) {
    const parts = doc.file.split('/');
    const name = parts.pop() as string;
    let node = root;
    for (const part of parts) {
      let child = node.children.find((c) => c.name === part && c.folder);
      if (!child) {
        child = { name: part, folder: true, doc: null, children: [] };
        node.children.push(child);
      }
      node = child;
    }
    // The root README stays a file: it is the repository's front page, not the docs' index.
    if (INDEX_FILE.test(name) && parts.length > 0 && node.doc === null) node.doc = doc;
    else node.children.push({ name, folder: false, doc, children: [] });
  }
  sortTree(root);
  return root;
}

function sortTree(node: DocTreeNode): void {
  node.children.sort((a, b) => {
    const fa = a.folder ? 0 : 1;
    const fb = b.folder ? 0 : 1;
    return fa - fb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  node.children.forEach(sortTree);
}
