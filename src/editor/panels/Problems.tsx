/** The problems list: every diagnostic of the graph; clicking one selects and frames its node. */
import { useReactFlow } from '@xyflow/react';
import type { Diagnostic } from '../../graph/diagnostics';
import { useEditor, useEditorStore } from '../store/hooks';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function Problems() {
  const store = useEditorStore();
  const diagnostics = useEditor((s) => s.compiled.diagnostics);
  const flow = useReactFlow();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;

  const show = (d: Diagnostic) => {
    if (!d.nodeId) return;
    const s = store.getState();
    if (s.scope !== d.networkId) s.setScope(d.networkId);
    s.select([d.nodeId], []);
    // Let the canvas render the scope before framing the node.
    requestAnimationFrame(() => void flow.fitView({ nodes: [{ id: d.nodeId! }], duration: 300, maxZoom: 1.2 }));
  };

  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems <span className="muted">{count(errors, 'error')}, {count(warnings, 'warning')}</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="ok">No problems: this graph is ready to train.</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={`${d.code}-${d.nodeId ?? ''}-${d.port ?? ''}-${i}`} className={d.severity}>
              {d.nodeId ? (
                <button type="button" onClick={() => show(d)} aria-label={`${d.severity}: ${d.message}`}>
                  <strong>{d.severity}</strong> {d.message}
                </button>
              ) : (
                <p className="graph-problem">
                  <strong>{d.severity}</strong> {d.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
