/** Form controls written once: a labelled drop-down list and a labelled text, each with its hint and its error; the category filter. */
import type { ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { Category } from '../api/reference.ts';
import { useT } from '../i18n/strings.ts';
import { useAsync } from './async.tsx';
import { common } from './common.strings.ts';

export interface Option {
  value: string;
  label: string;
}

/** The ids a control is described by: its hint's and its error's, when it has them. */
const describedBy = (id: string, hint: ReactNode, error: string | undefined) => [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;

/** A control's hint and error below it (`{id}-hint`, `{id}-err`). */
function FieldNotes({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </>
  );
}

/**
 * `<label>` and `<select>`, the hint and the error below it (`{id}-hint`, `{id}-err`, which the select is
 * described by). `all` starts the list with "Tất cả" (a filter left open), `placeholder` with an empty choice
 * (a required one not made yet); `keep` names a value that is not among the options (one from the address, or
 * from a list still loading), so that it stays chosen.
 */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  all = false,
  placeholder,
  keep,
  hint,
  error,
  required,
  className = 'field',
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  all?: boolean;
  placeholder?: string;
  keep?: (value: string) => string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Of the wrapper: `field` in the public and dashboard filters, `form` in the staff console. */
  className?: string;
  /** Below the error, inside the wrapper. */
  children?: ReactNode;
}) {
  const t = useT(common);
  const described = describedBy(id, hint, error);
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required={required} aria-invalid={error ? true : undefined} aria-describedby={described} onChange={(e) => onChange(e.target.value)}>
        {all && <option value="">{t('all')}</option>}
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {keep && value && !options.some((o) => o.value === value) && <option value={value}>{keep(value)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A labelled text (an input, a number, or a text area with `multiline`) with its hint and error (`{id}-hint`, `{id}-err`, which describe it). */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  multiline = false,
  rows = 3,
  maxLength,
  required = false,
  type = 'text',
  min,
  max,
  className = 'form',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  type?: 'text' | 'number' | 'date' | 'time';
  min?: number | string;
  max?: number | string;
  /** Of the wrapper, as for SelectField. */
  className?: string;
}) {
  const described = describedBy(id, hint, error);
  const common = {
    id,
    value,
    required,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  } as const;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} min={min} max={max} inputMode={type === 'number' ? 'numeric' : undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A filter by category: those of the chosen kind (of every kind when none is), keeping one given by the address. */
export function CategoryFilter({ id, label, kind, value, onChange }: { id: string; label: string; kind: string; value: string; onChange: (value: string) => void }) {
  const categories = useAsync(() => api.get<{ items: Category[] }>('/api/v1/categories', { kind: kind || undefined }), [kind]);
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      all
      keep={(code) => code}
      options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
    />
  );
}
