import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { NEGOTIATION_STATUSES, PRIORITIES } from '../../../core/enums';
import { useCan } from '../../components/access';
import { NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { post } from '../../http/client';
import type { Demand } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportLinks } from '../export/ExportLinks';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu';
import { useSurveyText } from '../surveys/messages';
import { SearchBox, todayIn, useReturnFocus } from '../workplaces/form-helpers';
import { DemandForm } from './DemandForm';
import { useDemandText } from './messages';
import { NegotiationDate } from './NegotiationDate';
import { demandKeys, useDemands, useInvalidateDemand } from './queries';
import { SeasonManager, SeasonSelect } from './SeasonManager';
import './demands.css';

const LIMIT = 50;

export default function DemandListPage() {
  const { t } = useI18n();
  const d = useDemandText();
  const [params, setParams] = useSearchParams();
  const mayCreate = useCan('demands.write');
  const mayManageSeasons = useCan('seasons.write');
  const mayBuildSurvey = useCan('surveys.write');
  const surveyText = useSurveyText();
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState(false);
  const toggle = useReturnFocus();
  const manageToggle = useReturnFocus();
  const headingId = useId();
  // Set by the demand page after a delete: said here, where the officer lands.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const priority = params.get('priority') ?? '';
  // No parameter: the current season (the API's default too).
  const season = params.get('season') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  // Bargaining power first: the demands most members hold lead (also the API's default).
  const filters = {
    season: season || undefined,
    q: q || undefined,
    status: status || undefined,
    priority: priority || undefined,
    sort: '-relatedMemberCount',
  };
  const list = useDemands({ ...filters, offset: offset || undefined, limit: LIMIT });
  // Bars compare with the demand most members hold under these filters, also on later pages.
  const top = useDemands({ ...filters, limit: 1 }, offset > 0);
  const items = list.data?.items ?? [];
  const max = Math.max(
    1,
    top.data?.items[0]?.relatedMemberCount ?? 0,
    ...items.map((i) => i.relatedMemberCount),
  );
  const today = todayIn();

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
  const filtered = Boolean(q || status || priority || season);

  return (
    <>
      <div className="page-header">
        <h1 id={headingId}>{d.listTitle}</h1>
        {list.data && <span className="muted">{d.count(list.data.total)}</span>}
        <ExportLinks kind="demands" filters={filters} />
        {(mayCreate || mayManageSeasons || mayBuildSurvey) && (
          <div className="actions">
            {/* The season's demands, preselected, as the choices of a new 要求アンケート. */}
            {mayBuildSurvey && (
              <Link
                className="button"
                to={`/surveys/new?preselect=1${season && season !== 'all' && season !== 'none' ? `&season=${season}` : ''}`}
              >
                {surveyText.createFromDemands}
              </Link>
            )}
            {mayManageSeasons && (
              <button
                type="button"
                ref={manageToggle.ref}
                aria-expanded={managing}
                onClick={() => setManaging((m) => !m)}
              >
                {d.seasonsManage}
              </button>
            )}
            {mayCreate && (
              <button
                type="button"
                className="primary"
                ref={toggle.ref}
                aria-expanded={creating}
                onClick={() => setCreating((c) => !c)}
              >
                + {d.newDemand}
              </button>
            )}
          </div>
        )}
      </div>
      <p className="muted dm-intro">{d.listIntro}</p>
      <SavedViewsMenu list="demands" />
      {notice && (
        <p role="status" className="alert alert-ok">
          {notice}
        </p>
      )}

      {managing && mayManageSeasons && (
        <SeasonManager
          onClose={() => {
            setManaging(false);
            manageToggle.returnFocus();
          }}
        />
      )}

      {creating && mayCreate && (
        <CreateDemand
          onClose={() => {
            setCreating(false);
            toggle.returnFocus();
          }}
        />
      )}

      <section className="filters" aria-label={d.filters.label}>
        <div className="field">
          <label htmlFor="dm-season">{d.season}</label>
          <SeasonSelect id="dm-season" value={season} onChange={(value) => update('season', value)} />
        </div>
        <div className="field field-search">
          <label htmlFor="dm-q">{d.filters.search}</label>
          <SearchBox id="dm-q" value={q} onSearch={(text) => update('q', text)} />
        </div>
        <div className="field">
          <label htmlFor="dm-status">{d.fields.status}</label>
          <select id="dm-status" value={status} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t.common.all}</option>
            {NEGOTIATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.enums.negotiationStatus[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dm-priority">{d.fields.priority}</label>
          <select id="dm-priority" value={priority} onChange={(e) => update('priority', e.target.value)}>
            <option value="">{t.common.all}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t.enums.priority[p]}
              </option>
            ))}
          </select>
        </div>
      </section>

      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => list.refetch()}>
        {list.data && items.length === 0 ? (
          <EmptyState>{filtered ? t.common.noResults : t.common.empty}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-labelledby={headingId} className="dm-table">
              <thead>
                <tr>
                  <th scope="col" className="dm-count-col">
                    {d.fields.relatedMemberCount}
                  </th>
                  <th scope="col">{d.fields.title}</th>
                  <th scope="col">{d.fields.priority}</th>
                  <th scope="col">{d.fields.status}</th>
                  <th scope="col" className="hide-narrow">
                    {d.fields.nextNegotiationOn}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((demand) => (
                  <DemandRow
                    key={demand.id}
                    demand={demand}
                    max={max}
                    today={today}
                    showSeason={season === 'all'}
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

function DemandRow({
  demand,
  max,
  today,
  showSeason,
}: {
  demand: Demand;
  max: number;
  today: string;
  showSeason: boolean;
}) {
  const d = useDemandText();
  const pct = Math.round((demand.relatedMemberCount / max) * 100);
  return (
    <tr data-demand-id={demand.id}>
      <td className="dm-count-cell">
        <span className="dm-count">
          <span className="dm-count-num" data-testid="related-count">
            {d.membersCount(demand.relatedMemberCount)}
          </span>
          <span className="bar dm-bar" aria-hidden="true">
            <span style={{ width: `${pct}%` }} data-testid="count-bar" />
          </span>
        </span>
      </td>
      <th scope="row">
        <Link to={`/demands/${demand.id}`}>{demand.title}</Link>
        {showSeason && demand.seasonName && (
          <small className="muted dm-row-season">{demand.seasonName}</small>
        )}
      </th>
      <td>
        <PriorityChip value={demand.priority} />
      </td>
      <td>
        <NegotiationStatusChip value={demand.status} />
      </td>
      <td className="hide-narrow">
        <NegotiationDate demand={demand} today={today} />
      </td>
    </tr>
  );
}

function CreateDemand({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDemand();
  const create = useMutation({
    mutationFn: (body: object) => post<Demand>('/demands', body),
    onSuccess: async (created) => {
      queryClient.setQueryData(demandKeys.detail(created.id), created);
      await invalidate();
      navigate(`/demands/${created.id}`);
    },
  });
  return (
    <DemandForm
      error={create.error}
      pending={create.isPending}
      onSubmit={(body) => create.mutate(body)}
      onCancel={onClose}
    />
  );
}
