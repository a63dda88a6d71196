import type { FluxKustomization } from '../../../model/flux.ts';
import { appsByPaths } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * M-1.2: the Flux Kustomizations the item is about (those defined in the files it names, else
 * those of the apps whose folders it names) have `dependsOn`, and include the dependencies the
 * item asks for: names under a `dependsOn:` block in its YAML example, else the X of
 * "Add X Dependency". https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
function requiredDependencies(body: string, title: string): string[] {
  const out: string[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*dependsOn:\s*$/.test(lines[i]!.slice(0, 200))) continue;
    const indent = lines[i]!.search(/\S/);
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!.slice(0, 200);
      if (l.trim() === '' || l.search(/\S/) <= indent) break;
      const m = /^\s*-?\s*name:\s*["']?([a-z0-9][a-z0-9.-]*)/.exec(l);
      if (m && !out.includes(m[1]!)) out.push(m[1]!);
    }
  }
  if (out.length === 0) {
    const m = /\badd\s+([A-Za-z0-9-]+)\s+dependency\b/i.exec(title);
    if (m) out.push(m[1]!.toLowerCase());
  }
  return out;
}

export const dependsOnPresent: NamedCheck = {
  name: 'depends-on-present',
  description: 'Kustomizations the item names that have the dependsOn it asks for.',
  topic: /depend/i,
  seedIds: ['M-1.2'],
  run({ item, model, repo }) {
    const paths = new Set([...item.files, ...item.filesToUpdate, ...item.filesToCreate].map((p) => p.path));
    let targets: FluxKustomization[] = model.kustomizations.filter((k) => !k.disabled && paths.has(k.source.file));
    if (targets.length === 0) {
      const appIds = new Set(appsByPaths(item, model).map((m) => m.value.id));
      targets = model.kustomizations.filter((k) => !k.disabled && k.appId !== null && appIds.has(k.appId));
    }
    const required = requiredDependencies(item.body, item.title);
    const shortfalls: Shortfall[] = [];
    if (targets.length === 0) {
      const unapplied = repo.kustomizations.filter((k) => paths.has(k.source.file) && !model.kustomizations.includes(k)).map((k) => k.name);
      const message = unapplied.length > 0 ? `Flux does not apply the Kustomizations in the files the item names (${[...new Set(unapplied)].join(', ')}).` : 'No Flux Kustomization found in the files the item names.';
      shortfalls.push({ message, source: itemSource(item) });
      return outcome(0, 1, shortfalls, [`Required dependencies: ${required.join(', ') || 'any'}.`]);
    }
    let done = 0;
    for (const k of targets) {
      const names = k.dependsOn.map((d) => d.name);
      const missing = required.filter((r) => !names.includes(r));
      if (names.length > 0 && missing.length === 0) done++;
      else
        shortfalls.push({
          objectId: k.id,
          message: names.length === 0 ? `Kustomization ${k.name} has no dependsOn.` : `Kustomization ${k.name} does not depend on ${missing.join(', ')}.`,
          source: k.source,
        });
    }
    return outcome(done, targets.length, shortfalls, required.length > 0 ? [`Required dependencies: ${required.join(', ')}.`] : []);
  },
};
