import { Link } from 'react-router';
import { useDashboardText } from './messages';

export function WorkplaceName({ id, name }: { id: string | null; name: string | null }) {
  const text = useDashboardText();
  if (!id || !name) return <span className="muted">{text.noWorkplace}</span>;
  return <Link to={`/workplaces/${id}`}>{name}</Link>;
}
