/**
 * Which Chromium the browser suite drives, so that a fresh clone passes without a browser installed
 * by hand: ATLAS_CHROMIUM when set (a path, or `package` to skip the system's); else the system's
 * chromium (Debian's /usr/bin/chromium or one on PATH); else the Chromium that ships inside the
 * @sparticuz/chromium npm package (a devDependency: unpacked into the temp folder on first use, no
 * download).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export interface ChromiumChoice {
  executablePath: string;
  /** Where it came from, for the suite's log line. */
  source: 'ATLAS_CHROMIUM' | 'system' | '@sparticuz/chromium';
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The system's chromium: the first of SYSTEM_NAMES found on PATH (Debian's is /usr/bin/chromium). */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const wanted = env.ATLAS_CHROMIUM?.trim();
  if (wanted && wanted !== 'package') return { executablePath: wanted, source: 'ATLAS_CHROMIUM' };
  if (wanted !== 'package') {
    const system = systemChromium(env);
    if (system) return { executablePath: system, source: 'system' };
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  return { executablePath: await packaged.executablePath(), source: '@sparticuz/chromium' };
}
