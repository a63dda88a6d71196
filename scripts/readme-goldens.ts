/**
 * The README export's golden files (test/golden/readme/<namespace>__<app>.md): the generated block
 * for four apps of examples/homelab, reviewed against the manifests. test/export/app-readme.test.ts
 * only reads them; a missing golden fails it.
 *
 *   node scripts/readme-goldens.ts            say which golden files differ
 *   node scripts/readme-goldens.ts --update   rewrite them on purpose, then review `git diff test/golden`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.ts';
import { appReadmeTargets } from '../src/lib/export/plan.ts';
import { computeAtlas } from '../src/pipeline/atlas.ts';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const README_GOLDENS = join(PROJECT, 'test/golden/readme');
export const EXAMPLE = join(PROJECT, 'examples/homelab');
export const GOLDEN_APPS = ['productivity/paperless', 'media/jellyfin', 'observability/grafana', 'ai/librechat'] as const;

/** The golden file of an app. */
export function goldenFile(app: string): string {
  return join(README_GOLDENS, `${app.replace('/', '__')}.md`);
}

/** The README export of examples/homelab through the export's own pipeline (computeAtlas). */
export async function exampleReadmes() {
  const { model } = await computeAtlas(EXAMPLE, parseConfig({}));
  const targets = appReadmeTargets(model, { repoUrl: 'https://github.com/example/homelab/blob/main/' });
  /** The generated README of an app's folder. */
  const readmeOf = (app: string) => {
    const dir = model.apps.find((a) => a.id === app)?.dir;
    const target = dir ? targets.find((t) => t.file.startsWith(dir + '/')) : undefined;
    if (!target) throw new Error(`examples/homelab has no README target for ${app}`);
    return target.generated;
  };
  return { model, targets, readmeOf };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  const { readmeOf } = await exampleReadmes();
  let differ = 0;
  for (const app of GOLDEN_APPS) {
    const file = goldenFile(app);
    const now = readmeOf(app);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (before === now) console.log(`unchanged ${app}`);
    else if (update) {
      writeFileSync(file, now);
      console.log(`${before === null ? 'wrote' : 'updated'} ${file.slice(PROJECT.length + 1)}`);
    } else {
      differ++;
      console.log(`${before === null ? 'MISSING' : 'DIFFERS'} ${file.slice(PROJECT.length + 1)}`);
    }
  }
  process.exit(differ ? 1 : 0);
}
