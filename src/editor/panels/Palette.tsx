/**
 * The node palette: every kind allowed where the user is editing, searchable (fuzzy over
 * names, categories and docs); clicking one adds it in the middle of the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { categories } from '../../nodes/types';
import { useEditor, useEditorStore } from '../store/hooks';
import { addableItems, placeItem, searchItems, type AddItem } from './node-search';

export function Palette() {
  const store = useEditorStore();
  const scope = useEditor((s) => s.scope);
  const [query, setQuery] = useState('');
  const flow = useReactFlow();
  const found = useMemo(() => searchItems(addableItems(scope), query), [query, scope]);
  const matches = found.filter((it) => it.kind);
  const architectures = found.filter((it) => it.template);

  const centre = () => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const c = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    return { x: Math.round(c.x), y: Math.round(c.y) };
  };

  /** Adds a node, or a built-in architecture as a new network of ordinary blocks with one call site. */
  const add = (it: AddItem) => {
    const s = store.getState();
    let id = '';
    s.edit(`Add ${it.kind ?? it.template}`, (d) => {
      const r = placeItem(d, it, centre(), s.scope);
      id = r.id;
      return r.doc;
    });
    s.select([id], []);
  };

  const groups = query ? [{ name: 'Matches', items: matches }] : categories.map((c) => ({ name: c, items: matches.filter((m) => m.category === c) }));
  return (
    <nav className="palette" aria-label="Node palette">
      <input type="search" placeholder="Search nodes…" aria-label="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          if (found[0]) add(found[0]);
        }} />
      <div className="palette-list">
        {groups.filter((g) => g.items.length > 0).map((g) => (
          <section key={g.name} aria-label={g.name}>
            <h3>{g.name}</h3>
            <ul>
              {g.items.map((d) => (
                <li key={d.key}>
                  <button type="button" title={d.summary} aria-label={`Add ${d.label}`} onClick={() => add(d)}>
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
                <li key={t.key}>
                  <button type="button" title={t.summary} aria-label={`Add ${t.label}`} onClick={() => add(t)}>
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
