import type { Demand } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useDemandText } from './messages';

/** 次の交渉期日, marked in words (not colour alone) when it has passed and the demand is still open. */
export function NegotiationDate({ demand, today }: { demand: Demand; today: string }) {
  const { formatDate } = useI18n();
  const d = useDemandText();
  if (!demand.nextNegotiationOn) return <span className="muted">{d.noDate}</span>;
  const overdue = demand.status !== 'settled' && demand.nextNegotiationOn < today;
  return (
    <span className={overdue ? 'overdue' : undefined}>
      <time dateTime={demand.nextNegotiationOn}>{formatDate(demand.nextNegotiationOn)}</time>
      {overdue && <span className="dm-overdue-tag">{d.paren(d.overdue)}</span>}
    </span>
  );
}
