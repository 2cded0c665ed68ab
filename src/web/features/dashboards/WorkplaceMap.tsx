import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ENGAGEMENTS, type Engagement } from '../../../core/enums';
import { AtmosphereChip, EngagementChip } from '../../components/Chips';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useDashboardText } from './messages';
import type { WorkplaceMapRow } from './queries';
import { ShowMore } from './ShowMore';
import { useCollapsed } from './use-collapsed';

// A federation has thousands of workplaces; the API's order puts the ones that
// need attention (split risk, indifferent) first, so the first rows are the ones to read.
const MAP_ROWS = 50;

/** The member list filtered to one cell of the map (the list page reads these URL params). */
export function memberListHref(workplaceId: string, engagement?: Engagement, mine = false): string {
  const params = new URLSearchParams({ workplaceId });
  if (engagement) params.set('engagement', engagement);
  params.set('status', 'active');
  // 自分の担当だけ on the dashboard: the list of the same members (the list resolves mine=1).
  if (mine) params.set('mine', '1');
  return `/members?${params}`;
}

/** 0–4: how large a share of the workplace's members the cell holds (the shade; the number is the meaning). */
export function heatLevel(count: number, memberCount: number): number {
  if (count <= 0 || memberCount <= 0) return 0;
  const share = count / memberCount;
  if (share < 0.1) return 1;
  if (share < 0.25) return 2;
  if (share < 0.45) return 3;
  return 4;
}

/**
 * 職場別の関与度・雰囲気マップ as a table with shaded cells: a heat map that a
 * screen reader reads cell by cell and a printer prints as it is. The API puts
 * split-risk and indifferent workplaces first.
 */
export function WorkplaceMap({ rows }: { rows: WorkplaceMapRow[] }) {
  const { t } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const mine = useSearchParams()[0].get('mine') === '1';
  const tableId = useId();
  const shown = useCollapsed(rows, MAP_ROWS);
  if (rows.length === 0) return <EmptyState>{w.emptyMap}</EmptyState>;
  return (
    <>
      <div className="table-wrap dash-map-wrap">
        <table id={tableId} className="dash-map">
          <caption className="visually-hidden">{w.mapCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="dash-map-name">
                {w.cols.workplace}
              </th>
              {ENGAGEMENTS.map((e) => (
                <th scope="col" key={e} className="dash-map-head">
                  <EngagementChip value={e} />
                </th>
              ))}
              <th scope="col" className="num">
                {w.cols.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.visible.map((row) => (
              <tr key={row.workplaceId} data-testid="map-row" data-atmosphere={row.atmosphere}>
                <th scope="row" className="dash-map-name">
                  <Link to={`/workplaces/${row.workplaceId}`}>{row.name}</Link>
                  <span className="dash-map-atm">
                    <span className="visually-hidden">{w.cols.atmosphere}</span>
                    <AtmosphereChip value={row.atmosphere} />
                  </span>
                </th>
                {ENGAGEMENTS.map((e) => {
                  const n = row.counts[e];
                  return (
                    <td
                      key={e}
                      className={`num dash-heat dash-heat-${e} dash-heat-l${heatLevel(n, row.memberCount)}`}
                      data-engagement={e}
                    >
                      <Link
                        to={memberListHref(row.workplaceId, e, mine)}
                        aria-label={w.cellLabel(row.name, t.enums.engagement[e], n)}
                      >
                        {n}
                      </Link>
                    </td>
                  );
                })}
                <td className="num dash-map-total">
                  <Link
                    to={memberListHref(row.workplaceId, undefined, mine)}
                    aria-label={w.totalLabel(row.name, row.memberCount)}
                  >
                    {row.memberCount}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.collapsible && (
        <ShowMore
          total={rows.length}
          rows={MAP_ROWS}
          expanded={shown.expanded}
          onToggle={shown.toggle}
          controls={tableId}
        />
      )}
    </>
  );
}
