import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import type { StaffRole } from '../../core/enums';
import { demands, memberCases, members, tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// GET /api/search: the top bar's search box. Groups, kana folding, spaces, limits, the
// caller's scope (a rep's workplaces, the task list's rule, never a sensitive case), and
// bad input answered 400 with the field.

const NOW = new Date('2026-04-01T03:00:00Z');

let t: TestApp;
let wpA: string;
let wpB: string;
let yamadaA: string;
let yamadaB: string;
type Caller = TestApp['api'];
let rep: { id: string; call: Caller };
let executive: { id: string; call: Caller };
let officer: { id: string; call: Caller };

async function staff(role: StaffRole, workplaceIds: string[] = []) {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const user = await createUser(t.db, {
    email,
    displayName: `${role} user`,
    role,
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: user.id, call: t.as(await t.signIn(email)) };
}

const search = (call: Caller, q: string, extra = '') =>
  call('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
const names = (items: { name?: string; title?: string }[]) => items.map((i) => i.name ?? i.title).sort();

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [a, b] = await t.db
    .insert(workplaces)
    .values([
      { name: '検索 第一工場', nameKana: 'ケンサクダイイチコウジョウ', establishment: '本社' },
      { name: '検索第二工場', nameKana: 'ケンサクダイニコウジョウ' },
    ])
    .returning({ id: workplaces.id });
  wpA = a!.id;
  wpB = b!.id;
  const rows = await t.db
    .insert(members)
    .values([
      { name: '山田 太郎', nameKana: 'ヤマダ タロウ', employeeNumber: 'E-1001', workplaceId: wpA },
      { name: '山田 次郎', nameKana: 'ヤマダ ジロウ', employeeNumber: 'E-1002', workplaceId: wpB },
      { name: '小山田 三郎', nameKana: 'オヤマダ サブロウ', workplaceId: wpB },
      // A reading stored in hiragana (written before readings were normalized): found all the same.
      { name: '鈴木 花子', nameKana: 'すずき はなこ', employeeNumber: 'E-2001', workplaceId: wpA },
      {
        name: '阿部 康平',
        nameKana: 'アベ コウヘイ',
        workplaceId: wpA,
        status: 'left',
        leftOn: '2025-03-31',
      },
      {
        name: '電話 一郎',
        nameKana: 'デンワ イチロウ',
        workplaceId: wpA,
        phones: [{ number: '09012345678' }],
        emails: [{ address: 'denwa@example.org' }],
      },
      // Seven of one surname in workplace A: more than a group shows.
      ...Array.from({ length: 7 }, (_, i) => ({
        name: `多数 ${i + 1}号`,
        nameKana: `タスウ ${i + 1}`,
        workplaceId: wpA,
      })),
    ])
    .returning({ id: members.id, name: members.name });
  yamadaA = rows.find((r) => r.name === '山田 太郎')!.id;
  yamadaB = rows.find((r) => r.name === '山田 次郎')!.id;
  await t.db.insert(demands).values([{ title: '検索 夜勤手当の改善' }, { title: '100%の賃上げ' }]);
  rep = await staff('rep', [wpA]);
  executive = await staff('executive');
  officer = await staff('officer');
  const [sensitiveCase] = await t.db
    .insert(memberCases)
    .values({ memberId: yamadaA, title: '相談', openedOn: '2026-03-01', sensitive: true })
    .returning({ id: memberCases.id });
  await t.db.insert(tasks).values([
    { title: '検索 面談する A', assigneeId: rep.id, subjectType: 'member', subjectId: yamadaA },
    // The rep's own task about a member of another workplace: the task list hides it from them.
    { title: '検索 面談する B', assigneeId: rep.id, subjectType: 'member', subjectId: yamadaB },
    { title: '検索 事務局の仕事', assigneeId: officer.id },
    {
      title: '検索 ハラスメント相談の期日',
      assigneeId: rep.id,
      createdBy: executive.id,
      subjectType: 'member',
      subjectId: yamadaA,
      ruleId: 'case_due_follow_up',
      onceKey: `case_due_follow_up:${sensitiveCase!.id}:2026-04-10`,
    },
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/search', () => {
  it('answers the four groups, each with what matched', async () => {
    const res = await search(t.api, '検索');
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'demands',
      'members',
      'membersNeedMoreCharacters',
      'more',
      'tasks',
      'workplaces',
    ]);
    expect(names(res.body.workplaces)).toEqual(['検索 第一工場', '検索第二工場']);
    expect(names(res.body.demands)).toEqual(['検索 夜勤手当の改善']);
    expect(names(res.body.tasks)).toEqual([
      '検索 ハラスメント相談の期日',
      '検索 事務局の仕事',
      '検索 面談する A',
      '検索 面談する B',
    ]);
    expect(res.body.members).toEqual([]);
    expect(res.body.workplaces[0]).toEqual({
      id: wpA,
      name: '検索 第一工場',
      nameKana: 'ケンサクダイイチコウジョウ',
      establishment: '本社',
    });
    expect(res.body.demands[0]).toMatchObject({
      status: 'not_submitted',
      priority: 'medium',
      seasonName: null,
    });
    expect(res.body.more).toEqual({ members: false, workplaces: false, demands: false, tasks: false });
  });

  it('finds a member by name with or without spaces, by reading in either kana, and by employee number', async () => {
    for (const q of [
      '山田太郎',
      '山田 太郎',
      'やまだたろう',
      'ヤマダ タロウ',
      'ﾔﾏﾀﾞﾀﾛｳ',
      'やまだ たろう',
      'e-1001',
      'Ｅ－１００１',
    ]) {
      const res = await search(t.api, q);
      expect(res.status, q).toBe(200);
      expect(names(res.body.members), q).toEqual(['山田 太郎']);
    }
    const [hit] = (await search(t.api, '山田太郎')).body.members;
    expect(hit).toEqual({
      id: yamadaA,
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      employeeNumber: 'E-1001',
      workplaceName: '検索 第一工場',
      status: 'active',
    });
    // A reading stored in hiragana is found by katakana and hiragana alike.
    for (const q of ['スズキ', 'すずき', 'スズキハナコ']) {
      expect(names((await search(t.api, q)).body.members), q).toEqual(['鈴木 花子']);
    }
    // Kanji name and kana reading mixed (阿部こうへい); left members are found too, and say so.
    const abe = await search(t.api, '阿部こうへい');
    expect(abe.body.members).toMatchObject([{ name: '阿部 康平', status: 'left' }]);
    // Two characters have no trigram inside a word: they must begin one (not 小山田's 山田).
    expect(names((await search(t.api, '小山田')).body.members)).toEqual(['小山田 三郎']);
    expect((await search(t.api, '澤村')).body.members).toEqual([]);
    // A two-character surname (no trigram) finds both 山田, in kana order.
    expect((await search(t.api, '山田')).body.members.map((m: { name: string }) => m.name)).toEqual([
      '山田 次郎',
      '山田 太郎',
    ]);
  });

  it('matches workplaces by reading and typed wildcards literally', async () => {
    expect(names((await search(t.api, 'けんさくだいに')).body.workplaces)).toEqual(['検索第二工場']);
    expect(names((await search(t.api, '検索第一')).body.workplaces)).toEqual(['検索 第一工場']);
    expect(names((await search(t.api, '100%')).body.demands)).toEqual(['100%の賃上げ']);
    expect(names((await search(t.api, '%')).body.demands)).toEqual(['100%の賃上げ']);
    expect((await search(t.api, '_')).body.workplaces).toEqual([]);
  });

  it('finds a two-character term inside a title in either kana, and tasks from two characters on', async () => {
    // Inside a word: no trigram to look up; the bigram index (kumiai_bigrams) finds them.
    expect(names((await search(t.api, '談す')).body.tasks)).toEqual(['検索 面談する A', '検索 面談する B']);
    expect(names((await search(t.api, '夜勤')).body.demands)).toEqual(['検索 夜勤手当の改善']);
    expect(names((await search(t.api, '二工')).body.workplaces)).toEqual(['検索第二工場']);
    // A reading typed in hiragana finds the katakana reading; two terms must both be there.
    expect(names((await search(t.api, 'だいに')).body.workplaces)).toEqual(['検索第二工場']);
    expect(names((await search(t.api, 'ダイ 二工')).body.workplaces)).toEqual(['検索第二工場']);
    expect(names((await search(t.api, '面談 事務')).body.tasks)).toEqual([]);
    // One character alone would read every task title: no task is searched, as no member is.
    expect((await search(t.api, '談')).body.tasks).toEqual([]);
    expect(names((await search(t.api, '談 A')).body.tasks)).toEqual([]);
  });

  it('searches members from two characters on, the other groups from one', async () => {
    const res = await search(t.api, '山');
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([]);
    expect(res.body.membersNeedMoreCharacters).toBe(true);
    expect(names((await search(t.api, '検')).body.workplaces)).toHaveLength(2);
    expect((await search(t.api, '山田')).body.membersNeedMoreCharacters).toBe(false);
  });

  it('answers at most `limit` per group (5 by default) and says there are more', async () => {
    const byDefault = await search(t.api, '多数');
    expect(byDefault.body.members).toHaveLength(5);
    expect(byDefault.body.more.members).toBe(true);
    const two = await search(t.api, 'タスウ', '&limit=2');
    expect(two.body.members.map((m: { name: string }) => m.name)).toEqual(['多数 1号', '多数 2号']);
    expect(two.body.more.members).toBe(true);
    const all = await search(t.api, 'たすう', '&limit=20');
    expect(all.body.members).toHaveLength(7);
    expect(all.body.more.members).toBe(false);
  });

  it('keeps a rep to their workplaces and the task list’s tasks; a hidden record is not counted', async () => {
    const res = await search(rep.call, '山田');
    expect(res.status).toBe(200);
    expect(res.body.members.map((m: { id: string }) => m.id)).toEqual([yamadaA]);
    expect(res.body.more.members).toBe(false);
    const wide = await search(rep.call, '検索');
    expect(names(wide.body.workplaces)).toEqual(['検索 第一工場']);
    // Own task about a member of another workplace, and the sensitive case's follow-up: absent.
    expect(names(wide.body.tasks)).toEqual(['検索 面談する A']);
    expect(wide.body.more).toEqual({ members: false, workplaces: false, demands: false, tasks: false });
    // Every role reads every demand.
    expect(names(wide.body.demands)).toEqual(['検索 夜勤手当の改善']);
    const limited = await search(rep.call, '検索', '&limit=1');
    expect(limited.body.more.tasks).toBe(false);
    expect(limited.body.more.workplaces).toBe(false);
    for (const q of ['次郎', 'ヤマダジロウ', 'E-1002', '検索第二']) {
      const r = await search(rep.call, q);
      expect([...r.body.members, ...r.body.workplaces], q).toEqual([]);
    }
    expect((await search(rep.call, 'ハラスメント')).body.tasks).toEqual([]);
  });

  it('shows the executive and the officer only the tasks their task list shows', async () => {
    expect(names((await search(executive.call, '検索')).body.tasks)).toEqual([]);
    expect(names((await search(officer.call, '検索')).body.tasks)).toEqual(['検索 事務局の仕事']);
  });

  it('never finds a member by contact details for a role that may not see them', async () => {
    for (const q of ['09012345678', '090-1234-5678', 'denwa@example.org']) {
      const res = await search(executive.call, q);
      expect(res.status, q).toBe(200);
      expect(res.body.members, q).toEqual([]);
    }
    // Those who may see contact details find the member by them (a rep in their workplaces).
    for (const call of [t.api, officer.call, rep.call]) {
      for (const q of ['09012345678', '090-1234-5678', 'DENWA@example.org']) {
        expect(names((await search(call, q)).body.members), q).toEqual(['電話 一郎']);
      }
    }
    // The name finds the member for the executive (members are readable, their contacts not).
    expect(names((await search(executive.call, '電話一郎')).body.members)).toEqual(['電話 一郎']);
  });

  it('answers 400 naming the field for an empty, too long or unstorable q, and a bad limit', async () => {
    const cases: [string, string][] = [
      ['', 'q'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'あ'.repeat(101)}`, 'q'],
      ['q=a%00b', 'q'],
      ['q=a&limit=0', 'limit'],
      ['q=a&limit=21', 'limit'],
      ['q=a&limit=x', 'limit'],
    ];
    for (const [query, field] of cases) {
      const res = await t.api('GET', `/api/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {}), query).toContain(field);
    }
    // Half a surrogate pair as WTF-8 bytes is not UTF-8: it is taken as the text it spells, never a 5xx
    // (a decoded one could not pass the schema: see core/search/schemas.test.ts).
    expect((await t.api('GET', '/api/search?q=a%ED%A0%80')).status).toBe(200);
    expect((await t.api('GET', `/api/search?q=${'あ'.repeat(100)}`)).status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    const res = await t.raw('GET', '/api/search?q=%E5%B1%B1%E7%94%B0');
    expect(res.status).toBe(401);
  });
});
