import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { type Listening, listen } from '../../test/listen';
import { rowsOf } from '../db/queries/records';

// A member's phone: the link as printed (the request's origin, no KUMIAI_PUBLIC_URL), real
// fetch over a socket, no cookie; many phones at once, and one impatient member tapping twice.

let t: TestApp;
let server: Listening;
let surveyId: string;
let demandIds: string[];
const links: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t.app);
  const cookie = await t.signIn('admin@example.org');
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json();
  };
  const wp = await api('POST', '/api/workplaces', { name: '第一工場' });
  const members = Array.from({ length: 40 }, (_, n) => ({ name: `組合員${n}`, workplaceId: wp.id }));
  for (const m of members) await api('POST', '/api/members', m);
  demandIds = [];
  for (const title of ['賃上げ', '休日増', '人員増'])
    demandIds.push((await api('POST', '/api/demands', { title })).id);
  const survey = await api('POST', '/api/surveys', {
    title: '通信の確認',
    anonymous: true,
    demandIds,
    rankTop: 2,
    freeText: true,
    closesOn: '2099-12-31',
  });
  surveyId = survey.id;
  expect(await api('POST', `/api/surveys/${surveyId}/invitations`, {})).toEqual({ invited: 40 });
  const list = await api('GET', `/api/surveys/${surveyId}/invitations?limit=100`);
  for (const i of list.items) links.push(i.link);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const apiUrl = (link: string, suffix = '') =>
  `${server.url}/api/public/surveys/${link.split('/s/')[1]}${suffix}`;

describe('the public survey link over a real socket', () => {
  it('prints links at the request’s origin; the page and the answer work with fetch and no cookie', async () => {
    for (const link of links) expect(link.startsWith(`${server.url}/s/`)).toBe(true);
    const page = await fetch(apiUrl(links[0]!));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('set-cookie')).toBeNull();
    const body = await page.json();
    expect(body).toMatchObject({ title: '通信の確認', anonymous: true, rankTop: 2, answer: null });

    // A chunked body (a stream, no Content-Length), as some clients send.
    const encoded = new TextEncoder().encode(JSON.stringify({ demandIds: [demandIds[2], demandIds[0]] }));
    const put = await fetch(apiUrl(links[0]!, '/answer'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(encoded.slice(0, 5));
          controller.enqueue(encoded.slice(5));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(put.status).toBe(200);
    expect((await put.json()).answer.demandIds).toEqual([demandIds[2], demandIds[0]]);

    // A form post (what a cross-site page could send) is refused before anything is read.
    const form = await fetch(apiUrl(links[1]!, '/answer'), {
      method: 'PUT',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'demandIds=x',
    });
    expect(form.status).toBe(415);
  });

  it('takes 32 phones answering at once, and one link tapped many times at once keeps one answer', async () => {
    const started = Date.now();
    const results = await Promise.all(
      links.slice(0, 32).map(async (link, n) => {
        const res = await fetch(apiUrl(link, '/answer'), {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ demandIds: [demandIds[n % 3]], freeText: `回答${n}` }),
        });
        return res.status;
      }),
    );
    expect(results.every((s) => s === 200)).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);

    const taps = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        fetch(apiUrl(links[35]!, '/answer'), {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ demandIds: [demandIds[n % 3]] }),
        }).then((r) => r.status),
      ),
    );
    expect(taps.every((s) => s === 200)).toBe(true);
    const [counts] = rowsOf<{ responses: number; answered: number; chosen: number }>(
      await t.db.execute(sql`select
          (select count(*)::int from survey_responses where survey_id = ${surveyId}) as responses,
          (select count(*)::int from survey_invitations where survey_id = ${surveyId} and answered_at is not null) as answered,
          (select count(*)::int from survey_response_demands where survey_id = ${surveyId}) as chosen`),
    );
    // 32 phones (the first test's link among them: its two demands replaced by one) and the
    // tapped link: one answer each, one demand each.
    expect(counts).toEqual({ responses: 33, answered: 33, chosen: 33 });
  });
});
