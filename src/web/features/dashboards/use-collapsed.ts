import { useState } from 'react';

export const COLLAPSED_ROWS = 10;

/** A long list shows its first rows until the user asks for all of them. */
export function useCollapsed<T>(items: T[], rows = COLLAPSED_ROWS) {
  const [expanded, setExpanded] = useState(false);
  const collapsible = items.length > rows;
  return {
    visible: expanded || !collapsible ? items : items.slice(0, rows),
    collapsible,
    expanded,
    toggle: () => setExpanded((e) => !e),
  };
}
