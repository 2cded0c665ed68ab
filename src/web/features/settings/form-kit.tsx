import { useEffect, useState } from 'react';
import { ApiError } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { settingsFieldError, useSettingsText } from './messages';

/** A 409 for a stale `version` (someone saved first), as opposed to a unique clash on a field. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.fields.version === 'stale';
}

/** The server's field messages, or none. */
export function serverFields(error: unknown): Record<string, string> {
  return error instanceof ApiError && !isStaleVersion(error) ? error.fields : {};
}

/**
 * The message for a field, translated; `milestoneYears.1` (one element of a list)
 * counts as `milestoneYears`.
 */
export function useFieldErrors(error: unknown) {
  const { lang } = useI18n();
  const fields = serverFields(error);
  return (name: string): string | undefined => {
    const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
    return key ? settingsFieldError(fields[key], lang) : undefined;
  };
}

/**
 * The form-level message: the conflict notice (typed values stay in the form) with a
 * way to load the latest version, a summary when fields are marked (listing those the
 * form does not show, so none is lost), or the server's message.
 */
export function FormAlert({
  error,
  shownFields = [],
  onReload,
}: {
  error: unknown;
  shownFields?: readonly string[];
  onReload?: () => void;
}) {
  const { t, lang } = useI18n();
  const s = useSettingsText();
  if (!error) return null;
  if (isStaleVersion(error)) {
    return (
      <div className="alert alert-warning" role="alert">
        <p className="settings-alert-text">{t.common.conflict}</p>
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
    const others = names.filter((n) => !shownFields.some((f) => n === f || n.startsWith(`${f}.`)));
    return (
      <div className="alert alert-error" role="alert">
        <p className="settings-alert-text">
          {others.length === names.length && error instanceof Error ? error.message : t.common.fieldErrors}
        </p>
        {others.length > 0 && (
          <ul>
            {others.map((n) => (
              <li key={n}>
                {n}
                {s.colon}
                {settingsFieldError(fields[n], lang)}
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

/** A short-lived confirmation (or a neutral notice) read out by screen readers. */
export function SavedNote({ text, tone = 'ok' }: { text: string | null; tone?: 'ok' | 'info' }) {
  return (
    <p
      className={`settings-saved${tone === 'info' ? ' settings-info' : ''}`}
      role="status"
      aria-live="polite"
    >
      {text}
    </p>
  );
}

/** The value after it stopped changing for `delay` ms (for live previews while typing). */
export function useDebounced<T>(value: T, delay = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export { todayIn } from '../../components/today';
