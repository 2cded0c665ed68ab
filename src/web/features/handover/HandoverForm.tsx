import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { FormAlert, serverFields } from '../../components/form';
import { post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { enabledStaff, useStaffOptions } from '../users/queries';
import { handoverFieldError, useHandoverText } from './messages';
import {
  type Handover,
  type HandoverFrom,
  type HandoverPreview,
  useHandoverDone,
  usePortfolio,
  usePortfolioCounts,
} from './queries';

const SHOWN = ['toUserId', 'note', 'memberIds', 'workplaceIds'];
const TARGET_ROLES: readonly string[] = ['admin', 'officer'];

type Scope = 'all' | 'some';

/** A checkbox list of what the previous owner owns. */
function Choices({
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  legend: string;
  options: { id: string; label: string }[] | undefined;
  selected: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}) {
  const f = useHandoverText().form;
  const id = useId();
  return (
    <fieldset
      className={`handover-choices${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
    >
      <legend>{legend}</legend>
      <small id={`${id}-count`} className="field-hint">
        {f.selected(selected.length)}
      </small>
      {options && options.length === 0 ? (
        <p className="muted">{f.noneOwned}</p>
      ) : (
        <ul className="handover-options">
          {options?.map((o) => (
            <li key={o.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(o.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...selected, o.id] : selected.filter((s) => s !== o.id))
                  }
                />
                {o.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/**
 * 引き継ぎ: moves a (often disabled) user's portfolio to an enabled officer or
 * administrator — all of it, or the members and workplaces chosen — then opens
 * the printable briefing of everything handed over. Without the counts of the
 * needs-handover list, the form counts the portfolio itself.
 */
export function HandoverForm({ from, onCancel }: { from: HandoverFrom; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const text = useHandoverText();
  const f = text.form;
  const navigate = useNavigate();
  const staff = useStaffOptions();
  const done = useHandoverDone();
  const [toUserId, setToUserId] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [workplaceIds, setWorkplaceIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<{ toUserId?: string; some?: string }>({});
  const portfolio = usePortfolio(from.userId, scope === 'some');
  // Only admins see every task: an officer's form cannot count another user's open tasks.
  const countsTasks = useCan('tasks.all');
  const counted = usePortfolioCounts(from.userId, from.memberCount === undefined, countsTasks);
  const counts =
    from.memberCount !== undefined
      ? {
          memberCount: from.memberCount,
          workplaceCount: from.workplaceCount ?? 0,
          taskCount: from.taskCount ?? null,
        }
      : counted.data;
  // Without the task count, the open tasks move all the same, uncounted.
  let countsText: string | null = counted.error ? null : f.counting;
  if (counts) {
    countsText =
      counts.taskCount === null
        ? f.allCountsNoTasks(counts.memberCount, counts.workplaceCount)
        : f.allCounts(counts.memberCount, counts.workplaceCount, counts.taskCount);
  }
  const heading = useRef<HTMLHeadingElement>(null);
  const scopeName = useId();
  useEffect(() => heading.current?.focus(), []);

  const targets = (enabledStaff(staff.data) ?? []).filter(
    (u) => TARGET_ROLES.includes(u.role) && u.id !== from.userId,
  );

  const body = () => ({
    fromUserId: from.userId,
    toUserId,
    ...(scope === 'some' ? { memberIds, workplaceIds } : {}),
    note,
  });
  // First the server counts what would move (nothing is written); the handover runs on confirmation.
  const [confirming, setConfirming] = useState<HandoverPreview | null>(null);
  const preview = useMutation({
    mutationFn: () => post<HandoverPreview>('/handover/preview', body()),
    onSuccess: (counts) => setConfirming(counts),
  });
  const handOver = useMutation({
    mutationFn: () => post<Handover>('/handover', body()),
    onSuccess: (handover) => {
      done();
      navigate(`/handovers/${handover.id}`);
    },
    // Refused on confirmation (someone else handed something over meanwhile): back to the form.
    onError: () => setConfirming(null),
  });
  const error = handOver.error ?? preview.error;
  const fields = serverFields(error);
  const fieldError = (name: string) => handoverFieldError(fields[name], lang);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof missing = {};
    if (!toUserId) problems.toUserId = f.choose;
    if (scope === 'some' && memberIds.length + workplaceIds.length === 0) problems.some = f.chooseSome;
    setMissing(problems);
    if (Object.keys(problems).length) return;
    handOver.reset();
    preview.mutate();
  };

  if (confirming) {
    return (
      <HandoverConfirmation
        counts={confirming}
        pending={handOver.isPending}
        onConfirm={() => handOver.mutate()}
        onBack={() => {
          setConfirming(null);
          requestAnimationFrame(() => heading.current?.focus());
        }}
      />
    );
  }

  return (
    <form
      className="card settings-card handover-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="handover-form-title"
    >
      <h3 id="handover-form-title" ref={heading} tabIndex={-1}>
        {f.title(from.displayName)}
      </h3>
      <FormAlert error={error} shownFields={SHOWN} translate={(m) => handoverFieldError(m, lang)} />
      <dl className="handover-from">
        <dt>{f.from}</dt>
        <dd>
          {from.displayName} <span className="muted">{t.enums.staffRole[from.role]}</span>
        </dd>
      </dl>
      <Field label={f.to} required hint={f.toHint} error={missing.toUserId ?? fieldError('toUserId')}>
        {(props) => (
          <select {...props} value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
            <option value="">{f.choose}</option>
            {targets.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
                {text.paren(t.enums.staffRole[u.role])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {staff.data && targets.length === 0 && (
        <p className="alert alert-warning" role="status">
          {f.noTargets}
        </p>
      )}
      <fieldset className="handover-scope">
        <legend>{f.what}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={scopeName}
            value="all"
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          <span>
            {f.all}
            <small className="field-hint handover-counts">{countsText}</small>
          </span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={scopeName}
            value="some"
            checked={scope === 'some'}
            onChange={() => setScope('some')}
          />
          <span>
            {f.some}
            <small className="field-hint">{f.someHint}</small>
          </span>
        </label>
      </fieldset>
      {scope === 'some' &&
        (portfolio.isLoading ? (
          <p className="state state-loading" role="status">
            {t.common.loading}
          </p>
        ) : portfolio.error ? (
          <p className="alert alert-error" role="alert">
            {(portfolio.error as Error).message}
          </p>
        ) : (
          <div className="handover-pick">
            {missing.some && (
              <p className="field-error" role="alert">
                {missing.some}
              </p>
            )}
            <Choices
              legend={f.members}
              options={portfolio.data?.members.items.map((m) => ({
                id: m.id,
                label: m.workplaceName ? `${m.name}${text.paren(m.workplaceName)}` : m.name,
              }))}
              selected={memberIds}
              onChange={setMemberIds}
              error={fieldError('memberIds')}
            />
            <Choices
              legend={f.workplaces}
              options={portfolio.data?.workplaces.items.map((w) => ({ id: w.id, label: w.name }))}
              selected={workplaceIds}
              onChange={setWorkplaceIds}
              error={fieldError('workplaceIds')}
            />
          </div>
        ))}
      <Field label={f.note} hint={f.noteHint} error={fieldError('note')}>
        {(props) => (
          <textarea
            {...props}
            value={note}
            maxLength={4000}
            rows={4}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {f.cancel}
        </button>
        <button type="submit" className="primary" disabled={preview.isPending}>
          {preview.isPending ? text.confirm.checking : f.submit}
        </button>
      </div>
    </form>
  );
}

/**
 * The handover's confirmation: what the server counted it would move (members and
 * those at risk, workplaces, open tasks, open and overdue cases, next actions).
 */
function HandoverConfirmation({
  counts,
  pending,
  onConfirm,
  onBack,
}: {
  counts: HandoverPreview;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const text = useHandoverText();
  const c = text.confirm;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className="card settings-card handover-form handover-confirm"
      aria-labelledby="handover-confirm-title"
      data-testid="handover-confirm"
    >
      <h3 id="handover-confirm-title" ref={heading} tabIndex={-1}>
        {c.title}
      </h3>
      <p>{c.intro(counts.fromUserName, counts.toUserName)}</p>
      <ul className="handover-confirm-counts">
        <li>{c.members(counts.memberCount, counts.atRiskCount)}</li>
        <li>{c.workplaces(counts.workplaceCount)}</li>
        <li>{c.tasks(counts.taskCount)}</li>
        <li>{c.cases(counts.openCaseCount, counts.overdueCaseCount)}</li>
        <li>{c.nextActions(counts.nextActionCount, counts.overdueNextActionCount)}</li>
      </ul>
      <p className="muted">{c.note}</p>
      <div className="form-actions">
        <button type="button" onClick={onBack} disabled={pending}>
          {c.back}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={pending}>
          {pending ? text.form.submitting : c.confirm}
        </button>
      </div>
    </section>
  );
}
