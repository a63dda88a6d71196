/**
 * A private key pasted into Markdown the repository holds (an app's README, a docs page, a hand-written
 * runbook) reached the app's page and atlas.json as written (outside review, wave w: a README's deploy
 * key in `purpose.text`). The key's contents are replaced by a marker wherever that Markdown is shown:
 * the README's purpose and notes, and every page the safe Markdown transform renders (text, inline and
 * fenced code). The BEGIN and END lines stay, so a reader sees what was there.
 */
import { describe, expect, it } from 'vitest';
import { withoutPrivateKeys } from '../../src/model/credential-key.ts';
import { makeSafe, parseUntrustedMarkdown } from '../../src/markdown/safe.ts';
import { splitReadme } from '../../src/lib/site/readme-sections.ts';

const BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${BODY}\nQyNTUxOQAAACBxQ0Z4ZXh0cmFrZXltYXRlcmlhbGZvcmF0bGFzdGVzdHM\n-----END OPENSSH PRIVATE KEY-----`;
const README = `# deploy\n\nThe deploy key, for when the cluster is rebuilt:\n\n\`\`\`\n${KEY}\n\`\`\`\n\nInline: \`${KEY.replace(/\n/g, ' ')}\`\n\n## Known issues\n\nRotate it: ${KEY}\n`;

describe('a private key in Markdown', () => {
  it('is replaced by a marker, its BEGIN and END lines kept', () => {
    expect(withoutPrivateKeys(KEY)).toBe('-----BEGIN OPENSSH PRIVATE KEY-----\n[private key removed by GitOps Atlas]\n-----END OPENSSH PRIVATE KEY-----');
    expect(withoutPrivateKeys('no key here')).toBe('no key here');
    // (A block cut short, no END line: removed to the end.)
    expect(withoutPrivateKeys(`x\n-----BEGIN RSA PRIVATE KEY-----\n${BODY}`)).not.toContain(BODY);
  });

  it('never reaches an app page’s purpose or notes, nor a rendered page', () => {
    const parts = splitReadme(README);
    expect(JSON.stringify(parts)).not.toContain(BODY);
    expect(parts.purpose).toContain('[private key removed by GitOps Atlas]');
    const safe = makeSafe(README, parseUntrustedMarkdown(README));
    expect(JSON.stringify(safe.tree)).not.toContain(BODY);
    expect(JSON.stringify(safe.tree)).toContain('private key removed');
  });
});
