import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ENGAGEMENTS, MEMBER_STATUSES, UNION_ROLES } from '../../../core/enums';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { ApiError, get, patch, post } from '../../http/client';
import type { Member } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/queries';
import { CustomFieldInputs } from '../custom-fields/CustomFieldInputs';
import { customFieldError } from '../custom-fields/messages';
import { customFieldsOf, useCustomFieldForm } from '../custom-fields/use-custom-field-form';
import { fieldLabel } from '../custom-fields/values';
import { useOwnerOptions, useStaffOptions } from '../users/queries';
import { ConflictPanel } from './ConflictPanel';
import { ContactFields } from './ContactFields';
import { useContactText } from './contact-messages';
import {
  type ContactValues,
  changedContactFields,
  contactBody,
  contactValuesOf,
  EMPTY_CONTACTS,
} from './contact-values';
import { DuplicateWarning, useDuplicateCheck } from './DuplicateWarning';
import {
  bodyOf,
  changedFields,
  EMPTY_VALUES,
  FORM_FIELDS,
  type FormField,
  type FormValues,
  valuesOf,
} from './form-values';
import { useMemberMessages } from './messages';
import { memberKeys, useInvalidateMember, useWorkplaceOptions } from './queries';

type Conflict = { currentVersion: number | undefined; latest: Member | null };

const withCustomFields = (body: Record<string, unknown> | undefined) => (body ? { customFields: body } : {});

/**
 * Create or edit a member. An edit sends only the fields the user changed, so
 * "save over it" after a conflict never reverts what someone else changed in
 * fields this user did not touch.
 */
export function MemberForm({
  member,
  onDone,
  onCancel,
}: {
  member?: Member;
  onDone: (member: Member) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const m = useMemberMessages();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMember();
  const me = useMe();
  const workplaces = useWorkplaceOptions();
  // Setting the owner needs records.write (admins and officers), and the staff list to pick from.
  const mayWrite = useCan('records.write');
  const staff = useStaffOptions(mayWrite);
  const [original, setOriginal] = useState<FormValues>(() => (member ? valuesOf(member) : EMPTY_VALUES));
  const [values, setValues] = useState<FormValues>(original);
  // Contact details (issue 17): only a role that may write them edits them (records.write, which
  // admins and officers have together with contacts.read).
  const c = useContactText();
  const [originalContacts, setOriginalContacts] = useState<ContactValues>(() =>
    member ? contactValuesOf(member) : EMPTY_CONTACTS,
  );
  const [contacts, setContacts] = useState<ContactValues>(originalContacts);
  const contactChanges = mayWrite ? changedContactFields(contacts, originalContacts) : [];
  // Owners are offered for the workplace chosen in the form: a rep only where they cover it.
  const owners = useOwnerOptions(values.workplaceId || null, mayWrite);
  const canPickOwner = mayWrite && Boolean(owners.data);

  // The union's own fields (issue 17): one input per active field; an edit sends the changed ones.
  const custom = useCustomFieldForm('member', customFieldsOf(member));

  const [reason, setReason] = useState('');
  const [baseVersion, setBaseVersion] = useState(member?.version ?? 0);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // A new member: likely duplicates are shown while the name, reading and number are typed,
  // and checked once more before the first save (a warning, not a refusal: saving again registers).
  const duplicates = useDuplicateCheck(
    member ? null : { name: values.name, nameKana: values.nameKana, employeeNumber: values.employeeNumber },
  );
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const duplicateRef = useRef<HTMLDivElement>(null);

  // A new member is owned by whoever registers them, unless they pick someone else.
  const myId = me.data?.id;
  useEffect(() => {
    if (!member && myId) setValues((v) => (v.ownerId ? v : { ...v, ownerId: myId }));
  }, [member, myId]);

  const save = useMutation({
    mutationFn: ({ version }: { version: number }) => {
      if (!member) {
        const fields = FORM_FIELDS.filter((f) => f !== 'ownerId' || values.ownerId);
        return post<Member>('/members', {
          ...bodyOf(values, fields),
          ...contactBody(contacts, contactChanges),
          ...withCustomFields(custom.createBody()),
          engagementReason: reason,
        });
      }
      const changed = changedFields(values, original);
      const body: Record<string, unknown> = {
        version,
        ...bodyOf(values, changed),
        ...contactBody(contacts, contactChanges),
        ...withCustomFields(custom.changedBody()),
      };
      if (changed.includes('engagement')) body.engagementReason = reason;
      return patch<Member>(`/members/${member.id}`, body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(memberKeys.detail(saved.id), saved);
      await invalidate({ demands: true, workplaces: true });
      onDone(saved);
    },
    onError: async (err) => {
      if (member && err instanceof ApiError && err.status === 409 && err.fields.version) {
        setConflict({ currentVersion: err.currentVersion, latest: null });
        const latest = await queryClient
          .fetchQuery({
            queryKey: memberKeys.detail(member.id),
            queryFn: () => get<Member>(`/members/${member.id}`),
            staleTime: 0,
          })
          .catch(() => null);
        setConflict({ currentVersion: err.currentVersion, latest });
      }
      summaryRef.current?.focus();
    },
  });

  const error = save.error instanceof ApiError ? save.error : undefined;
  const fieldErrors = conflict ? {} : (error?.fields ?? {});
  const fieldError = (name: string) =>
    fieldErrors[name] ? translateFieldError(fieldErrors[name], lang) : undefined;

  const set = (field: FormField) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setValues((v) => ({
      ...v,
      [field]: value,
      ...(field === 'status' && value === 'active' ? { leftOn: '' } : {}),
    }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (member && !changedFields(values, original).length && !contactChanges.length && !custom.changedBody())
      return onCancel();
    if (!member && acknowledged !== duplicates.key) {
      const key = duplicates.key;
      if ((await duplicates.checkNow()).length) {
        setAcknowledged(key);
        requestAnimationFrame(() => duplicateRef.current?.focus());
        return;
      }
    }
    setConflict(null);
    save.mutate({ version: baseVersion });
  };

  const saveOver = () => {
    const version = conflict?.latest?.version ?? conflict?.currentVersion;
    if (version === undefined) return;
    setBaseVersion(version);
    setConflict(null);
    save.mutate({ version });
  };

  const reloadLatest = () => {
    if (!conflict?.latest) return;
    const latest = valuesOf(conflict.latest);
    setOriginal(latest);
    setValues(latest);
    setOriginalContacts(contactValuesOf(conflict.latest));
    setContacts(contactValuesOf(conflict.latest));
    custom.reset(customFieldsOf(conflict.latest));
    setReason('');
    setBaseVersion(conflict.latest.version);
    setConflict(null);
    save.reset();
  };

  const text = (field: FormField, props: { multiline?: boolean; required?: boolean; hint?: string } = {}) => (
    <Field
      label={m.fields[field as keyof typeof m.fields]}
      error={fieldError(field)}
      required={props.required}
      hint={props.hint}
    >
      {(p) =>
        props.multiline ? (
          <textarea {...p} name={field} rows={4} value={values[field]} onChange={set(field)} />
        ) : (
          <input {...p} name={field} value={values[field]} onChange={set(field)} />
        )
      }
    </Field>
  );
  const date = (field: FormField, hint?: string) => (
    <Field label={m.fields[field as keyof typeof m.fields]} error={fieldError(field)} hint={hint}>
      {(p) => <input {...p} type="date" name={field} value={values[field]} onChange={set(field)} />}
    </Field>
  );
  const select = (field: FormField, options: ReactNode) => (
    <Field label={m.fields[field as keyof typeof m.fields]} error={fieldError(field)}>
      {(p) => (
        <select {...p} name={field} value={values[field]} onChange={set(field)}>
          {options}
        </select>
      )}
    </Field>
  );

  // `phones.1.number` → 電話番号（2件目）: the server names each bad item by its place.
  const fieldName = (name: string) => {
    const item = /^(phones|emails)\.(\d+)(?:\.(\w+))?$/.exec(name);
    if (item) {
      const part = item[3] === 'label' ? c.label : item[1] === 'phones' ? c.number : c.address;
      return c.itemLabel(part, Number(item[2]) + 1);
    }
    const customField = custom.fields.find((f) => `customFields.${f.key}` === name);
    if (customField) return fieldLabel(customField, lang);
    return m.fields[name as keyof typeof m.fields] ?? name;
  };
  const ownerName = member ? member.ownerName : me.data?.displayName;
  const hasErrors = Boolean(error && !conflict && Object.keys(fieldErrors).length);

  return (
    <form className="member-form" onSubmit={onSubmit} noValidate>
      <div ref={summaryRef} tabIndex={-1} className="form-summary">
        {conflict && member && (
          <ConflictPanel
            conflict={conflict}
            values={values}
            original={original}
            workplaces={workplaces.data?.items ?? []}
            staff={staff.data ?? []}
            pending={save.isPending}
            onSaveOver={saveOver}
            onReload={reloadLatest}
            {...(mayWrite ? { contacts: { values: contacts, original: originalContacts } } : {})}
            custom={{ fields: custom.fields, values: custom.values, original: custom.original }}
          />
        )}
        {hasErrors && (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t.common.fieldErrors}</p>
            <ul>
              {Object.entries(fieldErrors).map(([name, message]) => (
                <li key={name}>
                  {fieldName(name)}
                  {m.colon}
                  {name.startsWith('customFields.')
                    ? customFieldError(message, lang)
                    : translateFieldError(message, lang)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && !conflict && !Object.keys(fieldErrors).length && (
          <p className="alert alert-error" role="alert">
            {error.message}
          </p>
        )}
        {save.error && !(save.error instanceof ApiError) && (
          <p className="alert alert-error" role="alert">
            {(save.error as Error).message}
          </p>
        )}
      </div>

      <fieldset>
        <legend>{m.form.sections.basic}</legend>
        <div className="form-grid">
          {text('name', { required: true })}
          {text('nameKana')}
          {text('employeeNumber')}
          {select(
            'workplaceId',
            <>
              <option value="">{t.common.none}</option>
              {workplaces.data?.items.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
              {member?.workplaceId && !workplaces.data?.items.some((w) => w.id === member.workplaceId) && (
                <option value={member.workplaceId}>{member.workplaceName}</option>
              )}
            </>,
          )}
          {text('department')}
          {text('jobType')}
          {text('grade')}
        </div>
        {!member && (
          <DuplicateWarning
            ref={duplicateRef}
            items={duplicates.items}
            acknowledged={acknowledged === duplicates.key}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>{m.form.sections.union}</legend>
        <div className="form-grid">
          {date('joinedOn')}
          {select(
            'unionRole',
            UNION_ROLES.map((r) => (
              <option key={r} value={r}>
                {t.enums.unionRole[r]}
              </option>
            )),
          )}
          {select(
            'engagement',
            ENGAGEMENTS.map((e) => (
              <option key={e} value={e}>
                {t.enums.engagement[e]}
              </option>
            )),
          )}
          {select(
            'status',
            MEMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.enums.memberStatus[s]}
              </option>
            )),
          )}
          {(values.status === 'left' || values.leftOn || fieldError('leftOn')) &&
            date('leftOn', m.form.leftOnHint)}
          {text('parentOrganization')}
          {canPickOwner ? (
            select(
              'ownerId',
              <>
                <option value="">{t.common.none}</option>
                {(owners.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                    {m.paren(t.enums.staffRole[u.role])}
                  </option>
                ))}
                {/* The chosen owner may not qualify here (a disabled account, a rep of another
                    workplace): keep them shown; saving then names the problem on 担当者. */}
                {values.ownerId && !owners.data?.some((u) => u.id === values.ownerId) && (
                  <option value={values.ownerId}>
                    {staff.data?.find((u) => u.id === values.ownerId)?.displayName ??
                      (member?.ownerId === values.ownerId ? member.ownerName : null) ??
                      values.ownerId}
                  </option>
                )}
              </>,
            )
          ) : (
            <div className="field">
              <span className="field-label">{m.fields.ownerId}</span>
              <span className="readonly-value">{ownerName || m.page.noOwner}</span>
              <small className="field-hint">{m.page.readOnlyOwner}</small>
            </div>
          )}
        </div>
        {(!member || values.engagement !== original.engagement) && (
          <Field
            label={member ? m.fields.engagementReason : m.fields.engagementReasonInitial}
            hint={m.form.reasonHint}
            error={fieldError('engagementReason')}
          >
            {(p) => (
              <textarea
                {...p}
                name="engagementReason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>

      <CustomFieldInputs
        fields={custom.fields}
        values={custom.values}
        onChange={custom.set}
        errorOf={(key) => customFieldError(fieldErrors[`customFields.${key}`], lang)}
      />

      {mayWrite && <ContactFields values={contacts} onChange={setContacts} fieldError={fieldError} />}

      <fieldset>
        <legend>{m.form.sections.followUp}</legend>
        {text('concerns', { multiline: true })}
        <div className="form-grid">
          {text('nextAction')}
          {date('nextActionDueOn')}
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : member ? m.form.save : m.form.create}
        </button>
      </div>
    </form>
  );
}
