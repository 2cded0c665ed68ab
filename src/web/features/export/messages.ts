import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the export links on the list pages (エクスポート); `en` has the same shape. */
export const ja = {
  label: 'エクスポート',
  csv: 'CSV',
  xlsx: 'Excel',
  csvHint: '現在の絞り込みで、CSV（Excelで開けるUTF-8形式）をダウンロード',
  xlsxHint: '現在の絞り込みで、Excelファイル（.xlsx）をダウンロード',
};

export type ExportText = typeof ja;

export const en: ExportText = {
  label: 'Export',
  csv: 'CSV',
  xlsx: 'Excel',
  csvHint: 'Download CSV (UTF-8, opens in Excel) with the current filters',
  xlsxHint: 'Download an Excel file (.xlsx) with the current filters',
};

export function useExportText(): ExportText {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
