/** Params shown but not edited here: lists of objects (a model's feature layers) and anything else. */
import { FieldHelp, type WidgetProps } from './FieldRow';
import type { ObjectListField, ReadonlyField } from './fields';

function describeItem(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const entries = Object.entries(item as Record<string, unknown>);
  const name = entries.find(([k]) => k === 'name');
  const rest = entries.filter(([k]) => k !== 'name').map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return [name ? String(name[1]) : '', rest.join(' · ')].filter(Boolean).join(' — ');
}

export function ObjectList({ field, value, id, storedError }: WidgetProps<ObjectListField>) {
  const items = Array.isArray(value) ? value : [];
  return (
    <div className="pf-field pf-readonly" role="group" aria-labelledby={`${id}-label`}>
      <span className="pf-label" id={`${id}-label`}>
        {field.label}
        <span className="pf-count"> ({items.length})</span>
      </span>
      {items.length === 0 ? (
        <p className="pf-empty">None yet.</p>
      ) : (
        <ol className="pf-summary">
          {items.map((item, i) => (
            <li key={i}>{describeItem(item)}</li>
          ))}
        </ol>
      )}
      <FieldHelp field={field} id={id} error={storedError} />
    </div>
  );
}

export function ReadonlyValue({ field, value, id, storedError }: WidgetProps<ReadonlyField>) {
  return (
    <div className="pf-field pf-readonly">
      <span className="pf-label" id={`${id}-label`}>
        {field.label}
      </span>
      <output className="pf-code" aria-labelledby={`${id}-label`}>
        {JSON.stringify(value) ?? '—'}
      </output>
      <FieldHelp field={field} id={id} error={storedError} />
    </div>
  );
}
