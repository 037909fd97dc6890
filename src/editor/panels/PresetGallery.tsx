/**
 * The presets gallery: every graph in presets/ as a card with its title, description and a
 * thumbnail (presets/thumbs/<name>.png when there is one, else a mini-diagram of the graph).
 * Opening one makes a new graph; the user's own graphs are never overwritten.
 */
import { useDialog } from './use-dialog';
import type { GraphDoc } from '../../graph/schema';
import { PresetThumb } from './PresetThumb';
import './preset-gallery.css';

export interface PresetEntry {
  id: string;
  title: string;
  description: string;
  tags: string[];
  doc: GraphDoc;
  /** A picture's URL, when the preset has one. */
  thumbnail?: string;
}

/** The first sentence or two of a description, as plain text (notes and descriptions may hold Markdown). */
function blurb(text: string): string {
  const plain = text.replace(/[*_`#>]+/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  return plain.length > 220 ? `${plain.slice(0, 219).replace(/\s+\S*$/, '')}…` : plain;
}

const isBench = (p: PresetEntry) => p.id.startsWith('bench/');

export function PresetGallery({ presets, onOpen, onClose }: { presets: readonly PresetEntry[]; onOpen(id: string): void; onClose(): void }) {
  const close = useDialog(onClose);

  const groups = [
    { name: 'Pipelines', items: presets.filter((p) => !isBench(p)) },
    { name: 'Benchmark workloads', items: presets.filter(isBench) },
  ].filter((g) => g.items.length > 0);
  return (
    <div className="gallery-backdrop" onClick={onClose}>
      <div className="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="gallery-title">Presets</h2>
          <p className="muted">Each opens as a new graph; your own graphs stay as they are.</p>
          <button ref={close} type="button" aria-label="Close presets" onClick={onClose}>×</button>
        </header>
        {groups.map((g) => (
          <section key={g.name} aria-label={g.name}>
            <h3>{g.name}</h3>
            <ul>
              {g.items.map((p) => (
                <li key={p.id}>
                  <button type="button" className="preset-card" aria-label={`Open the preset ${p.title}`} title={`Open “${p.title}” as a new graph`}
                    onClick={() => { onOpen(p.id); onClose(); }}>
                    {p.thumbnail ? <img className="preset-thumb" src={p.thumbnail} alt="" /> : <PresetThumb doc={p.doc} />}
                    <strong>{p.title}</strong>
                    <span className="preset-desc">{blurb(p.description)}</span>
                    {p.tags.length > 0 && <span className="preset-tags">{p.tags.filter((t) => !t.startsWith('gallery-')).join(' · ')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
