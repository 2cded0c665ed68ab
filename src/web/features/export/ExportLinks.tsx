import { type ExportKind, exportPath } from '../../../core/export/columns';
import { useCan } from '../../components/access';
import { useI18n } from '../../i18n/I18nProvider';
import { useExportText } from './messages';
import './export.css';

/** Paging is the list's own: an export holds every matching row. */
const PAGING = new Set(['limit', 'offset', 'cursor']);

/**
 * "エクスポート: CSV | Excel" on a list page, for roles with the `export` permission
 * (admins and officers). Plain download links to `GET /api/export/<kind>.<format>`
 * with the list's current filters and sort (the session cookie goes along), headers
 * and labels in the user's language. The server checks the permission again.
 */
export function ExportLinks({
  kind,
  filters,
}: {
  kind: ExportKind;
  filters: Record<string, string | number | null | undefined>;
}) {
  const mayExport = useCan('export');
  const { lang } = useI18n();
  const x = useExportText();
  if (!mayExport) return null;
  const query = Object.fromEntries(Object.entries(filters).filter(([key]) => !PAGING.has(key)));
  const href = (format: 'csv' | 'xlsx') => exportPath(kind, format, { ...query, lang });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of two links, not a form's fieldset
    <div className="export-links" role="group" aria-label={x.label}>
      <span className="muted" aria-hidden="true">
        {x.label}
      </span>
      <a className="button" href={href('csv')} download aria-label={x.csvHint} title={x.csvHint}>
        {x.csv}
      </a>
      <a className="button" href={href('xlsx')} download aria-label={x.xlsxHint} title={x.xlsxHint}>
        {x.xlsx}
      </a>
    </div>
  );
}
