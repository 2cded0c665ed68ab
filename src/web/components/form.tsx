import { type RefObject, useEffect, useRef } from 'react';
import { ApiError } from '../http/client';
import { translateFieldError } from '../i18n/field-errors';
import { useI18n } from '../i18n/I18nProvider';

// Pieces every form shares: reading the server's answer and moving focus.

/** A 409 for a stale `version` (someone saved first), as opposed to a unique clash on a field. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.fields.version === 'stale';
}

/** The server's field messages, or none. */
export function serverFields(error: unknown): Record<string, string> {
  return error instanceof ApiError && !isStaleVersion(error) ? error.fields : {};
}

/** `milestoneYears.1` (one element of a list) belongs to the field `milestoneYears`. */
const belongsTo = (key: string, field: string) => key === field || key.startsWith(`${field}.`);

/**
 * The form-level message: the conflict notice (typed values stay in the form) with a
 * way to load the latest version, a summary when fields are marked (listing those the
 * form does not show, so none is lost), or the server's message.
 */
export function FormAlert({
  error,
  shownFields = [],
  onReload,
  translate,
}: {
  error: unknown;
  shownFields?: readonly string[];
  onReload?: () => void;
  translate?: (message: string) => string | undefined;
}) {
  const { t, lang } = useI18n();
  // A new error is brought into view (below the sticky top bar: html's scroll-padding-top),
  // so an officer who pressed 保存 at the bottom of a long form sees why nothing was saved.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  if (isStaleVersion(error)) {
    return (
      <div className="alert alert-warning" role="alert" ref={box}>
        <p className="alert-text">{t.common.conflict}</p>
        {onReload && (
          <button type="button" onClick={onReload}>
            {t.common.reloadLatest}
          </button>
        )}
      </div>
    );
  }
  const fields = serverFields(error);
  const names = Object.keys(fields);
  if (names.length) {
    const others = names.filter((n) => !shownFields.some((f) => belongsTo(n, f)));
    const say = translate ?? ((m: string) => translateFieldError(m, lang));
    return (
      <div className="alert alert-error" role="alert" ref={box}>
        <p className="alert-text">
          {others.length === names.length && error instanceof Error ? error.message : t.common.fieldErrors}
        </p>
        {others.length > 0 && (
          <ul>
            {others.map((n) => (
              <li key={n}>
                {n}
                {t.common.colon}
                {say(fields[n] ?? '')}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert" ref={box}>
      <p className="alert-text">{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}

/** Puts the keyboard in the first field (or the heading) of what was just opened. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * For a button that opens a form and is hidden while it is open: after the form closes,
 * focus goes back to the button instead of being lost at the top of the page.
 */
export function useReturnFocus() {
  const ref = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current && ref.current) {
      pending.current = false;
      ref.current.focus();
    }
  });
  return { ref, returnFocus: () => (pending.current = true) };
}
