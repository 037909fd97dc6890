/** A number param: a number input with the schema's bounds, and a dice button for seeds. */
import type { ChangeEvent } from 'react';
import { describedBy, FieldRow, type WidgetProps } from './FieldRow';
import type { NumberField } from './fields';
import { parseNumber, randomSeed } from './form-values';
import { useDraft } from './use-draft';

const formatNumber = (v: unknown) => (typeof v === 'number' ? String(v) : String(v ?? ''));

function random32(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] ?? 0;
}

// Drawn rather than an emoji: not every system has a colour emoji font.
function DieIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <circle cx="5" cy="5" r="1.2" fill="currentColor" />
      <circle cx="8" cy="8" r="1.2" fill="currentColor" />
      <circle cx="11" cy="11" r="1.2" fill="currentColor" />
    </svg>
  );
}

export function NumberInput({ field, value, id, storedError, commit }: WidgetProps<NumberField>) {
  const draft = useDraft(value, formatNumber);
  const error = draft.error ?? storedError;

  function onChange(e: ChangeEvent<HTMLInputElement>) {
    const text = e.target.value;
    // Browsers report half-typed numbers ("1e", "-") as empty text with badInput set.
    const parsed = e.target.validity.badInput ? ({ ok: false, error: 'Enter a number' } as const) : parseNumber(text, field.integer);
    if (!parsed.ok) return draft.refuse(text, parsed.error);
    const refused = commit(parsed.value);
    if (refused !== undefined) draft.refuse(text, refused);
    else draft.accept(text, parsed.value);
  }

  function roll() {
    const v = randomSeed(field, random32());
    const refused = commit(v);
    if (refused !== undefined) draft.refuse(String(v), refused);
    else draft.accept(String(v), v);
  }

  const input = (
    <input
      id={id}
      type="number"
      className="pf-input"
      value={draft.text}
      min={field.min}
      max={field.max}
      step={field.step}
      title={field.help}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(field, id, error)}
      onChange={onChange}
    />
  );
  return (
    <FieldRow field={field} id={id} error={error}>
      {field.seed ? (
        <div className="pf-with-button">
          {input}
          <button type="button" className="pf-dice" aria-label={`Random seed for ${field.label}`} title="Random seed" onClick={roll}>
            <DieIcon />
          </button>
        </div>
      ) : (
        input
      )}
    </FieldRow>
  );
}
