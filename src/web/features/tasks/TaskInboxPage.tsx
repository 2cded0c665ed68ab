import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { can } from '../../../core/access/policy';
import type { BulkTaskFilter } from '../../../core/bulk/schemas';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useToday } from '../../components/today';
import type { Task, User } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/queries';
import { ExportLinks } from '../export/ExportLinks';
import { SearchBox } from '../members/ListFilters';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu';
import { enabledStaff, type StaffOption, useStaffOptions } from '../users/queries';
import { useTaskBulkText } from './bulk-messages';
import { groupByDue } from './due';
import { type TaskMessages, useTaskText } from './messages';
import { NewTaskForm } from './NewTaskForm';
import { NextActionsDue } from './NextActionsDue';
import { type NoticeInput, TaskNotice, useNotice } from './Notice';
import { type TaskListParams, useTasks } from './queries';
import { TaskBulkBar, type TaskSelection } from './TaskBulkBar';
import { TaskItem } from './TaskItem';
import './tasks.css';

const LIMIT = 50;
const VIEWS = ['mine', 'unassigned', 'all'] as const;
const STATUSES = ['open', 'done', 'all'] as const;
type View = (typeof VIEWS)[number];

/**
 * The unassigned pile and the wider views are for admins and officers (SPEC §4); the
 * server lists an officer's own and unassigned tasks, an admin's every task.
 */
const seesEveryTask = (user: User | null | undefined) => Boolean(user && can(user.role, 'tasks.unassigned'));

function pick<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** The inbox's state lives in the URL: back/forward and shared links show the same list. */
function paramsFromUrl(search: URLSearchParams, allowed: boolean): TaskListParams & { view: View } {
  const view = allowed ? pick(VIEWS, search.get('view'), 'mine') : 'mine';
  const status = pick(STATUSES, search.get('status'), 'open');
  const offset = Number(search.get('offset') ?? 0);
  return {
    view,
    assignee: view === 'mine' ? 'me' : view === 'unassigned' ? 'none' : undefined,
    status: status === 'all' ? undefined : status,
    q: search.get('q') || undefined,
    // Open work reads soonest due first; finished work most recently touched first.
    sort: status === 'done' ? '-updatedAt' : 'dueOn',
    limit: LIMIT,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export default function TaskInboxPage() {
  const { t: common } = useI18n();
  const t = useTaskText();
  const me = useMe();
  // Admins and officers give tasks to others (executives and reps to themselves only).
  const mayAssign = Boolean(me.data && can(me.data.role, 'tasks.unassigned'));
  const staff = useStaffOptions(mayAssign);
  const today = useToday();
  const [search, setSearch] = useSearchParams();
  const { notice, show, clear } = useNotice();
  const allowed = seesEveryTask(me.data);
  const { view, ...params } = paramsFromUrl(search, allowed);
  // Who I am decides which views exist: wait for it rather than ask for the wrong list.
  const tasks = useTasks(params, Boolean(me.data));
  const statusValue = pick(STATUSES, search.get('status'), 'open');
  const creating = search.get('new') === '1';
  const ids = { search: useId(), view: useId(), status: useId() };

  useEffect(() => {
    document.title = `${t.title} | ${common.appName}`;
  }, [t.title, common.appName]);

  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    // Another view or filter starts again from the first page.
    if (!('offset' in changes)) next.delete('offset');
    setSearch(next, { replace });
  };

  const reassignTo = mayAssign ? enabledStaff(staff.data) : undefined;
  // Selecting tasks for bulk actions (issue 17): ids ticked on this page, or every task the
  // inbox's view and filters match. Another view or filter starts the selection again.
  const bt = useTaskBulkText();
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const bulkFilter = { q: params.q, status: params.status, assignee: params.assignee };
  const filterKey = JSON.stringify(bulkFilter);
  const [selectionKey, setSelectionKey] = useState(filterKey);
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setSelected(new Set());
    setAllMatching(false);
  }
  const toggle = (taskIds: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const id of taskIds) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const pageIds = tasks.data?.items.map((x) => x.id) ?? [];
  const selection: TaskSelection | undefined =
    selecting && tasks.data
      ? allMatching
        ? { kind: 'filter', filter: bulkFilter as BulkTaskFilter, total: tasks.data.total }
        : { kind: 'ids', ids: [...selected] }
      : undefined;
  const rowSelection = selecting
    ? (task: Task) => ({
        checked: allMatching || selected.has(task.id),
        disabled: allMatching,
        label: bt.selectTask(task.title),
        onToggle: (checked: boolean) => toggle([task.id], checked),
      })
    : undefined;
  const onNotice = (n: NoticeInput) => show(n);
  if (!me.data) {
    return (
      <QueryState isLoading={me.isLoading} error={me.error} onRetry={() => me.refetch()}>
        {null}
      </QueryState>
    );
  }

  return (
    <div className="task-page">
      <div className="page-header">
        <h1>{t.title}</h1>
        {tasks.data && <span className="muted">{t.count(tasks.data.total)}</span>}
        <ExportLinks kind="tasks" filters={params} />
        <div className="actions">
          <button
            type="button"
            aria-pressed={selecting}
            onClick={() => {
              setSelected(new Set());
              setAllMatching(false);
              setSelecting(!selecting);
            }}
          >
            {selecting ? bt.endSelect : bt.startSelect}
          </button>
          {!creating && (
            <button type="button" className="primary" onClick={() => update({ new: '1' })}>
              + {t.form.open}
            </button>
          )}
        </div>
      </div>
      <p className="muted task-intro">{t.intro}</p>
      <SavedViewsMenu list="tasks" />
      <NextActionsDue userId={me.data.id} />

      {creating && (
        <NewTaskForm
          me={me.data}
          staff={mayAssign ? staff.data : undefined}
          onCancel={() => update({ new: undefined })}
          onDone={(created) => {
            update({ new: undefined });
            show({ tone: 'ok', text: t.notices.created(created.title) });
          }}
        />
      )}

      <div className="card task-controls">
        <Segmented
          id={ids.view}
          label={t.views.label}
          options={(allowed ? VIEWS : (['mine'] as const)).map((v) => [v, t.views[v]])}
          value={view}
          hrefFor={(v) => hrefWith(search, { view: v === 'mine' ? undefined : v })}
        />
        <Segmented
          id={ids.status}
          label={t.statuses.label}
          options={STATUSES.map((s) => [s, t.statuses[s]])}
          value={statusValue}
          hrefFor={(s) => hrefWith(search, { status: s === 'open' ? undefined : s })}
        />
        <SearchBox
          id={ids.search}
          label={t.search}
          placeholder={t.searchPlaceholder}
          value={search.get('q') ?? ''}
          onSearch={(q) => update({ q }, true)}
        />
      </div>

      <TaskNotice notice={notice} onNotice={onNotice} onClose={clear} />

      {selection && (
        <TaskBulkBar
          selection={selection}
          staff={reassignTo}
          onDone={() => {
            setSelected(new Set());
            setAllMatching(false);
          }}
        />
      )}
      {selecting && tasks.data && tasks.data.total > 0 && (
        <div className="member-select-tools">
          <label>
            <input
              type="checkbox"
              checked={allMatching || (pageIds.length > 0 && pageIds.every((id) => selected.has(id)))}
              disabled={allMatching}
              onChange={(e) => toggle(pageIds, e.target.checked)}
            />
            {bt.selectPage}
          </label>
          {!allMatching && (
            <button type="button" onClick={() => setAllMatching(true)}>
              {bt.selectAllMatching(tasks.data.total)}
            </button>
          )}
        </div>
      )}

      <QueryState isLoading={tasks.isLoading} error={tasks.error} onRetry={() => tasks.refetch()}>
        {tasks.data && tasks.data.total === 0 ? (
          <EmptyState>{emptyText(t, view, params)}</EmptyState>
        ) : (
          tasks.data && (
            <div aria-busy={tasks.isPlaceholderData}>
              <TaskList
                items={tasks.data.items}
                grouped={params.status === 'open'}
                today={today}
                me={me.data}
                staff={reassignTo}
                onNotice={onNotice}
                selection={rowSelection}
              />
              <Pagination
                offset={params.offset}
                limit={LIMIT}
                total={tasks.data.total}
                onOffset={(offset) => update({ offset: offset ? String(offset) : undefined })}
              />
            </div>
          )
        )}
      </QueryState>
    </div>
  );
}

function hrefWith(search: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  next.delete('offset');
  next.delete('new');
  const text = next.toString();
  return text ? `?${text}` : '';
}

function emptyText(t: TaskMessages, view: View, params: TaskListParams): string {
  if (params.q) return t.empty.search;
  if (params.status === 'open') return view === 'mine' ? t.empty.mineOpen : t.empty.open;
  return t.empty.any;
}

/**
 * A row of links that act as one choice (a segmented control): each is a real
 * URL, so the choice survives reloads and can be shared; the chosen one is
 * marked with aria-current, a check mark and a border, not colour alone.
 */
function Segmented<T extends string>({
  id,
  label,
  options,
  value,
  hrefFor,
}: {
  id: string;
  label: string;
  options: (readonly [T, string])[];
  value: T;
  hrefFor: (value: T) => string;
}) {
  return (
    <div className="segmented-field">
      <span id={id} className="segmented-label">
        {label}
      </span>
      <nav aria-labelledby={id} className="segmented">
        {options.map(([v, text]) => (
          <Link
            key={v}
            to={{ search: hrefFor(v) }}
            aria-current={v === value ? 'true' : undefined}
            className={v === value ? 'segment segment-on' : 'segment'}
          >
            {v === value && <span aria-hidden="true">✓ </span>}
            {text}
          </Link>
        ))}
      </nav>
    </div>
  );
}

function TaskList({
  items,
  grouped,
  today,
  me,
  staff,
  onNotice,
  selection,
}: {
  items: Task[];
  grouped: boolean;
  today: string;
  me: User | null | undefined;
  staff: StaffOption[] | null | undefined;
  onNotice: (n: NoticeInput) => void;
  selection?: ((task: Task) => NonNullable<Parameters<typeof TaskItem>[0]['selection']>) | undefined;
}) {
  const t = useTaskText();
  const renderItems = (list: Task[]) => (
    <ul className="task-list">
      {list.map((task) => (
        <TaskItem
          key={task.id}
          task={task}
          me={me}
          staff={staff}
          today={today}
          onNotice={onNotice}
          selection={selection?.(task)}
        />
      ))}
    </ul>
  );
  if (!grouped) {
    return (
      <section aria-labelledby="task-list-title">
        <h2 id="task-list-title" className="visually-hidden">
          {t.listHeading}
        </h2>
        {renderItems(items)}
      </section>
    );
  }
  // Open tasks by when they are due: 期限切れ, today, this week, later, undated.
  return (
    <>
      {groupByDue(items, today).map(([group, list]) => (
        <section
          key={group}
          className={`task-group task-group-${group}`}
          aria-labelledby={`task-group-${group}`}
        >
          <h2 id={`task-group-${group}`}>
            {t.groups[group]}
            <span className="task-group-count">{t.count(list.length)}</span>
          </h2>
          {renderItems(list)}
        </section>
      ))}
    </>
  );
}
