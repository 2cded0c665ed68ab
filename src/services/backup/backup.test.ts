import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { backupTables, SKIPPED_TABLES, tableChecksums } from '../../db/backup';
import { type Database, openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { rowsOf } from '../../db/queries/records';
import * as schema from '../../db/schema';
import { seedDemo } from '../demo/seed-demo';
import { createBackup } from './create-backup';
import { BackupError } from './format';
import { restoreBackup } from './restore-backup';

const NOW = new Date('2026-06-10T03:00:00.123Z');
let t: TestApp;
let dir: string;
let file: string;
/** The source's tables as they were when backed up (before the backup's own audit event). */
let before: Awaited<ReturnType<typeof tableChecksums>>;
let independentBefore: Record<string, string>;
const targets: Database[] = [];

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>, status = 200) {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

const one = async <T>(db: Database['db'], query: ReturnType<typeof sql>) =>
  rowsOf<T>(await db.execute(query))[0] as T;

/**
 * A second, independent fingerprint of every table: the md5 of all rows' JSON
 * texts in text order (not the backup's checksum), in UTC.
 */
async function fingerprint(db: Database['db']): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const parts = backupTables().map(
      (table) =>
        sql`select ${table.name}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(to_jsonb(x)::text, E'\n' order by to_jsonb(x)::text)), '') as h from ${sql.identifier(table.name)} x`,
    );
    const rows = rowsOf<{ name: string; h: string }>(await tx.execute(sql.join(parts, sql` union all `)));
    return Object.fromEntries(rows.map((r) => [r.name, r.h]));
  });
}

async function emptyTarget(): Promise<TestDatabase> {
  const db = await createTestDb();
  targets.push(db);
  return db;
}

/** An empty, migrated PGlite (when the suite runs on PostgreSQL: for cross-engine restores). */
async function emptyPglite(): Promise<Database> {
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  targets.push(db);
  await migrate(db);
  return db;
}

async function restoreError(target: Database, path: string): Promise<string> {
  try {
    await restoreBackup(target, path);
  } catch (err) {
    expect(err).toBeInstanceOf(BackupError);
    return (err as Error).message;
  }
  throw new Error('the restore was expected to fail');
}

async function rewrite(path: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  await writeFile(path, gzipSync(edit(lines).join('\n')));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-backup-'));
  file = join(dir, 'union.kumiai.gz');
  t = await createTestApp({ now: () => NOW });
  await seedDemo(t.db, { seed: 5, now: NOW });

  // An audit trail and a row in every table: API writes as the admin.
  const page = await ok(t.api('GET', '/api/members?limit=3'));
  const [m1, m2] = page.items;
  await ok(
    t.api('PATCH', `/api/members/${m1.id}`, {
      engagement: 'at_risk',
      engagementReason: '残業の不満',
      version: m1.version,
    }),
  );
  await ok(
    t.api('POST', `/api/members/${m2.id}/notes`, {
      occurredOn: '2026-06-09',
      channel: 'visit',
      body: '復元テスト: 改行\nと "引用" と \\ と 絵文字 🎌',
    }),
    201,
  );
  await ok(t.api('POST', '/api/tokens', { name: 'backup script' }), 201);
  const settings = await ok(t.api('GET', '/api/settings'));
  await ok(t.api('PATCH', '/api/settings', { milestoneYears: [3, 5, 10], version: settings.version }));
  const rules = await ok(t.api('GET', '/api/workflow-rules'));
  const rule = rules.items[0];
  await ok(
    t.api('PATCH', `/api/workflow-rules/${rule.id}`, {
      titleTemplate: '{name}さん: 確認',
      version: rule.version,
    }),
  );
  await ok(t.api('POST', '/api/dashboards/snapshots', { month: '2026-05' }));
  const staff = rowsOf<{ id: string; email: string }>(
    await t.db.execute(sql`select id, email from users where role = 'officer' order by email`),
  );
  await ok(t.api('POST', '/api/handover', { fromUserId: staff[0]!.id, toUserId: staff[1]!.id }), 201);
  // A merged duplicate (member_merges): the removed id must keep resolving after a restore.
  const more = await ok(t.api('GET', '/api/members?limit=5&offset=3'));
  const [kept, other] = more.items;
  await ok(
    t.api('POST', `/api/members/${kept.id}/merge`, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    }),
  );
  // A survey with invitations and an answer (through a member's link, as on a phone).
  const demandPage = await ok(t.api('GET', '/api/demands?season=all&limit=2'));
  const survey = await ok(
    t.api('POST', '/api/surveys', {
      title: '要求アンケート',
      anonymous: false,
      demandIds: demandPage.items.map((d: { id: string }) => d.id),
      freeText: true,
      closesOn: '2099-12-31',
    }),
    201,
  );
  await ok(t.api('POST', `/api/surveys/${survey.id}/invitations`, {}));
  const invitation = (await ok(t.api('GET', `/api/surveys/${survey.id}/invitations?limit=1`))).items[0];
  const answered = await t.raw('PUT', `/api/public/surveys/${invitation.link.split('/s/')[1]}/answer`, {
    demandIds: [demandPage.items[0].id],
    freeText: '休憩室を広くしてほしい',
  });
  expect(answered.status).toBe(200);
  await t.db.execute(
    sql`insert into import_mappings (kind, name, columns) values ('members', '本社形式', ${JSON.stringify({ 氏名: 'name', 社員番号: 'employeeNumber', 備考: null })}::jsonb)`,
  );

  // A turned-down match suggestion and a suggested synonym addition (concern matching).
  await t.db.execute(
    sql`insert into match_rejections (demand_id, member_id) values (${demandPage.items[0].id}::uuid, ${m1.id}::uuid)`,
  );
  await t.db.execute(
    sql`insert into match_synonym_candidates (term, demand_term, count) values ('週末', '休日出勤', 2)`,
  );

  // Issue 17's tables, filled by SQL until their routes fill them: a field of the union's own with a
  // member's value, a saved view, an authenticator and a recovery code.
  await t.db.execute(
    sql`insert into custom_fields (entity, key, label_ja, label_en, type, options) values ('member', 'shift', '勤務形態', 'Shift', 'choice', ${JSON.stringify([{ value: 'day', labelJa: '日勤', labelEn: 'Day' }])}::jsonb)`,
  );
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('kumiai.actor_id', ${t.admin.id}, true)`);
    await tx.execute(
      sql`update members set custom_fields = '{"shift":"day"}'::jsonb, phones = '[{"number":"09012345678"}]'::jsonb where id = ${m1.id}::uuid`,
    );
  });
  await t.db.execute(
    sql`insert into saved_views (owner_id, name, list, state, shared_roles) values (${t.admin.id}::uuid, '要注意', 'members', '{"engagement":"at_risk"}'::jsonb, '{officer}')`,
  );
  await t.db.execute(
    sql`insert into user_totp (user_id, secret_ciphertext, enabled_at, last_step) values (${t.admin.id}::uuid, 'v1:abc', ${NOW.toISOString()}::timestamptz, 59000000)`,
  );
  await t.db.execute(
    sql`insert into user_recovery_codes (user_id, code_hash) values (${t.admin.id}::uuid, 'f00d')`,
  );
  await t.db.execute(
    sql`insert into calendar_feeds (user_id, kind, include_names, token_hash, scope_key, last_fetched_at, last_client) values (${t.admin.id}::uuid, 'tasks', true, 'beef', 'admin:', ${NOW.toISOString()}::timestamptz, 'Calendar/1.0')`,
  );
  await t.db.execute(
    sql`insert into digest_sends (user_id, period_key, status, attempts, sent_at) values (${t.admin.id}::uuid, 'daily:2026-01-05', 'sent', 1, ${NOW.toISOString()}::timestamptz)`,
  );
  // Who attended a demo meeting (meeting_attendees, migration 0026).
  await t.db.execute(
    sql`insert into meeting_attendees (meeting_id, member_id) select wm.id, m.id from workplace_meetings wm join members m on m.workplace_id = wm.workplace_id order by wm.id, m.id limit 1`,
  );
  await t.db.execute(
    sql`insert into sync_receipts (client_id, user_id, kind, status, result, device_time, received_at) values ('6f1c7a52-3b1e-4c51-9d0e-2a7f4b8c9e10'::uuid, ${t.admin.id}::uuid, 'note', 'applied', '{"status":"applied"}'::jsonb, ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz)`,
  );

  before = await tableChecksums(t.db, backupTables());
  independentBefore = await fingerprint(t.db);
  await createBackup(t.database, file, { now: NOW });
}, 120_000);

afterAll(async () => {
  for (const db of targets) await db.close().catch(() => {});
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('backup tables', () => {
  it('covers every table of schema.ts but sessions and login failures, parents first', () => {
    const tables = backupTables().map((x) => x.name);
    const all = Object.values(schema)
      .filter((v) => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v)
      .map((v) => (v as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]);
    expect(new Set([...tables, ...SKIPPED_TABLES])).toEqual(new Set(all));
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'users', 'api_tokens', 'import_mappings']));
    const at = (name: string) => tables.indexOf(name);
    expect(at('users')).toBeLessThan(at('settings'));
    expect(at('workplaces')).toBeLessThan(at('members'));
    expect(at('members')).toBeLessThan(at('member_notes'));
    expect(at('handovers')).toBeLessThan(at('handover_members'));
  });

  it('every table the test fills has rows', () => {
    for (const table of backupTables()) expect(before[table.name]!.rows, table.name).toBeGreaterThan(0);
  });
});

describe('backup and restore', () => {
  it('writes a header with the schema version and per-table counts and checksums, readable by its owner only', async () => {
    const [first, second] = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    const header = JSON.parse(first!);
    expect(header).toMatchObject({ format: 'kumiai-backup', version: 1, createdAt: NOW.toISOString() });
    expect(header.schema).toMatch(/^\d{4}_/);
    for (const [name, sum] of Object.entries(before)) expect(header.tables[name]).toEqual(sum);
    expect(JSON.parse(second!)).toEqual({
      '@table': backupTables()[0]!.name,
      rows: before[backupTables()[0]!.name]!.rows,
    });
    const { stat } = await import('node:fs/promises');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The backup itself is recorded (no actor: an operator's command).
    const event = await one<{ details: { rows: number } }>(
      t.db,
      sql`select details from audit_log where action = 'backup'`,
    );
    expect(event.details.rows).toBe(Object.values(before).reduce((n, s) => n + s.rows, 0));
  });

  it('restores into an empty database: every table identical (counts, checksums, an independent fingerprint, spot values)', async () => {
    const target = await emptyTarget();
    const summary = await restoreBackup(target, file);
    expect(Object.fromEntries(summary.tables.map((x) => [x.name, x.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.rows])),
    );
    expect(await tableChecksums(target.db, backupTables())).toEqual(before);
    expect(await fingerprint(target.db)).toEqual(independentBefore);

    // Spot values: a note body with line breaks, quotes and an emoji; an audit row to the
    // microsecond with its jsonb; a history row's seq; the settings array; the jsonb mapping.
    const note = sql`select id, body from member_notes where body like '復元テスト%'`;
    expect(await one(target.db, note)).toEqual(await one(t.db, note));
    const audit = sql`select id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, actor_id, action, table_name, record_id, subject_id, before, after, details from audit_log a where action = 'update' and table_name = 'members' order by a.id desc limit 1`;
    const sourceAudit = await one<Record<string, unknown>>(t.db, audit);
    expect(sourceAudit.actor_id).toBe(t.admin.id);
    expect(await one(target.db, audit)).toEqual(sourceAudit);
    const seq = sql`select h.id, h.seq::text from engagement_history h order by h.seq desc limit 1`;
    expect(await one(target.db, seq)).toEqual(await one(t.db, seq));
    const settings = sql`select milestone_years, updated_at from settings`;
    expect(await one(target.db, settings)).toEqual(await one(t.db, settings));
    expect(await one(target.db, sql`select columns from import_mappings`)).toEqual({
      columns: { 氏名: 'name', 社員番号: 'employeeNumber', 備考: null },
    });

    // Identity sequences continue after the restored values; the triggers are on again.
    const maxes = await one<{ audit: string; history: string }>(
      target.db,
      sql`select (select max(id) from audit_log)::text as audit, (select max(seq) from engagement_history)::text as history`,
    );
    await target.db.execute(sql`insert into workplaces (name) values ('復元後の職場')`);
    const added = await one<{ id: string; action: string }>(
      target.db,
      sql`select a.id::text, a.action from audit_log a order by a.id desc limit 1`,
    );
    expect(added).toEqual({ id: String(BigInt(maxes.audit) + 1n), action: 'insert' });
    const member = await one<{ id: string }>(target.db, sql`select id from members limit 1`);
    await target.db.execute(
      sql`insert into engagement_history (member_id, "to") values (${member.id}, 'at_risk')`,
    );
    const nextSeq = await one<{ seq: string }>(
      target.db,
      sql`select max(seq)::text as seq from engagement_history`,
    );
    expect(nextSeq.seq).toBe(String(BigInt(maxes.history) + 1n));
    // The audit log's guard is untouched.
    await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const target = await emptyTarget();
    await target.db.execute(sql`insert into workplaces (name) values ('既存の職場')`);
    const prior = await fingerprint(target.db);
    expect(await restoreError(target, file)).toMatch(
      /not empty \((audit_log, )?workplaces(, audit_log)? hold rows\)/,
    );
    expect(await fingerprint(target.db)).toEqual(prior);
  });

  it('refuses a damaged file (a changed row: checksum) and leaves the target empty, its settings row and triggers as they were', async () => {
    const target = await emptyTarget();
    const prior = await fingerprint(target.db);
    const damaged = await rewrite(join(dir, 'damaged.gz'), (lines) =>
      lines.map((line) => line.replace('復元テスト', '改ざん')),
    );
    expect(await restoreError(target, damaged)).toMatch(
      /checksums of (audit_log, )?member_notes do not match/,
    );
    expect(await fingerprint(target.db)).toEqual(prior);
    const enabled = await one<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from pg_trigger where tgrelid = 'members'::regclass and not tgisinternal and tgenabled = 'D'`,
    );
    expect(enabled.n).toBe(0);

    // A missing row (counts), a cut-off file, a foreign file, another schema version.
    const missing = await rewrite(join(dir, 'missing.gz'), (lines) =>
      lines.filter((line) => !line.includes('復元テスト') || line.includes('"table_name"')),
    );
    expect(await restoreError(target, missing)).toMatch(/member_notes holds \d+ rows, its header says/);
    const cut = join(dir, 'cut.gz');
    const whole = await readFile(file);
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await restoreError(target, cut)).toMatch(/not a Kumiai backup|incomplete/);
    const foreign = join(dir, 'foreign.gz');
    await writeFile(foreign, 'id,name\n1,x\n');
    expect(await restoreError(target, foreign)).toMatch(/not a Kumiai backup/);
    const older = await rewrite(join(dir, 'older.gz'), ([head, ...rest]) => [
      JSON.stringify({ ...JSON.parse(head!), schema: '0010_import_mappings' }),
      ...rest,
    ]);
    // Any later schema: the message names both versions (not tied to today's newest tag).
    expect(await restoreError(target, older)).toMatch(
      /schema 0010_import_mappings; this database is at \d{4}_[a-z_]+\./,
    );
    expect(await fingerprint(target.db)).toEqual(prior);
  });

  it('refuses to overwrite a file unless forced', async () => {
    await expect(createBackup(t.database, file, { now: NOW })).rejects.toThrow(/already exists/);
  });
});

// The same file format on both engines: PostgreSQL → PGlite → PostgreSQL, checksums identical.
describe.skipIf(!process.env.TEST_DATABASE_URL)('across engines', () => {
  it('restores a PostgreSQL backup into PGlite and that one back into PostgreSQL', async () => {
    const lite = await emptyPglite();
    await restoreBackup(lite, file);
    expect(await tableChecksums(lite.db, backupTables())).toEqual(before);
    expect(await fingerprint(lite.db)).toEqual(independentBefore);
    const again = join(dir, 'from-pglite.gz');
    await createBackup(lite, again, { now: NOW });
    const target = await emptyTarget();
    await restoreBackup(target, again);
    expect(await tableChecksums(target.db, backupTables())).toEqual(before);
  }, 120_000);
});
