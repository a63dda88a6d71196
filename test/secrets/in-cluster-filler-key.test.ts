/**
 * An OpenAI client asks for an API key even for a server in the cluster that wants none (llama.cpp,
 * Ollama): `apiKey: selfhosted` beside `apiBase: http://llama-strix.llm:8080/v1` is a filler, and a
 * HARDCODED_CREDENTIAL error on it was false (outside review). A random key there, or a word sent to a
 * public https endpoint, is still reported; every one of them is still wiped from the model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const model = (name: string, base: string, key: string) =>
  `apiVersion: litellm.ai/v1alpha1\nkind: LiteLLMModel\nmetadata:\n  name: ${name}\n  namespace: ai\nspec:\n  params:\n    model: self-hosted/${name}\n    apiBase: ${base}\n    apiKey: ${key}\n`;

describe('an API key beside an in-cluster http endpoint', () => {
  const repo = tempRepos(afterAll);

  it('is no credential where it is a word or sk-1234; a random one, or one for a public endpoint, is', async () => {
    const r = repo('in-cluster-filler-key');
    bootstrap(r);
    r.put('clusters/prod/ai.yaml', fluxKustomization('litellm', './apps/litellm'));
    r.put('apps/litellm/kustomization.yaml', 'resources:\n  - qwen.yaml\n  - ollama.yaml\n  - random.yaml\n  - public.yaml\n');
    r.put('apps/litellm/qwen.yaml', model('qwen', 'http://llama-strix.llm:8080/v1', 'selfhosted'));
    r.put('apps/litellm/ollama.yaml', model('llama', 'http://ollama.ai.svc.cluster.local:11434', 'sk-1234'));
    r.put('apps/litellm/random.yaml', model('mixtral', 'http://vllm.ai:8000/v1', 'sk-Zq8vT3nLx0Pw7RkD2mYb'));
    r.put('apps/litellm/public.yaml', model('gpt', 'https://api.openai.com/v1', 'personal'));
    const { model: m } = await scanRepo(r.root, parseConfig({}));
    expect(m.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.source.file).sort()).toEqual(['apps/litellm/public.yaml', 'apps/litellm/random.yaml']);
    const text = JSON.stringify(m);
    for (const v of ['selfhosted', 'sk-1234', 'sk-Zq8vT3nLx0Pw7RkD2mYb', 'personal']) expect(text).not.toContain(v);
  });

  // The same as a chart's environment (`env: {X_LLM_API_KEY: oauth, X_LLM_BASE_URL: http://10.4.0.178:8788}`):
  // a prefixed base URL names the endpoint, and a private address is the owner's network (outside review:
  // four HARDCODED_CREDENTIAL errors on a LAN proxy's mode word). A public https endpoint is still judged.
  it('is no credential in an environment mapping beside a prefixed base URL on a private address', async () => {
    const r = repo('in-cluster-filler-env');
    bootstrap(r);
    r.put('clusters/prod/ai.yaml', fluxKustomization('memory', './apps/memory'));
    const release = (name: string, base: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ai\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n  values:\n    api:\n      env:\n        MEM_LLM_PROVIDER: anthropic\n        MEM_LLM_BASE_URL: ${base}\n        MEM_LLM_API_KEY: oauth\n`;
    r.put('apps/memory/kustomization.yaml', 'resources:\n  - lan.yaml\n  - public.yaml\n');
    r.put('apps/memory/lan.yaml', release('lan', 'http://10.4.0.178:8788'));
    r.put('apps/memory/public.yaml', release('public', 'https://api.anthropic.com'));
    const { model: m } = await scanRepo(r.root, parseConfig({}));
    expect(m.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => f.source.file)).toEqual(['apps/memory/public.yaml']);
    expect(JSON.stringify(m)).not.toContain('oauth');
  });
});
