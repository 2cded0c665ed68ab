import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { settings } from '../../db/schema';
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
    // One survey_link audit event per change, naming the member (the 404 wrote none).
    const linkEvents = await query<{ subject_id: string; details: unknown }>(
      sql`select subject_id, details from audit_log where action = 'survey_link' and record_id = ${survey.id} order by id`,
    );
    expect(linkEvents).toEqual([
      { subject_id: fx.m1.id, details: { change: 'revoke', invitationId: first.id } },
      { subject_id: fx.m1.id, details: { change: 'reissue', invitationId: first.id } },
    ]);

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

describe('anonymous surveys', () => {
  it('keeps nothing that ties an answer to a member: no member id, no shared value, no timestamp, no audit row', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: '匿名アンケート',
      anonymous: true,
      demandIds: [fx.d1.id, fx.d2.id, fx.d3.id],
      rankTop: 2,
      freeText: 'ひとこと',
      closesOn: '2027-03-31',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, {}, 200);
    const links = await linksOf(survey.id);
    const auditBefore = await query<{ n: number }>(sql`select max(id) as n from audit_log`);
    const a1 = await pub('PUT', links.get(fx.m1.id)!, {
      demandIds: [fx.d3.id, fx.d1.id],
      freeText: '匿名の悩み',
    });
    expect(a1.status).toBe(200);
    expect(a1.body.answer).toEqual({ demandIds: [fx.d3.id, fx.d1.id], freeText: '匿名の悩み', answers: {} });
    // Ranked: the same demands in another order change the ranks.
    const reordered = await pub('PUT', links.get(fx.m1.id)!, {
      demandIds: [fx.d1.id, fx.d3.id],
      freeText: '匿名の悩み',
    });
    expect(reordered.status).toBe(200);
    expect((await pub('GET', links.get(fx.m1.id)!)).body.answer.demandIds).toEqual([fx.d1.id, fx.d3.id]);
    // Ranked: at most rankTop.
    const tooMany = await pub('PUT', links.get(fx.m3.id)!, { demandIds: [fx.d1.id, fx.d2.id, fx.d3.id] });
    expect(tooMany.body.error.fields).toEqual({ demandIds: 'must choose at most 2' });
    expect((await pub('PUT', links.get(fx.m3.id)!, { demandIds: [fx.d2.id] })).status).toBe(200);
    // A paper answer for m2, then m1 changes theirs: still one row each.
    const paper = await t.api('PUT', `/api/surveys/${survey.id}/members/${fx.m2.id}/answer`, {
      demandIds: [fx.d1.id],
    });
    expect(paper.status).toBe(200);
    expect((await pub('PUT', links.get(fx.m1.id)!, { demandIds: [fx.d2.id] })).status).toBe(200);
    // The link shows its own answer.
    expect((await pub('GET', links.get(fx.m1.id)!)).body.answer.demandIds).toEqual([fx.d2.id]);
    expect((await pub('GET', links.get(fx.m2.id)!)).body.answer.demandIds).toEqual([fx.d1.id]);

    const responses = await query<Record<string, unknown>>(
      sql`select * from survey_responses where survey_id = ${survey.id}`,
    );
    expect(responses).toHaveLength(3);
    for (const r of responses) {
      expect(r.member_id).toBeNull();
      expect(Object.keys(r).some((k) => /_at$|time|date/.test(k))).toBe(false);
    }
    // No value of a response row (or its demands) appears in the invitations or the members.
    const values = new Set(
      [
        ...responses.flatMap((r) => [r.id, r.owner_key]),
        ...(
          await query<{ response_id: string }>(
            sql`select response_id from survey_response_demands where survey_id = ${survey.id}`,
          )
        ).map((r) => r.response_id),
      ].map(String),
    );
    const invitations = await query<Record<string, unknown>>(
      sql`select * from survey_invitations where survey_id = ${survey.id}`,
    );
    for (const i of invitations) for (const v of Object.values(i)) expect(values.has(String(v))).toBe(false);
    for (const id of [fx.m1.id, fx.m2.id, fx.m3.id]) expect(values.has(id)).toBe(false);
    // The audit log: the paper answer's event names the member but nothing of the answer;
    // no row since the first answer mentions a response or its content.
    const audit = await query<Record<string, unknown>>(
      sql`select * from audit_log where id > ${Number(auditBefore[0]!.n)}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['survey_answer']);
    const dump = JSON.stringify(audit);
    for (const v of [...values, '匿名の悩み', fx.d1.id]) expect(dump).not.toContain(v);

    // Tracking knows who answered (not what); staff cannot read an anonymous answer.
    const progress = await ok('GET', `/api/surveys/${survey.id}/progress`);
    expect(progress).toMatchObject({ invited: 3, answered: 3 });
    const read = await t.api('GET', `/api/surveys/${survey.id}/members/${fx.m1.id}/answer`);
    expect(read.status).toBe(403);
    const apply = await t.api('POST', `/api/surveys/${survey.id}/apply`);
    expect(apply.status).toBe(409);
    expect(await query(sql`select 1 from demand_members where source = 'survey'`)).toEqual([]);
    // Its demands' support counts the anonymous answers, once the survey is closed with at
    // least k respondents: live, the count beside live tracking would show the latest choice.
    const support = await ok('GET', `/api/demands/${fx.d2.id}/survey-support`);
    expect(support).toContainEqual({
      surveyId: survey.id,
      title: '匿名アンケート',
      anonymous: true,
      status: 'open',
      respondents: 3,
      count: null,
      withheld: 'open',
    });
    const current = await ok('GET', `/api/surveys/${survey.id}`);
    await ok('PATCH', `/api/surveys/${survey.id}`, { closed: true, version: current.version });
    expect(await ok('GET', `/api/demands/${fx.d2.id}/survey-support`)).toContainEqual(
      expect.objectContaining({
        surveyId: survey.id,
        status: 'closed',
        count: null,
        withheld: 'too_few_respondents',
      }),
    );
    await t.db.update(settings).set({ surveyMinCell: 3 });
    expect(await ok('GET', `/api/demands/${fx.d2.id}/survey-support`)).toContainEqual(
      expect.objectContaining({ surveyId: survey.id, status: 'closed', count: 2, withheld: null }),
    );
    // Closed with answers, it stays closed: reopening would let the figures move again.
    const closed = await ok('GET', `/api/surveys/${survey.id}`);
    const reopen = await t.api('PATCH', `/api/surveys/${survey.id}`, {
      closed: false,
      version: closed.version,
    });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.fields).toEqual({ closed: 'a closed anonymous survey stays closed' });
    // A later closing day does not reopen it either (it was closed early).
    await ok('PATCH', `/api/surveys/${survey.id}`, { closesOn: '2099-12-31', version: closed.version });
    expect((await ok('GET', `/api/surveys/${survey.id}`)).status).toBe('closed');
    await t.db.update(settings).set({ surveyMinCell: 5 });
  });
});

describe('tracking, paper answers and applying', () => {
  it('shows progress and nonrespondents per workplace, takes paper answers and applies them once', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: '記名アンケート',
      anonymous: false,
      demandIds: [fx.d1.id, fx.d2.id],
      freeText: false,
      closesOn: '2027-03-31',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, { workplaceIds: [fx.wpA.id] }, 200);
    const links = await linksOf(survey.id);
    expect(
      (await ok('GET', `/api/surveys/${survey.id}/nonrespondents`)).items.map((m: { id: string }) => m.id),
    ).toEqual([fx.m2.id, fx.m1.id]);
    await pub('PUT', links.get(fx.m1.id)!, { demandIds: [fx.d1.id, fx.d2.id] });
    // m3 (not invited) answers on paper: invited on the way.
    const paper = await ok('PUT', `/api/surveys/${survey.id}/members/${fx.m3.id}/answer`, {
      demandIds: [fx.d2.id],
    });
    expect(paper).toEqual({ answer: { demandIds: [fx.d2.id], freeText: null, answers: {} }, status: 'open' });
    expect(await ok('GET', `/api/surveys/${survey.id}/members/${fx.m3.id}/answer`)).toEqual({
      answer: { demandIds: [fx.d2.id], freeText: null, answers: {}, channel: 'paper' },
    });
    expect(await ok('GET', `/api/surveys/${survey.id}/members/${fx.m2.id}/answer`)).toEqual({ answer: null });
    // A web answer after a paper one replaces it (one answer per member).
    const token3 = (await linksOf(survey.id)).get(fx.m3.id)!;
    await pub('PUT', token3, { demandIds: [fx.d1.id] });
    expect((await ok('GET', `/api/surveys/${survey.id}/members/${fx.m3.id}/answer`)).answer).toMatchObject({
      demandIds: [fx.d1.id],
      channel: 'web',
    });

    const progress = await ok('GET', `/api/surveys/${survey.id}/progress`);
    expect(progress).toEqual({
      invited: 3,
      answered: 2,
      workplaces: [
        { workplaceId: fx.wpA.id, workplaceName: '第一工場', invited: 2, answered: 1, rate: 0.5 },
        { workplaceId: fx.wpB.id, workplaceName: '本社', invited: 1, answered: 1, rate: 1 },
      ],
    });
    const nonrespondents = await ok('GET', `/api/surveys/${survey.id}/nonrespondents`);
    expect(nonrespondents.items).toEqual([
      expect.objectContaining({ id: fx.m2.id, name: '青木花子', workplaceName: '第一工場' }),
    ]);
    const answered = await ok('GET', `/api/surveys/${survey.id}/invitations?answered=true`);
    expect(answered.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual(
      [fx.m1.id, fx.m3.id].sort(),
    );
    const wpB = await ok('GET', `/api/surveys/${survey.id}/invitations?workplaceId=${fx.wpB.id}`);
    expect(wpB.items.map((i: { memberId: string }) => i.memberId)).toEqual([fx.m3.id]);

    // Apply: m1 → d1, d2; m3 → d1. Again: nothing new.
    const before = await ok('GET', `/api/demands/${fx.d1.id}`);
    expect(await ok('POST', `/api/surveys/${survey.id}/apply`, undefined, 200)).toEqual({
      linked: 3,
      members: 2,
    });
    expect(await ok('POST', `/api/surveys/${survey.id}/apply`, undefined, 200)).toEqual({
      linked: 0,
      members: 2,
    });
    const after = await ok('GET', `/api/demands/${fx.d1.id}`);
    expect(after.relatedMemberCount).toBe(before.relatedMemberCount + 2);
    const links2 = await query<{ member_id: string; demand_id: string; source: string }>(
      sql`select member_id, demand_id, source from demand_members where source = 'survey' order by member_id, demand_id`,
    );
    expect(links2).toHaveLength(3);
    const applied = await query<{ details: { linked: number } }>(
      sql`select details from audit_log where action = 'apply_survey' and record_id = ${survey.id} order by id`,
    );
    expect(applied.map((a) => a.details.linked)).toEqual([3, 0]);
    // The member's timeline tells where the links came from.
    const timeline = await ok('GET', `/api/members/${fx.m1.id}/timeline`);
    const fromSurvey = timeline.items.filter((i: { kind: string }) => i.kind === 'survey_linked');
    expect(
      fromSurvey.map((i: { title: string; refId: string; actorName: string }) => [
        i.title,
        i.refId,
        i.actorName,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['賃上げ', fx.d1.id, t.admin.displayName],
        ['休日増', fx.d2.id, t.admin.displayName],
      ]),
    );
    expect(fromSurvey).toHaveLength(2);
  });

  it('downloads the live links as CSV for mail merge (BOM, guarded cells, audited)', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: 'CSV',
      anonymous: false,
      demandIds: [fx.d1.id],
      freeText: false,
      closesOn: '2027-03-31',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, {}, 200);
    const invitations = (await ok('GET', `/api/surveys/${survey.id}/invitations`)).items;
    const m3 = invitations.find((i: { memberId: string }) => i.memberId === fx.m3.id);
    await ok('POST', `/api/surveys/${survey.id}/invitations/${m3.id}/revoke`, undefined, 200);
    const res = await t.raw('GET', `/api/surveys/${survey.id}/invitations.csv`, undefined, {
      cookie: await t.signIn('admin@example.org'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('survey-links-');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    const link = (memberId: string) =>
      invitations.find((i: { memberId: string }) => i.memberId === memberId).link as string;
    expect(lines).toEqual([
      '氏名,社員番号,職場,リンク',
      `青木花子,'=SUM(1),第一工場,${link(fx.m2.id)}`,
      `山田太郎,E001,第一工場,${link(fx.m1.id)}`,
    ]);
    const only = await t.api('GET', `/api/surveys/${survey.id}/invitations.csv?workplaceId=${fx.wpB.id}`);
    expect(only.text.trimEnd().split('\r\n')).toHaveLength(1);
    const events = await query<{ details: { rowCount: number } }>(
      sql`select details from audit_log where action = 'export' and record_id = ${survey.id} order by id`,
    );
    expect(events.map((e) => e.details.rowCount)).toEqual([2, 0]);
  });
});

describe('survey tokens are no staff credential', () => {
  it('a link token as a Bearer token is refused on staff routes; a public route ignores cookies', async () => {
    const survey = await ok('POST', '/api/surveys', {
      title: 'トークン',
      anonymous: false,
      demandIds: [fx.d1.id],
      freeText: false,
      closesOn: '2027-03-31',
    });
    await ok('POST', `/api/surveys/${survey.id}/invitations`, {}, 200);
    const token = (await linksOf(survey.id)).get(fx.m1.id)!;
    for (const path of [
      '/api/surveys',
      `/api/surveys/${survey.id}`,
      '/api/auth/me',
      `/api/members/${fx.m1.id}`,
    ]) {
      const res = await t.raw('GET', path, undefined, { authorization: `Bearer ${token}` });
      expect(res.status, path).toBe(401);
    }
    // A token made with another secret finds nothing.
    const nonce = (
      await query<{ token_nonce: string }>(
        sql`select token_nonce from survey_invitations where survey_id = ${survey.id} and member_id = ${fx.m1.id}`,
      )
    )[0]!.token_nonce;
    expect((await pub('GET', tokenOf(Buffer.alloc(32, 7), nonce))).status).toBe(404);
    // A staff session or a garbage Authorization header changes nothing on the public route.
    const res = await t.raw('GET', `/api/public/surveys/${token}`, undefined, {
      authorization: 'Bearer nonsense',
      cookie: 'kumiai_session=nonsense',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The answer writes only this member's response.
    await pub('PUT', token, { demandIds: [fx.d1.id] });
    const rows = await query<{ member_id: string }>(
      sql`select member_id from survey_responses where survey_id = ${survey.id}`,
    );
    expect(rows).toEqual([{ member_id: fx.m1.id }]);
  });

  it('limits answers per link (429 with Retry-After) and requests per address', async () => {
    const limited = await createTestApp({ now: () => clock, publicRateLimit: 9, publicAnswersPerLink: 3 });
    try {
      const a = limited.api;
      const d = (await a('POST', '/api/demands', { title: '要求' })).body;
      const m = (await a('POST', '/api/members', { name: '組合員' })).body;
      const s = (
        await a('POST', '/api/surveys', {
          title: 'S',
          anonymous: false,
          demandIds: [d.id],
          freeText: false,
          closesOn: '2027-03-31',
        })
      ).body;
      await a('POST', `/api/surveys/${s.id}/invitations`, {});
      const link = (await a('GET', `/api/surveys/${s.id}/invitations`)).body.items[0].link as string;
      const token = tokenOfLink(link);
      // Per link: 3 answers a minute; per address: 9 requests a minute.
      const answers: number[] = [];
      for (let n = 0; n < 4; n++)
        answers.push(
          (await limited.raw('PUT', `/api/public/surveys/${token}/answer`, { demandIds: [] })).status,
        );
      expect(answers).toEqual([200, 200, 200, 429]);
      const statuses: number[] = [];
      for (let n = 0; n < 7; n++)
        statuses.push((await limited.raw('GET', `/api/public/surveys/${token}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const res = await limited.raw('GET', `/api/public/surveys/${token}`);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await res.json()).error.code).toBe('rate_limited');
      expect(m.id).toBeTruthy();
    } finally {
      await limited.close();
    }
  });
});
