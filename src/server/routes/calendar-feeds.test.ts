import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

// Calendar feeds (issue 18): the API, the feed's contents and privacy, scope, and the parse by
// two independent parsers with every date checked against the organization's zone.

let clock = new Date('2026-01-20T03:00:00Z');
let t: TestApp;
let officer: Awaited<ReturnType<TestApp['addUser']>>;
let rep: Awaited<ReturnType<TestApp['addUser']>>;
const ids: Record<string, string> = {};

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await t.db.execute(query))[0]!;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock, publicUrl: 'https://kumiai.example.org' });
  officer = await t.addUser('officer');
  rep = await t.addUser('rep');
  for (const [key, name] of [
    ['w1', '第一製造課'],
    ['w2', '第二製造課'],
  ] as const) {
    ids[key] = (
      await one<{ id: string }>(sql`insert into workplaces (name) values (${name}) returning id`)
    ).id;
  }
  await t.db.execute(
    sql`insert into user_workplaces (user_id, workplace_id) values (${rep.user.id}::uuid, ${ids.w1}::uuid)`,
  );
  // The rep signs in again: the session holds the workplaces read at sign-in? (not assumed: re-read)
  rep = { ...rep, cookie: await t.signIn(rep.user.email) };
  const member = async (name: string, w: string, owner: string, due: string | null) =>
    (
      await one<{ id: string }>(
        sql`insert into members (name, workplace_id, department, owner_id, next_action, next_action_due_on)
          values (${name}, ${ids[w]}::uuid, '組立係', ${owner}::uuid, '面談する', ${due}) returning id`,
      )
    ).id;
  ids.m1 = await member('山田太郎', 'w1', officer.user.id, '2026-01-31');
  ids.m2 = await member('佐藤花子', 'w2', officer.user.id, '2026-02-28');
  ids.m3 = await member('鈴木一郎', 'w1', rep.user.id, '2026-02-01');
  ids.m4 = await member('田中次郎', 'w2', rep.user.id, '2026-02-02'); // outside the rep's workplaces
  ids.case = (
    await one<{ id: string }>(
      sql`insert into member_cases (member_id, title, opened_on, due_on, sensitive)
        values (${ids.m1}::uuid, 'ハラスメント相談の秘密', '2026-01-01', '2026-02-10', true) returning id`,
    )
  ).id;
  const task = async (
    title: string,
    due: string,
    rule: string | null,
    onceKey: string | null,
    status = 'open',
  ) =>
    (
      await one<{ id: string }>(
        sql`insert into tasks (title, due_on, status, assignee_id, subject_type, subject_id, rule_id, once_key)
          values (${title}, ${due}, ${status}::task_status, ${officer.user.id}::uuid, 'member', ${ids.m1}::uuid, ${rule}, ${onceKey}) returning id`,
      )
    ).id;
  ids.t1 = await task('山田太郎さんをフォロー', '2026-01-31', 'at_risk_follow_up', null);
  ids.t2 = await task(
    'ハラスメント相談の秘密 の期日',
    '2026-02-10',
    'case_due_follow_up',
    `case_due_follow_up:${ids.case}:2026-02-10`,
  );
  ids.t3 = await task('終わったタスク', '2026-01-25', null, null, 'done');
  ids.t4 = await task('遠すぎるタスク', '2027-06-01', null, null);
  for (const [key, title, status, day] of [
    ['d1', '賃上げ要求', 'negotiating', '2026-03-31'],
    ['d2', '妥結済み要求', 'settled', '2026-02-15'],
    ['d3', '日付なし要求', 'negotiating', null],
  ] as const) {
    ids[key] = (
      await one<{ id: string }>(
        sql`insert into demands (title, status, next_negotiation_on) values (${title}, ${status}::negotiation_status, ${day}) returning id`,
      )
    ).id;
  }
  for (const [key, w, title, day] of [
    ['g1', 'w1', '一課の職場集会', '2026-02-27'],
    ['g2', 'w2', '二課の職場集会', '2026-02-28'],
  ] as const) {
    ids[key] = (
      await one<{ id: string }>(
        sql`insert into workplace_meetings (workplace_id, held_on, title, attendee_count, invited_count)
          values (${ids[w]}::uuid, ${day}, ${title}, 0, 10) returning id`,
      )
    ).id;
  }
});
afterAll(async () => {
  await t?.close();
});

const as = (u: { cookie: string }) => t.as(u.cookie);

async function createFeed(u: { cookie: string }, kind: string, includeNames?: boolean) {
  const res = await as(u)(
    'POST',
    '/api/calendar-feeds',
    includeNames === undefined ? { kind } : { kind, includeNames },
  );
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; url: string; kind: string; includeNames: boolean; createdAt: string };
}

async function fetchFeed(url: string, userAgent = 'TestCalendar/1.0') {
  const path = new URL(url).pathname;
  const res = await t.raw('GET', path, undefined, { 'user-agent': userAgent });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

type Parsed = { uid: string; summary: string; start: string; end: string; sequence: number };

/** Both parsers must agree, event by event; all-day dates as `YYYY-MM-DD`. */
function parseBoth(text: string): Parsed[] {
  const comp = new ICAL.Component(ICAL.parse(text));
  const a = comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    expect(e.startDate.isDate).toBe(true);
    expect(e.endDate.isDate).toBe(true);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      sequence: e.sequence,
    };
  });
  const parsed = nodeIcal.sync.parseICS(text);
  const pad = (n: number) => String(n).padStart(2, '0');
  // node-ical gives a date-only value as a Date at local midnight, flagged dateOnly.
  const day = (d: Date & { dateOnly?: boolean }) => {
    expect(d.dateOnly).toBe(true);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const b = Object.values(parsed)
    .filter((v): v is VEvent => v?.type === 'VEVENT')
    .map((e) => ({
      uid: e.uid,
      summary: typeof e.summary === 'string' ? e.summary : String((e.summary as { val: string }).val),
      start: day(e.start as Date & { dateOnly?: boolean }),
      end: day(e.end as Date & { dateOnly?: boolean }),
      sequence: Number(e.sequence),
    }));
  const byUid = (x: Parsed, y: Parsed) => (x.uid < y.uid ? -1 : 1);
  expect([...b].sort(byUid)).toEqual([...a].sort(byUid));
  return a;
}

describe('calendar feeds API', () => {
  it('creates a feed (URL absolute, shown once), lists own feeds without the token, revokes; audited', async () => {
    const feed = await createFeed(officer, 'tasks');
    expect(feed.url).toMatch(
      /^https:\/\/kumiai\.example\.org\/api\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect(feed).toMatchObject({ kind: 'tasks', includeNames: false });
    const token = new URL(feed.url).pathname.split('/').pop()!.replace('.ics', '');
    const list = await as(officer)('GET', '/api/calendar-feeds');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: feed.id,
        kind: 'tasks',
        active: true,
        lastFetchedAt: null,
        lastClient: null,
      }),
    ]);
    expect(list.text).not.toContain(token);
    // Only the hash is stored, and never in the audit trail.
    const stored = await one<{ token_hash: string }>(
      sql`select token_hash from calendar_feeds where id = ${feed.id}::uuid`,
    );
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = rowsOf<{ after: unknown }>(
      await t.db.execute(
        sql`select after from audit_log where table_name = 'calendar_feeds' and record_id = ${feed.id}`,
      ),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(stored.token_hash);

    // Another user cannot see or revoke it.
    expect((await as(rep)('GET', '/api/calendar-feeds')).body.items).toEqual([]);
    expect((await as(rep)('DELETE', `/api/calendar-feeds/${feed.id}`)).status).toBe(404);

    const ok = await fetchFeed(feed.url, `Google-Calendar-Importer\u0001 ${'x'.repeat(500)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ok.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const after = (await as(officer)('GET', '/api/calendar-feeds')).body.items[0];
    expect(after.lastFetchedAt).toBe(clock.toISOString());
    expect(after.lastClient).toHaveLength(200);
    expect(after.lastClient.includes(String.fromCharCode(1))).toBe(false);

    expect((await as(officer)('DELETE', `/api/calendar-feeds/${feed.id}`)).status).toBe(204);
    expect((await as(officer)('DELETE', `/api/calendar-feeds/${feed.id}`)).status).toBe(404);
    expect((await fetchFeed(feed.url)).status).toBe(404);
    expect((await as(officer)('GET', '/api/calendar-feeds')).body.items).toEqual([]);
    const revoked = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'calendar_feed_revoke' and record_id = ${feed.id}`,
    );
    expect(revoked.n).toBe(1);
  });

  it('refuses bad input with field messages', async () => {
    const bad = await as(officer)('POST', '/api/calendar-feeds', { kind: 'secrets' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.kind).toBeTruthy();
    expect(
      (await as(officer)('POST', '/api/calendar-feeds', { kind: 'tasks', includeNames: 'yes' })).status,
    ).toBe(400);
    expect((await as(officer)('POST', '/api/calendar-feeds', { kind: 'tasks', extra: 1 })).status).toBe(400);
    // A malformed id is a record that does not exist (the API's rule for ids in paths).
    expect((await as(officer)('DELETE', '/api/calendar-feeds/not-a-uuid')).status).toBe(404);
  });

  it('answers 404 (same body) for garbage, unknown and revoked tokens', async () => {
    const bodies = new Set<string>();
    for (const path of [
      '/api/public/calendar/abc.ics',
      `/api/public/calendar/${'A'.repeat(43)}.ics`,
      `/api/public/calendar/${'A'.repeat(43)}`,
      `/api/public/calendar/${encodeURIComponent('\u0000')}.ics`,
      `/api/public/calendar/${'x'.repeat(5000)}.ics`,
    ]) {
      const res = await t.raw('GET', path);
      expect(res.status, path).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
  });
});

describe('feed contents', () => {
  it('tasks: own open tasks and owned next actions, no names by default, never a sensitive case title', async () => {
    const feed = await createFeed(officer, 'tasks');
    const res = await fetchFeed(feed.url);
    expect(res.text).toContain('X-WR-CALNAME:Kumiai タスクと次のアクション');
    expect(res.text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    const events = parseBoth(res.text);
    expect(events.map((e) => e.uid).sort()).toEqual(
      [
        `task-${ids.t1}@kumiai`,
        `task-${ids.t2}@kumiai`,
        `next-action-${ids.m1}@kumiai`,
        `next-action-${ids.m2}@kumiai`,
      ].sort(),
    );
    const byUid = Object.fromEntries(events.map((e) => [e.uid, e]));
    // Month ends: January 31 and February 28 (2026 is not a leap year), exclusive ends.
    expect(byUid[`task-${ids.t1}@kumiai`]).toMatchObject({
      start: '2026-01-31',
      end: '2026-02-01',
      summary: 'フォロー（第一製造課・組立係）',
      sequence: 1,
    });
    expect(byUid[`next-action-${ids.m2}@kumiai`]).toMatchObject({ start: '2026-02-28', end: '2026-03-01' });
    expect(byUid[`task-${ids.t2}@kumiai`]!.summary).toBe('相談対応');
    for (const secret of ['山田', '佐藤', 'ハラスメント', '面談する', '終わった', '遠すぎる']) {
      expect(res.text).not.toContain(secret);
    }

    // With names: the members' names and the task titles; still never the sensitive case.
    const named = await createFeed(officer, 'tasks', true);
    const text = (await fetchFeed(named.url)).text;
    const namedEvents = parseBoth(text);
    expect(namedEvents.find((e) => e.uid === `task-${ids.t1}@kumiai`)!.summary).toBe(
      '山田太郎さんをフォロー',
    );
    expect(text).toContain('佐藤花子');
    expect(text).not.toContain('ハラスメント');

    // An edit raises SEQUENCE under the same UID; completing the task takes it out.
    await t.db.execute(
      sql`update tasks set due_on = '2026-02-03', version = version + 1 where id = ${ids.t1}::uuid`,
    );
    const edited = parseBoth((await fetchFeed(feed.url)).text).find(
      (e) => e.uid === `task-${ids.t1}@kumiai`,
    )!;
    expect(edited).toMatchObject({ start: '2026-02-03', end: '2026-02-04', sequence: 2 });
    await t.db.execute(
      sql`update tasks set status = 'done', version = version + 1 where id = ${ids.t1}::uuid`,
    );
    expect((await fetchFeed(feed.url)).text).not.toContain(`task-${ids.t1}@kumiai`);
    await t.db.execute(
      sql`update tasks set status = 'open', due_on = '2026-01-31', version = 1 where id = ${ids.t1}::uuid`,
    );
  });

  it('negotiations: open demands with a date; settled ones are absent', async () => {
    const feed = await createFeed(rep, 'negotiations');
    const events = parseBoth((await fetchFeed(feed.url)).text);
    expect(events).toEqual([
      {
        uid: `negotiation-${ids.d1}@kumiai`,
        summary: '交渉期日: 賃上げ要求',
        start: '2026-03-31',
        end: '2026-04-01',
        sequence: 1,
      },
    ]);
  });

  it("meetings: a rep's feed holds only their workplaces' meetings", async () => {
    const repFeed = await createFeed(rep, 'meetings');
    const text = (await fetchFeed(repFeed.url)).text;
    expect(parseBoth(text).map((e) => e.uid)).toEqual([`meeting-${ids.g1}@kumiai`]);
    expect(text).not.toContain('二課');
    const officerFeed = await createFeed(officer, 'meetings');
    expect(parseBoth((await fetchFeed(officerFeed.url)).text).map((e) => e.start)).toEqual([
      '2026-02-27',
      '2026-02-28',
    ]);
    // The rep's tasks feed: their own member's next action, never the one outside their workplaces.
    const repTasks = (await fetchFeed((await createFeed(rep, 'tasks', true)).url)).text;
    expect(repTasks).toContain('鈴木一郎');
    expect(repTasks).not.toContain('田中次郎');
  });

  it("the window follows the organization's zone (America/New_York, on the DST change)", async () => {
    const feed = await createFeed(officer, 'negotiations');
    await t.db.execute(sql`update settings set timezone = 'America/New_York'`);
    // 04:30 UTC on March 8 is 23:30 on March 7 in New York (EST): today there is 2026-03-07.
    clock = new Date('2026-03-08T04:30:00Z');
    try {
      await t.db.execute(
        sql`update demands set next_negotiation_on = '2027-03-08' where id = ${ids.d1}::uuid`,
      );
      await t.db.execute(
        sql`update demands set next_negotiation_on = '2027-03-09', status = 'negotiating' where id = ${ids.d3}::uuid`,
      );
      const events = parseBoth((await fetchFeed(feed.url)).text);
      // 2026-03-07 + 366 days = 2027-03-08 is the last day in; the next is out.
      expect(events.map((e) => [e.uid, e.start, e.end])).toEqual([
        [`negotiation-${ids.d1}@kumiai`, '2027-03-08', '2027-03-09'],
      ]);
    } finally {
      await t.db.execute(sql`update settings set timezone = 'Asia/Tokyo'`);
      await t.db.execute(
        sql`update demands set next_negotiation_on = '2026-03-31' where id = ${ids.d1}::uuid`,
      );
      await t.db.execute(sql`update demands set next_negotiation_on = null where id = ${ids.d3}::uuid`);
      clock = new Date('2026-01-20T03:00:00Z');
    }
  });

  it('dies when the user is disabled or their role or workplaces change (listed inactive)', async () => {
    const other = await t.addUser('rep');
    await t.db.execute(
      sql`insert into user_workplaces (user_id, workplace_id) values (${other.user.id}::uuid, ${ids.w1}::uuid)`,
    );
    const cookie = await t.signIn(other.user.email);
    const feed = await createFeed({ cookie }, 'meetings');
    expect((await fetchFeed(feed.url)).status).toBe(200);
    await t.db.execute(
      sql`insert into user_workplaces (user_id, workplace_id) values (${other.user.id}::uuid, ${ids.w2}::uuid)`,
    );
    expect((await fetchFeed(feed.url)).status).toBe(404);
    const relisted = await as({ cookie: await t.signIn(other.user.email) })('GET', '/api/calendar-feeds');
    expect(relisted.body.items[0]).toMatchObject({ id: feed.id, active: false });
    await t.db.execute(
      sql`delete from user_workplaces where user_id = ${other.user.id}::uuid and workplace_id = ${ids.w2}::uuid`,
    );
    expect((await fetchFeed(feed.url)).status).toBe(200);
    await t.db.execute(sql`update users set role = 'officer' where id = ${other.user.id}::uuid`);
    expect((await fetchFeed(feed.url)).status).toBe(404);
    await t.db.execute(sql`update users set role = 'rep' where id = ${other.user.id}::uuid`);
    await t.db.execute(sql`update users set disabled = true where id = ${other.user.id}::uuid`);
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });
});

describe('fetch bookkeeping', () => {
  it('records the last fetch and client at most once a minute per feed', async () => {
    const feed = await createFeed(officer, 'meetings');
    const start = clock;
    try {
      await fetchFeed(feed.url, 'First/1.0');
      clock = new Date(start.getTime() + 30_000);
      await fetchFeed(feed.url, 'Second/1.0');
      const seen = async () =>
        (
          (await as(officer)('GET', '/api/calendar-feeds')).body.items as {
            id: string;
            lastClient: string;
            lastFetchedAt: string;
          }[]
        ).find((f) => f.id === feed.id)!;
      expect(await seen()).toMatchObject({ lastClient: 'First/1.0', lastFetchedAt: start.toISOString() });
      clock = new Date(start.getTime() + 61_000);
      await fetchFeed(feed.url, 'Third/1.0');
      expect(await seen()).toMatchObject({ lastClient: 'Third/1.0', lastFetchedAt: clock.toISOString() });
    } finally {
      clock = start;
    }
  });
});

describe('handover', () => {
  it("a member handed over to someone else leaves the old owner's feed and joins the new one's", async () => {
    const before = await createFeed(officer, 'tasks');
    expect((await fetchFeed(before.url)).text).toContain(`next-action-${ids.m2}@kumiai`);
    const other = await t.addUser('officer');
    await t.db.execute(sql`update members set owner_id = ${other.user.id}::uuid where id = ${ids.m2}::uuid`);
    try {
      expect((await fetchFeed(before.url)).text).not.toContain(`next-action-${ids.m2}@kumiai`);
      const theirs = await createFeed(other, 'tasks');
      expect((await fetchFeed(theirs.url)).text).toContain(`next-action-${ids.m2}@kumiai`);
    } finally {
      await t.db.execute(
        sql`update members set owner_id = ${officer.user.id}::uuid where id = ${ids.m2}::uuid`,
      );
    }
  });
});

describe('one-off .ics downloads', () => {
  it('a meeting in scope, a negotiation date; out of scope or without a date: 404', async () => {
    const res = await as(rep)('GET', `/api/workplaces/${ids.w1}/meetings/${ids.g1}/ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('meeting-2026-02-27.ics');
    expect(parseBoth(res.text)).toEqual([
      expect.objectContaining({ uid: `meeting-${ids.g1}@kumiai`, start: '2026-02-27' }),
    ]);
    expect((await as(rep)('GET', `/api/workplaces/${ids.w2}/meetings/${ids.g2}/ics`)).status).toBe(404);
    expect((await as(rep)('GET', `/api/workplaces/${ids.w1}/meetings/${ids.g2}/ics`)).status).toBe(404);
    const neg = await as(rep)('GET', `/api/demands/${ids.d1}/negotiation.ics`);
    expect(neg.status).toBe(200);
    expect(parseBoth(neg.text)[0]).toMatchObject({ start: '2026-03-31', end: '2026-04-01' });
    expect((await as(rep)('GET', `/api/demands/${ids.d3}/negotiation.ics`)).status).toBe(404);
    expect((await t.raw('GET', `/api/demands/${ids.d1}/negotiation.ics`)).status).toBe(401);
  });
});

describe('the feed URL is rate-limited with the public routes', () => {
  it('answers 429 past KUMIAI_PUBLIC_RATE_LIMIT a minute from one address', async () => {
    const limited = await createTestApp({ publicRateLimit: 2 });
    try {
      const created = await limited.api('POST', '/api/calendar-feeds', { kind: 'negotiations' });
      const path = new URL(created.body.url).pathname;
      expect((await limited.raw('GET', path)).status).toBe(200);
      expect((await limited.raw('GET', path)).status).toBe(200);
      expect((await limited.raw('GET', path)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
