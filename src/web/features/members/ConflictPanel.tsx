import type { Engagement, MemberStatus, UnionRole } from '../../../core/enums';
import type { Member, Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { StaffOption } from '../users/queries';
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
}: {
  conflict: { currentVersion: number | undefined; latest: Member | null };
  values: FormValues;
  original: FormValues;
  workplaces: Workplace[];
  staff: StaffOption[];
  pending: boolean;
  onSaveOver: () => void;
  onReload: () => void;
}) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  const latest = conflict.latest;
  const latestValues = latest ? valuesOf(latest) : null;
  const differences = latestValues ? FORM_FIELDS.filter((f) => latestValues[f] !== values[f]) : [];

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

  return (
    <section className="alert alert-warning conflict" role="alert" aria-labelledby="member-conflict-title">
      <h3 id="member-conflict-title" className="alert-title">
        {m.form.conflictTitle}
      </h3>
      <p>{t.common.conflict}</p>
      {!latest ? (
        <p role="status">{m.form.loadingLatest}</p>
      ) : differences.length === 0 ? (
        <p>{m.form.noDifferences}</p>
      ) : (
        <>
          <p className="conflict-subtitle">{m.form.latestValues}</p>
          <dl className="conflict-list">
            {differences.map((field) => {
              const yoursChanged = values[field] !== original[field];
              return (
                <div key={field} className="conflict-item" data-field={field}>
                  <dt>{m.fields[field]}</dt>
                  <dd>
                    <span className="conflict-latest">
                      {m.form.latest}
                      {m.colon}
                      <strong>{show(field, latestValues![field])}</strong>
                    </span>
                    {yoursChanged ? (
                      <span className="conflict-yours">
                        {m.form.yours}
                        {m.colon}
                        <strong>{show(field, values[field])}</strong>
                        {m.paren(m.form.willOverwrite)}
                      </span>
                    ) : (
                      <span className="conflict-yours muted">{m.form.willKeep}</span>
                    )}
                  </dd>
                </div>
              );
            })}
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
