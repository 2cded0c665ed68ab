import type { ReactNode } from 'react';
import type { CustomFieldEntity, CustomFieldValues } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useCustomFieldText } from './messages';
import { useActiveCustomFields } from './queries';
import { displayValue, fieldLabel } from './values';

/**
 * The record's custom field values as `<dt>`/`<dd>` pairs for a facts list, in the fields' order
 * and the UI language (choices by their labels, はい/いいえ); `empty` where a field has no value.
 */
export function CustomFieldFacts({
  entity,
  values,
  empty,
}: {
  entity: CustomFieldEntity;
  values: CustomFieldValues | undefined;
  empty: ReactNode;
}) {
  const { lang, formatDate } = useI18n();
  const c = useCustomFieldText();
  const fields = useActiveCustomFields(entity);
  return (
    <>
      {fields.map((field) => {
        const shown = displayValue(field, values?.[field.key], c, lang, (d) => formatDate(d));
        return [
          <dt key={`${field.id}-dt`} data-custom-field={field.key}>
            {fieldLabel(field, lang)}
          </dt>,
          <dd key={`${field.id}-dd`} className={field.type === 'long_text' ? 'multiline' : undefined}>
            {shown || empty}
          </dd>,
        ];
      })}
    </>
  );
}
