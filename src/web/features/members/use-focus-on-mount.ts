import { useEffect, useRef } from 'react';

/**
 * Focus the element (a heading with tabIndex -1) when it appears: the button
 * that opened a form is gone, so keyboard and screen-reader users start here.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
