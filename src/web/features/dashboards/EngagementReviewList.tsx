import { Link } from 'react-router';
import type { Engagement } from '../../../core/enums';
import { EngagementChip } from '../../components/Chips';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useEngagementReviewMessages } from '../members/engagement-review-messages';
import { useDashboardText } from './messages';
import type { WeeklyDashboard } from './queries';
import { ListFooter } from './ShowMore';
import { useCollapsed } from './use-collapsed';
import { WorkplaceName } from './WorkplaceName';

type Row = WeeklyDashboard['engagementReviews'][number];

const ja = {
  title: '関与度の見直し',
  intro:
    '職場集会の出席（出席を記録した直近4回）と記録されている関与度が食い違う組合員です。組合員のページで確認してから変更してください（自動では変わりません）。',
  empty: '見直しが必要な組合員はいません',
  reason: '理由',
};
const en: typeof ja = {
  title: 'Engagement review',
  intro:
    'Members whose attendance at the last 4 meetings with recorded attendance disagrees with their recorded engagement. Check on the member’s page before changing it (nothing changes by itself).',
  empty: 'No member to review',
  reason: 'Reason',
};

export function useReviewListText() {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}

/** 関与度の見直し on the weekly dashboard: as the API orders them (by workplace, then name). */
export function EngagementReviewList({ items, total }: { items: Row[]; total: number }) {
  const text = useDashboardText();
  const w = text.weekly;
  const l = useReviewListText();
  const r = useEngagementReviewMessages();
  const rows = useCollapsed(items);
  if (items.length === 0) return <EmptyState>{l.empty}</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table id="dash-engagement-review-table" className="dash-table dash-stack">
          <thead>
            <tr>
              <th scope="col">{w.cols.member}</th>
              <th scope="col">{l.reason}</th>
              <th scope="col">{w.cols.workplace}</th>
            </tr>
          </thead>
          <tbody>
            {rows.visible.map((row) => (
              <tr key={row.memberId} data-testid="engagement-review">
                <th scope="row" className="dash-name">
                  <Link to={`/members/${row.memberId}`}>{row.name}</Link>
                </th>
                <td data-label={l.reason}>
                  {row.suggestedDirection === 'up' ? r.up(row.attended, row.of) : r.down(row.of)}{' '}
                  <EngagementChip value={row.engagement as Engagement} />
                </td>
                <td data-label={w.cols.workplace}>
                  <WorkplaceName id={row.workplaceId} name={row.workplaceName} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter rows={rows} shown={items.length} total={total} controls="dash-engagement-review-table" />
    </>
  );
}

/** The weekly dashboard's 関与度の見直し card. */
export function EngagementReviewSection({ items, total }: { items: Row[]; total: number }) {
  const text = useDashboardText();
  const l = useReviewListText();
  return (
    <section
      id="dash-engagement-review"
      className="card dash-section"
      aria-labelledby="dash-engagement-review-title"
    >
      <h2 id="dash-engagement-review-title">
        {l.title} <span className="dash-count">{text.people(total)}</span>
      </h2>
      <p className="muted dash-intro">{l.intro}</p>
      <EngagementReviewList items={items} total={total} />
    </section>
  );
}
