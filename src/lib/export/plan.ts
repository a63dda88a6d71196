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
  const out: ExportTarget[] = [];
  for (const { app, file } of appReadmeFiles(model)) {
    const facts = appFacts(model, app.id);
    if (!facts) continue;
    out.push({ file, title: app.name, generated: renderAppReadme(facts, options) });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Which app gets a README.md from the export, and where (without rendering it). */
function appReadmeFiles(model: Pick<RepoModel, 'files' | 'apps'>): { app: RepoModel['apps'][number]; file: string }[] {
  const folders = new Set<string>();
  for (const f of model.files) for (let i = f.path.indexOf('/'); i > 0; i = f.path.indexOf('/', i + 1)) folders.add(f.path.slice(0, i));
  const owners = new Map<string, number>();
  for (const a of model.apps) owners.set(a.dir, (owners.get(a.dir) ?? 0) + 1);
  const out: { app: RepoModel['apps'][number]; file: string }[] = [];
  for (const app of model.apps) {
    if (!app.dir || !folders.has(app.dir) || owners.get(app.dir)! > 1) continue;
    out.push({ app, file: app.readme ?? `${app.dir}/README.md` });
  }
  return out;
}

export const SECRETS_FILE = 'SECRETS.md';

/**
 * Files the export generates (SECRETS.md, the changelog, app READMEs): never hand-written
 * recovery notes, on the site or in SECRETS.md. Otherwise SECRETS.md (or the README it creates
 * for an app named external-secrets) would list itself after the first run, and `export` followed
 * by `export --check` could never pass (issue 16).
 */
function generatedFiles(model: Pick<RepoModel, 'files' | 'apps'>, changelogFile: string): Set<string> {
  return new Set([SECRETS_FILE, changelogFile, ...appReadmeFiles(model).map((r) => r.file)]);
}

/** The recovery notes that a person wrote (generated files left out). */
export function handWrittenRecoveryDocs(recoveryDocs: readonly string[], model: Pick<RepoModel, 'files' | 'apps'>, changelogFile: string): string[] {
  const generated = generatedFiles(model, changelogFile);
  return recoveryDocs.filter((d) => !generated.has(d));
}
