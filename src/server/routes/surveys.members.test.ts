import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

// Survey invitations and answers when members are merged, erased or ask for their data.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2027-02-10T03:00:00Z') });
});
afterAll(async () => {
  await t?.close();
});

async function ok(method: string, path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const res = await t.api(method, path, body);
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
  return res.body;
}

async function query<T>(statement: ReturnType<typeof sql>) {
  return rowsOf<T>(await t.db.execute(statement));
}

async function survey(title: string, demandIds: string[], anonymous = false) {
  const s = await ok('POST', '/api/surveys', {
    title,
    anonymous,
    demandIds,
    freeText: true,
    closesOn: '2027-03-31',
  });
  await ok('POST', `/api/surveys/${s.id}/invitations`, {}, 200);
  return s.id as string;
}

async function tokenFor(surveyId: string, memberId: string) {
  const res = await ok('GET', `/api/surveys/${surveyId}/invitations?limit=500`);
  const link = res.items.find((i: { memberId: string }) => i.memberId === memberId).link as string;
  return link.split('/s/')[1]!;
}

async function answer(token: string, demandIds: string[], freeText?: string) {
  const res = await t.raw('PUT', `/api/public/surveys/${token}/answer`, { demandIds, freeText });
  expect(res.status).toBe(200);
}

describe('surveys and the member record', () => {
  it('a merge moves invitations and identified answers to the kept member, keeping the kept one’s where both exist', async () => {
    const d1 = await ok('POST', '/api/demands', { title: '賃上げ' });
    const d2 = await ok('POST', '/api/demands', { title: '休日増' });
    const kept = await ok('POST', '/api/members', { name: '木村拓' });
    const other = await ok('POST', '/api/members', { name: '木村 拓' });
    const both = await survey('両方が回答', [d1.id, d2.id]);
    const onlyOther = await survey('重複側だけが回答', [d1.id, d2.id]);
    const anonymous = await survey('匿名', [d1.id, d2.id], true);
    await answer(await tokenFor(both, kept.id), [d1.id], '残す回答');
    await answer(await tokenFor(both, other.id), [d2.id], '消える回答');
    await answer(await tokenFor(onlyOther, other.id), [d2.id], '移る回答');
    const anonymousToken = await tokenFor(anonymous, other.id);
    await answer(anonymousToken, [d1.id], '匿名の回答');
    // An invitation only the removed record has.
    const later = await ok('POST', '/api/surveys', {
      title: '後から',
      anonymous: false,
      demandIds: [d1.id],
      freeText: false,
      closesOn: '2027-03-31',
    });
    await t.db.execute(sql`insert into survey_invitations (survey_id, member_id, token_nonce, token_hash)
      values (${later.id}, ${other.id}, 'n', 'h-later')`);

    const k = await ok('GET', `/api/members/${kept.id}`);
    const o = await ok('GET', `/api/members/${other.id}`);
    await ok(
      'POST',
      `/api/members/${kept.id}/merge`,
      {
        otherId: other.id,
        version: k.version,
        otherVersion: o.version,
      },
      200,
    );

    expect(await ok('GET', `/api/surveys/${both}/members/${kept.id}/answer`)).toMatchObject({
      answer: { demandIds: [d1.id], freeText: '残す回答' },
    });
    expect(await ok('GET', `/api/surveys/${onlyOther}/members/${kept.id}/answer`)).toMatchObject({
      answer: { demandIds: [d2.id], freeText: '移る回答' },
    });
    const invitations = await query<{ title: string; answered: boolean }>(
      sql`select s.title, i.answered_at is not null as answered from survey_invitations i
          join surveys s on s.id = i.survey_id where i.member_id = ${kept.id} order by s.title`,
    );
    expect(invitations).toEqual(
      [
        { title: '両方が回答', answered: true },
        { title: '重複側だけが回答', answered: true },
        // Both were invited; only the removed record answered: its invitation (and link) is kept.
        { title: '匿名', answered: true },
        { title: '後から', answered: false },
      ].sort((a, b) => (a.title < b.title ? -1 : 1)),
    );
    // The removed record's anonymous link is now the kept member's and still shows its answer: one answer, not two.
    const page = await t.raw('GET', `/api/public/surveys/${anonymousToken}`);
    expect(page.status).toBe(200);
    expect((await page.json()).answer).toMatchObject({ demandIds: [d1.id], freeText: '匿名の回答' });
    expect(await query(sql`select 1 from survey_invitations where member_id = ${other.id}`)).toEqual([]);
    expect(
      await query<{ n: number }>(
        sql`select count(*)::int as n from survey_responses where survey_id = ${anonymous}`,
      ),
    ).toEqual([{ n: 1 }]);
    expect(
      await query<{ n: number }>(
        sql`select count(*)::int as n from survey_responses where survey_id = ${both}`,
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('the data export lists invitations (no link) and identified answers; erasure deletes them', async () => {
    const d = await ok('POST', '/api/demands', { title: '人員増' });
    const m = await ok('POST', '/api/members', { name: '消去 花子' });
    const identified = await survey('記名', [d.id]);
    const anonymous = await survey('匿名2', [d.id], true);
    const token = await tokenFor(identified, m.id);
    await answer(token, [d.id], '私の回答');
    await answer(await tokenFor(anonymous, m.id), [d.id], '匿名で書いたこと');

    const data = await ok('GET', `/api/members/${m.id}/data-export`);
    expect(data.surveyInvitations).toHaveLength(2);
    expect(data.surveyInvitations.find((i: { title: string }) => i.title === '記名')).toMatchObject({
      surveyId: identified,
      anonymous: false,
      answeredAt: expect.any(String),
      revokedAt: null,
    });
    expect(data.surveyAnswers).toEqual([
      expect.objectContaining({
        surveyId: identified,
        title: '記名',
        freeText: '私の回答',
        channel: 'web',
        demands: [{ demandId: d.id, title: '人員増', rank: null }],
      }),
    ]);
    const text = JSON.stringify(data);
    expect(text).not.toContain(token);
    expect(text).not.toContain('匿名で書いたこと');
    const nonces = await query<{ token_nonce: string; token_hash: string }>(
      sql`select token_nonce, token_hash from survey_invitations where member_id = ${m.id}`,
    );
    for (const n of nonces) {
      expect(text).not.toContain(n.token_nonce);
      expect(text).not.toContain(n.token_hash);
    }

    await ok('POST', `/api/members/${m.id}/erasure`, { confirmName: '消去 花子' }, 200);
    expect(await query(sql`select 1 from survey_invitations where member_id = ${m.id}`)).toEqual([]);
    expect(await query(sql`select 1 from survey_responses where member_id = ${m.id}`)).toEqual([]);
    expect((await t.raw('GET', `/api/public/surveys/${token}`)).status).toBe(404);
    // The anonymous answer is no one's: it stays in the survey's results.
    expect(
      await query<{ free_text: string }>(
        sql`select free_text from survey_responses where survey_id = ${anonymous}`,
      ),
    ).toEqual([{ free_text: '匿名で書いたこと' }]);
  });
});
