/**
 * A repository whose every free-text place carries markup that would run if a page rendered it as
 * HTML: manifest names, labels, annotations and values, README.md, ROADMAP.md, CHANGELOG.md and a
 * commit message. Used by test/site-build/html-safety.test.ts (the HTML half of "nothing executes").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const XSS = ['<script>window.__pwned=1</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '{window.__pwned=1}'];
const inline = XSS.join(' ');
const y = (s: string) => JSON.stringify(s);

const MARKDOWN_BREAKERS = `import x from 'y'
export const pwned = (window.__pwned = 1)

{window.__pwned=1} and <a href="javascript:alert(1)">a link</a>

| a | b |
| - | - |
| </td></tr></table><script>window.__pwned=1</script> | x |

<!-- BEGIN ATLAS:apps -->
<script>window.__pwned=1</script>
<!-- END ATLAS:apps -->

\`\`\`
</code></pre><script>window.__pwned=1</script>
`;

export function writeXssRepo(root: string): void {
  const files: Record<string, string> = {
    'README.md': `# pwn <script>window.__pwned=1</script>\n\n${XSS.map((p) => `- ${p}`).join('\n')}\n\n${MARKDOWN_BREAKERS}`,
    'ROADMAP.md': `# Roadmap <script>window.__pwned=1</script>\n\n## 🔴 HIGH PRIORITY\n\n### H-1.1: Harden <img src=x onerror=alert(1)>\n**Status**: Not Started\n**Priority**: HIGH\n**Risk**: ${inline}\n**Effort**: 1 hour\n\nDetails: [docs](javascript:alert(1)) {window.__pwned=1}\n\nimport x from 'y'\n`,
    'CHANGELOG.md': `# Changelog\n\n## 2024-01-02\n\n- ${inline}\n- [link](javascript:alert(1))\n`,
    'kubernetes/flux/cluster/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: cluster-apps
  namespace: flux-system
spec:
  path: ./kubernetes/apps
  sourceRef: {kind: GitRepository, name: flux-system}
  interval: 1h
`,
    'kubernetes/apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./web/pwn/ks.yaml\n',
    'kubernetes/apps/web/pwn/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: pwn
  namespace: flux-system
  annotations:
    description: ${y(inline)}
spec:
  targetNamespace: web
  path: ./kubernetes/apps/web/pwn/app
  dependsOn:
    - name: ${y('<script>window.__pwned=1</script>')}
  sourceRef: {kind: GitRepository, name: flux-system}
  interval: 1h
`,
    'kubernetes/apps/web/pwn/README.md': `# pwn\n\n${XSS.join('\n\n')}\n\n${MARKDOWN_BREAKERS}`,
    'kubernetes/apps/web/pwn/app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n',
    'kubernetes/apps/web/pwn/app/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: pwn
  labels:
    app.kubernetes.io/part-of: ${y('<img src=x onerror=alert(1)>')}
  annotations:
    atlas/description: ${y(inline)}
    link: "javascript:alert(1)"
spec:
  interval: 1h
  chart:
    spec:
      chart: app-template
      version: 3.0.0
      sourceRef: {kind: HelmRepository, name: bjw-s, namespace: flux-system}
  values:
    image:
      repository: ${y('ghcr.io/x/<script>window.__pwned=1</script>')}
      tag: ${y('{window.__pwned=1}')}
    ingress:
      main:
        hosts:
          - host: ${y('javascript:alert(1)')}
`,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'user.name=<img src=x onerror=alert(1)>', '-c', 'user.email=x@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_DATE: '2024-01-02T10:00:00Z', GIT_COMMITTER_DATE: '2024-01-02T10:00:00Z' },
    });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'feat(pwn): <script>window.__pwned=1</script> {window.__pwned=1}']);
}
