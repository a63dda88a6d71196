import { describe, expect, it } from 'vitest';
import { AtlasConfigSchema } from '../../src/config/schema.ts';
import { configReferenceMarkdown } from '../../src/lib/site/config-reference.ts';

describe('configuration reference', () => {
  const md = configReferenceMarkdown();

  it('has a row for every top-level field of the schema, so it cannot drift', () => {
    for (const key of Object.keys(AtlasConfigSchema.shape)) expect(md).toContain(`### \`${key}\`\n`);
  });

  it('shows nested fields, types, defaults and descriptions', () => {
    expect(md).toContain('### `changelog.maxCommits`\n\nType: integer · default `500`');
    expect(md).toContain('### `noindex`\n\nType: boolean · default `false`\n\nAsk search engines not to index the site.');
    expect(md).toContain('### `repoUrl`\n\nType: URL\n');
    expect(md).toContain('### `base`\n\nType: string\n\nBase path the site is served under, e.g. /home-ops for a GitHub Pages project site. (matches `^\\/[^\\s]*$`)');
    expect(md).toContain('### `silence[].reason`');
  });
});
