import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { tokenHashOf, tokenOf } from '../../services/surveys/tokens';

// 2027-02-10T15:30Z is already February 11 in Tokyo: "today" is the organization's.
let clock = new Date('2027-02-10T15:30:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock, publicUrl: 'https://kumiai.example.org' });
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

/** The public API as a member's phone calls it: no cookie. */
async function pub(method: string, token: string, body?: unknown) {
  const path = method === 'GET' ? `/api/public/surveys/${token}` : `/api/public/surveys/${token}/answer`;
  const res = await t.raw(method, path, body);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function query<T>(statement: ReturnType<typeof sql>) {
  return rowsOf<T>(await t.db.execute(statement));
}

async function setup() {
  const wpA = await ok('POST', '/api/workplaces', { name: '第一工場', nameKana: 'ダイイチコウジョウ' });
  const wpB = await ok('POST', '/api/workplaces', { name: '本社', nameKana: 'ホンシャ' });
  const member = (name: string, nameKana: string, workplaceId: string, extra: object = {}) =>
    ok('POST', '/api/members', { name, nameKana, workplaceId, ...extra });
  const m1 = await member('山田太郎', 'ヤマダタロウ', wpA.id, { employeeNumber: 'E001', jobType: '製造' });
  const m2 = await member('青木花子', 'アオキハナコ', wpA.id, { employeeNumber: '=SUM(1)' });
  const m3 = await member('鈴木一郎', 'スズキイチロウ', wpB.id);
  const target = await member('未加入者', 'ミカニュウシャ', wpB.id, { unionRole: 'organizing_target' });
  const d1 = await ok('POST', '/api/demands', { title: '賃上げ' });
  const d2 = await ok('POST', '/api/demands', { title: '休日増' });
  const d3 = await ok('POST', '/api/demands', { title: '人員増' });
  return { wpA, wpB, m1, m2, m3, target, d1, d2, d3 };
}
let fx: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  fx = await setup();
});

function tokenOfLink(link: string) {
  return link.split('/s/')[1]!;
}

async function linksOf(surveyId: string) {
  const res = await ok('GET', `/api/surveys/${surveyId}/invitations?limit=500`);
  return new Map<string, string>(
    (res.items as { memberId: string; link: string }[]).map((i) => [i.memberId, tokenOfLink(i.link)]),
  );
}

describe('surveys: build, invite, answer', () => {
  it('creates a survey, invites active members, serves the link and stores an identified answer', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: '2027春闘 要求アンケート',
      anonymous: false,
      demandIds: [fx.d1.id, fx.d2.id],
      freeText: true,
      questions: [{ kind: 'scale', label: '職場の満足度', required: true }],
      closesOn: '2027-02-28',
    });
    expect(survey).toMatchObject({
      title: '2027春闘 要求アンケート',
      anonymous: false,
      freeText: true,
      freeTextLabel: 'その他の要求・職場の悩み',
      rankTop: null,
      status: 'open',
      invited: 0,
      answered: 0,
      editable: true,
      demands: [
        { id: fx.d1.id, title: '賃上げ' },
        { id: fx.d2.id, title: '休日増' },
      ],
      questions: [{ id: 'q1', kind: 'scale', label: '職場の満足度', required: true }],
    });
    expect((await ok('GET', `/api/surveys/${survey.id}`)).id).toBe(survey.id);
    const list = await ok('GET', '/api/surveys');
    expect(list.items.map((s: { id: string }) => s.id)).toContain(survey.id);

    // Invite: the three members, not the organizing target; a second call invites nobody.
    expect(await ok('POST', `/api/surveys/${survey.id}/invitations`, {}, 200)).toEqual({ invited: 3 });
    expect(await ok('POST', `/api/surveys/${survey.id}/invitations`, {}, 200)).toEqual({ invited: 0 });
    const invitations = await ok('GET', `/api/surveys/${survey.id}/invitations`);
    expect(invitations.total).toBe(3);
    // Slip order: workplace kana (ダイイチ before ホンシャ), then member kana (アオキ before ヤマダ).
    expect(invitations.items.map((i: { memberName: string }) => i.memberName)).toEqual([
      '青木花子',
      '山田太郎',
      '鈴木一郎',
    ]);
    for (const i of invitations.items) {
      expect(i.link).toMatch(/^https:\/\/kumiai\.example\.org\/s\/[A-Za-z0-9_-]{32}$/);
      expect(i).toMatchObject({ answered: false, revoked: false });
    }
    // The token is never stored: only its hash, and the hash finds the invitation.
    const token = tokenOfLink(invitations.items[1].link);
    const stored = await query<{ token_hash: string; token_nonce: string }>(
      sql`select token_hash, token_nonce from survey_invitations where member_id = ${fx.m1.id}`,
    );
    expect(stored[0]!.token_hash).toBe(tokenHashOf(token));
    expect(tokenOf(TEST_SECRET, stored[0]!.token_nonce)).toBe(token);
    const dump = JSON.stringify(await query(sql`select * from survey_invitations`));
    expect(dump).not.toContain(token);
    // One invite audit event with the count.
    const events = await query<{ details: { invited: number } }>(
      sql`select details from audit_log where action = 'invite' and record_id = ${survey.id} order by id`,
    );
    expect(events.map((e) => e.details.invited)).toEqual([3, 0]);

    // The public page: no cookie needed.
    const page = await pub('GET', token);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      organizationName: expect.any(String),
      title: '2027春闘 要求アンケート',
      anonymous: false,
      status: 'open',
      closesOn: '2027-02-28',
      freeTextLabel: 'その他の要求・職場の悩み',
      answer: null,
    });
    expect(page.body.demands.map((d: { title: string }) => d.title)).toEqual(['賃上げ', '休日増']);
    expect(JSON.stringify(page.body)).not.toContain('山田');

    // An answer the survey does not allow: 400 with fields, nothing written.
    const bad = await pub('PUT', token, { demandIds: [fx.d3.id], answers: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      demandIds: 'must be demands this survey offers',
      'answers.q1': 'is required',
    });
    expect(await query(sql`select 1 from survey_responses`)).toEqual([]);

    const saved = await pub('PUT', token, {
      demandIds: [fx.d2.id, fx.d1.id],
      freeText: '  休憩室を広く  ',
      answers: { q1: 4 },
    });
    expect(saved.status).toBe(200);
    // Unranked: the choice is a set, shown in the survey's order.
    expect(saved.body).toEqual({
      answer: { demandIds: [fx.d1.id, fx.d2.id], freeText: '休憩室を広く', answers: { q1: 4 } },
      status: 'open',
    });
    expect((await pub('GET', token)).body.answer).toEqual(saved.body.answer);
    // Changing the answer replaces it.
    const changed = await pub('PUT', token, { demandIds: [fx.d1.id], answers: { q1: 2 } });
    expect(changed.body.answer).toEqual({ demandIds: [fx.d1.id], freeText: null, answers: { q1: 2 } });
    const responses = await query<{ member_id: string; job_type: string; channel: string }>(
      sql`select member_id, job_type, channel from survey_responses`,
    );
    expect(responses).toEqual([{ member_id: fx.m1.id, job_type: '製造', channel: 'web' }]);
    expect(await query(sql`select demand_id from survey_response_demands`)).toEqual([
      { demand_id: fx.d1.id },
    ]);

    // The survey now counts the answer and can no longer change its content.
    const after = await ok('GET', `/api/surveys/${survey.id}`);
    expect(after).toMatchObject({ invited: 3, answered: 1, editable: false });
    const refused = await t.api('PATCH', `/api/surveys/${survey.id}`, {
      demandIds: [fx.d3.id],
      version: after.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields).toEqual({ demandIds: 'cannot change after answers' });
    const renamed = await ok('PATCH', `/api/surveys/${survey.id}`, {
      title: '2027春闘 アンケート',
      version: after.version,
    });
    expect(renamed.title).toBe('2027春闘 アンケート');
  });
});

describe('the public link: dead links, closing', () => {
  it('answers 404 with one body for malformed, unknown, revoked, left and erased links', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: 'リンクの検査',
      anonymous: false,
      demandIds: [fx.d1.id],
      freeText: false,
      closesOn: '2027-03-31',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, { workplaceIds: [fx.wpA.id] }, 200);
    const links = await linksOf(survey.id);
    expect([...links.keys()].sort()).toEqual([fx.m1.id, fx.m2.id].sort());
    const unknown = await pub('GET', 'A'.repeat(32));
    expect(unknown.status).toBe(404);
    const body = unknown.body;
    expect(body).toEqual({ error: { code: 'not_found', message: 'This survey link is not valid' } });
    for (const bad of ['x', 'A'.repeat(31), '%00', 'A'.repeat(10_000)]) {
      const res = await pub('GET', bad);
      expect(res.status, bad.slice(0, 10)).toBe(404);
      expect(res.body).toEqual(body);
    }

    // Revoked: 404; re-issued: the old link stays dead, the new one works.
    const invitations = (await ok('GET', `/api/surveys/${survey.id}/invitations`)).items;
    const first = invitations.find((i: { memberId: string }) => i.memberId === fx.m1.id);
    const oldToken = tokenOfLink(first.link);
    expect((await pub('GET', oldToken)).status).toBe(200);
    const revoked = await ok(
      'POST',
      `/api/surveys/${survey.id}/invitations/${first.id}/revoke`,
      undefined,
      200,
    );
    expect(revoked).toMatchObject({ revoked: true, link: null });
    expect((await pub('GET', oldToken)).body).toEqual(body);
    const reissued = await ok(
      'POST',
      `/api/surveys/${survey.id}/invitations/${first.id}/reissue`,
      undefined,
      200,
    );
    expect(reissued.revoked).toBe(false);
    const newToken = tokenOfLink(reissued.link);
    expect(newToken).not.toBe(oldToken);
    expect((await pub('GET', oldToken)).status).toBe(404);
    expect((await pub('GET', newToken)).status).toBe(200);
    expect(
      await ok('POST', `/api/surveys/${survey.id}/invitations/${MISSING}/revoke`, undefined, 404),
    ).toMatchObject({ error: { code: 'not_found' } });

    // The member leaves: 404.
    const m2 = await ok('GET', `/api/members/${fx.m2.id}`);
    const token2 = links.get(fx.m2.id)!;
    expect((await pub('GET', token2)).status).toBe(200);
    await ok('PATCH', `/api/members/${fx.m2.id}`, {
      status: 'left',
      leftOn: '2027-02-01',
      version: m2.version,
    });
    expect((await pub('GET', token2)).body).toEqual(body);
    expect((await pub('PUT', token2, { demandIds: [] })).status).toBe(404);
    const back = await ok('GET', `/api/members/${fx.m2.id}`);
    await ok('PATCH', `/api/members/${fx.m2.id}`, { status: 'active', leftOn: null, version: back.version });

    // The survey is deleted: 404.
    expect((await pub('GET', newToken)).status).toBe(200);
    const current = await ok('GET', `/api/surveys/${survey.id}`);
    await ok('DELETE', `/api/surveys/${survey.id}?version=${current.version}`, undefined, 204);
    expect((await pub('GET', newToken)).body).toEqual(body);
    expect(await query(sql`select 1 from survey_invitations where survey_id = ${survey.id}`)).toEqual([]);
  });

  it('closes early and on its date by itself: the answer shows, a new one is refused and nothing changes', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: '締切の検査',
      anonymous: false,
      demandIds: [fx.d1.id, fx.d2.id],
      freeText: false,
      closesOn: '2027-02-12',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, { workplaceIds: [fx.wpB.id] }, 200);
    const token = (await linksOf(survey.id)).get(fx.m3.id)!;
    expect((await pub('PUT', token, { demandIds: [fx.d1.id] })).status).toBe(200);

    // Closed early.
    const closed = await ok('PATCH', `/api/surveys/${survey.id}`, { closed: true, version: survey.version });
    expect(closed).toMatchObject({ status: 'closed', closedAt: clock.toISOString() });
    const refused = await pub('PUT', token, { demandIds: [fx.d2.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('survey_closed');
    const page = await pub('GET', token);
    expect(page.body).toMatchObject({ status: 'closed', answer: { demandIds: [fx.d1.id] } });
    // Paper answers are refused too.
    const paper = await t.api('PUT', `/api/surveys/${survey.id}/members/${fx.m3.id}/answer`, {
      demandIds: [fx.d2.id],
    });
    expect(paper.status).toBe(409);
    expect(paper.body.error.code).toBe('survey_closed');

    // Reopened, then the closing day passes (Feb 12 in Tokyo is over at 15:00Z).
    const reopened = await ok('PATCH', `/api/surveys/${survey.id}`, {
      closed: false,
      version: closed.version,
    });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    expect((await pub('PUT', token, { demandIds: [fx.d2.id] })).status).toBe(200);
    const saved = clock;
    try {
      clock = new Date('2027-02-12T14:59:00Z');
      expect((await pub('GET', token)).body.status).toBe('open');
      clock = new Date('2027-02-12T15:00:00Z');
      expect((await pub('GET', token)).body.status).toBe('closed');
      expect((await ok('GET', `/api/surveys/${survey.id}`)).status).toBe('closed');
      const late = await pub('PUT', token, { demandIds: [fx.d1.id] });
      expect(late.status).toBe(409);
      expect((await pub('GET', token)).body.answer.demandIds).toEqual([fx.d2.id]);
    } finally {
      clock = saved;
    }
  });
});
