import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGitLogText } from '../../src/repo/git-log-text.ts';
import type { RawCommit } from '../../src/model/changelog-entry.ts';

/** The shared corpus sits beside the repository; tests that read it run only where it exists. */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const corpusRepos = ['mrtbi__homelab', 'onedr0p__home-ops', 'tuxpeople__k8s-server', 'wrmilling__k3s-gitops'] as const;
export const hasCorpus = existsSync(corpusDir);

export function corpusCommits(repo: string): RawCommit[] {
  const { commits, findings } = parseGitLogText(readFileSync(`${corpusDir}${repo}/git-log.txt`, 'utf8'));
  if (findings.length > 0) throw new Error(`git-log.txt of ${repo} has unreadable lines: ${findings[0]!.message}`);
  return commits;
}
