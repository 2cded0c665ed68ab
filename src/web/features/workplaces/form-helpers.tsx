import { type InputHTMLAttributes, type RefObject, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';

// Small pieces the workplace and demand forms share.

/** A 409 for a stale `version` (someone saved first), as opposed to a unique clash on a field. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.fields.version === 'stale';
}

/** The server's field messages, or none. */
export function serverFields(error: unknown): Record<string, string> {
  return error instanceof ApiError && !isStaleVersion(error) ? error.fields : {};
}

/**
 * The form-level message: the conflict notice (typed values stay in the form) with a way
 * to load the latest version, a summary when fields are marked, or the plain error.
 * Field messages for fields the form does not show are listed here so none is lost.
 */
export function FormAlert({
  error,
  shownFields,
  onReload,
  translate,
}: {
  error: unknown;
  shownFields: readonly string[];
  onReload?: () => void;
  translate: (message: string) => string | undefined;
}) {
  const { t } = useI18n();
  if (!error) return null;
  if (isStaleVersion(error)) {
    return (
      <div className="alert alert-warning" role="alert">
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
    const others = names.filter((n) => !shownFields.includes(n));
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-text">{t.common.fieldErrors}</p>
        {others.length > 0 && (
          <ul>
            {others.map((n) => (
              <li key={n}>
                {n}: {translate(fields[n] ?? '')}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <p className="alert alert-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

/** '' → null, otherwise the trimmed text: the API clears optional fields with null. */
export const textOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** A count typed in a number input: '' → null (not given), otherwise the number as typed. */
export const countOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/**
 * A search box that reports what was typed after a pause, and never while an IME
 * composition is in progress (a half-converted 「たなか」 is not a query).
 */
export function SearchBox({
  value,
  onSearch,
  delay = 300,
  ...inputProps
}: {
  value: string;
  onSearch: (text: string) => void;
  delay?: number;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value);
  const [composing, setComposing] = useState(false);
  const emitted = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // Back/forward or a cleared filter changes the value from outside.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (composing) return;
    const next = text.trim();
    if (next === emitted.current) return;
    const timer = setTimeout(() => {
      emitted.current = next;
      onSearchRef.current(next);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, composing, delay]);

  return (
    <input
      type="search"
      autoComplete="off"
      {...inputProps}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onCompositionStart={() => setComposing(true)}
      onCompositionEnd={(e) => {
        setComposing(false);
        setText(e.currentTarget.value);
      }}
    />
  );
}

/** Puts the keyboard in the first field of a form that was just opened. */
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

export { todayIn } from '../../components/today';
