import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useDataProtectionText } from './data-protection-messages';

/** The router state the member page leaves for the list after an erasure (no personal data in it). */
export const erasedNavigationState = { memberErased: true } as const;

const arrivedAfterErasure = (state: unknown) =>
  typeof state === 'object' && state !== null && (state as { memberErased?: unknown }).memberErased === true;

/**
 * On the member list: "the member's data was erased", once, after an erasure sent the
 * user here. The live region is on the page before its text, so it is announced, and the
 * message takes focus (the page the user acted on is gone). The router state is cleared
 * at once, so a reload or Back does not say it again.
 */
export function ErasedNotice() {
  const d = useDataProtectionText();
  const location = useLocation();
  const navigate = useNavigate();
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  const arrived = arrivedAfterErasure(location.state);

  useEffect(() => {
    if (!arrived) return;
    setShown(true);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [arrived, navigate, location.pathname, location.search]);

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);

  return (
    <div role="status" aria-live="polite">
      {shown && (
        <p ref={ref} tabIndex={-1} className="alert alert-ok">
          <span aria-hidden="true">✓ </span>
          {d.erased}
        </p>
      )}
    </div>
  );
}
