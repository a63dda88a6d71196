/**
 * A GitOps repository written at test time whose every free-text place carries markup that would
 * run if a page rendered it as HTML: manifest strings and annotations, a README, a ROADMAP, a doc,
 * a CHANGELOG and a commit message. Each payload, if it ran, sets `window.__pwned` or asks for a
 * non-loopback URL, which the browser suite watches for.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Payloads as a page must show them: as text. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
  '<link rel="stylesheet" href="http://evil.example/x.css">',
  '{window.__pwned=1}',
  '<style>body{background:url(http://evil.example/bg.png)}</style>',
  '</title></textarea></style><script>window.__pwned=1</script>',
] as const;

const inline = PAYLOADS.join(' ');
/** As a YAML double-quoted scalar. */
const y = (s: string) => JSON.stringify(s);

const README = `# pwn <script>window.__pwned=1</script>

${PAYLOADS.map((p) => `- ${p}`).join('\n')}

[a javascript link](javascript:window.__pwned=1) and [another](JaVaScRiPt:window.__pwned=1)
![an image](javascript:window.__pwned=1) <b onmouseover="window.__pwned=1">hover</b>

import Evil from 'http://evil.example/evil.js'
export const pwned = (window.__pwned = 1)

{window.__pwned = 1} and {/* mdx */} and <Evil />

| a | b |
| - | - |
| </td></tr></table><script>window.__pwned=1</script> | x |

<!-- BEGIN ATLAS:apps -->
<script>window.__pwned=1</script>
<!-- END ATLAS:apps -->

\`\`\`
</code></pre><script>window.__pwned=1</script>
`;

const ROADMAP = `# Roadmap <script>window.__pwned=1</script>

## 🔴 HIGH PRIORITY

### H-1.1: Harden <img src=x onerror="window.__pwned=1">
**Status**: Not Started
**Priority**: HIGH
**Risk**: ${inline}
**Effort**: 1 hour

Details: [docs](javascript:window.__pwned=1) {window.__pwned=1}
`;

const CHANGELOG = `# Changelog

## 1.0.0 <script>window.__pwned=1</script>

- ${inline}
- [link](javascript:window.__pwned=1)
`;

const files: Record<string, string> = {
  'README.md': README,
  'ROADMAP.md': ROADMAP,
  'CHANGELOG.md': CHANGELOG,
  'docs/hostile.md': `---\ntitle: ${y('</title><script>window.__pwned=1</script>')}\ndescription: ${y('"><script>window.__pwned=1</script>')}\n---\n${README}`,
  'kubernetes/flux/cluster/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: cluster-apps
  namespace: flux-system
spec:
  interval: 30m
  path: ./kubernetes/apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
  'kubernetes/apps/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./evil/namespace.yaml
  - ./evil/pwn/ks.yaml
`,
  'kubernetes/apps/evil/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: evil
  annotations:
    description: ${y(inline)}
`,
  'kubernetes/apps/evil/pwn/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: pwn
  namespace: flux-system
  annotations:
    atlas.example/note: ${y(inline)}
spec:
  targetNamespace: evil
  interval: 30m
  path: ./kubernetes/apps/evil/pwn/app
  prune: true
  dependsOn:
    - name: ${y('<script>window.__pwned=1</script>')}
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
  postBuild:
    substitute:
      APP: pwn
      EVIL: ${y('<script>window.__pwned=1</script>')}
`,
  'kubernetes/apps/evil/pwn/README.md': README,
  'kubernetes/apps/evil/pwn/app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./helmrelease.yaml
  - ./configmap.yaml
`,
  'kubernetes/apps/evil/pwn/app/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: pwn
  annotations:
    description: ${y(inline)}
    link: "javascript:window.__pwned=1"
spec:
  interval: 30m
  chart:
    spec:
      chart: app-template
      version: 3.7.3
      sourceRef:
        kind: HelmRepository
        name: bjw-s
        namespace: flux-system
  values:
    controllers:
      pwn:
        containers:
          app:
            image:
              repository: ${y('ghcr.io/evil/<img src=x onerror="window.__pwned=1">')}
              tag: ${y('1.0<script>window.__pwned=1</script>')}
            env:
              NOTE: ${y(inline)}
              TEMPLATE: "\${EVIL}"
    ingress:
      app:
        hosts:
          - host: ${y('javascript:window.__pwned=1')}
            paths:
              - path: /
    persistence:
      data:
        type: nfs
        server: ${y('<img src=x onerror="window.__pwned=1">')}
        path: /volume1/data
`,
  'kubernetes/apps/evil/pwn/app/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: pwn-config
  labels:
    app.kubernetes.io/name: pwn
  annotations:
    note: ${y(inline)}
data:
  index.html: ${y(inline)}
`,
};

/** Write the repository into `dir` and commit it with a hostile commit message (the changelog reads git). */
export function writeHostileRepo(dir: string): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: '<script>window.__pwned=1</script>',
        GIT_AUTHOR_EMAIL: 'evil@example.com',
        GIT_COMMITTER_NAME: 'ci',
        GIT_COMMITTER_EMAIL: 'ci@example.com',
        GIT_AUTHOR_DATE: '2025-01-02T03:04:05Z',
        GIT_COMMITTER_DATE: '2025-01-02T03:04:05Z',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--no-gpg-sign', '-m', `feat(pwn): ${PAYLOADS[0]} ${PAYLOADS[1]}\n\n${inline}`);
}
