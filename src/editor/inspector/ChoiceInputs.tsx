/** Params chosen rather than typed: enums, booleans, and ids of the document's networks and images. */
import { describedBy, FieldRow, FieldSet, type WidgetProps } from './FieldRow';
import type { CheckboxField, IdChecklistField, NetworkField, SelectField } from './fields';
import { useDraft } from './use-draft';

export interface ContextItem {
  id: string;
  label: string;
}

// Choices commit at once; the draft only remembers a refusal next to the value it refused.
function useChoice(value: unknown, commit: WidgetProps['commit']) {
  const draft = useDraft(value, () => '');
  return {
    error: draft.error,
    choose(v: unknown) {
      const refused = commit(v);
      if (refused !== undefined) draft.refuse('', refused);
      else draft.accept('', v);
    },
  };
}

export function SelectInput({ field, value, id, storedError, commit }: WidgetProps<SelectField>) {
  const choice = useChoice(value, commit);
  const error = choice.error ?? storedError;
  const known = field.options.some((o) => o.value === value);
  return (
    <FieldRow field={field} id={id} error={error}>
      <select
        id={id}
        className="pf-input"
        // Options are keyed by index so that number enums (1 | 3) come back as numbers.
        value={known ? String(field.options.findIndex((o) => o.value === value)) : 'stored'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, id, error)}
        onChange={(e) => {
          const o = field.options[Number(e.target.value)];
          if (o) choice.choose(o.value);
        }}
      >
        {known ? null : (
          <option value="stored" disabled>
            {`${String(value)} (not a choice)`}
          </option>
        )}
        {field.options.map((o, i) => (
          <option key={String(o.value)} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

export function CheckboxInput({ field, value, id, storedError, commit }: WidgetProps<CheckboxField>) {
  const choice = useChoice(value, commit);
  const error = choice.error ?? storedError;
  return (
    <FieldRow field={field} id={id} error={error} inline>
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, id, error)}
        onChange={(e) => choice.choose(e.target.checked)}
      />
    </FieldRow>
  );
}

export function NetworkSelect({ field, value, id, storedError, commit, networks }: WidgetProps<NetworkField> & { networks: readonly ContextItem[] }) {
  const choice = useChoice(value, commit);
  const error = choice.error ?? storedError;
  const current = typeof value === 'string' ? value : '';
  const missing = current !== '' && !networks.some((n) => n.id === current);
  return (
    <FieldRow field={field} id={id} error={error}>
      <select
        id={id}
        className="pf-input"
        value={current}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, id, error)}
        onChange={(e) => choice.choose(e.target.value)}
      >
        <option value="">— none —</option>
        {networks.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label || n.id}
          </option>
        ))}
        {missing ? <option value={current}>{`${current} (missing)`}</option> : null}
      </select>
    </FieldRow>
  );
}

const emptyText = { networks: 'No networks in this graph yet.', trainableImages: 'No trainable images in this graph yet.' };

export function IdChecklist({ field, value, id, storedError, commit, items }: WidgetProps<IdChecklistField> & { items: readonly ContextItem[] }) {
  const choice = useChoice(value, commit);
  const error = choice.error ?? storedError;
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  // Ids the document no longer has stay listed, so unticking them is a choice, not an accident.
  const rows = [
    ...items.map((it) => ({ ...it, missing: false })),
    ...chosen.filter((c) => !items.some((it) => it.id === c)).map((c) => ({ id: c, label: c, missing: true })),
  ];
  const toggle = (rowId: string, on: boolean) =>
    choice.choose(on ? [...chosen.filter((c) => c !== rowId), rowId] : chosen.filter((c) => c !== rowId));
  return (
    <FieldSet field={field} id={id} error={error}>
      {rows.length === 0 ? <p className="pf-empty">{emptyText[field.source]}</p> : null}
      <ul className="pf-checklist">
        {rows.map((r, i) => (
          <li key={r.id} className={r.missing ? 'pf-missing' : undefined}>
            <input id={`${id}-${i}`} type="checkbox" checked={chosen.includes(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
            <label htmlFor={`${id}-${i}`}>
              {r.label || r.id}
              {r.missing ? <span className="pf-tag"> (missing)</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </FieldSet>
  );
}
