import { useI18n } from '../i18n/I18nProvider';

/** Server-side paging by offset; the URL keeps the page so back/forward work. */
export function Pagination({
  offset,
  limit,
  total,
  totalCapped = false,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  /** The server stopped counting at `total`: there are more. */
  totalCapped?: boolean;
  onOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t.common.pageOf(from, to, total, totalCapped)}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t.common.previous}
      </button>
      <span aria-live="polite">{t.common.pageOf(from, to, total, totalCapped)}</span>
      <button type="button" disabled={to >= total} onClick={() => onOffset(offset + limit)}>
        {t.common.next}
      </button>
    </nav>
  );
}
