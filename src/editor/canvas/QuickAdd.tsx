/**
 * Quick add: a search box with a list of matching nodes, opened on the canvas at the pointer
 * (Space, a double-click on empty canvas, or a wire dropped there). Up/Down choose, Enter or a
 * click places, Escape or a click elsewhere closes. A combobox with a listbox, for screen readers.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AddItem } from '../panels/node-search';
import { searchItems } from '../panels/node-search';
import './quick-add.css';

const SHOWN = 60;
/** The popup's size, as quick-add.css sets it. */
const WIDTH = 320;
const HEIGHT = 340;

export interface QuickAddProps<T extends AddItem> {
  items: readonly T[];
  /** Where it opens, in pixels from the canvas's top-left corner. */
  at: { x: number; y: number };
  /** The canvas's size, to keep the popup inside it. */
  area: { width: number; height: number };
  /** Names what the popup is for, e.g. "Add a node connected to Blur out". */
  title: string;
  onPick(item: T): void;
  onClose(): void;
}

export function QuickAdd<T extends AddItem>({ items, at, area, title, onPick, onClose }: QuickAddProps<T>) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const base = useId();
  const matches = useMemo(() => searchItems(items, query).slice(0, SHOWN), [items, query]);
  const current = Math.min(active, matches.length - 1);

  useEffect(() => {
    input.current?.focus({ preventScroll: true });
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  // The chosen option stays in view. Not scrollIntoView: that would scroll the page's
  // overflow-hidden panels too, shifting the whole editor.
  useEffect(() => {
    const ul = list.current;
    const li = ul?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!ul || !li) return;
    if (li.offsetTop < ul.scrollTop) ul.scrollTop = li.offsetTop;
    else if (li.offsetTop + li.offsetHeight > ul.scrollTop + ul.clientHeight) ul.scrollTop = li.offsetTop + li.offsetHeight - ul.clientHeight;
  }, [current]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, matches.length));
    else if (e.key === 'ArrowUp') setActive((current - 1 + matches.length) % Math.max(1, matches.length));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(matches.length - 1);
    else if (e.key === 'Enter') {
      const it = matches[current];
      if (it) onPick(it);
    } else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Kept inside the canvas: opened near the right or bottom edge, it opens leftwards or upwards.
  const style: React.CSSProperties = {
    left: at.x + WIDTH > area.width ? Math.max(4, at.x - WIDTH) : at.x,
    top: at.y + HEIGHT > area.height ? Math.max(4, area.height - HEIGHT - 4) : at.y,
  };

  const optionId = (i: number) => `${base}-opt-${i}`;
  return (
    <div ref={box} className="quick-add nodrag nowheel" role="dialog" aria-label={title} style={style}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search nodes to add"
        aria-expanded="true"
        aria-controls={`${base}-list`}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        placeholder={title}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      {matches.length > 0 ? (
        <ul ref={list} id={`${base}-list`} role="listbox" aria-label="Matching nodes">
          {matches.map((it, i) => (
            <li
              key={it.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : undefined}
              onPointerMove={() => setActive(i)}
              onClick={() => onPick(it)}
            >
              <span className={`dot cat-${it.category}`} aria-hidden="true" />
              <span className="qa-label">{it.label}</span>
              <span className="qa-cat">{it.template ? 'architecture' : it.category}</span>
              <span className="qa-summary">{it.summary}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted qa-none" role="status">
          {items.length === 0 ? 'No node can connect here.' : `No node matches “${query}”.`}
        </p>
      )}
    </div>
  );
}
