import type { SetURLSearchParams } from 'react-router';
import { useOptimisticValue } from '../../components/optimistic';
import type { CustomField, CustomFieldEntity, CustomFieldValues } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useCustomFieldText } from './messages';
import './custom-fields.css';
import { useActiveCustomFields } from './queries';
import { customColumnKeys, displayValue, fieldLabel, withCustomColumn } from './values';

/** The custom fields chosen as columns (URL `columns=cf.<key>,…`), in the fields' order. */
export function useCustomColumns(entity: CustomFieldEntity, search: URLSearchParams): CustomField[] {
  const fields = useActiveCustomFields(entity);
  const keys = customColumnKeys(search);
  return fields.filter((f) => keys.includes(f.key));
}

/**
 * 「表示する列」: a tick per active custom field adds it to the list as a column. The choice is
 * kept in the URL (`columns`), so a link or a saved view shows the same columns.
 */
export function CustomColumnPicker({
  entity,
  search,
  setSearch,
}: {
  entity: CustomFieldEntity;
  search: URLSearchParams;
  setSearch: SetURLSearchParams;
}) {
  const { lang } = useI18n();
  const c = useCustomFieldText();
  const fields = useActiveCustomFields(entity);
  const [shown, change] = useOptimisticValue(customColumnKeys(search));
  if (fields.length === 0) return null;
  return (
    <details className="custom-columns">
      <summary>
        {c.columns}
        {shown.length > 0 && ` (${fields.filter((f) => shown.includes(f.key)).length})`}
      </summary>
      {/* biome-ignore lint/a11y/useSemanticElements: the summary names it; a legend would repeat it */}
      <div role="group" aria-label={c.columns}>
        <p className="field-hint">{c.columnsHint}</p>
        {fields.map((field) => (
          <label key={field.id} className="custom-columns-choice">
            <input
              type="checkbox"
              checked={shown.includes(field.key)}
              onChange={(e) => {
                const next = withCustomColumn(search, field.key, e.target.checked);
                change(customColumnKeys(next), () => setSearch(next, { replace: true }));
              }}
            />{' '}
            {fieldLabel(field, lang)}
          </label>
        ))}
      </div>
    </details>
  );
}

/** The header cells of the chosen custom columns. */
export function CustomColumnHeaders({ columns }: { columns: readonly CustomField[] }) {
  const { lang } = useI18n();
  return (
    <>
      {columns.map((field) => (
        <th key={field.id} scope="col" className={field.type === 'number' ? 'num' : undefined}>
          {fieldLabel(field, lang)}
        </th>
      ))}
    </>
  );
}

/** A row's cells of the chosen custom columns (labelled for the narrow card layout). */
export function CustomColumnCells({
  columns,
  values,
}: {
  columns: readonly CustomField[];
  values: CustomFieldValues | undefined;
}) {
  const { lang, formatDate } = useI18n();
  const c = useCustomFieldText();
  return (
    <>
      {columns.map((field) => (
        <td
          key={field.id}
          className={field.type === 'number' ? 'num custom-column' : 'custom-column'}
          data-label={fieldLabel(field, lang)}
        >
          {displayValue(field, values?.[field.key], c, lang, (d) => formatDate(d))}
        </td>
      ))}
    </>
  );
}
