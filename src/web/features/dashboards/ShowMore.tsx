import { useDashboardText } from './messages';

export function ShowMore({
  total,
  expanded,
  onToggle,
  controls,
}: {
  total: number;
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
      {expanded ? text.showFewer : text.showAll(total)}
    </button>
  );
}
