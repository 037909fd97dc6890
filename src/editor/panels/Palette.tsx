/**
 * The node palette: every kind allowed where the user is editing, searchable (fuzzy over
 * names, categories and docs); clicking one adds it in the middle of the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { addNode } from '../../graph/edit';
import { placeTemplate } from '../../graph/templates';
import { templates } from '../../nodes/networks/templates';
import { nodeDefs } from '../../nodes/registry';
import { categories } from '../../nodes/types';
import { useEditor, useEditorStore } from '../store/hooks';
import { fuzzyScore } from './fuzzy';

const hidden = new Set(['network']);

export function Palette() {
  const store = useEditorStore();
  const scope = useEditor((s) => s.scope);
  const [query, setQuery] = useState('');
  const flow = useReactFlow();
  const where = scope === undefined ? 'graph' : 'network';
  const matches = useMemo(() => {
    const ok = nodeDefs.filter((d) => !hidden.has(d.kind) && (d.where === 'both' || d.where === where));
    const scored = ok.map((d) => ({ d, score: Math.max(fuzzyScore(query, d.label) * 2, fuzzyScore(query, d.kind) * 2, fuzzyScore(query, d.category), query.length > 2 ? fuzzyScore(query, d.summary) / 4 : 0) }));
    return scored.filter((x) => x.score > 0).sort((a, b) => (query ? b.score - a.score : 0));
  }, [query, where]);

  const centre = () => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const c = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    return { x: Math.round(c.x), y: Math.round(c.y) };
  };

  const add = (kind: string) => {
    const s = store.getState();
    let id = '';
    s.edit(`Add ${kind}`, (d) => {
      const r = addNode(d, { kind, position: centre() }, s.scope);
      id = r.id;
      return r.doc;
    });
    s.select([id], []);
  };

  /** A built-in architecture becomes a new network of ordinary blocks, with one call site. */
  const place = (templateId: string) => {
    const s = store.getState();
    let id = '';
    s.edit(`Add ${templateId}`, (d) => {
      const r = placeTemplate(d, templateId, {}, centre());
      id = r.nodeId;
      return r.doc;
    });
    s.select([id], []);
  };
  const architectures = where === 'graph' ? templates.filter((t) => fuzzyScore(query, t.label) > 0 || fuzzyScore(query, t.id) > 0) : [];

  const groups = query ? [{ name: 'Matches', items: matches.map((m) => m.d) }] : categories.map((c) => ({ name: c, items: matches.filter((m) => m.d.category === c).map((m) => m.d) }));
  return (
    <nav className="palette" aria-label="Node palette">
      <input type="search" placeholder="Search nodes…" aria-label="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          if (matches[0]) add(matches[0].d.kind);
          else if (architectures[0]) place(architectures[0].id);
        }} />
      <div className="palette-list">
        {groups.filter((g) => g.items.length > 0).map((g) => (
          <section key={g.name} aria-label={g.name}>
            <h3>{g.name}</h3>
            <ul>
              {g.items.map((d) => (
                <li key={d.kind}>
                  <button type="button" title={d.summary} aria-label={`Add ${d.label}`} onClick={() => add(d.kind)}>
                    <span className={`dot cat-${d.category}`} aria-hidden="true" />
                    {d.label}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {architectures.length > 0 && (
          <section aria-label="Architectures">
            <h3>Architectures</h3>
            <ul>
              {architectures.map((t) => (
                <li key={t.id}>
                  <button type="button" title={t.summary} aria-label={`Add ${t.label}`} onClick={() => place(t.id)}>
                    <span className="dot cat-network" aria-hidden="true" />
                    {t.label}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {matches.length === 0 && architectures.length === 0 && <p className="muted">No node matches “{query}”.</p>}
      </div>
    </nav>
  );
}
