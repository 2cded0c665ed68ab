import { useSearchParams } from 'react-router';
import { useOptimisticValue } from '../../components/optimistic';
import { useSavedViewText } from './messages';
import './saved-views.css';

/**
 * 自分の担当だけ on the weekly and monthly dashboards: `mine=1` in the URL, which the page
 * passes to the API (the figures of the members the signed-in user owns). A drill-down open
 * is closed, as its list belongs to the other figures.
 */
export function DashboardMineToggle() {
  const s = useSavedViewText();
  const [search, setSearch] = useSearchParams();
  const [on, change] = useOptimisticValue(search.get('mine') === '1');
  const toggle = (checked: boolean) => {
    const next = new URLSearchParams(search);
    if (checked) next.set('mine', '1');
    else next.delete('mine');
    next.delete('listOffset');
    change(checked, () => setSearch(next));
  };
  return (
    <label className="mine-toggle dash-mine">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} /> {s.mine}
    </label>
  );
}
