import { Command } from 'commander';
import { createBackup } from '../services/backup/create-backup';
import { BackupError } from '../services/backup/format';
import { restoreBackup } from '../services/backup/restore-backup';
import { CliError, formatTable, withDatabase } from './shared';

const SENSITIVE =
  'The file holds everything in the database — personal data, the audit trail, password hashes — so keep it as safe as the database itself.';

/** The service's refusals are the operator's to fix: no stack trace, exit 1. */
async function operatorErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  }
}

function counts(tables: { name: string; rows: number }[]): string {
  return formatTable(
    ['table', 'rows'],
    tables.map((t) => [t.name, String(t.rows)]),
  );
}

export function backupCommand(): Command {
  return new Command('backup')
    .description('Write every table to one file (gzip’d JSON lines), read in one consistent snapshot')
    .argument('<file>', 'the backup file to write, e.g. kumiai-2026-06-10.kumiai.gz')
    .option('--force', 'replace the file if it exists')
    .addHelpText(
      'after',
      `\nOn PostgreSQL the server may keep running. On PGlite stop the server first (one process per data directory).\nSign-in sessions and failed sign-in counters are not included. ${SENSITIVE}\n\nExample:\n  npm run kumiai -- backup backups/kumiai-2026-06-10.kumiai.gz`,
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const summary = await withDatabase((database) =>
        operatorErrors(() => createBackup(database, file, { now: new Date(), force: options.force })),
      );
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      console.log(counts(summary.tables));
      console.log(
        `Backed up ${summary.tables.length} tables (${rows} rows) to ${summary.file} (${summary.bytes} bytes, schema ${summary.schema}).`,
      );
      console.log(SENSITIVE);
    });
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Load a backup into a new, empty database of the same schema version, verified by checksums')
    .argument('<file>', 'a file written by `backup`')
    .addHelpText(
      'after',
      '\nThe target must be empty (migrated, no users, members or other records) and at the schema version the\n' +
        'backup was made with; otherwise nothing is changed. One transaction: every table’s row count and checksum\n' +
        'must match the backup, or nothing is restored. Run it as the owner of the tables (not a grant-app-role role).\n\n' +
        'Example:\n  KUMIAI_DATA_DIR=./data-restored npm run kumiai -- restore backups/kumiai-2026-06-10.kumiai.gz',
    )
    .action(async (file: string) => {
      const summary = await withDatabase((database) => operatorErrors(() => restoreBackup(database, file)));
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      console.log(counts(summary.tables));
      console.log(
        `Restored ${summary.tables.length} tables (${rows} rows) from ${file}, made ${summary.createdAt} (schema ${summary.schema}); counts and checksums verified.`,
      );
    });
}
