import { existsSync } from 'node:fs';
import {
  type BackupTable,
  backupTables,
  clearReplacedTables,
  insertRows,
  nonEmptyTables,
  resetIdentitySequences,
  schemaVersion,
  setDeferredColumns,
  setUserTriggers,
  tableChecksums,
  useUtc,
} from '../../db/backup';
import type { Database } from '../../db/client';
import { bumpDashboardsVersion } from '../../db/queries/data-versions';
import { rebuildFigureCounts, resetEarlyWarnings } from '../../db/queries/figure-counts';
import { enqueue, REINDEX_ALL } from '../../db/queries/matching';
import {
  BackupError,
  type BackupHeader,
  backupHeaderSchema,
  isMarker,
  readBackupLines,
  sectionSchema,
} from './format';

/** Rows per INSERT, and the most JSON text one statement carries. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

export type RestoreSummary = {
  schema: string;
  createdAt: string;
  tables: { name: string; rows: number }[];
};

/**
 * Loads a backup into an empty database of the same schema version, in one
 * transaction: the tables' own triggers are off meanwhile (restored rows are not
 * audited again: the audit log comes back as it was), identity values are kept and
 * their sequences moved past them, the settings row replaced. Afterwards every
 * table's row count and checksum must equal the header's, or nothing is restored.
 * Runs as the tables' owner (switching triggers off needs it).
 */
export async function restoreBackup(database: Database, file: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const lines = readBackupLines(file);
  try {
    const header = parseHeader(await firstLine(lines));
    const tables = backupTables();
    const known = tables.map((t) => t.name).sort();
    const inFile = Object.keys(header.tables).sort();
    const schema = await schemaVersion(database.db);
    if (header.schema !== schema) {
      throw new BackupError(
        `The backup is of database schema ${header.schema}; this database is at ${schema ?? 'a newer schema'}. ` +
          'Restore it with the Kumiai version that made it (then upgrade), or use a backup made by this version.',
      );
    }
    if (known.join() !== inFile.join()) {
      throw new BackupError(
        `The backup's tables (${inFile.join(', ')}) are not this schema's (${known.join(', ')}).`,
      );
    }

    await database.db.transaction(async (tx) => {
      await useUtc(tx);
      try {
        await setUserTriggers(tx, tables, false);
      } catch (err) {
        if (sqlState(err) === '42501') {
          throw new BackupError(
            'Restore must run as the owner of the tables (the role that runs the migrations), not as the server’s role.',
          );
        }
        throw err;
      }
      const busy = await nonEmptyTables(tx, tables);
      if (busy.length) {
        throw new BackupError(
          `The database is not empty (${busy.join(', ')} hold rows). Restore only into a new, empty database: ` +
            'point KUMIAI_DATA_DIR or DATABASE_URL at a new one and run the restore again. Nothing was changed.',
        );
      }
      await clearReplacedTables(tx);

      const counts = new Map<string, number>();
      const deferred = new Map<string, Record<string, unknown>[]>();
      let index = -1;
      let table: BackupTable | undefined;
      let batch: string[] = [];
      let bytes = 0;
      let ended = false;
      const flush = async () => {
        if (!table || !batch.length) return;
        const rows = batch;
        batch = [];
        bytes = 0;
        try {
          await insertRows(tx, table, rows);
        } catch (err) {
          throw new BackupError(
            `The backup could not be loaded into ${table.name}: ${causeMessage(err)}. Nothing was restored.`,
          );
        }
      };

      for await (const line of lines) {
        if (ended) {
          if (line.trim()) throw new BackupError('The backup has data after its end. Nothing was restored.');
          continue;
        }
        if (isMarker(line)) {
          await flush();
          const marker = parseLine(line, sectionSchema);
          if ('@end' in marker) {
            ended = true;
            continue;
          }
          table = tables[++index];
          if (!table || marker['@table'] !== table.name) {
            throw new BackupError(
              `The backup's tables are out of order (${marker['@table']} where ${table?.name ?? 'the end'} was expected). Nothing was restored.`,
            );
          }
          counts.set(table.name, 0);
          continue;
        }
        if (!table)
          throw new BackupError('Not a Kumiai backup: rows before the first table. Nothing was restored.');
        batch.push(line);
        bytes += line.length;
        counts.set(table.name, (counts.get(table.name) ?? 0) + 1);
        if (table.deferred.length) {
          const row = parseLine(line) as Record<string, unknown>;
          if (table.deferred.some((c) => row[c] != null)) {
            const keep = [...table.primaryKey.map((c) => c.name), ...table.deferred];
            deferred.set(table.name, [
              ...(deferred.get(table.name) ?? []),
              Object.fromEntries(keep.map((c) => [c, row[c] ?? null])),
            ]);
          }
        }
        if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
      }
      await flush();
      if (!ended || index !== tables.length - 1) {
        throw new BackupError('The backup is incomplete (cut off before its end). Nothing was restored.');
      }
      for (const t of tables) {
        if ((counts.get(t.name) ?? 0) !== header.tables[t.name]!.rows) {
          throw new BackupError(
            `The backup is damaged: ${t.name} holds ${counts.get(t.name) ?? 0} rows, its header says ${header.tables[t.name]!.rows}. Nothing was restored.`,
          );
        }
      }
      for (const t of tables) await setDeferredColumns(tx, t, deferred.get(t.name) ?? []);
      await resetIdentitySequences(tx, tables);
      // The concern-matching index is derived (not in a backup): built again from what was restored.
      await enqueue(tx, 'all', [REINDEX_ALL]);
      await setUserTriggers(tx, tables, true);
      // Loaded with triggers off: the figure counters are counted again from what was restored,
      // and a running server's cached dashboards must still see the new data.
      await rebuildFigureCounts(tx);
      await resetEarlyWarnings(tx);
      await bumpDashboardsVersion(tx);

      const sums = await tableChecksums(tx, tables);
      const wrong = tables.filter((t) => sums[t.name]?.checksum !== header.tables[t.name]!.checksum);
      if (wrong.length) {
        throw new BackupError(
          `The backup is damaged: the checksums of ${wrong.map((t) => t.name).join(', ')} do not match. Nothing was restored.`,
        );
      }
    });
    return {
      schema: header.schema,
      createdAt: header.createdAt,
      tables: tables.map((t) => ({ name: t.name, rows: header.tables[t.name]!.rows })),
    };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    if ((err as { code?: string }).code?.startsWith('Z_') || (err as NodeJS.ErrnoException).errno === -3) {
      throw new BackupError(
        `${file} is not a Kumiai backup (not a gzip file, or a damaged one): ${(err as Error).message}`,
      );
    }
    throw err;
  } finally {
    await lines.return(undefined);
  }
}

async function firstLine(lines: AsyncGenerator<string>): Promise<string> {
  const first = await lines.next();
  if (first.done) throw new BackupError('The file is empty: not a Kumiai backup.');
  return first.value;
}

function parseHeader(line: string): BackupHeader {
  const header = parseLine(line, backupHeaderSchema);
  return header;
}

function parseLine<T = unknown>(
  line: string,
  schema?: { safeParse: (v: unknown) => { success: boolean; data?: T } },
): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupError(
      'Not a Kumiai backup (or a damaged one): a line is not JSON. Nothing was restored.',
    );
  }
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new BackupError('Not a Kumiai backup (or one of another format version). Nothing was restored.');
  }
  return parsed.data as T;
}

/** The database's message, without the failed statement and its parameters (which hold the rows). */
function causeMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return e.cause?.message ?? e.message ?? String(err);
}

/** The SQLSTATE of a database error (drizzle wraps the driver's in `cause`). */
function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e.cause?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}
