import { useState } from 'react';
import type { CustomFieldEntity, CustomFieldValues } from '../../http/types';
import { useActiveCustomFields } from './queries';
import { customFieldsBody, type InputValue, type InputValues, inputValuesOf } from './values';

/**
 * A form's custom field inputs: the entity's active fields, the values typed, and the
 * `customFields` a request sends (on an edit, only what changed since the record was read).
 */
export function useCustomFieldForm(entity: CustomFieldEntity, record: CustomFieldValues | undefined | null) {
  const fields = useActiveCustomFields(entity);
  const [original, setOriginal] = useState<InputValues>(() => inputValuesOf(record));
  const [values, setValues] = useState<InputValues>(original);
  return {
    fields,
    values,
    /** The values as the record was read (or reloaded). */
    original,
    set: (key: string, value: InputValue) => setValues((v) => ({ ...v, [key]: value })),
    /** The `customFields` of a create request, or undefined. */
    createBody: () => customFieldsBody(fields, values),
    /** The `customFields` of an update (the changed fields), or undefined. */
    changedBody: () => customFieldsBody(fields, values, original),
    /** After a reload: the record's values become the form's. */
    reset: (next: CustomFieldValues | undefined | null) => {
      const read = inputValuesOf(next);
      setOriginal(read);
      setValues(read);
    },
  };
}

/** The record's `customFields` (absent from records of an API without custom fields). */
export const customFieldsOf = (record: { customFields?: CustomFieldValues } | undefined | null) =>
  record?.customFields ?? {};
