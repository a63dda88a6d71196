/**
 * A SOPS Secret is listed in the namespace kustomize puts it in: its folder's `namespace:` overrides
 * the namespace the file writes (kubectl kustomize agrees), and the inventory showed the written one,
 * so two Secrets seemed to collide in kube-system (outside review).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sopsSecret = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nstringData:\n  token: ENC[AES256_GCM,data:abc=,iv:aaaa,tag:bbbb,type:str]\nsops:\n  age:\n    - recipient: age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        placeholder\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2024-05-01T10:00:00Z"\n  mac: ENC[AES256_GCM,data:m,iv:aaaa,tag:bbbb,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.8.1\n`;

describe("a SOPS Secret's namespace in the inventory", () => {
  const repo = tempRepos(afterAll);

  it("is the one its folder's kustomize namespace: gives it, over the one it writes", async () => {
    const r = repo('sops-built-namespace');
    bootstrap(r);
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './stores', '  decryption:\n    provider: sops\n'));
    r.put('stores/kustomization.yaml', 'namespace: security\nresources:\n  - secret.sops.yaml\n');
    r.put('stores/secret.sops.yaml', sopsSecret('connect', 'kube-system'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.sopsFiles.find((f) => f.file === 'stores/secret.sops.yaml')!.documents.map((d) => d.namespace)).toEqual(['security']);
    const built = kubectlKustomize(join(r.root, 'stores'));
    if (built !== 'absent') expect(built === 'failed' ? '' : built.output).toContain('namespace: security');
  });
});
