import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { type Listening, listen } from '../../test/listen';

// A calendar app subscribing: the feed URL as shown (the request's origin, no KUMIAI_PUBLIC_URL),
// fetched over a real socket with no cookie, its type and caching headers; gzip asked for.

let t: TestApp;
let server: Listening;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t.app);
  cookie = await t.signIn('admin@example.org');
}, 60_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('a calendar feed over a real socket', () => {
  it('is served at the request’s origin as text/calendar, privately cacheable, without a session; revoked: 404', async () => {
    const wp = await (await api('POST', '/api/workplaces', { name: '第一工場' })).json();
    const meeting = await api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: new Date().toISOString().slice(0, 10),
      title: '昼休み集会',
      attendeeCount: 3,
      invitedCount: 10,
    });
    expect(meeting.status).toBe(201);
    const created = await api('POST', '/api/calendar-feeds', { kind: 'meetings' });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string; url: string };
    expect(feed.url.startsWith(`${server.url}/api/public/calendar/`)).toBe(true);

    const res = await fetch(feed.url, {
      headers: { 'user-agent': 'Thunderbird/128.0', 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const text = await res.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(events.map((e) => new ICAL.Event(e).summary)).toEqual(['職場集会: 昼休み集会（第一工場）']);

    const list = await (await api('GET', '/api/calendar-feeds')).json();
    expect(list.items[0]).toMatchObject({ id: feed.id, lastClient: 'Thunderbird/128.0', active: true });

    expect((await api('DELETE', `/api/calendar-feeds/${feed.id}`)).status).toBe(204);
    const gone = await fetch(feed.url);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
