import { execFileSync } from 'node:child_process';

/**
 * `kubectl kustomize <dir>`, the oracle for what a kustomize build holds (kubectl with kustomize v5.5
 * is installed on these machines and on GitHub's runners): its output, `failed` where kustomize
 * refuses the folder, or `absent` where kubectl cannot be run here.
 */
export function kubectlKustomize(dir: string): { output: string } | 'failed' | 'absent' {
  try {
    return { output: execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) };
  } catch (e) {
    return (e as { code?: string }).code === 'ENOENT' ? 'absent' : 'failed';
  }
}
