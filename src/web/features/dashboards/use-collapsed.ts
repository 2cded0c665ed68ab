import { useState, useSyncExternalStore } from 'react';

export const COLLAPSED_ROWS = 10;

/** Set between beforeprint and afterprint (Chromium does not match `print` media while they run). */
let printing = false;

/** Whether the page is being printed (print preview, Ctrl+P, a PDF): printed lists show every row. */
function subscribePrint(onChange: () => void) {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
  const before = () => {
    printing = true;
    onChange();
  };
  const after = () => {
    printing = false;
    onChange();
  };
  query?.addEventListener?.('change', onChange);
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    query?.removeEventListener?.('change', onChange);
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
  };
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
