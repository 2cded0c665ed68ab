import { useId } from 'react';
import type { SetURLSearchParams } from 'react-router';
import type { CustomField, CustomFieldEntity } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useCustomFieldText } from './messages';
import { useActiveCustomFields } from './queries';
import { CF_PREFIX, FILTERABLE_TYPES, fieldLabel, optionLabel } from './values';

/**
 * A select per 単一選択, 複数選択 and はい/いいえ field: the list shows the records holding the value
 * (複数選択: among theirs). Kept in the URL as `cf.<key>=value` and sent to the API as it is.
 */
export function CustomFieldFilters({
  entity,
  search,
  setSearch,
}: {
  entity: CustomFieldEntity;
  search: URLSearchParams;
  setSearch: SetURLSearchParams;
}) {
  const fields = useActiveCustomFields(entity).filter((f) => FILTERABLE_TYPES.has(f.type));
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(`${CF_PREFIX}${key}`, value);
    else next.delete(`${CF_PREFIX}${key}`);
    // A new filter starts again from the first page.
    next.delete('offset');
    setSearch(next);
  };
  return (
    <>
      {fields.map((field) => (
        <CustomFieldFilter
          key={field.id}
          field={field}
          value={search.get(`${CF_PREFIX}${field.key}`) ?? ''}
          onChange={(v) => change(field.key, v)}
        />
      ))}
    </>
  );
}

function CustomFieldFilter({
  field,
  value,
  onChange,
}: {
  field: CustomField;
  value: string;
  onChange: (value: string) => void;
}) {
  const { lang } = useI18n();
  const c = useCustomFieldText();
  const id = useId();
  const options: [string, string][] =
    field.type === 'boolean'
      ? [
          ['true', c.yes],
          ['false', c.no],
        ]
      : field.options.map((o) => [o.value, optionLabel(field, o.value, lang)]);
  // A value in the URL that no option holds (an old link) stays shown, so the filter is visible.
  if (value && !options.some(([v]) => v === value)) options.push([value, value]);
  return (
    <div className="field">
      <label htmlFor={id}>{fieldLabel(field, lang)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{c.all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
