/** The header markers of a graph node: its problems badge and its shared-weights marker. */
import type { CSSProperties } from 'react';
import type { GraphNodeData, NodeDiagnostic } from './node-data';
import { networkColor } from './node-colors';

const severityName: Record<NodeDiagnostic['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

function sentence(message: string): string {
  const m = message.trim();
  return /[.!?…]$/.test(m) ? m : `${m}.`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Count of errors and warnings (or of notes when there is nothing worse), named by its messages. */
export function DiagnosticBadge({ diagnostics }: { diagnostics: readonly NodeDiagnostic[] }) {
  if (diagnostics.length === 0) return null;
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  const infos = diagnostics.length - errors - warnings;
  const severity = errors ? 'error' : warnings ? 'warning' : 'info';
  const shown = errors + warnings || infos;
  const counts = errors + warnings
    ? [errors ? count(errors, 'error') : '', warnings ? count(warnings, 'warning') : ''].filter(Boolean).join(', ')
    : count(infos, 'note');
  const label = `${counts}: ${diagnostics.map((d) => sentence(d.message)).join(' ')}`;
  const title = diagnostics.map((d) => `${severityName[d.severity]}: ${d.message}`).join('\n');
  return (
    <span className={`gn-badge gn-badge-${severity}`} role="img" aria-label={label} title={title}>
      <span className="gn-badge-icon" aria-hidden="true">
        {severity === 'info' ? 'i' : '!'}
      </span>
      {shown}
    </span>
  );
}

/** A call site's network colour, with "×N" when N call sites share the weights. */
export function NetworkMarker({ network }: { network: NonNullable<GraphNodeData['network']> }) {
  const shared = network.sharedBy > 1;
  const label = shared
    ? `Weights shared by ${network.sharedBy} call sites of ${network.label}`
    : `Weights of ${network.label}, used by this call site only`;
  return (
    <span
      className={shared ? 'gn-net is-shared' : 'gn-net'}
      style={{ '--net': networkColor(network.id) } as CSSProperties}
      role="img"
      aria-label={label}
      title={label}
    >
      <span className="gn-net-dot" aria-hidden="true" />
      {shared ? `shared ×${network.sharedBy}` : null}
    </span>
  );
}
