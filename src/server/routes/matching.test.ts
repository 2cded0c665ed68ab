import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * Concern matching through the API (issue 16): suggestions both ways with their reasons,
 * accepting (linked as `matched`, audited) and turning down (never again), a rep's scope,
 * survey answers only for those who read surveys (anonymous ones never name a member), the
 * voices no demand holds and 要求として登録, and the synonym table.
 */

let t: TestApp;
let wpA: string;
let wpB: string;
type Client = TestApp['api'];
let rep: Client;
let repId: string;
let executive: Client;
const NOW = new Date('2027-02-10T03:00:00Z');

async function member(name: string, workplaceId: string, concerns: string | null) {
  const res = await t.api('POST', '/api/members', { name, workplaceId, concerns });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function demand(title: string, description?: string) {
  const res = await t.api('POST', '/api/demands', { title, description });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

let nightShift: string;
let leave: string;
let harassment: string;
let a1: string;
let a2: string;
let a3: string;
let b1: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const season = await t.api('POST', '/api/seasons', {
    name: '2027春闘',
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
  });
  expect(season.status, season.text).toBe(201);
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: 'A 病棟' }, { name: 'B 物流センター' }])
    .returning();
  wpA = a!.id;
  wpB = b!.id;
  const repUser = await createUser(t.db, {
    email: 'rep-match@example.org',
    displayName: 'A職場委員',
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds: [wpA],
  });
  repId = repUser.id;
  rep = t.as(await t.signIn('rep-match@example.org'));
  executive = t.as((await t.addUser('executive')).cookie);

  nightShift = await demand('夜勤手当の引き上げ', '夜勤手当を1回あたり3,000円引き上げること。');
  leave = await demand('年次有給休暇の取得促進');
  harassment = await demand('ハラスメント防止と相談窓口の設置');
  a1 = await member('青木 一郎', wpA, '夜勤明けの手当をもう少し上げてほしい');
  a2 = await member('青木 二郎', wpA, '有休が全然取れない');
  a3 = await member('青木 三郎', wpA, '駐車場が足りなくて毎朝路上で待たされる');
  b1 = await member('馬場 一子', wpB, '深夜勤務の手当が低すぎる。駐車場も足りない');
  await member('馬場 二子', wpB, '社員駐車場がいつも満車で困る');
});
afterAll(async () => {
  await t?.close();
});

describe('suggestions on a demand', () => {
  it('lists the members whose words match, best first, with the words, an excerpt and the rule', async () => {
    const res = await settledSuggestions(nightShift);
    const ids = res.body.items.map((i: { memberId: string }) => i.memberId);
    expect(ids).toContain(a1);
    expect(ids).toContain(b1);
    expect(ids).not.toContain(a2);
    expect(res.body.total).toBe(res.body.items.length);
    expect(res.body.pending).toBe(0);
    const first = res.body.items.find((i: { memberId: string }) => i.memberId === a1);
    expect(first).toMatchObject({ memberName: '青木 一郎', workplaceName: 'A 病棟', source: 'concerns' });
    expect(first.score).toBeGreaterThan(0.3);
    expect(first.terms).toContain('手当');
    expect(first.terms.some((x: string) => x.startsWith('夜勤'))).toBe(true);
    expect(first.excerpt).toBe('夜勤明けの手当をもう少し上げてほしい');
    // Every highlight is a matching word, where it is in the excerpt.
    const marked = first.highlights.map((h: { start: number; end: number }) =>
      first.excerpt.slice(h.start, h.end),
    );
    for (const word of marked) expect(first.terms.some((term: string) => word.includes(term))).toBe(true);
    // 深夜勤務 reached 夜勤 through the default table.
    const other = res.body.items.find((i: { memberId: string }) => i.memberId === b1);
    expect(other.rules.join(' ')).toContain('深夜勤務');
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
  });

  it('pages by score, each member once however many of their texts match, with the total', async () => {
    const d = await demand('休憩時間の確保');
    const many: string[] = [];
    for (let i = 0; i < 7; i++)
      many.push(await member(`休憩 ${i}`, wpA, `休憩時間が取れない日が続く（${i}）`));
    for (const id of many.slice(0, 3)) {
      await t.api('POST', `/api/members/${id}/notes`, {
        occurredOn: '2027-02-01',
        channel: 'meeting',
        body: '休憩がとれていないと相談あり',
      });
    }
    const page = await t.api('GET', `/api/demands/${d}/suggestions?limit=3`);
    expect(page.status, page.text).toBe(200);
    expect(page.body.items).toHaveLength(3);
    expect(new Set(page.body.items.map((i: { memberId: string }) => i.memberId)).size).toBe(3);
    expect(page.body.total).toBe(7);
    const all = await t.api('GET', `/api/demands/${d}/suggestions?limit=50`);
    expect(all.body.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual([...many].sort());
    expect(all.body.total).toBe(7);
    await t.api('DELETE', `/api/demands/${d}?version=1`);
  });

  it('a note and a changed concern are matched on the next read', async () => {
    const note = await t.api('POST', `/api/members/${a3}/notes`, {
      occurredOn: '2027-02-01',
      channel: 'meeting',
      body: '上司からのパワハラについて相談を受けた。相談できる窓口がないとのこと',
    });
    expect(note.status, note.text).toBe(201);
    const res = await settledSuggestions(harassment);
    const item = res.body.items.find((i: { memberId: string }) => i.memberId === a3);
    expect(item).toMatchObject({ source: 'note' });
    expect(item.terms).toEqual(expect.arrayContaining(['パワハラ']));
    expect(item.rules).toContain('パワハラ ⊂ ハラスメント');
  });

  it('accepting links the members as matched, in the history and the audit log, and they leave the list', async () => {
    const res = await t.api('POST', `/api/demands/${nightShift}/suggestions/accept`, { memberIds: [a1, b1] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ linked: 2, relatedMemberCount: 2 });
    const links = rowsOf<{ source: string }>(
      await t.db.execute(sql`select source from demand_members where demand_id = ${nightShift}::uuid`),
    );
    expect(links.map((l) => l.source)).toEqual(['matched', 'matched']);
    const events = rowsOf<{ source: string }>(
      await t.db.execute(sql`select source from demand_link_events where demand_id = ${nightShift}::uuid`),
    );
    expect(events.map((e) => e.source)).toEqual(['matched', 'matched']);
    const audit = rowsOf<{ details: { linked: number; source: string } }>(
      await t.db.execute(
        sql`select details from audit_log where action = 'link_members' and record_id = ${nightShift}`,
      ),
    );
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ linked: 2, source: 'matched' })]);
    const after = await t.api('GET', `/api/demands/${nightShift}/suggestions`);
    expect(after.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(a1);
    // Accepting again links nobody twice.
    const again = await t.api('POST', `/api/demands/${nightShift}/suggestions/accept`, { memberIds: [a1] });
    expect(again.body).toEqual({ linked: 0, relatedMemberCount: 2 });
  });

  it('turning down records the pair: never suggested again, on the member either', async () => {
    const before = await t.api('GET', `/api/members/${a2}/demand-suggestions`);
    expect(before.body.items.map((i: { demandId: string }) => i.demandId)).toContain(leave);
    const res = await t.api('POST', `/api/demands/${leave}/suggestions/reject`, { memberIds: [a2, a2] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ rejected: 1 });
    const list = await t.api('GET', `/api/demands/${leave}/suggestions`);
    expect(list.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(a2);
    const mine = await t.api('GET', `/api/members/${a2}/demand-suggestions`);
    expect(mine.body.items.map((i: { demandId: string }) => i.demandId)).not.toContain(leave);
    expect(
      (await t.api('POST', `/api/demands/${leave}/suggestions/reject`, { memberIds: [a2] })).body,
    ).toEqual({
      rejected: 0,
    });
  });

  it('refuses bad input with field messages and changes nothing', async () => {
    for (const body of [{}, { memberIds: [] }, { memberIds: ['x'] }, { memberIds: [a1], extra: 1 }]) {
      const res = await t.api('POST', `/api/demands/${harassment}/suggestions/accept`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await t.api('GET', `/api/demands/${harassment}/suggestions?limit=0`)).status).toBe(400);
    expect((await t.api('GET', `/api/demands/${harassment}/suggestions?limit=abc`)).status).toBe(400);
    expect((await t.api('GET', '/api/demands/00000000-0000-4000-8000-000000000000/suggestions')).status).toBe(
      404,
    );
    const linked = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from demand_members where demand_id = ${harassment}::uuid`,
      ),
    );
    expect(linked[0]!.n).toBe(0);
  });
});

/** Every byte of the UTF-8 (a lone surrogate as its replacement) percent-encoded; plus raw invalid UTF-8. */
const percentEncoded = (value: string) =>
  `${[...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}%ed%a0%80`;

describe('erasure', () => {
  it('leaves nothing of the member in the matching index: their texts, their words, their rejections', async () => {
    const gone = await member('消去 花子', wpA, 'パワハラを受けて相談できる場所がない');
    await t.api('POST', `/api/members/${gone}/notes`, {
      occurredOn: '2027-02-02',
      channel: 'phone',
      body: '年休の申請を何度も断られている',
    });
    await t.api('GET', `/api/demands/${harassment}/suggestions`);
    await t.api('POST', `/api/demands/${leave}/suggestions/reject`, { memberIds: [gone] });
    const held = async () =>
      rowsOf<{ docs: number; terms: number; rejections: number }>(
        await t.db.execute(sql`
          select (select count(*)::int from match_docs d
                   where d.member_id = ${gone}::uuid or d.id = ${gone}::uuid) as docs,
                 (select count(*)::int from match_doc_terms t join match_docs d on d.id = t.doc_id
                   where d.member_id = ${gone}::uuid) as terms,
                 (select count(*)::int from match_rejections where member_id = ${gone}::uuid) as rejections`),
      )[0]!;
    expect(await held()).toEqual({ docs: 2, terms: expect.any(Number), rejections: 1 });
    const erased = await t.api('POST', `/api/members/${gone}/erasure`, { confirmName: '消去 花子' });
    expect(erased.status, erased.text).toBe(200);
    expect(await held()).toEqual({ docs: 0, terms: 0, rejections: 0 });
  });
});

describe('fuzzed input', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.constantFrom(
      '\u0000',
      '\ud800',
      'a\udfffb',
      '1e309',
      '-1',
      'x'.repeat(10_000),
      '00000000-0000-4000-8000-000000000000\u0000',
    ),
  );
  it('accept and reject answer 400 (or 200 for well-formed ids) and link nothing they were not asked to', async () => {
    const count = async () =>
      rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from demand_members`))[0]!.n;
    const before = await count();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('accept', 'reject'),
        fc.oneof(
          fc.record({ memberIds: fc.array(hostile, { maxLength: 5 }) }),
          fc.record({ memberIds: hostile }),
          fc.anything(),
        ),
        async (action, body) => {
          const res = await t.api('POST', `/api/demands/${harassment}/suggestions/${action}`, body);
          expect([200, 400], res.text).toContain(res.status);
          if (res.status === 400) expect(res.body.error.code).toBe('validation_failed');
        },
      ),
      { numRuns: 60 },
    );
    expect(await count()).toBe(before);
  });

  it('the suggestion list’s limit and a voices body refuse what is malformed', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (limit) => {
        const res = await t.api(
          'GET',
          `/api/demands/${harassment}/suggestions?limit=${percentEncoded(limit)}`,
        );
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.array(hostile, { maxLength: 3 }), async (title, memberIds) => {
        const res = await t.api('POST', '/api/voices/unmatched/demand', { demand: { title }, memberIds });
        expect([201, 400]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
  });
});

describe('scope and survey answers', () => {
  it('a rep is suggested only members of their workplaces, and cannot reach others', async () => {
    const res = await rep('GET', `/api/demands/${harassment}/suggestions`);
    expect(res.status).toBe(200);
    for (const item of res.body.items) expect(item.workplaceName).toBe('A 病棟');
    expect((await rep('GET', `/api/members/${b1}/demand-suggestions`)).status).toBe(404);
    const accept = await rep('POST', `/api/demands/${leave}/suggestions/accept`, { memberIds: [b1] });
    expect(accept.body.linked).toBe(0);
    const voices = await rep('GET', '/api/voices/unmatched');
    expect(voices.status).toBe(200);
    for (const c of voices.body.items) {
      for (const w of c.byWorkplace) expect(w.workplaceId).toBe(wpA);
      expect(c.anonymousCount).toBe(0);
    }
    expect(repId).toBeTruthy();
  });

  it('identified survey answers suggest to roles that read surveys; anonymous ones never name a member', async () => {
    const identified = await t.db.execute(sql`
      insert into surveys (title, anonymous, closes_on) values ('記名アンケート', false, '2027-03-01') returning id`);
    const surveyId = rowsOf<{ id: string }>(identified)[0]!.id;
    await t.db.execute(sql`
      insert into survey_responses (survey_id, member_id, workplace_id, free_text)
      values (${surveyId}::uuid, ${a3}::uuid, ${wpA}::uuid, '年休を取らせてもらえない')`);
    const anonymous = rowsOf<{ id: string }>(
      await t.db.execute(sql`
        insert into surveys (title, anonymous, closes_on) values ('匿名アンケート', true, '2027-03-01') returning id`),
    )[0]!.id;
    await t.db.execute(sql`
      insert into survey_responses (survey_id, owner_key, workplace_id, free_text)
      values (${anonymous}::uuid, 'owner-1', ${wpA}::uuid, '有給休暇がとりにくい')`);
    const officerView = await t.api('GET', `/api/demands/${leave}/suggestions`);
    const fromSurvey = officerView.body.items.find((i: { memberId: string }) => i.memberId === a3);
    expect(fromSurvey).toMatchObject({ source: 'survey', excerpt: '年休を取らせてもらえない' });
    expect(
      officerView.body.items.every((i: { memberId: string | null }) => typeof i.memberId === 'string'),
    ).toBe(true);
    const repView = await rep('GET', `/api/demands/${leave}/suggestions`);
    expect(repView.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(a3);
  });
});

describe('voices no demand holds yet', () => {
  it('groups them by topic with their members by workplace, and 要求として登録 creates and links', async () => {
    // Notes are the staff's account, in the staff's words: they never make a topic.
    for (const id of [a1, a2]) {
      const n = await t.api('POST', `/api/members/${id}/notes`, {
        occurredOn: '2027-02-03',
        channel: 'meeting',
        body: '社員食堂のメニューについて職場集会で報告した',
      });
      expect(n.status).toBe(201);
    }
    const res = await t.api('GET', '/api/voices/unmatched');
    expect(res.body.items.some((c: { terms: string[] }) => c.terms.some((x) => x.includes('食堂')))).toBe(
      false,
    );
    expect(res.status, res.text).toBe(200);
    const parking = res.body.items.find((c: { terms: string[] }) =>
      c.terms.some((x) => x.includes('駐車場')),
    );
    expect(parking).toBeDefined();
    // 馬場 一子 wrote of the night allowance too: that text is held by a demand already.
    expect(parking.memberCount).toBe(2);
    expect(parking.terms[0]).toBe('駐車場');
    expect(parking.byWorkplace).toEqual([
      { workplaceId: wpA, workplaceName: 'A 病棟', count: 1 },
      { workplaceId: wpB, workplaceName: 'B 物流センター', count: 1 },
    ]);
    expect(parking.sampleExcerpts.length).toBeGreaterThan(0);
    expect(parking.sampleExcerpts[0].text).toContain('駐車場');

    const made = await t.api('POST', '/api/voices/unmatched/demand', {
      demand: { title: '従業員駐車場の確保' },
      memberIds: parking.memberIds,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.linked).toBe(2);
    expect(made.body.demand).toMatchObject({ title: '従業員駐車場の確保', relatedMemberCount: 2 });
    const after = await t.api('GET', '/api/voices/unmatched');
    expect(after.body.items.some((c: { terms: string[] }) => c.terms.some((x) => x.includes('駐車場')))).toBe(
      false,
    );
  });

  it('a rep cannot create a demand from voices', async () => {
    const res = await rep('POST', '/api/voices/unmatched/demand', {
      demand: { title: '新しい要求' },
      memberIds: [],
    });
    expect(res.status).toBe(403);
  });
});

/**
 * The suggestions once the index has caught up: a read brings the index up to date for at most
 * READ_SYNC_BUDGET_MS and reports what is left as `pending` (a loaded machine may not finish a
 * re-score in one read); a client asks again until nothing is.
 */
async function settledSuggestions(demandId: string) {
  for (let i = 0; ; i++) {
    const res = await t.api('GET', `/api/demands/${demandId}/suggestions`);
    expect(res.status).toBe(200);
    if (res.body.pending === 0 || i === 30) return res;
  }
}

describe('the synonym table', () => {
  it('starts as the default list, and a saved table changes what matches', async () => {
    const start = await t.api('GET', '/api/settings/synonyms');
    expect(start.status).toBe(200);
    expect(start.body.isDefault).toBe(true);
    expect(start.body.groups.length).toBeGreaterThan(10);
    const lonely = await member('駆込 花子', wpA, '駆け込み寺みたいな場所が職場にほしい');
    const before = await settledSuggestions(harassment);
    expect(before.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(lonely);

    const groups = [...start.body.groups, { kind: 'equal', terms: ['相談窓口', '駆け込み寺'] }];
    const saved = await t.api('PUT', '/api/settings/synonyms', { groups, version: start.body.version });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ isDefault: false, version: start.body.version + 1 });
    const after = await settledSuggestions(harassment);
    expect(after.body.pending).toBe(0);
    const item = after.body.items.find((i: { memberId: string }) => i.memberId === lonely);
    expect(item?.rules).toContain('駆け込み寺 = 相談窓口');

    const stale = await t.api('PUT', '/api/settings/synonyms', { groups, version: start.body.version });
    expect(stale.status).toBe(409);
    expect((await rep('PUT', '/api/settings/synonyms', { groups, version: saved.body.version })).status).toBe(
      403,
    );
    expect((await executive('GET', '/api/settings/synonyms')).status).toBe(200);
  });

  it('refuses a malformed table with field messages and keeps the one saved', async () => {
    const current = await t.api('GET', '/api/settings/synonyms');
    for (const groups of [
      [{ kind: 'equal', terms: ['賃上げ'] }],
      [{ kind: 'same', terms: ['賃上げ', 'ベア'] }],
      [{ kind: 'equal', terms: ['賃上げ', 'ﾍﾞｱ', 'ベア'] }],
      [{ kind: 'equal', terms: ['賃上げ', 'a\u0000b'] }],
      [{ kind: 'equal', terms: ['賃上げ', 'x'.repeat(41)] }],
    ]) {
      const res = await t.api('PUT', '/api/settings/synonyms', { groups, version: current.body.version });
      expect(res.status, JSON.stringify(groups)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}).length).toBeGreaterThan(0);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { maxLength: 4 }),
        async (terms) => {
          const res = await t.api('PUT', '/api/settings/synonyms', {
            groups: [{ kind: 'related', terms }],
            version: current.body.version + 1000,
          });
          expect([400, 409]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
    const after = await t.api('GET', '/api/settings/synonyms');
    expect(after.body.version).toBe(current.body.version);
  });

  it('accepted matches suggest additions, which a person dismisses', async () => {
    const n1 = await member('夜間 太郎', wpA, '夜勤中の仮眠がほとんど取れないのに手当が安い');
    const first = await t.api('POST', `/api/demands/${nightShift}/suggestions/accept`, { memberIds: [n1] });
    expect(first.body.linked).toBe(1);
    // One acceptance may be chance: nothing is suggested yet.
    const once = await t.api('GET', '/api/settings/synonyms');
    expect(once.body.candidates.some((c: { term: string }) => c.term === '仮眠')).toBe(false);
    const n2 = await member('夜間 次郎', wpA, '夜勤の仮眠時間に手当がつかない');
    await t.api('POST', `/api/demands/${nightShift}/suggestions/accept`, { memberIds: [n2] });
    const table = await t.api('GET', '/api/settings/synonyms');
    expect(table.body.candidates).toContainEqual({ term: '仮眠', demandTerm: '夜勤手当', count: 2 });
    const dismissed = await t.api('POST', '/api/settings/synonyms/candidates/dismiss', {
      term: '仮眠',
      demandTerm: '夜勤手当',
    });
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.body.candidates.some((c: { term: string }) => c.term === '仮眠')).toBe(false);
    const unknown = await t.api('POST', '/api/settings/synonyms/candidates/dismiss', {
      term: '無い',
      demandTerm: '語',
    });
    expect(unknown.status).toBe(404);
  });
});
