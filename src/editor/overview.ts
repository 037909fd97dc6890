/** A read-only summary of a graph and the compiler's verdict, built with plain DOM. */
import { compile, parseGraphDoc, type Diagnostic } from '../graph';
import { registry } from '../nodes/registry';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function diagnosticList(title: string, ds: Diagnostic[]): HTMLElement {
  if (ds.length === 0) return el('p', { class: 'ok' }, `${title}: no problems.`);
  return el(
    'section',
    { 'aria-label': title },
    el('h2', {}, title),
    el('ul', { class: 'diagnostics' }, ...ds.map((d) => el('li', { class: d.severity }, el('strong', {}, `${d.severity}: `), d.message))),
  );
}

export function renderOverview(root: HTMLElement, input: unknown, source: string, onFile: (f: File) => void): void {
  const picker = el('input', { type: 'file', accept: '.json,application/json', 'aria-label': 'Open a graph file' });
  picker.addEventListener('change', () => picker.files?.[0] && onFile(picker.files[0]));
  const header = el('header', {}, el('h1', {}, 'Ganvas'), el('label', {}, 'Open a graph file ', picker));
  const parsed = parseGraphDoc(input);
  const body: (Node | string)[] = [header, el('p', { class: 'source' }, `Showing: ${source}`)];
  if (!parsed.doc) {
    body.push(diagnosticList('This file could not be opened', parsed.diagnostics));
    root.replaceChildren(...body);
    return;
  }
  const doc = parsed.doc;
  const { plan, diagnostics } = compile(doc);
  body.push(el('h2', {}, doc.meta.title), el('p', {}, doc.meta.description));
  if (parsed.diagnostics.length) body.push(diagnosticList('While reading the file', parsed.diagnostics));
  body.push(diagnosticList('Compiler', diagnostics));
  const rows = doc.nodes
    .filter((n) => registry.get(n.type)?.category !== 'note')
    .map((n) => {
      const def = registry.get(n.type);
      const out = plan?.steps.find((s) => s.id === n.id)?.outputs ?? {};
      const shapes = Object.entries(out).map(([p, s]) => `${p}: ${s.shape.length ? s.shape.join('×') : s.type}${s.range ? ` ${s.range}` : ''}`);
      return el('tr', {}, el('td', {}, n.label ?? n.id), el('td', {}, def?.label ?? n.type), el('td', {}, def?.category ?? '?'), el('td', {}, shapes.join(', ')));
    });
  body.push(
    el('h2', {}, 'Nodes'),
    el('table', { 'aria-label': 'Nodes' }, el('thead', {}, el('tr', {}, el('th', {}, 'id'), el('th', {}, 'kind'), el('th', {}, 'category'), el('th', {}, 'outputs'))), el('tbody', {}, ...rows)),
  );
  if (plan) {
    body.push(
      el('h2', {}, 'Networks'),
      el('ul', {}, ...plan.networks.map((n) => el('li', {}, `${n.label}: ${n.trainableCount.toLocaleString('en')} trainable parameters, seed ${n.seed}, ${n.callSites.length} call site(s)${n.frozen ? ', frozen' : ''}`))),
      el('h2', {}, 'Optimizers, in run order'),
      el('ol', {}, ...plan.optimizers.map((o) => el('li', {}, `${o.id} (${o.kind}) minimises ${o.loss.node}, trains ${[...o.networks, ...o.images].join(', ')}`))),
    );
  }
  body.push(el('p', { class: 'note' }, 'The node canvas and live training arrive in the next releases; this page shows what the compiler makes of a graph.'));
  root.replaceChildren(...body);
}
