/**
 * The inspector's params form, generated from a node kind's zod params schema: one control
 * per param (see fields.ts for how each kind of param is shown). Edits are checked against
 * the whole schema and committed only when the edited field is valid.
 */
import type { JSX } from 'react';
import type { z } from 'zod';
import { CheckboxInput, IdChecklist, NetworkSelect, SelectInput } from './ChoiceInputs';
import { describedBy, FieldSet, type WidgetProps } from './FieldRow';
import { deriveFields, type FieldDescriptor, type GroupField, labelFromName, type UnionField } from './fields';
import { getAt, storedErrors, tryChange, withDefaults } from './form-values';
import './inspector.css';
import { NumberInput } from './NumberInput';
import { ObjectList, ReadonlyValue } from './SummaryViews';
import { NumberListInput, StringListInput, TextInput } from './TextInputs';
import { useDraft } from './use-draft';

export interface ParamsContext {
  networks: { id: string; label: string }[];
  trainableImages: { id: string; label: string }[];
}

/** A control of the caller's own for a field (the image-set node's picture list), or undefined for the usual one. */
export type RenderField = (field: FieldDescriptor, id: string) => JSX.Element | undefined;

interface FormEnv {
  renderField?: RenderField | undefined;
  params: Record<string, unknown>;
  errors: Map<string, string>;
  context: ParamsContext;
  idPrefix: string;
  commit: (path: readonly string[], v: unknown) => string | undefined;
}

// Ids must be unique per node and free of spaces; escaping '_' too keeps the mapping one-to-one.
const safeId = (s: string) => s.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);

function GroupView({ field, env }: { field: GroupField; env: FormEnv }) {
  const id = `${env.idPrefix}-${field.path.join('-')}`;
  return (
    <FieldSet field={field} id={id} error={env.errors.get(field.path.join('.'))}>
      {field.fields.map((f) => (
        <FieldView key={f.key} field={f} env={env} />
      ))}
    </FieldSet>
  );
}

function UnionView({ field, env }: { field: UnionField; env: FormEnv }) {
  const id = `${env.idPrefix}-${field.path.join('-')}`;
  const value = getAt(env.params, field.path);
  const current = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field.discriminator] : undefined;
  const variant = field.variants.find((v) => v.value === current);
  const draft = useDraft(value, () => '');
  const error = draft.error ?? env.errors.get(field.path.join('.'));
  const kindId = `${id}-${field.discriminator}`;
  return (
    <FieldSet field={field} id={id} error={error}>
      <div className="pf-field">
        <label className="pf-label" htmlFor={kindId}>
          {labelFromName(field.discriminator)}
        </label>
        <select
          id={kindId}
          className="pf-input"
          value={variant ? variant.value : ''}
          aria-describedby={describedBy(field, id, error)}
          onChange={(e) => {
            const next = field.variants.find((v) => v.value === e.target.value);
            if (!next) return;
            const fresh = structuredClone(next.defaults);
            const refused = env.commit(field.path, fresh);
            if (refused !== undefined) draft.refuse('', refused);
            else draft.accept('', fresh);
          }}
        >
          {variant ? null : (
            <option value="" disabled>
              {`${String(current)} (unknown)`}
            </option>
          )}
          {field.variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
      {variant?.fields.map((f) => (
        <FieldView key={`${variant.value}.${f.key}`} field={f} env={env} />
      ))}
    </FieldSet>
  );
}

function FieldView({ field, env }: { field: FieldDescriptor; env: FormEnv }): JSX.Element {
  const custom = env.renderField?.(field, `${env.idPrefix}-${field.path.join('-')}`);
  if (custom) return custom;
  const dotted = field.path.join('.');
  const props: Omit<WidgetProps, 'field'> = {
    value: getAt(env.params, field.path),
    id: `${env.idPrefix}-${field.path.join('-')}`,
    storedError: env.errors.get(dotted),
    commit: (v) => env.commit(field.path, v),
  };
  switch (field.widget) {
    case 'number':
      return <NumberInput field={field} {...props} />;
    case 'select':
      return <SelectInput field={field} {...props} />;
    case 'checkbox':
      return <CheckboxInput field={field} {...props} />;
    case 'text':
      return <TextInput field={field} {...props} />;
    case 'network':
      return <NetworkSelect field={field} {...props} networks={env.context.networks} />;
    case 'number-list':
      return <NumberListInput field={field} {...props} />;
    case 'string-list':
      return <StringListInput field={field} {...props} />;
    case 'id-checklist':
      return <IdChecklist field={field} {...props} items={env.context[field.source]} />;
    case 'group':
      return <GroupView field={field} env={env} />;
    case 'union':
      return <UnionView field={field} env={env} />;
    case 'object-list':
      return <ObjectList field={field} {...props} />;
    case 'readonly':
      return <ReadonlyValue field={field} {...props} />;
  }
}

export function ParamsForm(props: {
  schema: z.ZodType;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  context: ParamsContext;
  idPrefix: string;
  renderField?: RenderField;
}): JSX.Element {
  const { schema, value, onChange, context } = props;
  const fields = deriveFields(schema);
  const params = withDefaults(fields, value);
  const env: FormEnv = {
    renderField: props.renderField,
    params,
    errors: storedErrors(schema, params),
    context,
    idPrefix: safeId(props.idPrefix),
    commit(path, v) {
      const r = tryChange(schema, fields, value, path, v);
      if (!r.ok) return r.error;
      onChange(r.next);
      return undefined;
    },
  };
  if (fields.length === 0) return <p className="pf-empty params-form">This node has no settings.</p>;
  // Keyed by node: another node's half-typed drafts must not carry over when the selection changes.
  return (
    <div className="params-form" key={props.idPrefix}>
      {fields.map((f) => (
        <FieldView key={f.key} field={f} env={env} />
      ))}
    </div>
  );
}
