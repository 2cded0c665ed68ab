import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { backupTables, inSnapshot, readRows, schemaVersion, tableChecksums } from '../../db/backup';
import type { Database, Tx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  END_LINE,
  sectionLine,
} from './format';

const PAGE = 1000;

export type BackupSummary = {
  file: string;
  bytes: number;
  schema: string;
  createdAt: string;
  tables: { name: string; rows: number }[];
};

/**
 * Writes every application table to one gzip'd file, read in one consistent
 * snapshot (the server may keep running, on PostgreSQL). The file appears only
 * when complete (written beside it, then renamed), readable by its owner only.
 * Recorded in the audit trail as `backup` (no actor: an operator's command).
 */
export async function createBackup(
  database: Database,
  file: string,
  options: { now: Date; force?: boolean },
): Promise<BackupSummary> {
  if (!options.force && existsSync(file)) {
    throw new BackupError(`${file} already exists. Choose another name, or pass --force to replace it.`);
  }
  const tables = backupTables();
  const createdAt = options.now.toISOString();
  const partial = `${file}.${process.pid}.partial`;
  let header: BackupHeader | undefined;
  try {
    header = await inSnapshot(database.db, async (tx) => {
      const schema = await schemaVersion(tx);
      if (!schema) throw new BackupError('The database schema is newer than this version of Kumiai.');
      const sums = await tableChecksums(tx, tables);
      const head: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schema,
        createdAt,
        engine: database.kind,
        tables: Object.fromEntries(tables.map((t) => [t.name, sums[t.name]!])),
      };
      await pipeline(lines(tx, head), createGzip(), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      return head;
    });
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    if ((err as NodeJS.ErrnoException).syscall) {
      throw new BackupError(`Cannot write ${file}: ${(err as Error).message}`);
    }
    throw err;
  }

  const total = tables.reduce((n, t) => n + header.tables[t.name]!.rows, 0);
  await insertAuditEvents(database.db, [
    {
      at: options.now,
      actorId: null,
      action: 'backup',
      details: { schema: header.schema, tables: tables.length, rows: total },
    },
  ]);
  return {
    file,
    bytes: (await stat(file)).size,
    schema: header.schema,
    createdAt,
    tables: tables.map((t) => ({ name: t.name, rows: header.tables[t.name]!.rows })),
  };

  /** The file's lines: the header, then each table's rows page by page (keyset on the primary key). */
  async function* lines(tx: Tx, head: BackupHeader): AsyncGenerator<string> {
    yield `${JSON.stringify(head)}\n`;
    for (const table of tables) {
      const expected = head.tables[table.name]!.rows;
      yield `${sectionLine(table.name, expected)}\n`;
      let written = 0;
      let key: string[] | undefined;
      for (;;) {
        const page = await readRows(tx, table, PAGE, key);
        if (page.rows.length) yield `${page.rows.join('\n')}\n`;
        written += page.rows.length;
        key = page.key;
        if (page.rows.length < PAGE) break;
      }
      // One snapshot: the pages hold exactly the rows counted for the header.
      if (written !== expected)
        throw new Error(`backup: ${table.name} has ${written} rows, counted ${expected}`);
    }
    yield `${END_LINE}\n`;
  }
}
