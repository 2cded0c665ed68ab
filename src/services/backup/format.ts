import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

/**
 * The backup file: gzip'd NDJSON. Line 1 is the header (format, version, schema
 * version, when, and per table its row count and checksum); then per table, in
 * foreign-key order, a section line `{"@table": name, "rows": n}` followed by one
 * line per row (PostgreSQL's JSON of the row); last `{"@end": true}`, so a cut-off
 * file is told from a complete one. It holds everything the database does, password
 * hashes included: keep it as safe as the database itself.
 */
export const BACKUP_FORMAT = 'kumiai-backup';
export const BACKUP_VERSION = 1;

/** A problem with the file or the target the operator can fix (shown without a stack trace). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  schema: z.string().min(1),
  createdAt: z.string(),
  engine: z.string().optional(),
  tables: z.record(
    z.string(),
    z.object({ rows: z.number().int().min(0), checksum: z.string().regex(/^[0-9a-f]{32}$/) }),
  ),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const sectionSchema = z.union([
  z.object({ '@table': z.string(), rows: z.number().int().min(0) }),
  z.object({ '@end': z.literal(true) }),
]);

/** A section or end line: rows never start so (column names have no `@`). */
export const isMarker = (line: string) => line.startsWith('{"@');

export function sectionLine(table: string, rows: number): string {
  return JSON.stringify({ '@table': table, rows });
}
export const END_LINE = JSON.stringify({ '@end': true });

// No row comes near this: a larger line means a damaged or foreign file.
const MAX_LINE = 64 * 1024 * 1024;

/** The file's lines, decompressed as they are read. Read or decompression errors reject the iteration. */
export async function* readBackupLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  // Errors surface through the iteration below; this promise only must not go unhandled.
  const piped = pipeline(source, gunzip).catch(() => {});
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      if (rest.length > MAX_LINE) throw new BackupError('Not a Kumiai backup: a line is longer than 64 MB.');
      for (const line of parts) yield line;
    }
    if (rest) yield rest;
  } finally {
    source.destroy();
    gunzip.destroy();
    await piped;
  }
}
