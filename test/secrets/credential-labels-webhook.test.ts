/**
 * A label's value is a public selector, and a key ending in `webhook` holds a credential only as a
 * URL with a token or as a token: TopoLVM's documented namespace label `topolvm.io/webhook: ignore`
 * was reported as a hard-coded credential (an error; seventh round of outside-corpus.md). Real
 * webhook URLs and tokens under such keys are still reported, and every one of these values is still
 * wiped from what the site shows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('credential-labels-webhook');
afterAll(remove);

describe('labels and webhook keys', async () => {
  put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
  put('apps/kustomization.yaml', 'resources:\n  - namespaces.yaml\n  - alerting.yaml\n');
  put('apps/namespaces.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: storage\n  labels:\n    topolvm.io/webhook: ignore\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n  labels:\n    example.com/webhook: Zq8vR2mX7pL4kT9w\n');
  const discord = 'https://discord.com/api/webhooks/123456789012345678/aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3';
  put('apps/alerting.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerting\n  namespace: monitoring\ndata:\n  webhook: mutate\n  discordWebhook: ${discord}\n  webhookToken: 7f9c2ba4e88f827d616045507605853e\n`);
  const { model, docs } = await scanRepo(root, parseConfig({}));
  const reported = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => `${f.source.file}:${f.source.line}`);

  it('a label value or a word under a webhook key is not reported; a webhook URL with its token and a token are', () => {
    expect(reported.sort()).toEqual(['apps/alerting.yaml:8', 'apps/alerting.yaml:9']);
  });

  it('every one of them is still wiped', () => {
    const text = JSON.stringify(docs.map((d) => d.value));
    for (const v of ['Zq8vR2mX7pL4kT9w', discord, '7f9c2ba4e88f827d616045507605853e']) expect(text).not.toContain(v);
  });
});
