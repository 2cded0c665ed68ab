import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BulkWorkplaceFilter } from '../../../core/bulk/schemas';
import { ATMOSPHERES } from '../../../core/enums';
import { useCan } from '../../components/access';
import { AtmosphereChip } from '../../components/Chips';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { post } from '../../http/client';
import type { CustomField, Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import {
  CustomColumnCells,
  CustomColumnHeaders,
  CustomColumnPicker,
  useCustomColumns,
} from '../custom-fields/CustomFieldColumns';
import { CustomFieldFilters } from '../custom-fields/CustomFieldFilters';
import { customFilters } from '../custom-fields/values';
import { ExportLinks } from '../export/ExportLinks';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu';
import { enabledStaff, useOwnerOptions } from '../users/queries';
import { SearchBox, useReturnFocus } from './form-helpers';
import { useWorkplaceText } from './messages';
import { useEstablishments, useInvalidateWorkplace, useWorkplaces, workplaceKeys } from './queries';
import { RateBar } from './RateBar';
import {
  useWorkplaceSelection,
  WorkplaceBulkBar,
  WorkplaceSelectButton,
  WorkplaceSelectCell,
  WorkplaceSelectHeader,
  type WorkplaceSelectionState,
  WorkplaceSelectTools,
} from './WorkplaceBulkBar';
import { valuesOf, WorkplaceForm } from './WorkplaceForm';
import './workplaces.css';

const LIMIT = 50;
const SORTS = [
  'name',
  '-organizationRate',
  'organizationRate',
  '-memberCount',
  'atmosphere',
  '-atmosphere',
] as const;
type SortOption = (typeof SORTS)[number];

export default function WorkplaceListPage() {
  const { t, formatDate } = useI18n();
  const w = useWorkplaceText();
  const [params, setParams] = useSearchParams();
  const mayCreate = useCan('records.write');
  const [creating, setCreating] = useState(false);
  const toggle = useReturnFocus();
  const headingId = useId();

  const q = params.get('q') ?? '';
  const atmosphere = params.get('atmosphere') ?? '';
  const establishment = params.get('establishment') ?? '';
  // 担当者 (自分の担当だけ sets it to the signed-in user: mine=1).
  const ownerId = params.get('ownerId') ?? '';
  const sortParam = params.get('sort') ?? 'name';
  const sort: SortOption = (SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as SortOption)
    : 'name';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const cf = customFilters(params);
  const customColumns = useCustomColumns('workplace', params);

  const list = useWorkplaces({
    q: q || undefined,
    atmosphere: atmosphere || undefined,
    establishment: establishment || undefined,
    sort,
    ownerId: ownerId || undefined,
    offset: offset || undefined,
    limit: LIMIT,
    ...cf,
  });
  const establishments = useEstablishments();
  // Bulk actions (issue 17): the list's filters are the selection 「条件に合う全N件」.
  const bulk = useWorkplaceSelection({
    q: q || undefined,
    atmosphere: (atmosphere || undefined) as BulkWorkplaceFilter['atmosphere'],
    establishment: establishment || undefined,
    ownerId: ownerId || undefined,
    ...cf,
  });

  /** Any filter change starts again from the first page. */
  const update = (key: string, value: string) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'offset') next.delete('offset');
        return next;
      },
      // Typing a search replaces the entry; choosing a filter or a page adds one for back/forward.
      { replace: key === 'q' },
    );
  };
  const filtered = Boolean(q || atmosphere || establishment || Object.keys(cf).length);
  const establishmentOptions = [...(establishments.data ?? [])];
  if (establishment && !establishmentOptions.includes(establishment))
    establishmentOptions.unshift(establishment);

  return (
    <>
      <div className="page-header">
        <h1 id={headingId}>{w.listTitle}</h1>
        {list.data && <span className="muted">{w.count(list.data.total)}</span>}
        <ExportLinks kind="workplaces" filters={{ q, atmosphere, establishment, ownerId, sort, ...cf }} />
        <div className="actions">
          <WorkplaceSelectButton bulk={bulk} />
          {mayCreate && (
            <button
              type="button"
              className="primary"
              ref={toggle.ref}
              aria-expanded={creating}
              onClick={() => setCreating((c) => !c)}
            >
              + {w.newWorkplace}
            </button>
          )}
        </div>
      </div>

      <SavedViewsMenu list="workplaces" />
      {creating && mayCreate && (
        <CreateWorkplace
          onClose={() => {
            setCreating(false);
            toggle.returnFocus();
          }}
        />
      )}

      <section className="filters" aria-label={w.filters.label}>
        <div className="field field-search">
          <label htmlFor="wp-q">{w.filters.search}</label>
          <SearchBox id="wp-q" value={q} onSearch={(text) => update('q', text)} />
        </div>
        <div className="field">
          <label htmlFor="wp-atmosphere">{w.fields.atmosphere}</label>
          <select
            id="wp-atmosphere"
            value={atmosphere}
            onChange={(e) => update('atmosphere', e.target.value)}
          >
            <option value="">{t.common.all}</option>
            {ATMOSPHERES.map((a) => (
              <option key={a} value={a}>
                {t.enums.atmosphere[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="wp-establishment">{w.fields.establishment}</label>
          <select
            id="wp-establishment"
            value={establishment}
            onChange={(e) => update('establishment', e.target.value)}
          >
            <option value="">{t.common.all}</option>
            {establishmentOptions.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="wp-sort">{w.filters.sort}</label>
          <select
            id="wp-sort"
            value={sort}
            onChange={(e) => update('sort', e.target.value === 'name' ? '' : e.target.value)}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {w.filters.sortOptions[s]}
              </option>
            ))}
          </select>
        </div>
        <CustomFieldFilters entity="workplace" search={params} setSearch={setParams} />
        <CustomColumnPicker entity="workplace" search={params} setSearch={setParams} />
      </section>

      {bulk.selecting && list.data && (
        <WorkplaceBulkBar
          selection={bulk.selectionOf(list.data.total)}
          exportFilters={{ q, atmosphere, establishment, ownerId, sort, ...cf }}
          onDone={bulk.clear}
        />
      )}
      {bulk.selecting && list.data && list.data.items.length > 0 && (
        <WorkplaceSelectTools
          bulk={bulk}
          pageIds={list.data.items.map((x) => x.id)}
          total={list.data.total}
        />
      )}

      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => list.refetch()}>
        {list.data && list.data.items.length === 0 ? (
          <EmptyState>{filtered ? t.common.noResults : t.common.empty}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-labelledby={headingId} className="wp-table">
              <thead>
                <tr>
                  {bulk.selecting && <WorkplaceSelectHeader />}
                  <th scope="col">{w.fields.name}</th>
                  <th scope="col" className="hide-narrow">
                    {w.fields.establishment}
                  </th>
                  <th scope="col">{w.fields.organizationRate}</th>
                  <th scope="col" className="num">
                    {w.fields.membersOverEmployees}
                  </th>
                  <th scope="col">{w.fields.atmosphere}</th>
                  <th scope="col" className="hide-narrow">
                    {w.fields.lastMeetingOn}
                    {w.paren(w.fields.participationRate)}
                  </th>
                  <th scope="col" className="hide-narrow">
                    {w.fields.owner}
                  </th>
                  <CustomColumnHeaders columns={customColumns} />
                </tr>
              </thead>
              <tbody>
                {list.data?.items.map((wp) => (
                  <WorkplaceRow
                    key={wp.id}
                    workplace={wp}
                    formatDate={formatDate}
                    customColumns={customColumns}
                    bulk={bulk}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && (
          <Pagination
            offset={offset}
            limit={LIMIT}
            total={list.data.total}
            onOffset={(o) => update('offset', o ? String(o) : '')}
          />
        )}
      </QueryState>
    </>
  );
}

function WorkplaceRow({
  workplace: wp,
  formatDate,
  customColumns,
  bulk,
}: {
  workplace: Workplace;
  formatDate: (d: string | null) => string;
  customColumns: readonly CustomField[];
  bulk: WorkplaceSelectionState;
}) {
  const { t } = useI18n();
  const w = useWorkplaceText();
  return (
    <tr>
      {bulk.selecting && <WorkplaceSelectCell bulk={bulk} id={wp.id} name={wp.name} />}
      <th scope="row">
        <Link to={`/workplaces/${wp.id}`}>{wp.name}</Link>
        {wp.nameKana && <small className="wp-kana">{wp.nameKana}</small>}
      </th>
      <td className="hide-narrow">{wp.establishment ?? <span className="muted">—</span>}</td>
      <td>
        <RateBar rate={wp.organizationRate} />
      </td>
      <td className="num">
        {wp.memberCount} / {wp.employeeCount ?? '—'}
      </td>
      <td>
        <AtmosphereChip value={wp.atmosphere} />
      </td>
      <td className="hide-narrow">
        {wp.lastMeetingOn ? (
          <>
            {formatDate(wp.lastMeetingOn)}
            {wp.lastMeetingParticipationRate != null && (
              <span className="muted">{w.paren(t.common.percent(wp.lastMeetingParticipationRate))}</span>
            )}
          </>
        ) : (
          <span className="muted">{w.noMeeting}</span>
        )}
      </td>
      <td className="hide-narrow">{wp.ownerName ?? <span className="muted">{w.unassigned}</span>}</td>
      <CustomColumnCells columns={customColumns} values={wp.customFields} />
    </tr>
  );
}

function CreateWorkplace({ onClose }: { onClose: () => void }) {
  const w = useWorkplaceText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWorkplace();
  // A new workplace is in no rep's workplaces yet: reps are not offered as its owner.
  const owners = useOwnerOptions(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<Workplace>('/workplaces', body),
    onSuccess: async (created) => {
      queryClient.setQueryData(workplaceKeys.detail(created.id), created);
      await invalidate();
      navigate(`/workplaces/${created.id}`);
    },
  });
  return (
    <WorkplaceForm
      mode="create"
      title={w.newWorkplaceTitle}
      initial={valuesOf()}
      staff={enabledStaff(owners.data)}
      error={create.error}
      pending={create.isPending}
      onSubmit={(body) => create.mutate(body)}
      onCancel={onClose}
    />
  );
}
