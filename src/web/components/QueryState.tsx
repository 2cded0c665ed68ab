import type { ReactNode } from 'react';
import { ApiError } from '../http/client';
import { useI18n } from '../i18n/I18nProvider';

/** Loading, error and not-found states shared by every page. */
export function QueryState({
  isLoading,
  error,
  onRetry,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (isLoading) {
    return (
      <p className="state state-loading" role="status" aria-live="polite">
        {t.common.loading}
      </p>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="state state-error" role="alert">
        <h2>{t.common.notFound}</h2>
        <p>{t.common.notFoundBody}</p>
      </div>
    );
  }
  if (error) {
    return (
      <div className="state state-error" role="alert">
        <h2>{t.common.errorTitle}</h2>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t.common.retry}
          </button>
        )}
      </div>
    );
  }
  return <>{children}</>;
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="state state-empty">{children ?? t.common.empty}</p>;
}
