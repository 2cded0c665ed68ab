// The member import over a 100k-row roster on PostgreSQL, against a raw COPY of the same file.
//
//   npx tsx bench/import.ts           (uses BENCH_DATABASE_URL, TEST_DATABASE_URL or
//                                      postgres://postgres@127.0.0.1:5432/postgres)
//
// Generates the CSV deterministically (no random()), creates a scratch database, and
// times the real path (read → map → parse → stage → set-based merge → history,
// at-risk tasks, audit) for a dry run, the first import, an identical re-run and a
// re-run with changes; then `COPY` of the same file into a plain table (the floor:
// PostgreSQL reading the file itself, no checks). Prints JSON, then drops the database.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { ENGAGEMENT_LABELS, ENGAGEMENTS, UNION_ROLE_LABELS, UNION_ROLES } from '../src/core/enums';
import { actingAs } from '../src/db/acting';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import type { ImportPhase } from '../src/services/import/import-engine';
import { importFile } from '../src/services/import/import-file';
import { updateMember } from '../src/services/members/update-member';
import { createUser } from '../src/services/users/create-user';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const WORKPLACES = 200;
const OFFICERS = 20;

const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const name = `kumiai_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

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
const SURNAMES = ['山田', '鈴木', '佐藤', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const KANA = [
  'ヤマダ',
  'スズキ',
  'サトウ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '由美', '誠', '直子', '翔', '陽子'];
const GIVEN_KANA = [
  'タロウ',
  'ハナコ',
  'イチロウ',
  'ミサキ',
  'ケン',
  'ユミ',
  'マコト',
  'ナオコ',
  'ショウ',
  'ヨウコ',
];

/** A roster as an office keeps it: Excel-style dates, Japanese enum labels, quoted notes. */
function roster(rows: number, variant = 0): string {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < rows; i++) {
    const s = i % 10;
    const g = Math.floor(i / 10) % 10;
    // variant 1: every tenth member's engagement moves one step (updates, history, at-risk tasks).
    const step = (i * 7 + (variant && i % 10 === 0 ? 1 : 0)) % ENGAGEMENTS.length;
    const year = 1990 + (i % 35);
    lines.push(
      [
        `E${String(i).padStart(7, '0')}`,
        `${SURNAMES[s]} ${GIVEN[g]}${i}`,
        `${KANA[s]} ${GIVEN_KANA[g]}`,
        `職場${(i % WORKPLACES) + 1}`,
        `"製造部, 第${(i % 7) + 1}課"`,
        i % 3 === 0 ? '技術職' : '一般職',
        `${(i % 5) + 1}等級`,
        `${year}/${(i % 12) + 1}/${(i % 28) + 1}`,
        ENGAGEMENT_LABELS[ENGAGEMENTS[step]!],
        UNION_ROLE_LABELS[UNION_ROLES[i % 50 === 0 ? 2 : 3]!],
        `officer${(i % OFFICERS) + 1}@example.org`,
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

async function main() {
  const csv = roster(ROWS);
  const data = new TextEncoder().encode(csv);
  const changed = new TextEncoder().encode(roster(ROWS, 1));
  const file = join(tmpdir(), `${name}.csv`);
  await writeFile(file, csv, { mode: 0o644 });

  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // One connection: every statement shares the session's cached plans, as a busy server's pooled connection does.
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
  try {
    await migrate(database);
    const { db } = database;
    const user = await createUser(db, {
      email: 'admin@example.org',
      displayName: '管理者',
      role: 'admin',
      password: 'benchmark password',
      workplaceIds: [],
    });
    await db.execute(sql`
      insert into users (email, display_name, role, password_hash)
      select 'officer' || i || '@example.org', '担当者' || i, 'officer', 'x' from generate_series(1, ${OFFICERS}) i`);
    const now = new Date('2026-06-10T03:00:00Z');
    const ctx: ServiceContext = {
      db: actingAs(db, user.id, now),
      actor: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: 'admin',
        workplaceIds: [],
      },
      now,
    };

    const runs: Run[] = [];
    runs.push(await timedImport(ctx, 'dry run of the first import (rolled back)', data, true));
    runs.push(await timedImport(ctx, 'first import (all rows created)', data, false));
    await db.execute(sql`analyze`);
    runs.push(await timedImport(ctx, 'identical re-run (nothing changes)', data, false));
    // Someone edits one member by hand on the same connection: the audit trigger's cached
    // plans are now made for a one-row update (the import re-plans before its bulk update).
    const [one] = rowsOf<{ id: string; version: number }>(
      await db.execute(sql`select id, version from members order by employee_number limit 1`),
    );
    await updateMember(ctx, one!.id, {
      grade: '特別等級',
      nameKana: undefined,
      employeeNumber: undefined,
      version: one!.version,
    });
    runs.push(await timedImport(ctx, 're-run with 10% engagement changes', changed, false));

    // The floor: PostgreSQL reading the same file straight into a plain table.
    await db.execute(sql.raw(`create table bench_copy (${HEADERS.map((_, i) => `c${i} text`).join(', ')})`));
    const copyStarted = performance.now();
    await db.execute(sql.raw(`copy bench_copy from '${file}' with (format csv, header true)`));
    const copyMs = Math.round(performance.now() - copyStarted);
    const [copied] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from bench_copy`));

    const first = runs[1]!;
    console.log(
      JSON.stringify(
        {
          benchmark: 'member import (CSV → staging → set-based merge) vs raw COPY',
          database: 'postgres',
          rows: ROWS,
          fileBytes: data.byteLength,
          importFirstMs: first.ms,
          rawCopyMs: copyMs,
          rawCopyRows: copied?.n,
          ratio: Number((first.ms / copyMs).toFixed(1)),
          runs,
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(file, { force: true });
  }
}

await main();
