import { useQueries, useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DemandBreakdown as Breakdown, LinkEventSource } from '../../../core/demands/breakdown';
import type { Engagement } from '../../../core/enums';
import { EngagementChip } from '../../components/Chips';
import { EmptyState, QueryState } from '../../components/QueryState';
import { get, type Page } from '../../http/client';
import type { DemandMember } from '../../http/types';
import { formatPlainDate, useI18n } from '../../i18n/I18nProvider';
import { Chart, prefersReducedMotion } from '../dashboards/charts/Chart';
import { ChartWithTable } from '../dashboards/charts/ChartWithTable';
import { ACCENT, type ChartOption, tooltipHtml } from '../dashboards/charts/options';
import { useBreakdownText } from './breakdown-messages';
import './breakdown.css';
import { demandKeys } from './queries';

// What a demand's 関連組合員数 is made of (GET /api/demands/:id/breakdown): the counts by
// workplace, 職種, 等級, engagement and union role, each a link to the members it counts
// (the drill-down: GET /api/demands/:id/members?counted=true&…), and the links over the season.

export type BreakdownDim = 'workplace' | 'jobType' | 'grade' | 'engagement' | 'unionRole';
const DIMS: readonly BreakdownDim[] = ['workplace', 'jobType', 'grade', 'engagement', 'unionRole'];

/** One figure's members: a dimension and its value (null: 未設定), or every counted member. */
export type Drill = { by: BreakdownDim; value: string | null } | { by: 'all' };

/** Under the demand's detail key: a link, an unlink or an edit of the demand refreshes it. */
export const breakdownKey = (id: string) => [...demandKeys.detail(id), 'breakdown'] as const;

export function useDemandBreakdown(id: string) {
  return useQuery({ queryKey: breakdownKey(id), queryFn: () => get<Breakdown>(`/demands/${id}/breakdown`) });
}

/** The page's search for a drill-down (`?by=jobType&value=製造`, `?by=grade&unset=1`). */
export function drillSearch(drill: Drill): string {
  const params = new URLSearchParams({ by: drill.by });
  if (drill.by !== 'all') {
    if (drill.value === null) params.set('unset', '1');
    else params.set('value', drill.value);
  }
  return `?${params}`;
}

/** The drill-down a page's search names, or null. */
export function drillOf(params: URLSearchParams): Drill | null {
  const by = params.get('by');
  if (by === 'all') return { by: 'all' };
  if (!DIMS.includes(by as BreakdownDim)) return null;
  const value = params.get('value');
  if (value === null && params.get('unset') !== '1') return null;
  return { by: by as BreakdownDim, value };
}

/** The member list's query for a drill-down: exactly the members the figure counts. */
export function drillQuery(drill: Drill): Record<string, string> {
  const query: Record<string, string> = { counted: 'true' };
  if (drill.by === 'all') return query;
  const field = drill.by === 'workplace' ? 'workplaceId' : drill.by;
  if (drill.value !== null) query[field] = drill.value;
  else query.unset = drill.by;
  return query;
}

type Row = { key: string | null; label: string; count: number; workplace?: Breakdown['workplaces'][number] };

/** Each dimension's rows, labelled (未設定 for null). */
function useRows(b: Breakdown): Record<BreakdownDim, Row[]> {
  const { t } = useI18n();
  const text = useBreakdownText();
  const label = (v: string | null) => v ?? text.unset;
  return {
    workplace: b.workplaces.map((w) => ({
      key: w.workplaceId,
      label: w.workplaceId === null ? text.unset : (w.workplaceName ?? ''),
      count: w.count,
      workplace: w,
    })),
    jobType: b.jobTypes.map((r) => ({ key: r.value, label: label(r.value), count: r.count })),
    grade: b.grades.map((r) => ({ key: r.value, label: label(r.value), count: r.count })),
    engagement: b.engagements.map((r) => ({
      key: r.value,
      label: t.enums.engagement[r.value],
      count: r.count,
    })),
    unionRole: b.unionRoles.map((r) => ({ key: r.value, label: t.enums.unionRole[r.value], count: r.count })),
  };
}

const percent = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);

function ValueCell({ dim, row }: { dim: BreakdownDim; row: Row }) {
  if (dim === 'engagement') return <EngagementChip value={row.key as Engagement} />;
  if (row.key === null) return <span className="muted">{row.label}</span>;
  return <>{row.label}</>;
}

function DimensionTable({
  dim,
  rows,
  linkTo,
}: {
  dim: BreakdownDim;
  rows: Row[];
  linkTo: (drill: Drill) => string;
}) {
  const text = useBreakdownText();
  const isWorkplace = dim === 'workplace';
  return (
    <div className="dm-bd-dim" data-testid={`breakdown-${dim}`}>
      <h3 id={`dm-bd-${dim}`}>{text.dims[dim]}</h3>
      <div className="table-wrap">
        <table aria-labelledby={`dm-bd-${dim}`}>
          <thead>
            <tr>
              <th scope="col">{text.dims[dim]}</th>
              <th scope="col" className="num">
                {text.cols.count}
              </th>
              {isWorkplace && (
                <>
                  <th scope="col" className="num">
                    {text.cols.memberCount}
                  </th>
                  <th scope="col" className="num">
                    {text.cols.share}
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key ?? ''} data-key={row.key ?? 'unset'}>
                <th scope="row">
                  <ValueCell dim={dim} row={row} />
                </th>
                <td className="num">
                  <Link
                    to={linkTo({ by: dim, value: row.key })}
                    aria-label={text.countLink(`${text.dims[dim]}「${row.label}」`, row.count)}
                    data-testid="breakdown-count"
                  >
                    {text.people(row.count)}
                  </Link>
                </td>
                {isWorkplace && (
                  <>
                    <td className="num">
                      {row.workplace?.memberCount == null ? '—' : text.people(row.workplace.memberCount)}
                    </td>
                    <td className="num">
                      {row.workplace?.share == null ? '—' : text.share(percent(row.workplace.share))}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function sourceList(
  counts: Partial<Record<LinkEventSource, number>>,
  names: Record<LinkEventSource, string>,
) {
  return Object.entries(counts)
    .map(([source, n]) => `${names[source as LinkEventSource]} ${n}`)
    .join('・');
}

function historyOption(width: number, points: Breakdown['history']['points'], labels: string[]): ChartOption {
  const narrow = width < 560;
  return {
    animation: !prefersReducedMotion(),
    grid: { left: 44, right: narrow ? 12 : 24, top: 16, bottom: 36 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return labels[p?.dataIndex ?? 0] ?? '';
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.date.slice(5)),
      boundaryGap: false,
      axisLabel: { hideOverlap: true, fontSize: 12 },
    },
    yAxis: { type: 'value', min: 0, minInterval: 1 },
    series: [
      {
        type: 'line',
        step: 'end',
        data: points.map((p) => p.count),
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { color: ACCENT, width: 2 },
        itemStyle: { color: ACCENT },
      },
    ],
  };
}

function History({ history }: { history: Breakdown['history'] }) {
  const { lang } = useI18n();
  const text = useBreakdownText();
  const points = history.points;
  const date = (d: string) => formatPlainDate(d, lang);
  const labels = points.map((p) =>
    tooltipHtml(date(p.date), [
      `${text.historyCount} ${p.count}`,
      ...(Object.keys(p.links).length ? [`${text.historyLinks}: ${sourceList(p.links, text.sources)}`] : []),
      ...(Object.keys(p.unlinks).length
        ? [`${text.historyUnlinks}: ${sourceList(p.unlinks, text.sources)}`]
        : []),
    ]),
  );
  const build = useCallback((width: number) => historyOption(width, points, labels), [points, labels]);
  const days = points.filter((p) => Object.keys(p.links).length || Object.keys(p.unlinks).length);
  return (
    <div className="dm-bd-history" data-testid="breakdown-history">
      <h3>{text.historyTitle}</h3>
      {history.from === null || points.length === 0 ? (
        <EmptyState>{text.historyEmpty}</EmptyState>
      ) : (
        <>
          <p className="muted">{text.historyIntro(date(history.from), date(history.to ?? history.from))}</p>
          <ChartWithTable
            chart={
              <Chart
                label={text.historyChart(
                  date(points[0]!.date),
                  date(points.at(-1)!.date),
                  points[0]!.count,
                  points.at(-1)!.count,
                )}
                height={220}
                build={build}
              />
            }
            table={
              days.length === 0 ? (
                <p className="muted">{text.historyNoEvents}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption className="muted">{text.historyTable}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{text.historyDay}</th>
                        <th scope="col" className="num">
                          {text.historyCount}
                        </th>
                        <th scope="col">{text.historyLinks}</th>
                        <th scope="col">{text.historyUnlinks}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {days.map((p) => (
                        <tr key={p.date} data-date={p.date}>
                          <th scope="row">{date(p.date)}</th>
                          <td className="num">{p.count}</td>
                          <td>{sourceList(p.links, text.sources)}</td>
                          <td>{sourceList(p.unlinks, text.sources)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          />
        </>
      )}
    </div>
  );
}

const DRILL_LIMIT = 500;

/** The members one figure counts, from the demand's member list with the figure's filter. */
function DrillDown({
  demandId,
  drill,
  rows,
  onClose,
}: {
  demandId: string;
  drill: Drill;
  rows: Record<BreakdownDim, Row[]>;
  onClose: () => void;
}) {
  const text = useBreakdownText();
  const query = drillQuery(drill);
  const members = useQuery({
    queryKey: [...demandKeys.members(demandId), 'drill', query],
    queryFn: () => get<Page<DemandMember>>(`/demands/${demandId}/members`, { ...query, limit: DRILL_LIMIT }),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify(query);
  // Opened by a link: take the user (and the screen reader) to the list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when the figure changes
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [key]);
  // The row's own label; a figure no longer in the breakdown (the URL kept from before) says its value.
  const label =
    drill.by === 'all'
      ? text.drillAll
      : text.drillTitle(
          text.dims[drill.by],
          rows[drill.by].find((r) => r.key === drill.value)?.label ?? drill.value ?? text.unset,
        );
  return (
    <section className="dm-bd-drill" aria-labelledby="dm-bd-drill-title" data-testid="breakdown-drill">
      <div className="dm-section-header">
        <h3 id="dm-bd-drill-title" ref={heading} tabIndex={-1}>
          {label}
          {members.data && <span className="muted"> {text.people(members.data.total)}</span>}
        </h3>
        <button type="button" onClick={onClose}>
          {text.drillClose}
        </button>
      </div>
      <QueryState isLoading={members.isLoading} error={members.error} onRetry={() => members.refetch()}>
        {members.data &&
          (members.data.items.length === 0 ? (
            <EmptyState>{text.drillEmpty}</EmptyState>
          ) : (
            <>
              {members.data.total > members.data.items.length && (
                <p className="alert alert-warning">
                  {text.drillTruncated(members.data.items.length, members.data.total)}
                </p>
              )}
              <ul className="dm-members" data-testid="breakdown-drill-members">
                {members.data.items.map((m) => (
                  <li key={m.id}>
                    <Link to={`/members/${m.id}`}>{m.name}</Link>
                    <span className="muted">{m.workplaceName ?? text.unset}</span>
                    <EngagementChip value={m.engagement} />
                  </li>
                ))}
              </ul>
            </>
          ))}
      </QueryState>
    </section>
  );
}

/** The demand page's section: every dimension's table, the drill-down the URL names, the history. */
export function DemandBreakdown({ demandId }: { demandId: string }) {
  const text = useBreakdownText();
  const breakdown = useDemandBreakdown(demandId);
  const [params, setParams] = useSearchParams();
  const drill = drillOf(params);
  return (
    <section
      className="card dm-section dm-breakdown"
      aria-labelledby="dm-bd-title"
      data-testid="demand-breakdown"
    >
      <h2 id="dm-bd-title">{text.title}</h2>
      <QueryState isLoading={breakdown.isLoading} error={breakdown.error} onRetry={() => breakdown.refetch()}>
        {breakdown.data && (
          <BreakdownBody
            breakdown={breakdown.data}
            demandId={demandId}
            drill={drill}
            onClose={() =>
              setParams(
                (p) => {
                  for (const k of ['by', 'value', 'unset']) p.delete(k);
                  return p;
                },
                { preventScrollReset: true },
              )
            }
          />
        )}
      </QueryState>
    </section>
  );
}

function BreakdownBody({
  breakdown,
  demandId,
  drill,
  onClose,
}: {
  breakdown: Breakdown;
  demandId: string;
  drill: Drill | null;
  onClose: () => void;
}) {
  const text = useBreakdownText();
  const rows = useRows(breakdown);
  const linkTo = (d: Drill) => drillSearch(d);
  return (
    <>
      {breakdown.total === 0 ? (
        <EmptyState>{text.empty}</EmptyState>
      ) : (
        <>
          <p className="muted">
            {text.intro(breakdown.total)}{' '}
            <Link to={linkTo({ by: 'all' })} preventScrollReset>
              {text.drillAll}
            </Link>
          </p>
          <div className="dm-bd-grid">
            {DIMS.map((dim) => (
              <DimensionTable key={dim} dim={dim} rows={rows[dim]} linkTo={linkTo} />
            ))}
          </div>
        </>
      )}
      {drill && <DrillDown demandId={demandId} drill={drill} rows={rows} onClose={onClose} />}
      <History history={breakdown.history} />
    </>
  );
}

// ---------------------------------------------------------------- the monthly dashboard and report

const COMPACT_TOP = 3;

function CompactLine({
  title,
  rows,
  render,
}: {
  title: string;
  rows: Row[];
  render: (row: Row) => ReactNode;
}) {
  const text = useBreakdownText();
  if (rows.length === 0) return null;
  const shown = rows.slice(0, COMPACT_TOP);
  return (
    <>
      <dt>{title}</dt>
      <dd>
        {shown.map((row, i) => (
          <span key={row.key ?? ''} className="dm-bd-item">
            {i > 0 && '・'}
            {render(row)}
          </span>
        ))}
        {rows.length > shown.length && (
          <span className="muted"> {text.compactMore(rows.length - shown.length)}</span>
        )}
      </dd>
    </>
  );
}

function CompactBreakdown({
  demandId,
  title,
  breakdown,
  links,
}: {
  demandId: string;
  title: string;
  breakdown: Breakdown;
  links: boolean;
}) {
  const text = useBreakdownText();
  const rows = useRows(breakdown);
  const figure = (dim: BreakdownDim, row: Row, body: ReactNode) =>
    links ? (
      <Link
        to={`/demands/${demandId}${drillSearch({ by: dim, value: row.key })}`}
        aria-label={text.countLink(`${title}・${text.dims[dim]}「${row.label}」`, row.count)}
      >
        {body}
      </Link>
    ) : (
      body
    );
  return (
    <dl className="dm-bd-compact facts">
      <CompactLine
        title={text.dims.workplace}
        rows={rows.workplace}
        render={(row) =>
          figure(
            'workplace',
            row,
            <>
              {row.label} {text.people(row.count)}
              {row.workplace?.share != null && `（${text.share(percent(row.workplace.share))}）`}
            </>,
          )
        }
      />
      {(['jobType', 'grade', 'engagement', 'unionRole'] as const).map((dim) => (
        <CompactLine
          key={dim}
          title={text.dims[dim]}
          rows={rows[dim]}
          render={(row) => figure(dim, row, `${row.label} ${text.people(row.count)}`)}
        />
      ))}
    </dl>
  );
}

/**
 * Each ranked demand's breakdown, compact (the top workplaces with their share, then the
 * other dimensions): on the dashboard every figure opens the demand page's drill-down; on
 * paper (`links` false) it is text.
 */
export function DemandBreakdownList({
  demands,
  links = true,
}: {
  demands: readonly { demandId: string; title: string; relatedMemberCount: number }[];
  links?: boolean;
}) {
  const text = useBreakdownText();
  const shown = demands.filter((d) => d.relatedMemberCount > 0);
  const results = useQueries({
    queries: shown.map((d) => ({
      queryKey: breakdownKey(d.demandId),
      queryFn: () => get<Breakdown>(`/demands/${d.demandId}/breakdown`),
    })),
  });
  if (shown.length === 0) return null;
  return (
    <div className="dm-bd-list" data-testid="demand-breakdowns">
      <h3>{text.compactTitle}</h3>
      <ul>
        {shown.map((d, i) => {
          const r = results[i]!;
          return (
            <li key={d.demandId} data-demand={d.demandId}>
              <p className="dm-bd-list-title">
                {links ? (
                  <Link to={`/demands/${d.demandId}`} aria-label={text.compactOpen(d.title)}>
                    {d.title}
                  </Link>
                ) : (
                  d.title
                )}{' '}
                <span className="muted">{text.people(d.relatedMemberCount)}</span>
              </p>
              <QueryState isLoading={r.isLoading} error={r.error} onRetry={() => r.refetch()}>
                {r.data && (
                  <CompactBreakdown demandId={d.demandId} title={d.title} breakdown={r.data} links={links} />
                )}
              </QueryState>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
