import { type FormEvent, useId, useState } from 'react';
import { ATMOSPHERES, type Atmosphere } from '../../../core/enums';
import { Field } from '../../components/Field';
import type { CustomFieldValues, Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { CustomFieldInputs } from '../custom-fields/CustomFieldInputs';
import { customFieldError } from '../custom-fields/messages';
import { useCustomFieldForm } from '../custom-fields/use-custom-field-form';
import type { StaffOption } from '../users/queries';
import { countOrNull, FormAlert, serverFields, textOrNull, useFocusOnMount } from './form-helpers';
import { useWorkplaceText, workplaceFieldError } from './messages';

export type WorkplaceFormValues = {
  name: string;
  nameKana: string;
  establishment: string;
  employeeCount: string;
  repMemberId: string;
  ownerId: string;
  issues: string;
  atmosphere: Atmosphere;
  organizingStatus: string;
};

export type RepOption = { id: string; name: string };

export function valuesOf(w?: Workplace): WorkplaceFormValues {
  return {
    name: w?.name ?? '',
    nameKana: w?.nameKana ?? '',
    establishment: w?.establishment ?? '',
    employeeCount: w?.employeeCount == null ? '' : String(w.employeeCount),
    repMemberId: w?.repMemberId ?? '',
    ownerId: w?.ownerId ?? '',
    issues: w?.issues ?? '',
    atmosphere: w?.atmosphere ?? 'normal',
    organizingStatus: w?.organizingStatus ?? '',
  };
}

/**
 * The request body for the values. The atmosphere is only sent on creation: later
 * changes go through the atmosphere section, which asks for a reason. The owner and
 * rep are only sent when the form offered them, so a hidden field never clears a value.
 */
export function bodyOf(
  v: WorkplaceFormValues,
  mode: 'create' | 'edit',
  offered: { owner: boolean; rep: boolean },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name,
    nameKana: textOrNull(v.nameKana),
    establishment: textOrNull(v.establishment),
    employeeCount: countOrNull(v.employeeCount),
    issues: textOrNull(v.issues),
    organizingStatus: textOrNull(v.organizingStatus),
  };
  if (mode === 'create') body.atmosphere = v.atmosphere;
  if (offered.owner) body.ownerId = v.ownerId || null;
  if (offered.rep) body.repMemberId = v.repMemberId || null;
  return body;
}

const SHOWN = [
  'name',
  'nameKana',
  'establishment',
  'employeeCount',
  'repMemberId',
  'ownerId',
  'issues',
  'atmosphere',
  'organizingStatus',
  'customFields',
] as const;

/** The fields of a workplace (職場), for registering one and for editing it. */
export function WorkplaceForm({
  mode,
  initial,
  staff,
  reps,
  error,
  pending,
  onSubmit,
  onCancel,
  onReload,
  title,
  customFields,
}: {
  mode: 'create' | 'edit';
  initial: WorkplaceFormValues;
  /** The record's custom field values (issue 17); none for a new workplace. */
  customFields?: CustomFieldValues | undefined;
  /** Staff users to choose the 担当者 from; null when the signed-in user may not list them. */
  staff: StaffOption[] | null | undefined;
  /** Members who may be the 職場委員; undefined hides the field (a new workplace has none). */
  reps?: RepOption[] | undefined;
  error: unknown;
  pending: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel: () => void;
  onReload?: () => void;
  title: string;
}) {
  const { t, lang } = useI18n();
  const w = useWorkplaceText();
  const [values, setValues] = useState(initial);
  const first = useFocusOnMount<HTMLInputElement>();
  const titleId = useId();
  const fields = serverFields(error);
  const fieldError = (name: string) => workplaceFieldError(fields[name], lang);
  const set = <K extends keyof WorkplaceFormValues>(key: K, value: WorkplaceFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const offered = { owner: Array.isArray(staff), rep: Array.isArray(reps) };
  // The union's own fields: a new workplace sends the filled ones, an edit the changed ones.
  const custom = useCustomFieldForm('workplace', customFields);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const customBody = mode === 'create' ? custom.createBody() : custom.changedBody();
    onSubmit({ ...bodyOf(values, mode, offered), ...(customBody ? { customFields: customBody } : {}) });
  };

  return (
    <form className="card wp-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <FormAlert
        error={error}
        shownFields={SHOWN}
        onReload={onReload}
        translate={(m) => workplaceFieldError(m, lang)}
      />
      <div className="form-grid">
        <Field label={w.fields.name} required error={fieldError('name')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              value={values.name}
              maxLength={100}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.fields.nameKana} hint={w.nameKanaHint} error={fieldError('nameKana')}>
          {(props) => (
            <input
              {...props}
              value={values.nameKana}
              maxLength={100}
              onChange={(e) => set('nameKana', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.fields.establishment} error={fieldError('establishment')}>
          {(props) => (
            <input
              {...props}
              value={values.establishment}
              maxLength={200}
              onChange={(e) => set('establishment', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.fields.employeeCount} error={fieldError('employeeCount')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={values.employeeCount}
              onChange={(e) => set('employeeCount', e.target.value)}
            />
          )}
        </Field>
        {mode === 'create' && (
          <Field label={w.fields.atmosphere} error={fieldError('atmosphere')}>
            {(props) => (
              <select
                {...props}
                value={values.atmosphere}
                onChange={(e) => set('atmosphere', e.target.value as Atmosphere)}
              >
                {ATMOSPHERES.map((a) => (
                  <option key={a} value={a}>
                    {t.enums.atmosphere[a]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {reps && (
          <Field label={w.fields.repMember} error={fieldError('repMemberId')}>
            {(props) => (
              <select
                {...props}
                value={values.repMemberId}
                onChange={(e) => set('repMemberId', e.target.value)}
              >
                <option value="">{t.common.none}</option>
                {reps.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {staff && (
          <Field label={w.fields.owner} error={fieldError('ownerId')}>
            {(props) => (
              <select {...props} value={values.ownerId} onChange={(e) => set('ownerId', e.target.value)}>
                <option value="">{t.common.none}</option>
                {staff.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                    {w.paren(t.enums.staffRole[u.role])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label={w.fields.issues} error={fieldError('issues')}>
        {(props) => (
          <textarea
            {...props}
            value={values.issues}
            maxLength={4000}
            onChange={(e) => set('issues', e.target.value)}
          />
        )}
      </Field>
      <Field label={w.fields.organizingStatus} error={fieldError('organizingStatus')}>
        {(props) => (
          <textarea
            {...props}
            value={values.organizingStatus}
            maxLength={4000}
            onChange={(e) => set('organizingStatus', e.target.value)}
          />
        )}
      </Field>
      <CustomFieldInputs
        fields={custom.fields}
        values={custom.values}
        onChange={custom.set}
        errorOf={(key) => customFieldError(fields[`customFields.${key}`], lang)}
      />
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t.common.saving : mode === 'create' ? t.common.create : t.common.save}
        </button>
      </div>
    </form>
  );
}
