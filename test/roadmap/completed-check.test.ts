/**
 * The completed list read against the model: an entry that says an app was switched on, where the
 * repository has no such app, is not counted done (the seed's `Selected apps activated (librechat2,
 * homepage)` and `Trivy Operator activated ...` were, in repositories that have neither).
 */
import { describe, expect, it } from 'vitest';
import { completedNotes, namesSwitchedOn } from '../../src/analysis/roadmap/completed-check.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';
import { app, makeModel } from './make-model.ts';

describe('which completed entries name apps switched on', () => {
  it('reads a list of plain names after the verb, or a name before it', () => {
    expect(namesSwitchedOn('Selected apps activated (librechat2, homepage)')).toEqual(['librechat2', 'homepage']);
    expect(namesSwitchedOn('Trivy Operator activated for vulnerability scanning')).toEqual(['Trivy Operator']);
    expect(namesSwitchedOn('`sonarr` enabled again')).toEqual(['sonarr']);
    expect(namesSwitchedOn('CloudNativePG deployed')).toEqual(['CloudNativePG']);
  });
  it('leaves wording that names no app alone', () => {
    expect(namesSwitchedOn('All 10 monitoring exporters activated (blackbox, gatus, grafana, media exporters, etc.)')).toEqual([]);
    expect(namesSwitchedOn('Flux Kustomization dependencies corrected (kyverno-policies, snapshot-controller)')).toEqual([]);
    expect(namesSwitchedOn('Monitoring enabled for every namespace')).toEqual([]);
    expect(namesSwitchedOn('cert-manager and external-secrets metrics enabled through their chart values')).toEqual([]);
  });
});

describe('completedNotes', () => {
  const roadmap = parseRoadmap(
    [
      '# Roadmap',
      '',
      '## Status Overview',
      '',
      '### Completed (2025-03-01)',
      '',
      '#### Critical Issues',
      '- **C-2.1**: Trivy Operator activated for vulnerability scanning',
      '- **C-2.2**: CloudNativePG deployed',
      '- **C-2.3**: Selected apps activated (paperless, homepage)',
      '',
    ].join('\n'),
    'ROADMAP.md',
  ).result;

  it('notes an entry naming an app the repository does not have, and matches names as the apps are called', () => {
    const model = makeModel({ apps: [app('security', 'trivy-operator'), app('database', 'cloudnative-pg'), app('productivity', 'paperless')] });
    expect(completedNotes(roadmap, model)).toEqual([
      { id: 'C-2.3', line: 10, missing: ['homepage'], notDeployed: [], note: 'Listed as completed, but the repository has no homepage: not counted as done.' },
    ]);
    expect(completedNotes(roadmap, makeModel({ apps: [app('database', 'cloudnative-pg')] })).map((n) => [n.id, n.missing])).toEqual([
      ['C-2.1', ['Trivy Operator']],
      ['C-2.3', ['paperless', 'homepage']],
    ]);
  });
});
