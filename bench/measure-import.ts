// The member import through the real path (read → map → parse → stage →
// set-based merge → history, at-risk tasks, audit) against the database's own
// limit for the same work — one INSERT … SELECT of the same rows into the real
// members table, indexes and triggers on, rolled back — and a raw COPY of the
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
export function roster(rows: number, workplaces: number, officers: number): string {
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

/**
 * Imports `rows` new members, re-imports the same file (nothing changes), then COPYs it raw
 * and inserts the same rows into members by one INSERT … SELECT (rolled back).
 */
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
  const insertSelect = await insertSelectReference(ctx);
  await db.execute(sql`drop table bench_copy`);
  const first = runs[1]!;
  return {
    rows: shape.rows,
    fileBytes: data.byteLength,
    importMs: first.ms,
    rowsPerSecond: Math.round((shape.rows / first.ms) * 1000),
    /** The reference: the same rows into the real members table by one INSERT … SELECT (see below). */
    insertSelectMs: round1(insertSelect.ms),
    insertSelectRows: insertSelect.rows,
    /** The import's time over the reference's (target ≤ 2). */
    importVsInsertSelect: Math.round((first.ms / insertSelect.ms) * 100) / 100,
    rawCopyMs: round1(copyMs),
    rawCopyRows: copied?.n ?? 0,
    rawCopyRowsPerSecond: Math.round((shape.rows / copyMs) * 1000),
    throughputVsCopy: Math.round((copyMs / first.ms) * 1000) / 1000,
    runs,
  };
}

class RolledBack extends Error {}

/**
 * The database's own limit for the import's work: the file's rows (already in `bench_copy`,
 * as text) into the real members table — its indexes, constraints, the audit trigger and the
 * commit-time data-version trigger (fired by `set constraints all immediate`) — by one
 * `INSERT … SELECT` that maps the labels, parses the dates and finds the workplace and owner
 * by joins, in a transaction as the actor, then rolled back. Employee numbers get an `R`
 * instead of the file's `E` (the import has created those members by now); nothing else differs.
 */
async function insertSelectReference(ctx: ServiceContext): Promise<{ ms: number; rows: number }> {
  const labels = (entries: [string, string][]) =>
    sql.join(
      entries.map(([value, label]) => sql`(${value}, ${label})`),
      sql`, `,
    );
  let measured = { ms: 0, rows: 0 };
  try {
    await ctx.db.transaction(async (tx) => {
      const started = performance.now();
      const inserted = rowsOf<{ n: number }>(
        await tx.execute(sql`
        with ins as (
          insert into members (employee_number, name, name_kana, workplace_id, department, job_type, grade,
                               joined_on, engagement, union_role, owner_id, created_at, updated_at)
          select 'R' || substr(b.c0, 2), b.c1, b.c2, w.id, b.c4, b.c5, b.c6, to_date(b.c7, 'YYYY/MM/DD'),
                 e.value::engagement, r.value::union_role, u.id, ${ctx.now.toISOString()}::timestamptz,
                 ${ctx.now.toISOString()}::timestamptz
            from bench_copy b
            join workplaces w on w.name = b.c3
            join (values ${labels(ENGAGEMENTS.map((v) => [v, ENGAGEMENT_LABELS[v]]))}) e(value, label) on e.label = b.c8
            join (values ${labels(UNION_ROLES.map((v) => [v, UNION_ROLE_LABELS[v]]))}) r(value, label) on r.label = b.c9
            left join users u on lower(u.email) = lower(b.c10)
          returning 1)
        select count(*)::int as n from ins`),
      );
      await tx.execute(sql`set constraints all immediate`);
      measured = { ms: performance.now() - started, rows: inserted[0]?.n ?? 0 };
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  return measured;
}
