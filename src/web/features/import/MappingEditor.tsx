import { type FormEvent, useId, useState } from 'react';
import { importFields } from '../../../core/import/mapping';
import type { ColumnMapping, ImportKind } from '../../../core/import/types';
import { Field } from '../../components/Field';
import { ApiError } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { importMessage, useImportText } from './messages';
import { useSaveMapping } from './queries';

/**
 * 列の対応付け: one select per file column (the field it fills, or none),
 * pre-filled with what the server used; problems the server found with the
 * mapping are shown on their column. A member or workplace mapping can be saved under a name.
 */
export function MappingEditor({
  kind,
  headers,
  mapping,
  errors,
  onChange,
}: {
  kind: ImportKind;
  headers: readonly string[];
  mapping: ColumnMapping;
  /** `mapping.<header>` → message, from a 400 answer. */
  errors: Record<string, string>;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const m = useImportText();
  const { lang } = useI18n();
  const captionId = useId();
  const fields = importFields(kind);
  const labels = m.fields[kind];

  const set = (header: string, field: string) => {
    const next: ColumnMapping = Object.create(null);
    for (const h of headers) next[h] = Object.hasOwn(mapping, h) ? (mapping[h] ?? null) : null;
    next[header] = field === '' ? null : field;
    onChange(next);
  };

  return (
    <div className="import-mapping">
      <p className="muted" id={captionId}>
        {m.mappingHint}
      </p>
      {errors.mapping && (
        <p className="alert alert-error" role="alert">
          {importMessage(errors.mapping, lang)}
        </p>
      )}
      <div className="table-wrap">
        <table aria-describedby={captionId}>
          <caption className="visually-hidden">{m.step2}</caption>
          <thead>
            <tr>
              <th scope="col">{m.column}</th>
              <th scope="col">{m.field}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, i) => {
              const error = errors[`mapping.${header}`];
              const selectId = `import-map-${i}`;
              const value = Object.hasOwn(mapping, header) ? (mapping[header] ?? '') : '';
              return (
                <tr key={header}>
                  <th scope="row">
                    <label htmlFor={selectId}>{header}</label>
                  </th>
                  <td className={error ? 'field-invalid' : undefined}>
                    <select
                      id={selectId}
                      value={value}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${selectId}-error` : undefined}
                      onChange={(e) => set(header, e.target.value)}
                    >
                      <option value="">{m.ignore}</option>
                      {fields.map((f) => (
                        <option key={f} value={f}>
                          {labels[f] ?? f}
                        </option>
                      ))}
                    </select>
                    {error && (
                      <small id={`${selectId}-error`} className="field-error">
                        {importMessage(error, lang)}
                      </small>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* Demand-link mappings are not saved: their few columns are matched by their headers. */}
      {kind !== 'demand-links' && <SaveMapping kind={kind} headers={headers} mapping={mapping} />}
    </div>
  );
}

function SaveMapping({
  kind,
  headers,
  mapping,
}: {
  kind: ImportKind;
  headers: readonly string[];
  mapping: ColumnMapping;
}) {
  const m = useImportText();
  const { lang } = useI18n();
  const save = useSaveMapping(kind);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();
  const fieldErrors = save.error instanceof ApiError ? save.error.fields : {};
  const nameError =
    fieldErrors.name ?? (save.error && !Object.keys(fieldErrors).length ? save.error.message : undefined);
  const otherErrors = Object.entries(fieldErrors).filter(([k]) => k !== 'name');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const columns: ColumnMapping = {};
    for (const h of headers) columns[h] = Object.hasOwn(mapping, h) ? (mapping[h] ?? null) : null;
    save.mutate({ name: name.trim(), columns }, { onSuccess: (row) => setSaved(row.name) });
  };

  return (
    <form className="import-save-mapping" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h3 id={titleId}>{m.saveMapping}</h3>
      <div className="import-save-row">
        <Field
          label={m.mappingName}
          hint={m.mappingNameHint}
          error={nameError ? importMessage(nameError, lang) : undefined}
        >
          {(props) => (
            <input {...props} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={save.isPending}>
          {m.save}
        </button>
      </div>
      {otherErrors.length > 0 && (
        <ul className="alert alert-error" role="alert">
          {otherErrors.map(([k, v]) => (
            <li key={k}>
              {k.replace(/^columns\./, '')}
              {lang === 'ja' ? '：' : ': '}
              {importMessage(v, lang)}
            </li>
          ))}
        </ul>
      )}
      {saved && (
        <p className="alert alert-ok" role="status">
          {m.saved(saved)}
        </p>
      )}
    </form>
  );
}
