import { afterAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/model/raw-doc.ts';
import { discoverFiles } from '../../src/repo/discover.ts';
import { readGeneratorInputs } from '../../src/repo/generator-inputs.ts';
import { readYamlFile } from '../../src/repo/read-yaml.ts';
import { tempRepos } from '../support/temp-repo.ts';

/**
 * What the scan reads of a configMapGenerator's plain inputs (for `replacements:` from the ConfigMap),
 * as kustomize reads them: `kubectl kustomize` 5.5 printed, for the env file below, `CR: z`,
 * `EMPTY: ""`, `EQ: a=b`, `FIRST: "1"`, `LEAD: x`, `NOVAL: ""`, `Q: '"q"'`, `TRAIL: 'y  '`. Nothing
 * of a file a secretGenerator reads (also one commented out), nor of a SOPS-encrypted one; a value
 * that looks like a credential is REDACTED.
 */
const TOKEN = 'Zq9xV4mT8kLw2RbN7cYe3HsJ';

async function inputsOf(root: string) {
  const { files } = await discoverFiles(root, {});
  const docs = [];
  for (const f of files.filter((x) => x.kind === 'yaml')) docs.push(...(await readYamlFile(f)).docs);
  return readGeneratorInputs(docs, new Map(files.map((f) => [f.path, f]))).configValues;
}

describe("a configMapGenerator's plain inputs", () => {
  const repo = tempRepos(afterAll);

  it('are read as kustomize reads them; a Secret\'s never, a credential REDACTED', async () => {
    const r = repo('generator-values');
    r.put('app/settings.env', `\uFEFFFIRST=1\n  LEAD=x\nTRAIL=y  \nCR=z\r\nEMPTY=\nEQ=a=b\n# a comment\n\nQ="q"\nNOVAL\nBAD KEY=1\nAPI_TOKEN=${TOKEN}\n`);
    r.put('app/version.txt', '1.27.1\n');
    r.put('app/config.ini', '[a]\nb=c\n');
    r.put('app/shared.env', 'SHARED=from-a-secret\n');
    r.put('app/legacy.env', 'LEGACY=from-an-old-secret\n');
    r.put('app/sops.env', 'A=ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\nsops_version=3.8.1\n');
    r.put(
      'app/kustomization.yaml',
      [
        'configMapGenerator:',
        '  - name: settings',
        '    envs: [settings.env, shared.env, legacy.env, sops.env]',
        '    files: [version.txt, config.ini]',
        'secretGenerator:',
        '  - name: creds',
        '    envs: [shared.env]',
        '',
      ].join('\n'),
    );
    // A kustomization commented out whole: its secretGenerator held a Secret's values once.
    r.put('old/kustomization.yaml', '# apiVersion: kustomize.config.k8s.io/v1beta1\n# kind: Kustomization\n# secretGenerator:\n#   - name: legacy\n#     envs: [../app/legacy.env]\n');
    const values = await inputsOf(r.root);
    expect([...values.keys()].sort()).toEqual(['app/settings.env', 'app/version.txt']);
    expect(values.get('app/settings.env')?.env).toEqual([
      ['FIRST', '1'],
      ['LEAD', 'x'],
      ['TRAIL', 'y  '],
      ['CR', 'z'],
      ['EMPTY', ''],
      ['EQ', 'a=b'],
      ['Q', '"q"'],
      ['NOVAL', ''],
      ['API_TOKEN', REDACTED],
    ]);
    expect(values.get('app/version.txt')?.text).toBe('1.27.1\n');
    expect(JSON.stringify([...values])).not.toMatch(/from-a-secret|from-an-old-secret|Zq9xV4mT8kLw2RbN7cYe3HsJ|ENC\[/);
  });
});
