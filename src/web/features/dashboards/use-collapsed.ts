import { useState, useSyncExternalStore } from 'react';

export const COLLAPSED_ROWS = 10;

/** Whether the page is being printed (print preview, Ctrl+P, a PDF): printed lists show every row. */
function subscribePrint(onChange: () => void) {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
  query?.addEventListener?.('change', onChange);
  window.addEventListener('beforeprint', onChange);
  window.addEventListener('afterprint', onChange);
  return () => {
    query?.removeEventListener?.('change', onChange);
    window.removeEventListener('beforeprint', onChange);
    window.removeEventListener('afterprint', onChange);
  };
}
let printing = false;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    printing = true;
  });
  window.addEventListener('afterprint', () => {
    printing = false;
  });
}
const isPrinting = () =>
  printing || (typeof window.matchMedia === 'function' && window.matchMedia('print').matches);

export function usePrinting(): boolean {
  return useSyncExternalStore(subscribePrint, isPrinting, () => false);
}

/** A long list shows its first rows until the user asks for all of them (or prints the page). */
export function useCollapsed<T>(items: T[], rows = COLLAPSED_ROWS) {
  const [expanded, setExpanded] = useState(false);
  const printed = usePrinting();
  const collapsible = items.length > rows;
  return {
    visible: expanded || printed || !collapsible ? items : items.slice(0, rows),
    collapsible,
    expanded,
    toggle: () => setExpanded((e) => !e),
  };
}
