import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { todayIn } from '../../components/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { type StaffOption, useAllStaff } from '../users/queries';
import { HandoverForm } from './HandoverForm';
import { useHandoverText } from './messages';
import { PendingHandovers } from './PendingHandovers';
import { type Handover, useHandovers, usePendingHandovers } from './queries';
import './handover.css';

/** Handovers per page of the history. */
export const HISTORY_LIMIT = 20;

/**
 * 引き継ぎ (admins and officers, the `handover` permission): start a handover
 * from any staff user, disabled accounts included; admins also see the
 * needs-handover list; then the history, newest first, each with its printable
 * briefing. The user being handed over (?handover=) and the history page
 * (?offset=) live in the URL.
 */
export default function HandoversPage() {
  const { t } = useI18n();
  const p = useHandoverText().page;
  const allowed = useCan('handover');
  const isAdmin = useCan('admin');
  // The same query as the needs-handover list (one request): a pending account's form opens there.
  const pending = usePendingHandovers(isAdmin);

  useEffect(() => {
    document.title = `${p.title} | ${t.appName}`;
  }, [p.title, t.appName]);

  if (!allowed) {
    return (
      <div className="handovers-page">
        <h1>{p.title}</h1>
        <div className="alert alert-warning" role="alert">
          <h2>{p.notAllowedTitle}</h2>
          <p>{p.notAllowedBody}</p>
        </div>
      </div>
    );
  }

  // Accounts whose form the needs-handover list shows (null: not known yet).
  const pendingIds = !isAdmin
    ? new Set<string>()
    : pending.data
      ? new Set(pending.data.items.map((i) => i.userId))
      : pending.error
        ? new Set<string>()
        : null;

  return (
    <div className="handovers-page">
      <div className="page-header">
        <h1>{p.title}</h1>
      </div>
      <p className="muted handovers-intro">{p.intro}</p>
      {isAdmin && <PendingHandovers level={2} />}
      <StartHandover pendingIds={pendingIds} />
      <HandoverHistory />
    </div>
  );
}

/** Choose whose portfolio to hand over, then the handover form. */
function StartHandover({ pendingIds }: { pendingIds: Set<string> | null }) {
  const p = useHandoverText().page;
  const staff = useAllStaff();
  const [params, setParams] = useSearchParams();
  const openId = params.get('handover');
  const [choice, setChoice] = useState(openId ?? '');
  const [missing, setMissing] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  const everyone = staff.data ?? [];
  const chosen = everyone.find((u) => u.id === openId);
  // A needs-handover account's form opens in that list (with its counts), not here.
  const showForm = chosen && pendingIds !== null && !pendingIds.has(chosen.id);

  const setOpen = (userId: string | null) => {
    const next = new URLSearchParams(params);
    if (userId) next.set('handover', userId);
    else next.delete('handover');
    setParams(next);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!choice);
    if (choice) setOpen(choice);
  };

  const option = (u: StaffOption) => (
    <option key={u.id} value={u.id}>
      {u.disabled ? p.disabled(u.displayName) : u.displayName}
    </option>
  );
  const disabled = everyone.filter((u) => u.disabled);
  const enabled = everyone.filter((u) => !u.disabled);

  return (
    <section className="card handover-start" aria-labelledby={titleId}>
      <h2 id={titleId}>{p.start}</h2>
      <QueryState isLoading={staff.isLoading} error={staff.error} onRetry={() => staff.refetch()}>
        <form className="handover-start-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
          <Field label={p.from} hint={p.startHint} error={missing ? p.choose : undefined}>
            {(props) => (
              <select
                {...props}
                ref={select}
                value={choice}
                onChange={(e) => {
                  setChoice(e.target.value);
                  setMissing(false);
                }}
              >
                <option value="">{p.choose}</option>
                {disabled.length > 0 && <optgroup label={p.disabledGroup}>{disabled.map(option)}</optgroup>}
                <optgroup label={p.enabledGroup}>{enabled.map(option)}</optgroup>
              </select>
            )}
          </Field>
          <button type="submit" className="primary">
            {p.open}
          </button>
        </form>
      </QueryState>
      {showForm && (
        <HandoverForm
          key={chosen.id}
          from={{ userId: chosen.id, displayName: chosen.displayName, role: chosen.role }}
          onCancel={() => {
            setOpen(null);
            requestAnimationFrame(() => select.current?.focus());
          }}
        />
      )}
    </section>
  );
}

/** Past handovers, newest first: who to whom, when, what moved, and the briefing. */
function HandoverHistory() {
  const { formatDate } = useI18n();
  const text = useHandoverText();
  const p = text.page;
  const setup = useSetupState();
  const zone = setup.data?.timezone || 'Asia/Tokyo';
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const history = useHandovers({ limit: HISTORY_LIMIT, offset });
  const titleId = useId();
  const dayOf = (h: Handover) => formatDate(todayIn(zone, new Date(h.createdAt)));
  const moved = (h: Handover) =>
    [
      text.handover.members(h.memberCount),
      text.handover.workplaces(h.workplaceCount),
      text.handover.tasks(h.taskCount),
    ].join(p.separator);

  const goTo = (next: number) => {
    const search = new URLSearchParams(params);
    if (next) search.set('offset', String(next));
    else search.delete('offset');
    setParams(search);
  };

  return (
    <section className="card handover-history" aria-labelledby={titleId}>
      <h2 id={titleId}>{p.history}</h2>
      <QueryState isLoading={history.isLoading} error={history.error} onRetry={() => history.refetch()}>
        {history.data && history.data.total === 0 ? (
          <EmptyState>{p.empty}</EmptyState>
        ) : (
          history.data && (
            <div aria-busy={history.isPlaceholderData}>
              <div className="table-wrap">
                <table className="handover-history-table">
                  <caption className="visually-hidden">{p.historyCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{p.date}</th>
                      <th scope="col">{text.handover.from}</th>
                      <th scope="col">{text.handover.to}</th>
                      <th scope="col">{p.moved}</th>
                      <th scope="col">{p.by}</th>
                      <th scope="col">
                        <span className="visually-hidden">{p.report}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.data.items.map((h) => (
                      <tr key={h.id}>
                        <th scope="row">{dayOf(h)}</th>
                        <td>{h.fromUserName}</td>
                        <td>{h.toUserName}</td>
                        <td>{moved(h)}</td>
                        <td>{h.createdByName ?? text.briefing.none}</td>
                        <td>
                          <Link
                            to={`/handovers/${h.id}`}
                            aria-label={p.reportLabel(h.fromUserName, h.toUserName, dayOf(h))}
                          >
                            {p.report}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination offset={offset} limit={HISTORY_LIMIT} total={history.data.total} onOffset={goTo} />
            </div>
          )
        )}
      </QueryState>
    </section>
  );
}
