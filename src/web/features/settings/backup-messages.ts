import { useI18n } from '../../i18n/I18nProvider';

/** The organization settings' last scheduled backup (issue 20); `en` has the same shape. */
const ja = {
  title: '自動バックアップ',
  intro:
    '内蔵データベース（PGlite）では、毎日決まった時刻にバックアップを作り、別の一時データベースに復元して確認します。PostgreSQLではpg_dumpでバックアップしてください（KUMIAI_BACKUP_DIRを設定すれば同じ自動バックアップも使えます）。復元の手順はREADMEにあります。',
  none: 'まだ自動バックアップの記録はありません。',
  last: '最新のバックアップ',
  startedAt: '開始',
  file: 'ファイル',
  size: 'サイズ',
  rows: '行数',
  result: '結果',
  verified: '確認済み（復元して件数とチェックサムが一致）',
  running: '実行中',
  failed: (error: string) => `失敗：${error}`,
  bytes: (n: number) => `${(n / 1024).toLocaleString('ja-JP', { maximumFractionDigits: 1 })} KB`,
  count: (n: number) => `${n.toLocaleString('ja-JP')}行`,
};

const en: typeof ja = {
  title: 'Automatic backups',
  intro:
    'On the embedded database (PGlite) a backup is made every day at a set hour, then restored into a scratch database to check it. On PostgreSQL use pg_dump (or set KUMIAI_BACKUP_DIR to use the same automatic backups). The README describes the restore.',
  none: 'No automatic backup has been recorded yet.',
  last: 'Last backup',
  startedAt: 'Started',
  file: 'File',
  size: 'Size',
  rows: 'Rows',
  result: 'Result',
  verified: 'Verified (restored; counts and checksums match)',
  running: 'In progress',
  failed: (error: string) => `Failed: ${error}`,
  bytes: (n: number) => `${(n / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB`,
  count: (n: number) => `${n.toLocaleString('en')} rows`,
};

export function useBackupText(): typeof ja {
  return useI18n().lang === 'ja' ? ja : en;
}
