import { useEffect, useState } from 'react';
import { FormAlert as SharedFormAlert, serverFields } from '../../components/form';
import { useI18n } from '../../i18n/I18nProvider';
import { settingsFieldError } from './messages';

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

/** The shared form alert, with the settings' own translations of server messages. */
export function FormAlert(props: Omit<Parameters<typeof SharedFormAlert>[0], 'translate'>) {
  const { lang } = useI18n();
  return <SharedFormAlert {...props} translate={(m) => settingsFieldError(m, lang)} />;
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

export { isStaleVersion, serverFields } from '../../components/form';
export { todayIn } from '../../components/today';
