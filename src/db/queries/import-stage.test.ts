import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import {
  copyStageRows,
  csvLines,
  insertStageRows,
  insertStageRowsAsJson,
  type StageColumn,
} from './import-stage';
import { rowsOf } from './records';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

const COLUMNS: StageColumn[] = [
  { name: 'row_no', type: 'int' },
  { name: 'flag', type: 'boolean' },
  { name: 'label', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'level', type: 'engagement' },
  { name: 'extra', type: 'jsonb' },
];

/** Cells that a naive CSV writer would get wrong: quotes, commas, line breaks, empty vs missing, NUL. */
const ROWS: Record<string, unknown>[] = [
  {
    row_no: 2,
    flag: true,
    label: 'say "hi", then\r\nleave',
    day: '2024-02-29',
    level: 'at_risk',
    extra: { a: [1, 'x"y'] },
  },
  { row_no: 3, flag: false, label: '', day: null, level: null, extra: [] },
  { row_no: 4, flag: null, label: null, extra: null },
  {
    row_no: 5,
    flag: true,
    label: '\\N 山田\t太郎',
    day: '1999-12-31',
    level: 'active_core',
    extra: { s: 'a\u0000b' },
  },
  { row_no: 6, flag: true, label: 'bad\u0000half\uD800', extra: {} },
];

describe('import staging', () => {
  it('loads rows by COPY on both engines, each value as the JSON path would stage it', async () => {
    await database.db.transaction(async (tx) => {
      const defs = COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
      await tx.execute(sql.raw(`create temp table stage_copy (${defs}) on commit drop`));
      await tx.execute(sql.raw(`create temp table stage_json (${defs}) on commit drop`));
      expect(await copyStageRows(tx, 'stage_copy', COLUMNS, ROWS)).toBe(true);
      // The JSON path cannot carry NUL or half a surrogate pair: it gets the rows as COPY stores them.
      const storable = ROWS.map((r) =>
        r.row_no === 5
          ? { ...r, extra: { s: 'a\uFFFDb' } }
          : r.row_no === 6
            ? { ...r, label: 'bad\uFFFDhalf\uFFFD' }
            : r,
      );
      await insertStageRowsAsJson(tx, 'stage_json', COLUMNS, storable);
      const viaCopy = rowsOf<Record<string, unknown>>(
        await tx.execute(
          sql.raw(
            'select row_no, flag, label, day::text as day, level::text as level, extra from stage_copy order by row_no',
          ),
        ),
      );
      const viaJson = rowsOf<Record<string, unknown>>(
        await tx.execute(
          sql.raw(
            'select row_no, flag, label, day::text as day, level::text as level, extra from stage_json order by row_no',
          ),
        ),
      );
      expect(viaCopy).toEqual(viaJson);
      expect(viaCopy[0]).toMatchObject({
        label: 'say "hi", then\r\nleave',
        day: '2024-02-29',
        level: 'at_risk',
      });
      expect(viaCopy[1]).toMatchObject({ label: '', day: null, level: null, extra: [] });
      expect(viaCopy[2]).toMatchObject({ flag: null, label: null, extra: null });
      expect(viaCopy[3]).toMatchObject({ label: '\\N 山田\t太郎' });
      expect(viaCopy[4]).toMatchObject({ label: 'bad\uFFFDhalf\uFFFD' });
    });
  });

  it('insertStageRows stages by COPY inside a transaction, and a bad value fails the statement', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql.raw('create temp table stage_bad (row_no int, day date) on commit drop'));
        await insertStageRows(tx, 'stage_bad', COLUMNS.slice(0, 1).concat({ name: 'day', type: 'date' }), [
          { row_no: 1, day: '2024-02-30' },
        ]);
      }),
    ).rejects.toThrow();
  });

  it('writes CSV in batches, every row on its own line', () => {
    const many = Array.from({ length: 1201 }, (_, i) => ({ row_no: i + 1, label: `r${i}` }));
    const batches = [...csvLines(COLUMNS.slice(0, 3), many)];
    expect(batches).toHaveLength(3);
    expect(batches.join('').split('\n')).toHaveLength(1202);
    expect(batches[0]!.split('\n')[0]).toBe('1,,"r0"');
  });
});
