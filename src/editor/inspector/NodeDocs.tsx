/** A node kind's documentation for learners: its name, one-sentence summary and longer notes. */
import type { NodeDef } from '../../nodes/types';
import './inspector.css';

/** Anything documented like a node kind (network templates are too). */
export type Documented = Pick<NodeDef, 'label' | 'summary' | 'docs'> & { category?: string };

/** Docs are plain text: blank lines separate paragraphs, and nothing is read as markup. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

export function NodeDocs({ def }: { def: Documented }) {
  return (
    <section className="node-docs" aria-label={`About ${def.label}`}>
      <h3 className="node-docs-title">
        {def.label}
        {def.category ? <span className="node-docs-category">{def.category}</span> : null}
      </h3>
      <p className="node-docs-summary">{def.summary}</p>
      {paragraphs(def.docs).map((p, i) => (
        <p key={i} className="node-docs-text">
          {p}
        </p>
      ))}
    </section>
  );
}
