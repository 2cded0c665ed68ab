import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type DemandBreakdown, LINK_EVENT_SOURCES, type LinkEventSource } from '../../core/demands/breakdown';
import { DEMAND_LINK_SOURCES } from '../../core/demands/schemas';
import { ENGAGEMENTS, UNION_ROLES } from '../../core/enums';
import { setActor } from '../../db/acting';
import { nameLinkSource } from '../../db/queries/demands';
import {
  bargainingSeasons,
  demandLinkEvents,
  demandMembers,
  demands,
  memberMerges,
  members,
  settings,
  workplaces,
} from '../../db/schema';
import { addDays, localDay } from '../../services/dashboards/dashboard-oracle.test-helper';
import { createRandom } from '../../services/demo/random';

// Every figure of GET /api/demands/:id/breakdown — each dimension's counts, the workplaces'
// memberCount and share, every history point with its links and unlinks per source — against
// a TypeScript recount from the raw rows read back, for the whole union and for a rep; and
// every figure's drill-down lists exactly the members it counts. The link events are written
// by the real triggers: links and unlinks on random days with random sources, a merge and an
// erasure through the API. A failing seed replays exactly.

const UNIONS = [
  { seed: 11, timeZone: 'Asia/Tokyo', now: new Date('2027-03-20T03:00:00Z'), seasonEnded: false },
  // The season ended before today; a time zone behind UTC (an event's day is not UTC's).
  { seed: 22, timeZone: 'America/Los_Angeles', now: new Date('2027-04-02T06:30:00Z'), seasonEnded: true },
];

type Scope = string[] | null;

describe.each(UNIONS)('seed $seed ($timeZone)', ({ seed, timeZone, now, seasonEnded }) => {
  let t: TestApp;
  let clock = now;
  const rng = createRandom(seed);
  const today = localDay(now.getTime(), timeZone);
  let repCookie: string;
  let repWorkplaces: string[];
  let demandIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    const db = t.db;
    await db.update(settings).set({ timezone: timeZone }).where(eq(settings.id, 1));
    const wps = Array.from({ length: 6 }, (_, i) => ({
      id: rng.uuid(),
      name: `職場${i}`,
      nameKana: i % 3 === 2 ? null : `ショクバ${String.fromCharCode(0x30a2 + ((i * 7) % 40))}`,
    }));
    await db.insert(workplaces).values(wps);
    const rows = Array.from({ length: 140 }, (_, i) => {
      const left = rng.chance(0.12);
      return {
        id: rng.uuid(),
        name: `組合員${i}`,
        nameKana: `クミアイイン${i}`,
        workplaceId: rng.chance(0.08) ? null : rng.pick(wps).id,
        jobType: rng.pick(['製造', '事務', '営業', null]),
        grade: rng.pick(['G1', 'G2', 'G3', null]),
        engagement: rng.pick(ENGAGEMENTS),
        unionRole: rng.chance(0.1) ? ('organizing_target' as const) : rng.pick(UNION_ROLES),
        status: left ? ('left' as const) : ('active' as const),
        leftOn: left ? '2026-12-31' : null,
      };
    });
    await db.insert(members).values(rows);
    const [season] = await db
      .insert(bargainingSeasons)
      .values({
        name: `春闘${seed}`,
        startsOn: addDays(today, -50),
        endsOn: seasonEnded ? addDays(today, -6) : addDays(today, 40),
      })
      .returning();
    const ds = await db
      .insert(demands)
      .values([
        { title: 'ベースアップ', seasonId: season!.id },
        { title: '休日増', seasonId: null },
        { title: '手当', seasonId: season!.id },
      ])
      .returning();
    demandIds = ds.map((d) => d.id);

    // 80 days of links and unlinks, at random times of day, through the triggers.
    const ids = rows.map((r) => r.id);
    for (let back = 80; back >= 1; back--) {
      if (!rng.chance(0.55)) continue;
      const at = new Date(now.getTime() - back * 86_400_000 + rng.int(-11, 11) * 3_600_000);
      const demandId = rng.pick(demandIds.slice(0, 2));
      await db.transaction(async (tx) => {
        await setActor(tx, null, at);
        if (rng.chance(0.7)) {
          const source = rng.pick(DEMAND_LINK_SOURCES);
          const chosen = ids.filter(() => rng.chance(0.15));
          if (chosen.length) {
            await tx
              .insert(demandMembers)
              .values(chosen.map((memberId) => ({ demandId, memberId, source, createdAt: at })))
              .onConflictDoNothing();
          }
        } else {
          await nameLinkSource(tx, rng.pick(['bulk', 'import', null] as const));
          const linked = await tx.select().from(demandMembers).where(eq(demandMembers.demandId, demandId));
          for (const l of linked.filter(() => rng.chance(0.3))) {
            await tx
              .delete(demandMembers)
              .where(and(eq(demandMembers.memberId, l.memberId), eq(demandMembers.demandId, demandId)));
          }
        }
      });
    }
    // A merge and an erasure today, through the API.
    clock = new Date(now.getTime() - 3_600_000);
    const linked = await db.select().from(demandMembers).where(eq(demandMembers.demandId, demandIds[0]!));
    // b holds the demand and a does not: the merge moves the link (an unlink and a link, both `merge`).
    const placed = (id: string) => !!rows.find((r) => r.id === id)?.workplaceId;
    const b = linked.map((l) => l.memberId).find(placed)!;
    const a = ids.find((id) => placed(id) && !linked.some((l) => l.memberId === id))!;
    const version = async (id: string) => (await t.api('GET', `/api/members/${id}`)).body.version;
    const merged = await t.api('POST', `/api/members/${a}/merge`, {
      otherId: b,
      version: await version(a),
      otherVersion: await version(b),
    });
    expect(merged.status).toBe(200);
    const erased = linked.map((l) => l.memberId).find((id) => id !== a && id !== b)!;
    const erasure = await t.api('POST', `/api/members/${erased}/erasure`, {
      confirmName: rows.find((r) => r.id === erased)!.name,
    });
    expect(erasure.status).toBe(200);
    clock = now;

    repWorkplaces = [wps[0]!.id, wps[1]!.id];
    const { user, cookie } = await t.addUser('rep');
    const read = await t.api('GET', `/api/users/${user.id}`);
    await t.api('PATCH', `/api/users/${user.id}`, {
      workplaceIds: repWorkplaces,
      version: read.body.version,
    });
    repCookie = cookie;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The independent recount, from the rows as stored. */
  async function recount(demandId: string, scope: Scope): Promise<DemandBreakdown> {
    const db = t.db;
    const ms = await db.select().from(members);
    const wps = await db.select().from(workplaces);
    const links = await db.select().from(demandMembers).where(eq(demandMembers.demandId, demandId));
    const events = await db.select().from(demandLinkEvents).where(eq(demandLinkEvents.demandId, demandId));
    const merges = await db.select().from(memberMerges);
    const [demand] = await db.select().from(demands).where(eq(demands.id, demandId));
    const seasons = await db.select().from(bargainingSeasons);
    const byId = new Map(ms.map((m) => [m.id, m]));
    const inScope = (m: { workplaceId: string | null }) =>
      scope === null || (m.workplaceId !== null && scope.includes(m.workplaceId));
    const counted = (m: (typeof ms)[number]) => m.status === 'active' && m.unionRole !== 'organizing_target';
    const held = links.map((l) => byId.get(l.memberId)!).filter((m) => counted(m) && inScope(m));

    const tally = <K>(key: (m: (typeof ms)[number]) => K) => {
      const map = new Map<K, number>();
      for (const m of held) map.set(key(m), (map.get(key(m)) ?? 0) + 1);
      return [...map];
    };
    const c = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const byCountThenValue = ([a, n]: [string | null, number], [b, k]: [string | null, number]) =>
      a === null ? 1 : b === null ? -1 : k - n || c(a, b);
    const wpOf = new Map(wps.map((w) => [w.id, w]));
    const workplaceRows = tally((m) => m.workplaceId).sort(([a, n], [b, k]) => {
      if (a === null) return 1;
      if (b === null) return -1;
      const wa = wpOf.get(a)!;
      const wb = wpOf.get(b)!;
      if (k !== n) return k - n;
      if (wa.nameKana !== wb.nameKana) {
        if (wa.nameKana === null) return 1;
        if (wb.nameKana === null) return -1;
        return c(wa.nameKana, wb.nameKana);
      }
      return c(wa.name, wb.name) || c(a, b);
    });
    const workplaceCounted = (id: string) => ms.filter((m) => m.workplaceId === id && counted(m)).length;

    // History: the events in scope (a merged record's as the kept member's), per day in the time zone.
    const kept = new Map(merges.map((m) => [m.mergedId, m.keptId]));
    const seen = events.filter((e) => {
      if (scope === null) return true;
      if (e.memberId === null) return false;
      const m = byId.get(kept.get(e.memberId) ?? e.memberId);
      return m !== undefined && inScope(m);
    });
    const days = new Map(events.map((e) => [e.id, localDay(e.at.getTime(), timeZone)]));
    const day = (e: (typeof events)[number]) => days.get(e.id)!;
    const season = seasons.find((s) => s.id === demand!.seasonId);
    const firstDay = seen.map(day).sort()[0] ?? null;
    const from = season ? season.startsOn : firstDay;
    const stop = season && season.endsOn < today ? season.endsOn : today;
    const points: DemandBreakdown['history']['points'] = [];
    if (from !== null) {
      for (let d = from; d <= stop; d = addDays(d, 1)) {
        const links: Partial<Record<LinkEventSource, number>> = {};
        const unlinks: Partial<Record<LinkEventSource, number>> = {};
        for (const e of seen.filter((e) => day(e) === d)) {
          const into = e.action === 'link' ? links : unlinks;
          const source = e.source as LinkEventSource;
          into[source] = (into[source] ?? 0) + 1;
        }
        const count = seen.filter((e) => day(e) <= d).reduce((n, e) => n + (e.action === 'link' ? 1 : -1), 0);
        points.push({ date: d, count, links, unlinks });
      }
    }
    return {
      demandId,
      total: held.length,
      workplaces: workplaceRows.map(([id, n]) => ({
        workplaceId: id,
        workplaceName: id === null ? null : wpOf.get(id)!.name,
        count: n,
        memberCount: id === null ? null : workplaceCounted(id),
        share: id === null ? null : n / workplaceCounted(id),
      })),
      jobTypes: tally((m) => m.jobType)
        .sort(byCountThenValue)
        .map(([value, count]) => ({ value, count })),
      grades: tally((m) => m.grade)
        .sort(byCountThenValue)
        .map(([value, count]) => ({ value, count })),
      engagements: ENGAGEMENTS.flatMap((value) => {
        const count = held.filter((m) => m.engagement === value).length;
        return count ? [{ value, count }] : [];
      }),
      unionRoles: UNION_ROLES.flatMap((value) => {
        const count = held.filter((m) => m.unionRole === value).length;
        return count ? [{ value, count }] : [];
      }),
      history: { from, to: from === null ? null : stop, points },
    };
  }

  const asRep = () => t.as(repCookie);

  it('has links, unlinks of every kind and a history to mean something', async () => {
    const events = await t.db.select().from(demandLinkEvents);
    const kinds = new Set(events.map((e) => `${e.action}:${e.source}`));
    for (const kind of [
      'link:officer',
      'link:bulk',
      'unlink:bulk',
      'unlink:officer',
      'link:merge',
      'unlink:merge',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(kinds).toContain('unlink:removal');
    expect(events.some((e) => e.memberId === null)).toBe(true);
    expect(LINK_EVENT_SOURCES).toEqual(expect.arrayContaining([...kinds].map((k) => k.split(':')[1])));
  });

  it('every figure and history point equals the recount, for the union and for a rep', async () => {
    for (const demandId of demandIds) {
      const all = await t.api('GET', `/api/demands/${demandId}/breakdown`);
      expect(all.status).toBe(200);
      const expected = await recount(demandId, null);
      expect(all.body).toEqual(expected);
      const demand = await t.api('GET', `/api/demands/${demandId}`);
      expect(all.body.total).toBe(demand.body.relatedMemberCount);

      const rep = await asRep()('GET', `/api/demands/${demandId}/breakdown`);
      expect(rep.status).toBe(200);
      expect(rep.body).toEqual(await recount(demandId, repWorkplaces));
      const repDemand = await asRep()('GET', `/api/demands/${demandId}`);
      expect(rep.body.total).toBe(repDemand.body.relatedMemberCount);
    }
    // Enough to mean something: a rep sees less than the union, and the history moved.
    const first = await recount(demandIds[0]!, null);
    expect(first.total).toBeGreaterThan(5);
    expect(new Set(first.history.points.map((p) => p.count)).size).toBeGreaterThan(3);
  });

  it("every figure's drill-down lists exactly the members it counts", async () => {
    for (const [who, client, scope] of [
      ['admin', t.api, null],
      ['rep', asRep(), repWorkplaces],
    ] as const) {
      for (const demandId of demandIds) {
        const b = (await client('GET', `/api/demands/${demandId}/breakdown`)).body as DemandBreakdown;
        const listed = async (query: string) => {
          const res = await client('GET', `/api/demands/${demandId}/members?counted=true&limit=500&${query}`);
          expect(res.status, query).toBe(200);
          return res.body.items.map((m: { id: string }) => m.id).sort();
        };
        const ms = await t.db.select().from(members);
        const linked = new Set(
          (await t.db.select().from(demandMembers).where(eq(demandMembers.demandId, demandId))).map(
            (l) => l.memberId,
          ),
        );
        const counted = ms.filter(
          (m) =>
            linked.has(m.id) &&
            m.status === 'active' &&
            m.unionRole !== 'organizing_target' &&
            (scope === null || (m.workplaceId !== null && scope.includes(m.workplaceId))),
        );
        const ids = (pred: (m: (typeof ms)[number]) => boolean) =>
          counted
            .filter(pred)
            .map((m) => m.id)
            .sort();
        expect(await listed(''), who).toEqual(ids(() => true));
        for (const w of b.workplaces) {
          const q = w.workplaceId ? `workplaceId=${w.workplaceId}` : 'unset=workplace';
          const got = await listed(q);
          expect(got, `${who} ${q}`).toEqual(ids((m) => m.workplaceId === w.workplaceId));
          expect(got.length).toBe(w.count);
        }
        for (const [field, rows] of [
          ['jobType', b.jobTypes],
          ['grade', b.grades],
        ] as const) {
          for (const r of rows) {
            const q = r.value === null ? `unset=${field}` : `${field}=${encodeURIComponent(r.value)}`;
            const got = await listed(q);
            expect(got, `${who} ${q}`).toEqual(ids((m) => m[field] === r.value));
            expect(got.length).toBe(r.count);
          }
        }
        for (const r of b.engagements) {
          const got = await listed(`engagement=${r.value}`);
          expect(got).toEqual(ids((m) => m.engagement === r.value));
          expect(got.length).toBe(r.count);
        }
        for (const r of b.unionRoles) {
          const got = await listed(`unionRole=${r.value}`);
          expect(got).toEqual(ids((m) => m.unionRole === r.value));
          expect(got.length).toBe(r.count);
        }
      }
    }
  });
});
