import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BulkMemberFilter } from '../../../core/demands/schemas';
import { ENGAGEMENTS, MEMBER_STATUSES, UNION_ROLES } from '../../../core/enums';
import { NEXT_ACTION_DUE } from '../../../core/members/list-options';
import { useCan } from '../../components/access';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { CustomColumnPicker, useCustomColumns } from '../custom-fields/CustomFieldColumns';
import { CustomFieldFilters } from '../custom-fields/CustomFieldFilters';
import { columnsOnly, customFilters } from '../custom-fields/values';
import { ExportLinks } from '../export/ExportLinks';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu';
import { useStaffOptions } from '../users/queries';
import { BulkActionsBar } from './BulkActionsBar';
import { BulkLinkBar, type MemberSelection } from './BulkLinkBar';
import { useBulkActionMessages } from './bulk-actions-messages';
import { useBulkLinkMessages } from './bulk-link-messages';
import { ErasedNotice } from './ErasedNotice';
import { FilterSelect, SearchBox } from './ListFilters';
import { MemberForm } from './MemberForm';
import { MemberTable } from './MemberTable';
import { useMemberMessages } from './messages';
import { type MemberListParams, useMembers, useWorkplaceOptions } from './queries';
import { TotalNote } from './TotalNote';
import { useFocusOnMount } from './use-focus-on-mount';
import './members.css';

const LIMIT = 50;
const SORTS = ['nameKana', 'joinedOn', '-joinedOn', '-engagement', 'engagement', 'nextActionDueOn'] as const;
const FILTER_KEYS = [
  'q',
  'workplaceId',
  'engagement',
  'unionRole',
  'ownerId',
  'status',
  'nextActionDue',
  'sort',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The list's filters as the bulk link takes them (PUT /api/demands/:id/members `{ filter }`). */
function bulkFilterOf(params: MemberListParams): BulkMemberFilter {
  const { q, workplaceId, engagement, unionRole, ownerId, status, nextActionDue } = params;
  const custom = Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith('cf.')));
  return {
    q,
    workplaceId,
    engagement,
    unionRole,
    ownerId,
    status,
    nextActionDue,
    ...custom,
  } as BulkMemberFilter;
}

/** The list's state lives in the URL: back/forward and shared links show the same page. */
function paramsFromUrl(search: URLSearchParams): MemberListParams {
  const status = search.get('status') ?? 'active';
  const sort = search.get('sort') ?? 'nameKana';
  const offset = Number(search.get('offset') ?? 0);
  return {
    q: search.get('q') || undefined,
    workplaceId: search.get('workplaceId') || undefined,
    engagement: search.get('engagement') || undefined,
    unionRole: search.get('unionRole') || undefined,
    ownerId: search.get('ownerId') || undefined,
    // "all" is a UI value: the API lists every status when none is given.
    status: status === 'all' ? undefined : status,
    nextActionDue: (NEXT_ACTION_DUE as readonly string[]).includes(search.get('nextActionDue') ?? '')
      ? search.get('nextActionDue')!
      : undefined,
    sort: (SORTS as readonly string[]).includes(sort) ? sort : 'nameKana',
    limit: LIMIT,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    ...customFilters(search),
  };
}

export default function MemberListPage() {
  const { t } = useI18n();
  const m = useMemberMessages();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  // Registering members needs records.write: a shared ?new=1 link shows the list instead.
  const mayCreate = useCan('records.write');
  const creating = mayCreate && search.get('new') === '1';

  useEffect(() => {
    document.title = `${creating ? m.newMemberTitle : m.listTitle} | ${t.appName}`;
  }, [creating, m, t.appName]);

  if (creating) {
    const close = () => {
      const next = new URLSearchParams(search);
      next.delete('new');
      setSearch(next);
    };
    return (
      <div className="member-page">
        <p className="breadcrumb">
          <Link to="/members">← {m.backToList}</Link>
        </p>
        <NewMember onDone={(id) => navigate(`/members/${id}`)} onCancel={close} />
      </div>
    );
  }
  return <MemberList search={search} setSearch={setSearch} mayCreate={mayCreate} />;
}

function NewMember({ onDone, onCancel }: { onDone: (id: string) => void; onCancel: () => void }) {
  const m = useMemberMessages();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card member-section" aria-labelledby="member-new-title">
      <h1 id="member-new-title" ref={heading} tabIndex={-1}>
        {m.newMemberTitle}
      </h1>
      <MemberForm onDone={(created) => onDone(created.id)} onCancel={onCancel} />
    </section>
  );
}

function MemberList({
  search,
  setSearch,
  mayCreate,
}: {
  search: URLSearchParams;
  setSearch: ReturnType<typeof useSearchParams>[1];
  mayCreate: boolean;
}) {
  const { t } = useI18n();
  const m = useMemberMessages();
  const params = paramsFromUrl(search);
  const members = useMembers(params);
  const workplaces = useWorkplaceOptions();
  const staff = useStaffOptions();
  const ids = { search: useId(), filters: useId(), extra: useId() };
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters =
    ['workplaceId', 'engagement', 'unionRole', 'ownerId', 'status', 'nextActionDue', 'sort'].filter((k) =>
      search.has(k),
    ).length + Object.keys(customFilters(search)).length;
  const customColumns = useCustomColumns('member', search);

  const update = (changes: Partial<Record<FilterKey | 'offset' | 'new', string>>, replace = false) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    // A new filter starts again from the first page.
    if (!('offset' in changes)) next.delete('offset');
    if (next.get('sort') === 'nameKana') next.delete('sort');
    setSearch(next, { replace });
  };

  const hasFilters =
    FILTER_KEYS.some((k) => k !== 'sort' && k !== 'status' && search.get(k)) ||
    search.has('status') ||
    Object.keys(customFilters(search)).length > 0;
  const statusValue = search.get('status') ?? 'active';

  // Selecting members to link to a demand (demands.link) or act on them in bulk (issue 17): ids
  // ticked on the pages seen, or every member the filters match. A change of filters starts the
  // selection again.
  const b = useBulkLinkMessages();
  const a = useBulkActionMessages();
  const mayLink = useCan('demands.link');
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const filter = bulkFilterOf(params);
  const filterKey = JSON.stringify(filter);
  const [selectionKey, setSelectionKey] = useState(filterKey);
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setSelected(new Set());
    setAllMatching(false);
  }
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const toggle = (ids: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const pageIds = members.data?.items.map((x) => x.id) ?? [];
  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const selection: MemberSelection | undefined =
    selecting && members.data
      ? allMatching
        ? { kind: 'filter', filter, total: members.data.total, capped: members.data.totalCapped ?? false }
        : { kind: 'ids', ids: [...selected] }
      : undefined;

  return (
    <div className="member-list-page">
      <div className="page-header">
        <h1>{m.listTitle}</h1>
        {members.data && (
          <span className="muted">{t.common.total(members.data.total, members.data.totalCapped)}</span>
        )}
        <ExportLinks kind="members" filters={params} />
        {(mayCreate || mayLink) && (
          <div className="actions">
            {mayLink && (
              <button
                type="button"
                aria-pressed={selecting}
                onClick={() => {
                  clearSelection();
                  setSelecting(!selecting);
                }}
              >
                {selecting ? b.endSelect : a.startSelect}
              </button>
            )}
            {mayCreate && (
              <button type="button" className="primary" onClick={() => update({ new: '1' })}>
                + {m.newMember}
              </button>
            )}
          </div>
        )}
      </div>
      <ErasedNotice />
      <SavedViewsMenu list="members" />
      <TotalNote params={params} />

      {/* biome-ignore lint/a11y/useSemanticElements: <search> is still unknown to older Safari and to happy-dom */}
      <div role="search" className="card filters-card" aria-labelledby={ids.filters}>
        <h2 id={ids.filters} className="visually-hidden">
          {m.filters.label}
        </h2>
        <div className="filters">
          <SearchBox
            id={ids.search}
            label={m.filters.search}
            placeholder={m.filters.searchPlaceholder}
            value={search.get('q') ?? ''}
            onSearch={(q) => update({ q }, true)}
          />
          {/* On a phone the filters fold away behind one button; the search box stays. */}
          <button
            type="button"
            className="filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls={ids.extra}
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {m.filters.label}
            {activeFilters > 0 && m.paren(String(activeFilters))}
          </button>
          <div id={ids.extra} className={filtersOpen ? 'filters-extra is-open' : 'filters-extra'}>
            <FilterSelect
              label={m.fields.workplaceId}
              value={search.get('workplaceId') ?? ''}
              onChange={(v) => update({ workplaceId: v })}
              allLabel={t.common.all}
              options={(workplaces.data?.items ?? []).map((w) => [w.id, w.name])}
            />
            <FilterSelect
              label={m.fields.engagement}
              value={search.get('engagement') ?? ''}
              onChange={(v) => update({ engagement: v })}
              allLabel={t.common.all}
              options={ENGAGEMENTS.map((e) => [e, t.enums.engagement[e]])}
            />
            <FilterSelect
              label={m.fields.unionRole}
              value={search.get('unionRole') ?? ''}
              onChange={(v) => update({ unionRole: v })}
              allLabel={t.common.all}
              options={UNION_ROLES.map((r) => [r, t.enums.unionRole[r]])}
            />
            {staff.data && (
              <FilterSelect
                label={m.fields.ownerId}
                value={search.get('ownerId') ?? ''}
                onChange={(v) => update({ ownerId: v })}
                allLabel={t.common.all}
                options={staff.data.map((u) => [u.id, u.displayName])}
              />
            )}
            <FilterSelect
              label={m.filters.status}
              value={statusValue}
              onChange={(v) => update({ status: v === 'active' ? '' : v })}
              allLabel={m.filters.statusAll}
              allValue="all"
              options={MEMBER_STATUSES.map((s) => [s, t.enums.memberStatus[s]])}
            />
            <FilterSelect
              label={m.filters.nextActionDue}
              value={params.nextActionDue ?? ''}
              onChange={(v) => update({ nextActionDue: v })}
              allLabel={t.common.all}
              options={NEXT_ACTION_DUE.map((d) => [d, m.nextActionDue[d]])}
            />
            <FilterSelect
              label={m.filters.sort}
              value={params.sort}
              onChange={(v) => update({ sort: v })}
              options={SORTS.map((s) => [s, m.sorts[s]])}
            />
            <CustomFieldFilters entity="member" search={search} setSearch={setSearch} />
          </div>
          <CustomColumnPicker entity="member" search={search} setSearch={setSearch} />
        </div>
        {hasFilters && (
          <button
            type="button"
            className="link-button clear-filters"
            onClick={() => setSearch(columnsOnly(search))}
          >
            {m.filters.clear}
          </button>
        )}
      </div>

      {selection && <BulkLinkBar selection={selection} onDone={clearSelection} />}
      {selection && <BulkActionsBar selection={selection} exportFilters={params} onDone={clearSelection} />}

      <QueryState isLoading={members.isLoading} error={members.error} onRetry={() => members.refetch()}>
        {members.data && members.data.total === 0 ? (
          <EmptyState>{hasFilters ? m.list.noResults : m.list.empty}</EmptyState>
        ) : (
          members.data && (
            <>
              {selecting && (
                <div className="member-select-tools">
                  <label>
                    <input
                      type="checkbox"
                      checked={allMatching || pageSelected}
                      disabled={allMatching}
                      onChange={(e) => toggle(pageIds, e.target.checked)}
                    />
                    {b.selectPage}
                  </label>
                  {allMatching ? (
                    <button type="button" className="link-button" onClick={() => setAllMatching(false)}>
                      {b.selectOnlyPage}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setAllMatching(true)}>
                      {b.selectAllMatching(t.common.total(members.data.total, members.data.totalCapped))}
                    </button>
                  )}
                </div>
              )}
              <MemberTable
                items={members.data.items}
                m={m}
                busy={members.isPlaceholderData}
                customColumns={customColumns}
                selection={
                  selecting
                    ? { selected, all: allMatching, onToggle: (id, checked) => toggle([id], checked) }
                    : undefined
                }
              />
              <Pagination
                offset={params.offset}
                limit={LIMIT}
                total={members.data.total}
                totalCapped={members.data.totalCapped}
                onOffset={(offset) => update({ offset: offset ? String(offset) : '' })}
              />
            </>
          )
        )}
      </QueryState>
    </div>
  );
}
