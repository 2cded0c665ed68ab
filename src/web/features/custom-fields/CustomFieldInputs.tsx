import { useId } from 'react';
import { Field } from '../../components/Field';
import type { CustomField } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useCustomFieldText } from './messages';
import './custom-fields.css';
import { fieldLabel, type InputValue, type InputValues, inputOf, optionLabel } from './values';

/** The server's field name for a custom field's value. */
export const customFieldName = (key: string) => `customFields.${key}`;

/**
 * One input per active custom field, of the field's kind, in the fields' order: text, textarea,
 * number, date, a checkbox (はい/いいえ), a select (単一選択) or a group of checkboxes (複数選択).
 * Nothing when the entity has no fields.
 */
export function CustomFieldInputs({
  fields,
  values,
  onChange,
  errorOf,
}: {
  fields: readonly CustomField[];
  values: InputValues;
  onChange: (key: string, value: InputValue) => void;
  /** The translated server message for `customFields.<key>`, if any. */
  errorOf: (key: string) => string | undefined;
}) {
  const c = useCustomFieldText();
  if (fields.length === 0) return null;
  return (
    <fieldset className="custom-field-inputs">
      <legend>{c.formSection}</legend>
      <div className="form-grid">
        {fields.map((field) => (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={inputOf(field, values)}
            onChange={(value) => onChange(field.key, value)}
            error={errorOf(field.key)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: InputValue;
  onChange: (value: InputValue) => void;
  error: string | undefined;
}) {
  const { lang } = useI18n();
  const c = useCustomFieldText();
  const label = fieldLabel(field, lang);
  const name = customFieldName(field.key);
  const text = typeof value === 'string' ? value : '';

  if (field.type === 'boolean')
    return <BooleanInput field={field} value={value === true} onChange={onChange} error={error} />;
  if (field.type === 'choices')
    return (
      <ChoicesInput
        field={field}
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        error={error}
      />
    );
  return (
    <Field label={label} error={error} required={field.required}>
      {(p) => {
        const common = { ...p, name, 'aria-required': field.required || undefined };
        switch (field.type) {
          case 'long_text':
            return (
              <textarea
                {...common}
                rows={3}
                maxLength={5000}
                value={text}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          case 'number':
            return (
              <input
                {...common}
                type="number"
                inputMode="decimal"
                step="any"
                value={text}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          case 'date':
            return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
          case 'choice':
            return (
              <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
                <option value="">{c.notSet}</option>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {optionLabel(field, o.value, lang)}
                  </option>
                ))}
                {/* A value no option holds any more stays visible rather than silently lost. */}
                {text && !field.options.some((o) => o.value === text) && <option value={text}>{text}</option>}
              </select>
            );
          default:
            return (
              <input {...common} maxLength={200} value={text} onChange={(e) => onChange(e.target.value)} />
            );
        }
      }}
    </Field>
  );
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <small id={id} className="field-error" role="alert">
      {error}
    </small>
  );
}

function BooleanInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: boolean;
  onChange: (value: boolean) => void;
  error: string | undefined;
}) {
  const { lang } = useI18n();
  const id = useId();
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={customFieldName(field.key)}
          checked={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {fieldLabel(field, lang)}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

function ChoicesInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
}) {
  const { lang } = useI18n();
  const id = useId();
  // Values no option holds any more stay listed, so saving does not drop them unasked.
  const values = [
    ...field.options.map((o) => o.value),
    ...value.filter((v) => !field.options.some((o) => o.value === v)),
  ];
  return (
    <fieldset
      className={`field custom-field-choices${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={Boolean(error) || undefined}
    >
      <legend>
        {fieldLabel(field, lang)}
        {field.required && <span aria-hidden="true"> *</span>}
      </legend>
      {values.map((v) => (
        <label key={v} className="custom-field-choice">
          <input
            type="checkbox"
            name={customFieldName(field.key)}
            value={v}
            checked={value.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))}
          />{' '}
          {optionLabel(field, v, lang)}
        </label>
      ))}
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}
