import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A confirmation a page shows once when another page sent the user here with router state
 * (「…のデータを消去しました」, 「…を統合しました」). The live region is on the page before its
 * text, so it is announced, and the message takes focus (the page the user acted on is gone).
 * The router state is cleared at once, so a reload or Back does not say it again.
 * `read` picks the notice out of the state (null: nothing to say); it holds no personal data
 * beyond what the page itself shows.
 */
export function ArrivalNotice<T>({
  read,
  text,
}: {
  read: (state: unknown) => T | null;
  text: (value: T) => string;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const [shown, setShown] = useState<T | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  // Compared as text: a new state object with the same notice is the same arrival.
  const arrived = JSON.stringify(read(location.state));

  useEffect(() => {
    const value = JSON.parse(arrived) as T | null;
    if (value === null) return;
    setShown(value);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [arrived, navigate, location.pathname, location.search]);

  useEffect(() => {
    if (shown !== null) ref.current?.focus();
  }, [shown]);

  return (
    <div role="status" aria-live="polite">
      {shown !== null && (
        <p ref={ref} tabIndex={-1} className="alert alert-ok">
          <span aria-hidden="true">✓ </span>
          {text(shown)}
        </p>
      )}
    </div>
  );
}
