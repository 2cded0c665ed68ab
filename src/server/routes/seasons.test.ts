import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { currentSeasonOf } from '../../core/demands/seasons';
import { rowsOf } from '../../db/queries/records';
import { findCurrentSeasonId } from '../../db/queries/seasons';
import { auditLog, bargainingSeasons, demandMembers, demands } from '../../db/schema';

// 2027-01-31T15:30Z is already February 1 in Tokyo: "today" is the organization's.
let clock = new Date('2027-01-31T15:30:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const MISSING = '00000000-0000-4000-8000-000000000000';

async function ok(method: string, path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const res = await t.api(method, path, body);
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
  return res.body;
}

async function titles(query: string) {
  const res = await ok('GET', `/api/demands?sort=title&limit=200${query}`);
  return (res.items as { title: string }[]).map((d) => d.title);
}

async function auditRows(recordId: string) {
  return t.db.select().from(auditLog).where(eq(auditLog.recordId, recordId)).orderBy(auditLog.id);
}

describe('seasons API', () => {
  it('creates, lists (current first by rule), renames, moves and deletes seasons, each audited', async () => {
    // No season yet: none is current, and every demand is listed.
    expect(await ok('GET', '/api/seasons')).toEqual({ items: [], currentId: null });
    const loose = await ok('POST', '/api/demands', { title: 'シーズン前の要求' });
    expect(loose).toMatchObject({ seasonId: null, seasonName: null });

    const autumn = await ok('POST', '/api/seasons', {
      name: ' 2026秋闘 ',
      startsOn: '2026-07-01',
      endsOn: '2026-11-30',
    });
    expect(autumn).toMatchObject({
      name: '2026秋闘',
      startsOn: '2026-07-01',
      endsOn: '2026-11-30',
      version: 1,
      demandCount: 0,
    });
    // Only a past season: it is the most recently started one, so it is current.
    expect((await ok('GET', '/api/seasons')).currentId).toBe(autumn.id);

    const spring = await ok('POST', '/api/seasons', {
      name: '2027春闘',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
    });
    const later = await ok('POST', '/api/seasons', {
      name: '2027秋闘',
      startsOn: '2027-07-01',
      endsOn: '2027-11-30',
    });
    const list = await ok('GET', '/api/seasons');
    expect(list.items.map((s: { name: string }) => s.name)).toEqual(['2027秋闘', '2027春闘', '2026秋闘']);
    // February 1 (Tokyo) is inside 2027春闘; the future 2027秋闘 has not started.
    expect(list.currentId).toBe(spring.id);

    // Renaming and moving the dates, with the version read.
    const moved = await ok('PATCH', `/api/seasons/${later.id}`, {
      name: '2027年秋闘',
      startsOn: '2027-08-01',
      version: 1,
    });
    expect(moved).toMatchObject({
      name: '2027年秋闘',
      startsOn: '2027-08-01',
      endsOn: '2027-11-30',
      version: 2,
    });
    const stale = await t.api('PATCH', `/api/seasons/${later.id}`, { name: '古い版', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: 'stale' });
    // The end before the start, on the merged record: 400 on endsOn, nothing written.
    const backwards = await t.api('PATCH', `/api/seasons/${later.id}`, {
      startsOn: '2027-12-01',
      version: 2,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toHaveProperty('endsOn');

    const audit = await auditRows(later.id);
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
    expect(audit.every((a) => a.actorId === t.admin.id && a.tableName === 'bargaining_seasons')).toBe(true);
    expect(audit[1]!.before).toMatchObject({
      name: '2027秋闘',
      starts_on: '2027-07-01',
    });
    expect(audit[1]!.after).toMatchObject({ name: '2027年秋闘', starts_on: '2027-08-01', version: 2 });

    expect((await t.api('DELETE', `/api/seasons/${later.id}?version=1`)).status).toBe(409);
    expect((await t.api('DELETE', `/api/seasons/${later.id}?version=2`)).status).toBe(204);
    expect((await auditRows(later.id)).map((a) => a.action)).toEqual(['insert', 'update', 'delete']);
    expect((await t.api('DELETE', `/api/seasons/${later.id}?version=2`)).status).toBe(404);
    expect((await t.api('PATCH', `/api/seasons/${MISSING}`, { name: 'x', version: 1 })).status).toBe(404);

    await t.db.delete(demands).where(eq(demands.id, loose.id));
    await t.db.delete(bargainingSeasons);
  });

  it('refuses bad input with 400 and field errors, a name in use with 409, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ startsOn: '2027-02-01', endsOn: '2027-03-01' }, 'name'],
      [{ name: '  ', startsOn: '2027-02-01', endsOn: '2027-03-01' }, 'name'],
      [{ name: 'x'.repeat(101), startsOn: '2027-02-01', endsOn: '2027-03-01' }, 'name'],
      [{ name: '春闘', startsOn: '2027-02-30', endsOn: '2027-03-01' }, 'startsOn'],
      [{ name: '春闘', startsOn: '2027-02-01' }, 'endsOn'],
      [{ name: '春闘', startsOn: '2027-03-02', endsOn: '2027-03-01' }, 'endsOn'],
      [{ name: '春闘', startsOn: '2027-02-01', endsOn: '2027-03-01', version: 1 }, 'version'],
      [{ name: 'a\u0000b', startsOn: '2027-02-01', endsOn: '2027-03-01' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/seasons', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty(field);
    }
    const first = await ok('POST', '/api/seasons', {
      name: '2027春闘',
      startsOn: '2027-02-01',
      endsOn: '2027-03-31',
    });
    const dup = await t.api('POST', '/api/seasons', {
      name: '2027春闘',
      startsOn: '2028-02-01',
      endsOn: '2028-03-31',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual({ name: 'is already in use' });
    const other = await ok('POST', '/api/seasons', {
      name: '2028春闘',
      startsOn: '2028-02-01',
      endsOn: '2028-03-31',
    });
    const rename = await t.api('PATCH', `/api/seasons/${other.id}`, { name: '2027春闘', version: 1 });
    expect(rename.status).toBe(409);
    expect((await ok('GET', '/api/seasons')).items).toHaveLength(2);
    expect(
      (await ok('GET', `/api/seasons`)).items.find((s: { id: string }) => s.id === first.id).version,
    ).toBe(1);
    await t.db.delete(bargainingSeasons);
  });

  it('lets admins and officers manage seasons; executives and reps read them only (403, nothing written)', async () => {
    const season = await ok('POST', '/api/seasons', {
      name: '権限テスト',
      startsOn: '2027-01-01',
      endsOn: '2027-03-31',
    });
    for (const role of ['executive', 'rep'] as const) {
      const as = t.as((await t.addUser(role)).cookie);
      expect((await as('GET', '/api/seasons')).body.items).toHaveLength(1);
      expect(
        (await as('POST', '/api/seasons', { name: 'x', startsOn: '2027-01-01', endsOn: '2027-01-02' }))
          .status,
      ).toBe(403);
      expect((await as('PATCH', `/api/seasons/${season.id}`, { name: 'x', version: 1 })).status).toBe(403);
      expect((await as('DELETE', `/api/seasons/${season.id}?version=1`)).status).toBe(403);
    }
    const officer = t.as((await t.addUser('officer')).cookie);
    const renamed = await officer('PATCH', `/api/seasons/${season.id}`, {
      name: '権限テスト(改)',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect((await officer('DELETE', `/api/seasons/${season.id}?version=2`)).status).toBe(204);
    expect(await t.db.select().from(bargainingSeasons)).toEqual([]);
  });
});

describe('demands in seasons', () => {
  it('puts a new demand in the current season unless told otherwise, and lists by season', async () => {
    clock = new Date('2027-01-31T15:30:00Z');
    const past = await ok('POST', '/api/seasons', {
      name: '2026秋闘',
      startsOn: '2026-07-01',
      endsOn: '2026-11-30',
    });
    const current = await ok('POST', '/api/seasons', {
      name: '2027春闘',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
    });

    const a = await ok('POST', '/api/demands', { title: 'A 今季の要求' });
    expect(a).toMatchObject({ seasonId: current.id, seasonName: '2027春闘' });
    const b = await ok('POST', '/api/demands', { title: 'B 前季の要求', seasonId: past.id });
    expect(b).toMatchObject({ seasonId: past.id, seasonName: '2026秋闘' });
    const c = await ok('POST', '/api/demands', { title: 'C シーズンなし', seasonId: null });
    expect(c.seasonId).toBeNull();
    const unknown = await t.api('POST', '/api/demands', { title: 'D', seasonId: MISSING });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('seasonId');
    const malformed = await t.api('POST', '/api/demands', { title: 'D', seasonId: 'spring' });
    expect(malformed.status).toBe(400);

    expect(await titles('')).toEqual(['A 今季の要求']);
    expect(await titles('&season=current')).toEqual(['A 今季の要求']);
    expect(await titles(`&season=${past.id}`)).toEqual(['B 前季の要求']);
    expect(await titles('&season=none')).toEqual(['C シーズンなし']);
    expect(await titles('&season=all')).toEqual(['A 今季の要求', 'B 前季の要求', 'C シーズンなし']);
    expect(await titles(`&season=${MISSING}`)).toEqual([]);
    expect((await ok('GET', '/api/demands?season=all&status=not_submitted&q=前季')).total).toBe(1);
    const bad = await t.api('GET', '/api/demands?season=spring');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('season');

    // Moving a demand to the past season, by PATCH with its version.
    const moved = await ok('PATCH', `/api/demands/${a.id}`, { seasonId: past.id, version: 1 });
    expect(moved).toMatchObject({ seasonId: past.id, seasonName: '2026秋闘', version: 2 });
    expect(await titles('')).toEqual([]);
    expect(await titles(`&season=${past.id}`)).toEqual(['A 今季の要求', 'B 前季の要求']);
    const counts = await ok('GET', '/api/seasons');
    expect(counts.items.map((s: { name: string; demandCount: number }) => [s.name, s.demandCount])).toEqual([
      ['2027春闘', 0],
      ['2026秋闘', 2],
    ]);

    // A season with demands cannot be deleted: 409 naming how many, nothing written.
    const refused = await t.api('DELETE', `/api/seasons/${past.id}?version=1`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toContain('2 demand');
    expect(await t.db.select().from(bargainingSeasons).where(eq(bargainingSeasons.id, past.id))).toHaveLength(
      1,
    );
    // The export carries the season's name.
    const csv = await t.api('GET', `/api/export/demands.csv?season=all&sort=title`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('交渉シーズン');
    expect(csv.text).toContain('2026秋闘');
    const exportedCurrent = await t.api('GET', '/api/export/demands.csv?sort=title');
    expect(exportedCurrent.text.trim().split('\n')).toHaveLength(1);

    await t.db.delete(demands);
    await t.db.delete(bargainingSeasons);
  });

  it('edits a demand’s title and 内容 with the version read, audited with the old text', async () => {
    const d = await ok('POST', '/api/demands', { title: '賃上げ要求', description: '月額1万円' });
    const edited = await ok('PATCH', `/api/demands/${d.id}`, {
      title: '賃上げ要求（月額12,000円）',
      description: '物価上昇に見合う月額12,000円',
      version: 1,
    });
    expect(edited).toMatchObject({
      title: '賃上げ要求（月額12,000円）',
      description: '物価上昇に見合う月額12,000円',
      version: 2,
    });
    const stale = await t.api('PATCH', `/api/demands/${d.id}`, { title: '別の名前', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed by someone else/);
    expect((await ok('GET', `/api/demands/${d.id}`)).title).toBe('賃上げ要求（月額12,000円）');
    const [update] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, d.id), eq(auditLog.action, 'update')));
    expect(update).toMatchObject({
      actorId: t.admin.id,
      before: expect.objectContaining({ title: '賃上げ要求', description: '月額1万円' }),
      after: expect.objectContaining({ title: '賃上げ要求（月額12,000円）' }),
    });
    await t.db.delete(demands);
  });

  it('deletes a demand in one transaction: links and log go, one audit event names the title and the counts', async () => {
    const d = await ok('POST', '/api/demands', { title: '削除される要求' });
    const members = [];
    for (const name of ['一郎', '二郎', '三郎'])
      members.push(await ok('POST', '/api/members', { name: `削除 ${name}` }));
    for (const m of members) await ok('PUT', `/api/demands/${d.id}/members/${m.id}`);
    await ok('POST', `/api/demands/${d.id}/notes`, { kind: 'negotiation', body: '第1回交渉' });
    expect((await t.api('DELETE', `/api/demands/${d.id}?version=1`)).status).toBe(204);
    expect(await t.db.select().from(demandMembers).where(eq(demandMembers.demandId, d.id))).toEqual([]);
    const events = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, d.id), eq(auditLog.action, 'delete_demand')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: t.admin.id,
      tableName: 'demands',
      details: { title: '削除される要求', linksRemoved: 3, notesRemoved: 1, tasksRemoved: 0 },
    });
    // The links' own rows are in the trail too (the triggers), attributed to the admin.
    const linkRows = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from audit_log where table_name = 'demand_members' and action = 'delete' and subject_id = ${d.id} and actor_id = ${t.admin.id}`,
      ),
    );
    expect(Number(linkRows[0]!.n)).toBe(3);
  });
});

describe('the current season', () => {
  it('is the same in SQL and in TypeScript for any seasons and day (contains today, latest start; else latest started)', async () => {
    const day = fc
      .integer({ min: 0, max: 60 })
      .map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));
    const season = fc.tuple(day, fc.integer({ min: 0, max: 20 })).map(([startsOn, len]) => ({
      startsOn,
      endsOn: new Date(Date.parse(`${startsOn}T00:00:00Z`) + len * 86_400_000).toISOString().slice(0, 10),
    }));
    await fc.assert(
      fc.asyncProperty(fc.array(season, { maxLength: 6 }), day, async (seasons, today) => {
        await t.db.delete(bargainingSeasons);
        const rows = seasons.length
          ? await t.db
              .insert(bargainingSeasons)
              .values(seasons.map((s, i) => ({ ...s, name: `S${i}` })))
              .returning()
          : [];
        const expected = currentSeasonOf(rows, today)?.id ?? null;
        expect(await findCurrentSeasonId(t.db, sql`${today}::date`)).toBe(expected);
      }),
      { numRuns: 60 },
    );
    await t.db.delete(bargainingSeasons);
  });
});

describe('monthly dashboard by season', () => {
  it('ranks the current season’s demands by default, names the season, and takes a season or all', async () => {
    clock = new Date('2027-02-10T03:00:00Z');
    const past = await ok('POST', '/api/seasons', {
      name: '2026秋闘',
      startsOn: '2026-07-01',
      endsOn: '2026-11-30',
    });
    const current = await ok('POST', '/api/seasons', {
      name: '2027春闘',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
    });
    const now = await ok('POST', '/api/demands', { title: '今季の賃上げ' });
    const old = await ok('POST', '/api/demands', { title: '前季の一時金', seasonId: past.id });
    const people = [];
    for (const name of ['甲', '乙', '丙'])
      people.push(await ok('POST', '/api/members', { name: `月次 ${name}` }));
    for (const m of people) await ok('PUT', `/api/demands/${old.id}/members/${m.id}`);
    await ok('PUT', `/api/demands/${now.id}/members/${people[0]!.id}`);

    // An independent recount from the links table.
    const recount = async (seasonId: string | null) => {
      const rows = await t.db.select().from(demandMembers);
      const ds = await t.db.select().from(demands);
      return ds
        .filter((d) => seasonId === null || d.seasonId === seasonId)
        .map((d) => ({ demandId: d.id, n: rows.filter((r) => r.demandId === d.id).length }))
        .sort((x, y) => y.n - x.n);
    };
    const figures = (body: { demands: { demandId: string; relatedMemberCount: number }[] }) =>
      body.demands.map((d) => ({ demandId: d.demandId, n: d.relatedMemberCount }));

    const byDefault = await ok('GET', '/api/dashboards/monthly');
    expect(byDefault.season).toMatchObject({ id: current.id, name: '2027春闘' });
    expect(figures(byDefault)).toEqual(await recount(current.id));
    const pastView = await ok('GET', `/api/dashboards/monthly?season=${past.id}`);
    expect(pastView.season).toMatchObject({ id: past.id, name: '2026秋闘' });
    expect(figures(pastView)).toEqual(await recount(past.id));
    const all = await ok('GET', '/api/dashboards/monthly?season=all');
    expect(all.season).toBeNull();
    expect(figures(all)).toEqual(await recount(null));
    // A report as of last October shows the season current then.
    const october = await ok('GET', '/api/dashboards/monthly?asOf=2026-10-31');
    expect(october.season).toMatchObject({ id: past.id });
    expect(figures(october)).toEqual(await recount(past.id));
    const unknown = await t.api('GET', `/api/dashboards/monthly?season=${MISSING}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('season');
    expect((await t.api('GET', '/api/dashboards/monthly?season=none')).status).toBe(400);
  });
});

describe('seasons API: OpenAPI', () => {
  it('documents the season routes with operation ids under the demands tag', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const ops: [string, string, string][] = [
      ['/seasons', 'get', 'listSeasons'],
      ['/seasons', 'post', 'createSeason'],
      ['/seasons/{id}', 'patch', 'updateSeason'],
      ['/seasons/{id}', 'delete', 'deleteSeason'],
    ];
    for (const [path, method, operationId] of ops) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toMatchObject({
        operationId,
        tags: ['Demands 交渉・要求'],
      });
    }
    expect(doc.components.schemas).toHaveProperty('Season');
    expect(doc.components.schemas).toHaveProperty('SeasonList');
    const params = doc.paths['/demands'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toContain('season');
  });
});
