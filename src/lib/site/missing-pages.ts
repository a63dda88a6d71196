import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appPath } from './urls.ts';

/**
 * App pages the build should have written but did not. Astro keeps one page of two with the same
 * route and only warns ("conflicts with higher priority route"); an app that silently has no page
 * is a page the owner will look for, so the build fails instead.
 */
export function missingAppPages(outDir: string, apps: readonly { id: string }[]): string[] {
  return apps.filter((a) => !existsSync(join(outDir, appPath(a), 'index.html'))).map((a) => a.id);
}
