import { buildGraph } from './src/analysis/graph/build.ts';
import { graphMetrics } from './src/analysis/graph/metrics.ts';
import { namespaceGraph, namespaceOverview, appNeighbourhood } from './src/render/mermaid/to-mermaid.ts';
import { renderDiagramSvg } from './src/render/mermaid/to-svg.ts';
import { syntheticRepo } from './test/graph/synthetic.ts';
import { model } from './test/graph/make.ts';

const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(label, (performance.now() - s).toFixed(0), 'ms'); return r; };
// warm-up (ELK init)
renderDiagramSvg(namespaceOverview(buildGraph(model(syntheticRepo(20))).result));

// 150-node chart: one namespace with 150 apps
const r150 = syntheticRepo(156, 1);
const g150 = buildGraph(model(r150)).result;
const d150 = namespaceGraph(g150, 'ns-000');
console.log('150 chart nodes', d150.nodes.length, 'edges', d150.edges.length);
t('render 150-node namespace chart', () => renderDiagramSvg(d150));

const r = syntheticRepo(1000);
const g = t('buildGraph 1000 apps', () => buildGraph(model(r))) as ReturnType<typeof buildGraph>;
t('metrics 1000 apps', () => graphMetrics(g.result));
const ov = namespaceOverview(g.result);
console.log('overview nodes', ov.nodes.length, 'edges', ov.edges.length);
const svg = t('render 1000-app overview', () => renderDiagramSvg(ov)) as any;
console.log('overview svg bytes', svg.svg.length);
const groups = [...new Set(g.result.nodes.map((n) => n.group))];
t(`render all ${groups.length} namespace graphs`, () => groups.forEach((ns) => renderDiagramSvg(namespaceGraph(g.result, ns))));
const appIds = r.apps.map((a) => a.id);
t(`render ${appIds.length} app neighbourhoods`, () => appIds.forEach((id) => renderDiagramSvg(appNeighbourhood(g.result, id))));
