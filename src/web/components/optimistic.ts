import { useOptimistic, useTransition } from 'react';

/**
 * A control whose value lives in the URL (a filter tick, a column choice) shows the user's
 * choice at once: the URL changes in a transition (the router's), and until the page has
 * re-rendered with it the control shows the optimistic value instead of its old one.
 * Answers the value to show and `change(next, apply)`, where `apply` changes the URL.
 */
export function useOptimisticValue<T>(actual: T) {
  const [shown, setShown] = useOptimistic(actual);
  const [, startTransition] = useTransition();
  const change = (next: T, apply: () => void) =>
    startTransition(() => {
      setShown(next);
      apply();
    });
  return [shown, change] as const;
}
