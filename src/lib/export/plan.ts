import type { RepoModel } from '../../model/repo-model.ts';
import { appFacts } from '../site/app-facts.ts';
import { renderAppReadme, type ReadmeOptions } from './app-readme.ts';

/** One file the export writes: the generated block for it, and a title for a file created new. */
export interface ExportTarget {
  file: string;
  title: string;
  generated: string;
}

/**
 * The README.md of every app whose folder is its own (not a shared folder of a flat layout, where
 * an app is one file among others). Pure: the command reads and writes the files.
 */
export function appReadmeTargets(model: RepoModel, options: ReadmeOptions = {}): ExportTarget[] {
  const folders = new Set<string>();
  for (const f of model.files) for (let i = f.path.indexOf('/'); i > 0; i = f.path.indexOf('/', i + 1)) folders.add(f.path.slice(0, i));
  const owners = new Map<string, number>();
  for (const a of model.apps) owners.set(a.dir, (owners.get(a.dir) ?? 0) + 1);
  const out: ExportTarget[] = [];
  for (const app of model.apps) {
    if (!app.dir || !folders.has(app.dir) || owners.get(app.dir)! > 1) continue;
    const facts = appFacts(model, app.id);
    if (!facts) continue;
    out.push({ file: app.readme ?? `${app.dir}/README.md`, title: app.name, generated: renderAppReadme(facts, options) });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
