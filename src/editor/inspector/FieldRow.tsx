/** The frame of one field: its label, the control, the help text and any error beneath. */
import type { ReactNode } from 'react';
import type { FieldDescriptor } from './fields';

/** What every widget receives from the form. */
export interface WidgetProps<F extends FieldDescriptor = FieldDescriptor> {
  field: F;
  /** The value shown: the stored one, or its default. */
  value: unknown;
  /** The control's id; help and error ids derive from it. */
  id: string;
  /** The schema's complaint about the stored value, if any. */
  storedError: string | undefined;
  /** Commits a new value for this field; returns why it was refused, or undefined. */
  commit: (v: unknown) => string | undefined;
}

export const helpId = (id: string) => `${id}-help`;
export const errorId = (id: string) => `${id}-error`;

/** aria-describedby for a control: its help, and its error when there is one. */
export function describedBy(field: FieldDescriptor, id: string, error: string | undefined): string | undefined {
  const ids = [field.help ? helpId(id) : '', error ? errorId(id) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldHelp({ field, id, error }: { field: FieldDescriptor; id: string; error: string | undefined }) {
  return (
    <>
      {field.help ? (
        <p className="pf-help" id={helpId(id)}>
          {field.help}
        </p>
      ) : null}
      {error ? (
        <p className="pf-error" id={errorId(id)} role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled single control. */
export function FieldRow(props: { field: FieldDescriptor; id: string; error: string | undefined; children: ReactNode; inline?: boolean }) {
  const { field, id, error, children, inline } = props;
  return (
    <div className={`pf-field${inline ? ' pf-inline' : ''}${error ? ' pf-invalid' : ''}`}>
      {inline ? (
        <div className="pf-inline-row">
          {children}
          <label htmlFor={id}>{field.label}</label>
        </div>
      ) : (
        <>
          <label className="pf-label" htmlFor={id}>
            {field.label}
          </label>
          {children}
        </>
      )}
      <FieldHelp field={field} id={id} error={error} />
    </div>
  );
}

/** A labelled group of controls (checkbox lists, nested objects). */
export function FieldSet(props: { field: FieldDescriptor; id: string; error: string | undefined; children: ReactNode }) {
  const { field, id, error, children } = props;
  return (
    <fieldset className={`pf-group${error ? ' pf-invalid' : ''}`} aria-describedby={describedBy(field, id, error)}>
      <legend>{field.label}</legend>
      <FieldHelp field={field} id={id} error={error} />
      {children}
    </fieldset>
  );
}
