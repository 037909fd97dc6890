/** Params typed as text: strings, lists of numbers ("1, 2, 3"), and lists of strings (one per line). */
import { describedBy, FieldRow, type WidgetProps } from './FieldRow';
import type { NumberListField, StringListField, TextField } from './fields';
import { formatNumberList, parseNumberList, parseStringList, type Parsed } from './form-values';
import { type DraftState, useDraft } from './use-draft';

function submit(draft: DraftState, commit: WidgetProps['commit'], text: string, parsed: Parsed<unknown>) {
  if (!parsed.ok) return draft.refuse(text, parsed.error);
  const refused = commit(parsed.value);
  if (refused !== undefined) draft.refuse(text, refused);
  else draft.accept(text, parsed.value);
}

const asText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

export function TextInput({ field, value, id, storedError, commit }: WidgetProps<TextField>) {
  const draft = useDraft(value, asText);
  const error = draft.error ?? storedError;
  const common = {
    id,
    className: 'pf-input',
    value: draft.text,
    // No maxLength attribute: a longer stored value must stay visible and explain itself.
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(field, id, error),
  } as const;
  const onText = (text: string) => submit(draft, commit, text, { ok: true, value: text });
  return (
    <FieldRow field={field} id={id} error={error}>
      {field.multiline ? (
        <textarea {...common} rows={5} onChange={(e) => onText(e.target.value)} />
      ) : (
        <input {...common} type="text" spellCheck={false} onChange={(e) => onText(e.target.value)} />
      )}
    </FieldRow>
  );
}

export function NumberListInput({ field, value, id, storedError, commit }: WidgetProps<NumberListField>) {
  const draft = useDraft(value, formatNumberList);
  const error = draft.error ?? storedError;
  return (
    <FieldRow field={field} id={id} error={error}>
      <input
        id={id}
        type="text"
        inputMode={field.integer ? 'numeric' : 'decimal'}
        className="pf-input"
        placeholder="e.g. 1, 2, 3"
        spellCheck={false}
        value={draft.text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, id, error)}
        onChange={(e) => submit(draft, commit, e.target.value, parseNumberList(e.target.value, field.integer))}
      />
    </FieldRow>
  );
}

const linesOf = (v: unknown) => (Array.isArray(v) ? v.map(String).join('\n') : asText(v));

export function StringListInput({ field, value, id, storedError, commit }: WidgetProps<StringListField>) {
  const draft = useDraft(value, linesOf);
  const error = draft.error ?? storedError;
  return (
    <FieldRow field={field} id={id} error={error}>
      <textarea
        id={id}
        className="pf-input"
        rows={Math.min(6, Math.max(2, draft.text.split('\n').length))}
        placeholder="One per line"
        spellCheck={false}
        value={draft.text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, id, error)}
        onChange={(e) => submit(draft, commit, e.target.value, { ok: true, value: parseStringList(e.target.value) })}
      />
    </FieldRow>
  );
}
