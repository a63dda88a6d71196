import type { SopsFile } from '../../../model/secrets.ts';
import { compileRules, describeRecipient, metaRecipients, missingFrom, ruleRecipients } from '../../secrets/recipients.ts';
import { itemPaths } from './mentions.ts';
import { outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * Every SOPS-encrypted file is encrypted for all the recipients its `.sops.yaml` creation rule
 * lists; otherwise a key that should decrypt it cannot (`sops updatekeys <file>` fixes it).
 * https://github.com/getsops/sops#using-sops-yaml-conf-to-select-kms-pgp-and-age-for-new-files
 * Measured per file: the encrypted files the item names, else every one that a rule matches.
 */

export const sopsRecipients: NamedCheck = {
  name: 'sops-recipients',
  description: 'SOPS files (named in the item, else all) encrypted for every recipient their .sops.yaml rule lists.',
  topic: /updatekeys|re-?encrypt|recipient/i,
  seedIds: [],
  run({ item, model }) {
    const live = model.sopsFiles.filter((f) => !f.disabled);
    const named = new Set(itemPaths(item));
    let targets: SopsFile[] = live.filter((f) => named.has(f.file));
    const notes: string[] = [];
    if (targets.length === 0) {
      targets = live;
      notes.push('The item names no encrypted file: every SOPS file is measured.');
    }
    const shortfalls: Shortfall[] = [];
    let done = 0;
    let measured = 0;
    const rules = compileRules(model.sopsRules);
    for (const f of targets) {
      const rule = rules.match(f.file)?.rule ?? null;
      if (rule === null) {
        notes.push(`${f.file}: no .sops.yaml creation rule matches it.`);
        continue;
      }
      measured++;
      // Every kind of key the rule lists, compared as the secrets inventory compares them (cloud KMS keys too).
      const missing = missingFrom(ruleRecipients(rule, {}), metaRecipients(f.meta, {}));
      if (missing.length === 0) done++;
      else {
        const keys = missing.map(describeRecipient).join(', ');
        shortfalls.push({ message: `${f.file} is not encrypted for ${keys} (rule at ${rule.source.file}:${rule.source.line}); run sops updatekeys.`, source: f.source });
      }
    }
    return outcome(done, measured, shortfalls, notes);
  },
};
