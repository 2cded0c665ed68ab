import { useDashboardText } from './messages';
import { COLLAPSED_ROWS } from './use-collapsed';

export function ShowMore({
  total,
  expanded,
  onToggle,
  controls,
  rows = COLLAPSED_ROWS,
}: {
  total: number;
  /** How many stay visible when collapsed (the useCollapsed limit). */
  rows?: number;
  expanded: boolean;
  onToggle: () => void;
  controls: string;
}) {
  const text = useDashboardText();
  return (
    <button
      type="button"
      className="link-button dash-show-more"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
    >
      {expanded ? text.showFewer(rows) : text.showAll(total)}
    </button>
  );
}
