import type { Engagement, MemberStatus, UnionRole } from '../../../core/enums';
import type { CustomField, Member, Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useCustomFieldText } from '../custom-fields/messages';
import { customFieldsOf } from '../custom-fields/use-custom-field-form';
import {
  displayValue,
  fieldLabel,
  type InputValues,
  inputOf,
  inputValuesOf,
  same,
} from '../custom-fields/values';
import type { StaffOption } from '../users/queries';
import { useContactText } from './contact-messages';
import { type ContactValues, changedContactFields, contactValuesOf } from './contact-values';
import { FORM_FIELDS, type FormField, type FormValues, valuesOf } from './form-values';
import { useMemberMessages } from './messages';

/**
 * Shown when someone else saved the member first (409). The user's input stays
 * in the form; this lists the latest saved values that differ from it and
 * offers to save over them or to start again from the latest version.
 */
export function ConflictPanel({
  conflict,
  values,
  original,
  workplaces,
  staff,
  pending,
  onSaveOver,
  onReload,
  contacts,
  custom,
}: {
  conflict: { currentVersion: number | undefined; latest: Member | null };
  values: FormValues;
  original: FormValues;
  workplaces: Workplace[];
  staff: StaffOption[];
  pending: boolean;
  onSaveOver: () => void;
  onReload: () => void;
  /** The contact details in the form and as loaded, when the user edits them. */
  contacts?: { values: ContactValues; original: ContactValues };
  /** The union's own fields: the active ones, the values in the form and as loaded. */
  custom?: { fields: readonly CustomField[]; values: InputValues; original: InputValues };
}) {
  const { t, formatDate, lang } = useI18n();
  const cf = useCustomFieldText();
  const m = useMemberMessages();
  const latest = conflict.latest;
  const latestValues = latest ? valuesOf(latest) : null;
  const differences = latestValues ? FORM_FIELDS.filter((f) => latestValues[f] !== values[f]) : [];
  const c = useContactText();
  const latestContacts = latest && contacts ? contactValuesOf(latest) : null;
  const contactDifferences = latestContacts ? changedContactFields(contacts!.values, latestContacts) : [];
  const contactsChanged = contacts ? changedContactFields(contacts.values, contacts.original) : [];
  const showContact = (field: keyof ContactValues, v: ContactValues): string => {
    const rows = (items: { label: string; value: string }[]) =>
      items
        .filter((i) => i.value.trim() !== '')
        .map((i) => (i.label.trim() ? `${i.label}${m.colon}${i.value}` : i.value))
        .join(m.listSeparator);
    let text = '';
    if (field === 'phones') text = rows(v.phones.map((p) => ({ label: p.label, value: p.number })));
    else if (field === 'emails') text = rows(v.emails.map((e) => ({ label: e.label, value: e.address })));
    else if (field === 'postalAddress') text = v.postalAddress.trim();
    else text = v.preferredChannel ? (c.channels[v.preferredChannel as keyof typeof c.channels] ?? '') : '';
    return text === '' ? m.form.empty : text;
  };

  const show = (field: FormField, value: string): string => {
    if (value === '') return m.form.empty;
    switch (field) {
      case 'engagement':
        return t.enums.engagement[value as Engagement] ?? value;
      case 'unionRole':
        return t.enums.unionRole[value as UnionRole] ?? value;
      case 'status':
        return t.enums.memberStatus[value as MemberStatus] ?? value;
      case 'joinedOn':
      case 'leftOn':
      case 'nextActionDueOn':
        return formatDate(value);
      case 'workplaceId':
        return (
          workplaces.find((w) => w.id === value)?.name ??
          (latest?.workplaceId === value ? latest.workplaceName : null) ??
          value
        );
      case 'ownerId':
        return (
          staff.find((u) => u.id === value)?.displayName ??
          (latest?.ownerId === value ? latest.ownerName : null) ??
          value
        );
      default:
        return value;
    }
  };

  const latestCustom = latest && custom ? inputValuesOf(customFieldsOf(latest)) : null;
  const customDifferences = latestCustom
    ? (custom?.fields ?? []).filter((f) => !same(inputOf(f, latestCustom), inputOf(f, custom!.values)))
    : [];
  const showCustom = (field: CustomField, value: unknown) =>
    displayValue(field, value, cf, lang, (d) => formatDate(d)) || m.form.empty;
  const changes = [
    ...differences.map((field) => ({
      key: field,
      label: m.fields[field],
      latest: show(field, latestValues![field]),
      yours: show(field, values[field]),
      yoursChanged: values[field] !== original[field],
    })),
    ...customDifferences.map((field) => ({
      key: `cf.${field.key}`,
      label: fieldLabel(field, lang),
      latest: showCustom(field, inputOf(field, latestCustom!)),
      yours: showCustom(field, inputOf(field, custom!.values)),
      yoursChanged: !same(inputOf(field, custom!.values), inputOf(field, custom!.original)),
    })),
    ...contactDifferences.map((field) => ({
      key: field,
      label: c[field],
      latest: showContact(field, latestContacts!),
      yours: showContact(field, contacts!.values),
      yoursChanged: contactsChanged.includes(field),
    })),
  ];

  return (
    <section className="alert alert-warning conflict" role="alert" aria-labelledby="member-conflict-title">
      <h3 id="member-conflict-title" className="alert-title">
        {m.form.conflictTitle}
      </h3>
      <p>{t.common.conflict}</p>
      {!latest ? (
        <p role="status">{m.form.loadingLatest}</p>
      ) : changes.length === 0 ? (
        <p>{m.form.noDifferences}</p>
      ) : (
        <>
          <p className="conflict-subtitle">{m.form.latestValues}</p>
          <dl className="conflict-list">
            {changes.map((change) => (
              <div key={change.key} className="conflict-item" data-field={change.key}>
                <dt>{change.label}</dt>
                <dd>
                  <span className="conflict-latest">
                    {m.form.latest}
                    {m.colon}
                    <strong>{change.latest}</strong>
                  </span>
                  {change.yoursChanged ? (
                    <span className="conflict-yours">
                      {m.form.yours}
                      {m.colon}
                      <strong>{change.yours}</strong>
                      {m.paren(m.form.willOverwrite)}
                    </span>
                  ) : (
                    <span className="conflict-yours muted">{m.form.willKeep}</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <div className="conflict-actions">
        <button
          type="button"
          className="primary"
          onClick={onSaveOver}
          disabled={pending || (!latest && conflict.currentVersion === undefined)}
        >
          {m.form.saveOver}
        </button>
        <button type="button" onClick={onReload} disabled={!latest || pending}>
          {m.form.reloadLatest}
        </button>
      </div>
    </section>
  );
}
