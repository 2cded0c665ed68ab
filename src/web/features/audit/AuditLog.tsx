import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS } from '../../../core/audit/actions';
import { Field } from '../../components/Field';
import { FormAlert, serverFields } from '../../components/form';
import { EmptyState, QueryState } from '../../components/QueryState';
import { ApiError } from '../../http/client';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useSettings } from '../settings/queries';
import { type StaffOption, useAllStaff } from '../users/queries';
import { type AuditMessages, useAuditText } from './messages';
import { type AuditEntry, type AuditFilters, useAuditLog } from './queries';
import './audit.css';

const FILTERS = ['userId', 'recordId', 'action', 'from', 'to'] as const;
/** Shown in the record column and the time column already, or bumped by every write. */
const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'version']);
const USER_FIELDS = new Set([
  'ownerId',
  'assigneeId',
  'authorId',
  'userId',
  'fromUserId',
  'toUserId',
  'createdBy',
  'changedBy',
  'secretaryGeneralUserId',
]);

function filtersOf(params: URLSearchParams): AuditFilters {
  return {
    userId: params.get('userId') ?? '',
    recordId: params.get('recordId') ?? '',
    action: params.get('action') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/**
 * 監査ログ (admin only): who did what and when, filtered by person, record,
 * action and days (in the organization's time zone). The filters live in the
 * URL; "more" follows the server's cursor.
 */
export function AuditLog() {
  const a = useAuditText();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const log = useAuditLog(filters);
  // Past actors include disabled accounts: all of them, marked.
  const staff = useAllStaff();
  const settings = useSettings();
  const zone = settings.data?.timezone ?? 'Asia/Tokyo';

  const apply = (next: Partial<AuditFilters>) => {
    const merged = new URLSearchParams(params);
    for (const name of FILTERS) {
      const value = name in next ? next[name] : filters[name];
      if (value) merged.set(name, value);
      else merged.delete(name);
    }
    setParams(merged);
  };
  const clear = () => apply({ userId: '', recordId: '', action: '', from: '', to: '' });

  const badInput = log.error instanceof ApiError && log.error.status === 400 ? log.error : null;
  const first = log.data?.pages[0];
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="audit-title" className="audit-log">
      <div className="page-header">
        <h2 id="audit-title">{a.title}</h2>
        {first?.total !== undefined && (
          <span className="muted" role="status">
            {a.count(first.total, first.totalCapped ?? false)}
          </span>
        )}
      </div>
      <p className="muted">{a.intro}</p>
      <FilterForm
        // A new URL (a link, "clear", back) starts the form over from it.
        key={JSON.stringify(filters)}
        filters={filters}
        staff={staff.data ?? []}
        serverError={badInput}
        onApply={apply}
        onClear={clear}
      />
      <p className="muted audit-zone">{a.timeZoneNote(zone)}</p>
      <QueryState
        isLoading={log.isLoading}
        error={badInput ? null : log.error}
        onRetry={() => void log.refetch()}
      >
        {badInput ? null : entries.length === 0 ? (
          <EmptyState>{a.empty}</EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="audit-table">
                <caption className="visually-hidden">{a.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{a.columns.at}</th>
                    <th scope="col">{a.columns.actor}</th>
                    <th scope="col">{a.columns.action}</th>
                    <th scope="col">{a.columns.record}</th>
                    <th scope="col">{a.columns.changes}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <EntryRow
                      key={entry.id}
                      entry={entry}
                      zone={zone}
                      staff={staff.data ?? []}
                      filteredRecord={filters.recordId}
                      onRecord={(recordId) => apply({ recordId })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <div className="audit-more">
              <span className="muted" aria-live="polite">
                {a.shown(entries.length)}
              </span>
              {log.hasNextPage && (
                <button
                  type="button"
                  onClick={() => void log.fetchNextPage()}
                  disabled={log.isFetchingNextPage}
                >
                  {log.isFetchingNextPage ? a.loadingMore : a.more}
                </button>
              )}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function FilterForm({
  filters,
  staff,
  serverError,
  onApply,
  onClear,
}: {
  filters: AuditFilters;
  staff: StaffOption[];
  serverError: ApiError | null;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}) {
  const a = useAuditText();
  const { lang } = useI18n();
  const [draft, setDraft] = useState(filters);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const fields = serverFields(serverError);
  const fieldError = (name: keyof AuditFilters) =>
    name === 'to' && rangeError
      ? rangeError
      : fields[name]
        ? translateFieldError(fields[name], lang)
        : undefined;
  const set = (name: keyof AuditFilters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(a.fromAfterTo);
      return;
    }
    setRangeError(null);
    onApply({ ...draft, recordId: draft.recordId.trim() });
  };

  return (
    <form className="card audit-filters" onSubmit={submit} aria-label={a.filters} noValidate>
      <FormAlert error={serverError} shownFields={FILTERS} />
      <div className="filters">
        <Field label={a.user} error={fieldError('userId')}>
          {(p) => (
            <select {...p} value={draft.userId} onChange={(e) => set('userId')(e.target.value)}>
              <option value="">{a.allUsers}</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.disabled ? a.disabledUser(u.displayName) : u.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={a.recordId} hint={a.recordIdHint} error={fieldError('recordId')}>
          {(p) => (
            <input
              {...p}
              value={draft.recordId}
              onChange={(e) => set('recordId')(e.target.value)}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={a.action} error={fieldError('action')}>
          {(p) => (
            <select {...p} value={draft.action} onChange={(e) => set('action')(e.target.value)}>
              <option value="">{a.allActions}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {a.actions[action]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={a.from} error={fieldError('from')}>
          {(p) => (
            <input {...p} type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
          )}
        </Field>
        <Field label={a.to} error={fieldError('to')}>
          {(p) => <input {...p} type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" onClick={onClear}>
          {a.clear}
        </button>
        <button type="submit" className="primary">
          {a.apply}
        </button>
      </div>
    </form>
  );
}

function EntryRow({
  entry,
  zone,
  staff,
  filteredRecord,
  onRecord,
}: {
  entry: AuditEntry;
  zone: string;
  staff: StaffOption[];
  filteredRecord: string;
  onRecord: (recordId: string) => void;
}) {
  const a = useAuditText();
  const { lang } = useI18n();
  const format = useValueFormat(entry.table, staff);
  const time = useMemo(
    () =>
      new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        // h23: midnight is 00:00 (hour12: false shows 24:00 in some locales).
        hourCycle: 'h23',
      }),
    [lang, zone],
  );
  const actionLabel = (a.actions as Record<string, string>)[entry.action] ?? entry.action;
  const tableLabel = entry.table ? ((a.tables as Record<string, string>)[entry.table] ?? entry.table) : null;
  // The record in words: its name now (resolved by the server), a neutral word for one deleted
  // since, or the name it had in the row's own snapshot (settings, a meeting …).
  const name = entry.recordDeleted ? a.deletedRecord : (entry.recordName ?? entry.recordLabel);
  const subject = entry.subjectDeleted ? a.deletedRecord : entry.subjectName;
  const what = [tableLabel, name].filter(Boolean).join(' ') || entry.recordId || '';

  return (
    <tr className={`audit-row audit-${entry.action}`}>
      <td className="audit-at">
        <time dateTime={entry.at}>{time.format(new Date(entry.at))}</time>
      </td>
      <td>
        {entry.actor
          ? (entry.actor.displayName ?? a.unknownUser)
          : entry.action === 'sign_in_failed'
            ? a.notSignedIn
            : a.system}
      </td>
      <td>
        <span className="audit-action">{actionLabel}</span>
      </td>
      <td className="audit-record">
        {tableLabel && <span>{tableLabel}</span>}
        {name && (
          <span className={`audit-record-label${entry.recordDeleted ? ' audit-deleted' : ''}`}>{name}</span>
        )}
        {subject && (
          <span className={`audit-record-subject${entry.subjectDeleted ? ' audit-deleted' : ''}`}>
            {a.subject(subject)}
          </span>
        )}
        {entry.recordId && (
          <span className="audit-record-id">
            <code>{entry.recordId}</code>
            {entry.recordId !== filteredRecord && (
              <button
                type="button"
                className="link-button"
                onClick={() => onRecord(entry.recordId!)}
                aria-label={a.filterByRecordLabel(what)}
              >
                {a.filterByRecord}
              </button>
            )}
          </span>
        )}
      </td>
      <td className="audit-details">
        <EntryDetails entry={entry} format={format} />
      </td>
    </tr>
  );
}

type Format = (field: string, value: unknown) => string;

function EntryDetails({ entry, format }: { entry: AuditEntry; format: Format }) {
  const a = useAuditText();
  const label = (field: string) => a.fields[field] ?? field;

  if (entry.changes) {
    const changed = Object.entries(entry.changes);
    if (!changed.length) return <span className="muted">{a.noVisibleChange}</span>;
    return (
      <ul className="audit-changes">
        {changed.map(([field, { from, to }]) => (
          <li key={field}>
            <span className="audit-field">{label(field)}</span>
            {': '}
            <span className="audit-from">{format(field, from)}</span>{' '}
            <span aria-hidden="true">{a.arrow}</span>
            <span className="visually-hidden">{a.changedTo}</span>{' '}
            <span className="audit-to">{format(field, to)}</span>
          </li>
        ))}
      </ul>
    );
  }

  const row = entry.after ?? entry.before;
  const parts: ReactNode[] = [];
  if (row) {
    const shown = Object.entries(row).filter(([k]) => !HIDDEN_FIELDS.has(k));
    parts.push(
      <details key="row">
        <summary>{entry.after ? a.inserted(shown.length) : a.deleted(shown.length)}</summary>
        <Pairs pairs={shown} label={label} format={format} />
      </details>,
    );
  }
  if (entry.details) {
    const d = entry.details;
    if (entry.action === 'denied' && typeof d.path === 'string') {
      parts.push(
        <span key="request" className="audit-request">
          <code>
            {String(d.method ?? '')} {d.path}
          </code>{' '}
          <span aria-hidden="true">{a.arrow}</span> {String(d.status ?? '')}
        </span>,
      );
    } else {
      parts.push(<Pairs key="details" pairs={Object.entries(d)} label={label} format={format} />);
    }
  }
  return <>{parts}</>;
}

function Pairs({
  pairs,
  label,
  format,
}: {
  pairs: [string, unknown][];
  label: (field: string) => string;
  format: Format;
}) {
  return (
    <dl className="audit-pairs">
      {pairs.map(([field, value]) => (
        <div key={field}>
          <dt>{label(field)}</dt>
          <dd>{format(field, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A stored value in words: enum labels, staff names for user ids, yes/no, (empty). */
function useValueFormat(table: string | null, staff: StaffOption[]): Format {
  const a = useAuditText();
  const { t } = useI18n();
  const names = useMemo(() => new Map(staff.map((u) => [u.id, u.displayName])), [staff]);
  return (field, value) => formatValue(a, t.enums, names, table, field, value);
}

type Enums = ReturnType<typeof useI18n>['t']['enums'];

function enumLabels(enums: Enums, table: string | null, field: string): Record<string, string> | undefined {
  switch (field) {
    case 'role':
      return enums.staffRole;
    case 'engagement':
      return enums.engagement;
    case 'unionRole':
      return enums.unionRole;
    case 'atmosphere':
      return enums.atmosphere;
    case 'priority':
      return enums.priority;
    case 'channel':
      return enums.channel;
    case 'kind':
      return table === 'demand_notes' ? enums.demandNoteKind : undefined;
    case 'status':
      if (table === 'members') return enums.memberStatus;
      if (table === 'tasks') return enums.taskStatus;
      if (table === 'member_cases') return enums.caseStatus;
      if (table === 'demands') return enums.negotiationStatus;
      return undefined;
    default:
      return undefined;
  }
}

function formatValue(
  a: AuditMessages,
  enums: Enums,
  names: Map<string, string>,
  table: string | null,
  field: string,
  value: unknown,
): string {
  if (value === null || value === undefined || value === '') return a.empty_value;
  if (typeof value === 'boolean') return value ? a.yes : a.no;
  if (Array.isArray(value)) return value.map((v) => formatValue(a, enums, names, table, field, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (USER_FIELDS.has(field)) return names.get(text) ?? text;
  if (field === 'reason') return (a.reasons as Record<string, string>)[text] ?? text;
  if (field === 'via') return a.screens[text] ?? text;
  if (field === 'scope' && table === 'handovers') return a.scopes[text] ?? text;
  return enumLabels(enums, table, field)?.[text] ?? text;
}
