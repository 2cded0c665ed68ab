import { useI18n } from '../../i18n/I18nProvider';
import { useBackupText } from './backup-messages';
import type { Settings } from './queries';

/** The last scheduled backup (time, file, size, verified or the error), from the settings. */
export function BackupStatus({ lastBackup }: { lastBackup: Settings['lastBackup'] }) {
  const s = useBackupText();
  const { formatDateTime } = useI18n();
  const result = !lastBackup
    ? undefined
    : lastBackup.verified
      ? s.verified
      : lastBackup.error
        ? s.failed(lastBackup.error)
        : lastBackup.finishedAt
          ? s.failed('?')
          : s.running;
  return (
    <section
      className="card settings-card"
      aria-labelledby="settings-backup-title"
      data-testid="backup-status"
    >
      <h2 id="settings-backup-title">{s.title}</h2>
      <p className="muted">{s.intro}</p>
      {!lastBackup ? (
        <p>{s.none}</p>
      ) : (
        <dl aria-label={s.last}>
          <dt>{s.startedAt}</dt>
          <dd>{formatDateTime(lastBackup.startedAt)}</dd>
          {lastBackup.file && (
            <>
              <dt>{s.file}</dt>
              <dd>
                <code>{lastBackup.file}</code>
              </dd>
            </>
          )}
          {lastBackup.bytes != null && (
            <>
              <dt>{s.size}</dt>
              <dd>{s.bytes(lastBackup.bytes)}</dd>
            </>
          )}
          {lastBackup.rows != null && (
            <>
              <dt>{s.rows}</dt>
              <dd>{s.count(lastBackup.rows)}</dd>
            </>
          )}
          <dt>{s.result}</dt>
          <dd>{lastBackup.verified ? result : <strong>{result}</strong>}</dd>
        </dl>
      )}
    </section>
  );
}
