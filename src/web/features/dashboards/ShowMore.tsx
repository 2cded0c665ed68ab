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

/**
 * Under a dashboard list: 「すべて表示」 when it is collapsed to its first rows, and the note that
 * the server sent only the first `shown` of `total`.
 */
export function ListFooter({
  rows,
  shown,
  total,
  controls,
}: {
  rows: { collapsible: boolean; expanded: boolean; toggle: () => void };
  shown: number;
  total: number;
  controls: string;
}) {
  const text = useDashboardText();
  return (
    <>
      {rows.collapsible && (
        <ShowMore total={shown} expanded={rows.expanded} onToggle={rows.toggle} controls={controls} />
      )}
      {total > shown && <p className="muted">{text.truncated(shown, total)}</p>}
    </>
  );
}
