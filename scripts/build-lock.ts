/**
 * One `atlas build` at a time per site root. Astro writes its content store, its type files and
 * Vite's dependency cache into the folder it runs in; two builds there at once overwrite each other's
 * (a reviewer's five parallel builds in one checkout: four failed, and one exited 0 with a site
 * without its CSS). A build takes a lock file in that folder first; a second build waits for the
 * first and says so. A lock whose process is gone (a build that was killed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Is a process of this id running (a signal-0 probe; EPERM means it runs as another user)? */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the build lock of `dir` (creating the folder), waiting while another live process holds it;
 * `onWait` is told once whom it waits for. Resolves with the function that releases it.
 */
export async function takeBuildLock(dir: string, onWait: (pid: number) => void = () => undefined, pollMs = 250): Promise<() => void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'build.lock');
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // Gone already: nothing to release.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch {
      continue; // released between the two calls: try again
    }
    if (!alive(holder)) {
      // A lock left by a build that no longer runs (killed, or its machine restarted).
      try {
        unlinkSync(file);
      } catch {
        // Another waiter took it over first.
      }
      continue;
    }
    if (!told) {
      told = true;
      onWait(holder);
    }
    await sleep(pollMs);
  }
}
