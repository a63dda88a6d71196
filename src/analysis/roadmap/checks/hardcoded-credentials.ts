import { itemPaths } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * No credential-like literal is left in the files the item names (`adminPassword: CHANGEME`),
 * as found (and removed) when the repository was read: the model keeps the key path and line,
 * never the value. Measured per named file; an item that names no file is one unit, done when
 * no literal remains anywhere.
 */
export const hardcodedCredentials: NamedCheck = {
  name: 'hardcoded-credentials',
  description: 'Files named in the item (else the whole repository) with no credential-like literal left.',
  topic: /hard-?coded|plain\s*text\s*(password|credential)|credential/i,
  seedIds: [],
  run({ item, model }) {
    const literals = model.redactions.filter((r) => r.reason === 'credential-literal');
    const known = new Set(model.files.map((f) => f.path));
    const files = itemPaths(item).filter((p) => known.has(p));
    const shortfalls: Shortfall[] = [];
    const report = (list: typeof literals): void => {
      for (const r of list) shortfalls.push({ message: `Literal value at ${r.path} (the value is not shown).`, source: { file: r.source.file, line: r.source.line, col: r.source.col } });
    };
    if (files.length === 0) {
      report(literals);
      const notes = ['The item names no file in the repository: the whole repository is measured.'];
      if (itemPaths(item).length > 0) shortfalls.push({ message: 'The files the item names are not in the repository.', source: itemSource(item) });
      return outcome(literals.length === 0 ? 1 : 0, 1, shortfalls, notes);
    }
    let done = 0;
    for (const f of files) {
      const here = literals.filter((r) => r.source.file === f);
      if (here.length === 0) done++;
      report(here);
    }
    return outcome(done, files.length, shortfalls);
  },
};
