// The member import through the real path (read → map → parse → stage →
// set-based merge → history, at-risk tasks, audit) against a raw COPY of the
// same file into a plain table, on either engine, into the generated union:
// a roster of new members (employee numbers E…) in the union's workplaces.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { ENGAGEMENT_LABELS, ENGAGEMENTS, UNION_ROLE_LABELS, UNION_ROLES } from '../src/core/enums';
import { type Database, pgliteClientOf } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import type { ImportPhase } from '../src/services/import/import-engine';
import { importFile } from '../src/services/import/import-file';
import { round1 } from './engine';
import { GIVEN, GIVEN_KANA, SURNAME_KANA, SURNAMES } from './generate';

const HEADERS = [
  '社員番号',
  '氏名',
  'フリガナ',
  '所属職場',
  '所属部署',
  '職種',
  '等級',
  '加入日',
  '関与度',
  '役職',
  '担当者',
];
/** A roster as an office keeps it: Excel-style dates, Japanese enum labels, quoted notes. */
function roster(rows: number, workplaces: number, officers: number): string {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < rows; i++) {
    const s = i % SURNAMES.length;
    const g = Math.floor(i / SURNAMES.length) % GIVEN.length;
    const step = (i * 7) % ENGAGEMENTS.length;
    const year = 1990 + (i % 35);
    lines.push(
      [
        `E${String(i).padStart(7, '0')}`,
        `${SURNAMES[s]} ${GIVEN[g]}${i}`,
        `${SURNAME_KANA[s]} ${GIVEN_KANA[g]}`,
        `第${(i % workplaces) + 1}職場`,
        `"製造部, 第${(i % 7) + 1}課"`,
        i % 3 === 0 ? '技術職' : '一般職',
        `${(i % 5) + 1}等級`,
        `${year}/${(i % 12) + 1}/${(i % 28) + 1}`,
        ENGAGEMENT_LABELS[ENGAGEMENTS[step]!],
        UNION_ROLE_LABELS[UNION_ROLES[i % 50 === 0 ? 2 : 3]!],
        `officer${(i % officers) + 1}@bench.kumiai.example`,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

type Run = {
  label: string;
  ms: number;
  phasesMs: Partial<Record<ImportPhase, number>>;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  followUpTasks: number;
};

async function timedImport(
  ctx: ServiceContext,
  label: string,
  data: Uint8Array,
  dryRun: boolean,
): Promise<Run> {
  const started = performance.now();
  const firstSeen: Partial<Record<ImportPhase, number>> = {};
  const result = await importFile(ctx, {
    kind: 'members',
    data,
    fileName: 'roster.csv',
    dryRun,
    createWorkplaces: true,
    onProgress: (p) => {
      firstSeen[p.phase] ??= performance.now();
    },
  });
  const ended = performance.now();
  const order: ImportPhase[] = ['reading', 'validating', 'writing'];
  const phasesMs: Partial<Record<ImportPhase, number>> = {};
  order.forEach((phase, i) => {
    const from = firstSeen[phase];
    if (from === undefined) return;
    const next =
      order
        .slice(i + 1)
        .map((p) => firstSeen[p])
        .find((v) => v !== undefined) ?? ended;
    phasesMs[phase] = Math.round(next - from);
  });
  return {
    label,
    ms: Math.round(ended - started),
    phasesMs,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    errors: result.errors.length,
    followUpTasks: result.followUpTasks,
  };
}

/** Imports `rows` new members, re-imports the same file (nothing changes), then COPYs it raw. */
export async function measureImport(
  database: Database,
  ctx: ServiceContext,
  shape: { rows: number; workplaces: number; officers: number },
) {
  const { db } = database;
  const csv = roster(shape.rows, shape.workplaces, shape.officers);
  const data = new TextEncoder().encode(csv);
  const runs: Run[] = [];
  runs.push(await timedImport(ctx, 'dry run (validated, rolled back)', data, true));
  runs.push(await timedImport(ctx, 'first import (every row a new member)', data, false));
  runs.push(await timedImport(ctx, 'identical re-run (nothing changes)', data, false));

  // The floor: the database reading the same file straight into a plain table, no checks.
  await db.execute(sql.raw(`create table bench_copy (${HEADERS.map((_, i) => `c${i} text`).join(', ')})`));
  const copyOptions = 'with (format csv, header true)';
  let copyMs: number;
  const client = pgliteClientOf(db);
  if (client) {
    const blob = new Blob([data]);
    const started = performance.now();
    await client.query(`copy bench_copy from '/dev/blob' ${copyOptions}`, [], { blob });
    copyMs = performance.now() - started;
  } else {
    // The server reads the file itself (same machine, superuser), as `psql \copy` would stream it.
    const file = join(tmpdir(), `kumiai-bench-${process.pid}.csv`);
    await writeFile(file, csv, { mode: 0o644 });
    try {
      const started = performance.now();
      await db.execute(sql.raw(`copy bench_copy from '${file}' ${copyOptions}`));
      copyMs = performance.now() - started;
    } finally {
      await rm(file, { force: true });
    }
  }
  const [copied] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from bench_copy`));
  await db.execute(sql`drop table bench_copy`);
  const first = runs[1]!;
  return {
    rows: shape.rows,
    fileBytes: data.byteLength,
    importMs: first.ms,
    rowsPerSecond: Math.round((shape.rows / first.ms) * 1000),
    rawCopyMs: round1(copyMs),
    rawCopyRows: copied?.n ?? 0,
    rawCopyRowsPerSecond: Math.round((shape.rows / copyMs) * 1000),
    throughputVsCopy: Math.round((copyMs / first.ms) * 1000) / 1000,
    runs,
  };
}
