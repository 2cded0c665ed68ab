/**
 * Merging two records of one person (issue 14, 「統合」): nothing is lost — every table's
 * rows are counted before and after, and every foreign key to members (read from the
 * catalog, so a table added later is covered) ends at the kept member.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actingAs } from '../../db/acting';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { getMember } from './get-member';
import { MERGE_REASON, mergeMembers } from './merge-members';
import { previewMerge } from './preview-merge';

const NOW = new Date('2026-06-10T03:00:00Z');
let t: TestApp;
let admin: ServiceContext;
let wpA: { id: string };
let wpB: { id: string };
let officer: { id: string };

type Member = { id: string; version: number; name: string };

async function q<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.db.execute(text));
}

async function api(method: string, path: string, body?: unknown) {
  const res = await t.api(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body;
}

async function versionOf(id: string): Promise<number> {
  return Number(
    (await q<{ version: number }>(sql`select version from members where id = ${id}`))[0]!.version,
  );
}

/** Row counts of every table of the schema (the audit log apart: the merge adds to it). */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await q<{ name: string }>(
    // The figure counters (migration 0031) are derived from the tables counted here; their
    // agreement with the tables is figure-counts.test.ts's.
    sql`select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE'
           and table_name not in ('kumiai_member_counts', 'kumiai_member_count_deltas',
                                  'kumiai_demand_counts', 'kumiai_demand_count_deltas', 'kumiai_at_risk_spells',
                                  'kumiai_early_warning_baselines', 'kumiai_early_warning_state', 'kumiai_risk_spells')
         order by 1`,
  );
  const parts = tables.map(
    (r) => sql`select ${r.name} as name, count(*)::int as n from ${sql.identifier(r.name)}`,
  );
  const rows = await q<{ name: string; n: number }>(sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

/** Every column that references members(id), from the catalog. */
async function memberReferences(): Promise<{ table: string; column: string }[]> {
  return q(sql`
    select c.conrelid::regclass::text as "table", a.attname as "column"
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
     where c.contype = 'f' and c.confrelid = 'members'::regclass
     order by 1, 2`);
}

/** Rows per referencing column (and tasks about the member) that point at `id`. */
async function referencesTo(id: string): Promise<Record<string, number>> {
  const refs = await memberReferences();
  const parts = refs.map(
    (r) =>
      sql`select ${`${r.table}.${r.column}`} as name, count(*)::int as n from ${sql.identifier(r.table)} where ${sql.identifier(r.column)} = ${id}`,
  );
  parts.push(
    sql`select 'tasks.subject_id' as name, count(*)::int as n from tasks where subject_type = 'member' and subject_id = ${id}`,
  );
  parts.push(
    sql`select 'case_events' as name, count(*)::int as n from case_events e join member_cases c on c.id = e.case_id where c.member_id = ${id}`,
  );
  const rows = await q<{ name: string; n: number }>(sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

/** A member with something in every table that references members. */
async function richMember(name: string, workplaceId: string, extra: Record<string, unknown> = {}) {
  const m: Member = await api('POST', '/api/members', { name, workplaceId, engagement: 'regular', ...extra });
  await api('POST', `/api/members/${m.id}/notes`, {
    occurredOn: '2026-06-01',
    channel: 'visit',
    body: `${name}と面談`,
  });
  await api('POST', `/api/members/${m.id}/notes`, {
    occurredOn: '2026-06-02',
    channel: 'phone',
    body: '電話',
  });
  const kase = await api('POST', `/api/members/${m.id}/cases`, {
    title: `${name}の残業相談`,
    openedOn: '2026-06-01',
    dueOn: '2026-06-05',
  });
  await api('PATCH', `/api/members/${m.id}/cases/${kase.id}`, {
    status: 'closed',
    outcome: '解決',
    version: kase.version,
  });
  await api('POST', `/api/members/${m.id}/cases`, {
    title: 'ハラスメント相談',
    openedOn: '2026-06-03',
    sensitive: true,
  });
  await api('PATCH', `/api/members/${m.id}`, {
    engagement: 'rare',
    engagementReason: '集会欠席',
    version: await versionOf(m.id),
  });
  await api('POST', '/api/tasks', { title: `${name}に電話`, subjectType: 'member', subjectId: m.id });
  return { ...m, version: await versionOf(m.id) };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  admin = {
    db: actingAs(t.db, t.admin.id, NOW),
    actor: {
      id: t.admin.id,
      email: t.admin.email,
      displayName: t.admin.displayName,
      role: 'admin',
      workplaceIds: [],
    },
    now: NOW,
  };
  wpA = await api('POST', '/api/workplaces', { name: '第一工場', employeeCount: 40 });
  wpB = await api('POST', '/api/workplaces', { name: '本社', employeeCount: 30 });
  officer = (await t.addUser('officer')).user;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('mergeMembers', () => {
  it('moves every record of the removed member to the kept one and loses no row of any table', async () => {
    const kept = await richMember('山田 太郎', wpA.id, {
      employeeNumber: '00123',
      nameKana: 'やまだ たろう',
    });
    const other = await richMember('山田太郎', wpB.id, { employeeNumber: '123' });
    // Links both have (a demand) and only one has; a handover of the removed record; it represents a workplace.
    const shared = await api('POST', '/api/demands', { title: '賃上げ' });
    const only = await api('POST', '/api/demands', { title: '休日増' });
    await api('PUT', `/api/demands/${shared.id}/members/${kept.id}`);
    await api('PUT', `/api/demands/${shared.id}/members/${other.id}`);
    await api('PUT', `/api/demands/${only.id}/members/${other.id}`);
    const leaving = await t.addUser('officer');
    await api('PATCH', `/api/members/${other.id}`, {
      ownerId: leaving.user.id,
      version: await versionOf(other.id),
    });
    await api('POST', '/api/handover', { fromUserId: leaving.user.id, toUserId: officer.id, note: '異動' });
    const wp = await api('GET', `/api/workplaces/${wpB.id}`);
    await api('PATCH', `/api/workplaces/${wpB.id}`, { repMemberId: other.id, version: wp.version });
    // An earlier merge into the removed record: it must resolve to the kept one afterwards.
    const older = await api('POST', '/api/members', { name: '山田太郎（旧）', workplaceId: wpB.id });
    await mergeMembers(admin, other.id, {
      otherId: older.id,
      version: await versionOf(other.id),
      otherVersion: older.version,
    });

    const referencesBefore = await referencesTo(other.id);
    const keptBefore = await referencesTo(kept.id);
    const preview = await previewMerge(admin, kept.id, other.id);
    const before = await tableCounts();

    const result = await mergeMembers(admin, kept.id, {
      otherId: other.id,
      version: await versionOf(kept.id),
      otherVersion: await versionOf(other.id),
    });

    const after = await tableCounts();
    const referencesAfter = await referencesTo(other.id);
    const keptAfter = await referencesTo(kept.id);
    // Every table keeps its rows, but for the removed member, its merge row and the one
    // demand link both had; the audit log only grows.
    for (const [table, n] of Object.entries(before)) {
      const expected =
        table === 'members'
          ? n - 1
          : table === 'member_merges'
            ? n + 1
            : table === 'demand_members'
              ? n - 1
              : // The link history: the removed record's two links end (unlinks), the one the
                // kept member lacked starts again under it (a link), all three with source merge.
                table === 'demand_link_events'
                ? n + 3
                : n;
      if (table === 'audit_log') expect(after[table]).toBeGreaterThan(n);
      else expect(after[table], table).toBe(expected);
    }
    // Nothing points at the removed member any more; the kept member has both records' rows.
    for (const [ref, n] of Object.entries(referencesAfter)) expect(n, ref).toBe(0);
    for (const [ref, n] of Object.entries(keptAfter)) {
      const shared = ref === 'demand_members.member_id' ? 1 : 0;
      const mergedIn = ref === 'member_merges.kept_id' ? 1 : 0;
      expect(n, ref).toBe(keptBefore[ref]! + referencesBefore[ref]! - shared + mergedIn);
    }
    expect(referencesBefore['member_notes.member_id']).toBe(2);
    expect(referencesBefore['engagement_history.member_id']).toBeGreaterThanOrEqual(2);
    expect(referencesBefore['handover_members.member_id']).toBe(1);
    expect(referencesBefore['workplaces.rep_member_id']).toBe(1);
    expect(referencesBefore['member_merges.kept_id']).toBe(1);
    expect(preview.moves).toMatchObject({
      notes: 2,
      cases: 2,
      caseEvents: 3,
      demandLinks: 1,
      handoverLinks: 1,
      workplacesRepresented: 1,
      mergedIds: 1,
      tasks: referencesBefore['tasks.subject_id'],
      engagementHistory: referencesBefore['engagement_history.member_id'],
    });
    expect(preview.conflicts).toEqual(['name', 'employeeNumber', 'workplaceId']);

    // Both merged ids resolve to the kept member.
    const merges = await q<{ merged_id: string; kept_id: string; merged_by: string }>(
      sql`select merged_id, kept_id, merged_by from member_merges order by merged_at, merged_id`,
    );
    expect(
      merges
        .filter((m) => m.kept_id === kept.id)
        .map((m) => m.merged_id)
        .sort(),
    ).toEqual([older.id, other.id].sort());
    // Kept values: its own where it has one (no choices given), the other's where it has none.
    expect(result).toMatchObject({
      id: kept.id,
      name: '山田 太郎',
      employeeNumber: '00123',
      workplaceId: wpA.id,
    });
    expect(result.ownerId).toBe(officer.id); // the removed record's (handed over), the kept one had none
    expect(result.version).toBe(kept.version + 1);
    // One audit event names both.
    const events = await q<{
      record_id: string;
      details: { mergedId: string; keptId: string; moved: { notes: number } };
    }>(sql`select record_id, details from audit_log where action = 'merge' and record_id = ${kept.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ keptId: kept.id, mergedId: other.id, moved: { notes: 2 } });
  });

  it('takes the chosen fields from the removed record and checks the merged record', async () => {
    const kept = await richMember('佐藤花子', wpA.id, { nameKana: 'サトウ ハナコ', department: '製造' });
    const other = await richMember('佐藤 花子', wpA.id, {
      department: '品質保証',
      grade: 'G3',
      status: 'left',
      leftOn: '2026-05-31',
    });
    // status from the other record without its leftOn: the merged record would be invalid.
    await expect(
      mergeMembers(admin, kept.id, {
        otherId: other.id,
        version: kept.version,
        otherVersion: other.version,
        fields: { status: 'other', leftOn: 'kept' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { leftOn: expect.any(String) } });
    expect(await versionOf(other.id)).toBe(other.version);

    const merged = await mergeMembers(admin, kept.id, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
      fields: { department: 'other', name: 'kept', engagement: 'other' },
    });
    expect(merged).toMatchObject({
      name: '佐藤花子',
      nameKana: 'サトウ ハナコ',
      department: '品質保証',
      grade: 'G3', // empty on the kept record: taken from the other
      status: 'active',
      leftOn: null,
    });
  });

  it('answers 409 on a stale version of either record and writes nothing', async () => {
    const kept = await richMember('鈴木一郎', wpA.id);
    const other = await richMember('鈴木 一郎', wpA.id);
    const before = await tableCounts();
    for (const versions of [
      { version: kept.version - 1, otherVersion: other.version },
      { version: kept.version, otherVersion: other.version + 1 },
    ]) {
      await expect(mergeMembers(admin, kept.id, { otherId: other.id, ...versions })).rejects.toMatchObject({
        code: 'conflict',
      });
    }
    expect(await tableCounts()).toEqual(before);
    await expect(
      mergeMembers(admin, kept.id, { otherId: kept.id, version: kept.version, otherVersion: kept.version }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { otherId: expect.any(String) } });
  });

  it('keeps one open at-risk follow-up, and the history ends with the kept engagement', async () => {
    const kept = await api('POST', '/api/members', {
      name: '高橋誠',
      workplaceId: wpA.id,
      engagement: 'at_risk',
    });
    const other = await api('POST', '/api/members', {
      name: '高橋 誠',
      workplaceId: wpA.id,
      engagement: 'at_risk',
    });
    const openBefore = await q<{ n: number }>(
      sql`select count(*)::int as n from tasks where rule_id = 'at_risk_follow_up' and status = 'open' and subject_id in (${kept.id}, ${other.id})`,
    );
    expect(Number(openBefore[0]!.n)).toBe(2);
    await mergeMembers(admin, kept.id, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    });
    const tasks = await q<{ status: string; subject_id: string }>(
      sql`select status, subject_id from tasks where rule_id = 'at_risk_follow_up' and subject_id in (${kept.id}, ${other.id})`,
    );
    expect(tasks.map((x) => x.status).sort()).toEqual(['done', 'open']);
    expect(tasks.every((x) => x.subject_id === kept.id)).toBe(true);

    // The removed record's history is later but says at_risk, like the kept one: no closing row.
    // Choosing another engagement than the last row's writes one.
    const a = await api('POST', '/api/members', {
      name: '伊藤健',
      workplaceId: wpA.id,
      engagement: 'regular',
    });
    const b = await api('POST', '/api/members', {
      name: '伊藤 健',
      workplaceId: wpA.id,
      engagement: 'indifferent',
    });
    await mergeMembers(admin, a.id, { otherId: b.id, version: a.version, otherVersion: b.version });
    const history = await q<{ from: string | null; to: string; reason: string | null }>(
      sql`select "from", "to", reason from engagement_history where member_id = ${a.id} order by changed_at, seq`,
    );
    expect(history.at(-1)).toEqual({ from: 'indifferent', to: 'regular', reason: MERGE_REASON });
    expect(history).toHaveLength(3);
  });

  it('follows chains: A ← B, then C ← A; B and A both resolve to C', async () => {
    const a = await api('POST', '/api/members', { name: '渡辺一', workplaceId: wpA.id });
    const b = await api('POST', '/api/members', { name: '渡辺 一', workplaceId: wpA.id });
    const c = await api('POST', '/api/members', { name: 'わたなべ はじめ', workplaceId: wpA.id });
    await mergeMembers(admin, a.id, { otherId: b.id, version: a.version, otherVersion: b.version });
    await mergeMembers(admin, c.id, {
      otherId: a.id,
      version: c.version,
      otherVersion: await versionOf(a.id),
    });
    const rows = await q<{ merged_id: string; kept_id: string }>(
      sql`select merged_id, kept_id from member_merges where merged_id in (${a.id}, ${b.id})`,
    );
    expect(rows.map((r) => r.kept_id)).toEqual([c.id, c.id]);
    await expect(getMember(admin, a.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is for admins and officers: a rep or an executive is refused, a member outside the scope is 404', async () => {
    const m1 = await api('POST', '/api/members', { name: '中村優', workplaceId: wpA.id });
    const m2 = await api('POST', '/api/members', { name: '中村 優', workplaceId: wpB.id });
    const ctxOf = (role: 'rep' | 'executive' | 'officer', workplaceIds: string[]): ServiceContext => ({
      ...admin,
      actor: { ...admin.actor, role, workplaceIds },
    });
    const input = { otherId: m2.id, version: m1.version, otherVersion: m2.version };
    await expect(mergeMembers(ctxOf('rep', [wpA.id]), m1.id, input)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(mergeMembers(ctxOf('executive', []), m1.id, input)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(previewMerge(ctxOf('rep', [wpA.id]), m1.id, m2.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      mergeMembers(ctxOf('officer', []), m1.id, {
        ...input,
        otherId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await versionOf(m1.id)).toBe(m1.version);
    expect(await versionOf(m2.id)).toBe(m2.version);
  });
});
