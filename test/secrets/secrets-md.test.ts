import { describe, expect, it } from 'vitest';
import { secretsInventory } from '../../src/analysis/secrets/inventory.ts';
import type { SecretsInventory } from '../../src/analysis/secrets/types.ts';
import { cell, renderSecretsMarkdown } from '../../src/lib/export/secrets-md.ts';
import { EXAMPLE, scan } from './scan.ts';

describe('SECRETS.md block', async () => {
  const { model, config } = await scan(EXAMPLE);
  const inv = secretsInventory(model, config).result;
  const md = renderSecretsMarkdown(inv);

  it('has one table per part of the inventory, with rows for examples/homelab', () => {
    for (const h of ['### SOPS-encrypted files', '### ExternalSecrets', '### Secret stores', '### Plain Secrets (not encrypted)', '### Hard-coded credentials', '### Rotation (oldest first)', '### Recovery notes']) expect(md).toContain(h);
    expect(md).toContain('age1muq7xl…p53');
    expect(md).toContain('spec.values.adminPassword');
    expect(md).toContain('- [docs/sops/README.md](docs/sops/README.md)');
    expect(md).not.toContain('Gr4fana');
    // Every table row has as many cells as its header.
    const lines = md.split('\n');
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) { width = 0; continue; }
      const cells = line.replace(/\\\|/g, '').split('|').length;
      if (width === 0) width = cells;
      expect(cells, line).toBe(width);
    }
  });

  it('is deterministic', () => {
    expect(renderSecretsMarkdown(secretsInventory(model, config).result)).toBe(md);
  });

  it('escapes pipes, backticks, HTML and marker-like comments in cells', () => {
    expect(cell('a|b`c`<!-- END ATLAS -->\nd')).toBe('a\\|b\\`c\\`&lt;!-- END ATLAS --&gt; d');
    const hostile: SecretsInventory = {
      ...inv,
      plainSecrets: [{ ...inv.plainSecrets[0]!, name: 'x|y`<script>alert(1)</script>', keys: ['k|1', '<!-- END ATLAS -->'] }],
    };
    const out = renderSecretsMarkdown(hostile);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<!-- END ATLAS -->');
    expect(out).not.toMatch(/[^\\]`/);
  });
});
