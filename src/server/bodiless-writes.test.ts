import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { type Listening, listen } from '../../test/listen';
import { demandMembers, tasks } from '../db/schema';

// Transport rules seen by real clients: Chromium, Node's fetch and curl send a body-less
// DELETE (curl: any body-less write) without Content-Length, and Node's adapter still gives
// the request a body stream. In-process app.request() cannot show either.

let t: TestApp;
let server: Listening;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t.app);
  cookie = await t.signIn('admin@example.org');
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

type Reply = { status: number; body: string };

/** Exactly these bytes on a socket: what curl -X DELETE (or POST) without data sends. */
function rawSocket(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** Node's own HTTP client, ended without writing. */
function nodeHttp(method: string, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function nodeFetch(method: string, path: string, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${server.url}${path}`, { method, headers });
  return { status: res.status, body: await res.text() };
}

const clients = {
  fetch: nodeFetch,
  http: nodeHttp,
  'socket, no length': (m: string, p: string, h: Record<string, string>) => rawSocket(m, p, h),
  'socket, empty chunked': (m: string, p: string, h: Record<string, string>) =>
    rawSocket(m, p, { ...h, 'Transfer-Encoding': 'chunked' }, '0\r\n\r\n'),
  'socket, length 0 and a text type': (m: string, p: string, h: Record<string, string>) =>
    rawSocket(m, p, { ...h, 'Content-Length': '0', 'Content-Type': 'text/plain' }),
};

async function setUpRecords() {
  const workplace = await t.api('POST', '/api/workplaces', { name: `職場 ${Math.random()}` });
  const member = await t.api('POST', '/api/members', { name: '送信 花子', workplaceId: workplace.body.id });
  const demand = await t.api('POST', '/api/demands', { title: `要求 ${Math.random()}` });
  const task = await t.api('POST', '/api/tasks', { title: '電話する' });
  expect([workplace.status, member.status, demand.status, task.status]).toEqual([201, 201, 201, 201]);
  return { member: member.body, demand: demand.body, task: task.body };
}

describe('writes without a body, through a listening server', () => {
  it.each(Object.keys(clients))('%s: delete a task, link and unlink a demand member', async (name) => {
    const send = clients[name as keyof typeof clients];
    const { member, demand, task } = await setUpRecords();
    const link = await send('PUT', `/api/demands/${demand.id}/members/${member.id}`, { cookie });
    expect(link.status, link.body).toBe(200);
    expect(JSON.parse(link.body).relatedMemberCount).toBe(1);
    const unlink = await send('DELETE', `/api/demands/${demand.id}/members/${member.id}`, { cookie });
    expect(unlink.status, unlink.body).toBe(200);
    expect(JSON.parse(unlink.body).relatedMemberCount).toBe(0);
    const del = await send('DELETE', `/api/tasks/${task.id}?version=${task.version}`, { cookie });
    expect(del.status, del.body).toBe(204);
    expect((await t.api('GET', `/api/tasks/${task.id}`)).status).toBe(404);
  });

  it.each(Object.keys(clients))('%s: revoke an API token, sign out', async (name) => {
    const send = clients[name as keyof typeof clients];
    const token = await t.api('POST', '/api/tokens', { name: `script ${name}` });
    expect(token.status).toBe(201);
    const revoke = await send('DELETE', `/api/tokens/${token.body.id}`, { cookie });
    expect(revoke.status, revoke.body).toBe(204);
    const bearer = await fetch(`${server.url}/api/members`, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(bearer.status).toBe(401);

    const session = await t.signIn('admin@example.org');
    expect((await nodeFetch('GET', '/api/auth/me', { cookie: session })).status).toBe(200);
    const logout = await send('POST', '/api/auth/logout', { cookie: session });
    expect(logout.status, logout.body).toBe(204);
    expect((await nodeFetch('GET', '/api/auth/me', { cookie: session })).status).toBe(401);
  });

  it('every write that takes no body is accepted without one by every client', async () => {
    const doc = (await (await nodeFetch('GET', '/api/openapi.json', { cookie })).body) as string;
    const paths = JSON.parse(doc).paths as Record<
      string,
      Record<string, { requestBody?: { required?: boolean } }>
    >;
    const bodiless: [string, string][] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (operation.requestBody?.required) continue;
        // Sign-out would end the session the rest of the loop uses; it has its own test above.
        if (path === '/auth/logout') continue;
        bodiless.push([method.toUpperCase(), path]);
      }
    }
    expect(bodiless.length).toBeGreaterThanOrEqual(10);
    for (const [method, template] of bodiless) {
      // Unknown ids (a 404, or a 400 for a missing version) are fine: the rule under test is
      // that the missing body is never the reason for the answer.
      const path = `/api${template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}?version=1`;
      for (const [name, send] of Object.entries(clients)) {
        const reply = await send(method, path, { cookie });
        expect(reply.status, `${name} ${method} ${path}: ${reply.body}`).not.toBe(415);
        expect(reply.status, `${name} ${method} ${path}: ${reply.body}`).toBeLessThan(500);
      }
    }
  });
});

describe('a body that is not JSON is still refused (cross-site forms stay closed)', () => {
  const sent = [
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'title=%E9%9B%BB%E8%A9%B1'],
    [
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
    ],
  ] as const;

  it.each(sent)('%s with bytes → 415 and nothing written', async (type, body) => {
    const { member, demand, task } = await setUpRecords();
    const before = await Promise.all([
      t.db.select({ n: count() }).from(tasks),
      t.db.select({ n: count() }).from(demandMembers),
    ]);
    const attempts = [
      rawSocket(
        'POST',
        '/api/tasks',
        { cookie, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) },
        body,
      ),
      rawSocket(
        'PUT',
        `/api/demands/${demand.id}/members/${member.id}`,
        { cookie, 'Content-Type': type, 'Transfer-Encoding': 'chunked' },
        `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      ),
      fetch(`${server.url}/api/tasks/${task.id}?version=${task.version}`, {
        method: 'DELETE',
        headers: { cookie, 'content-type': type },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status, reply.body).toBe(415);
      expect(JSON.parse(reply.body).error.code).toBe('unsupported_media_type');
    }
    const after = await Promise.all([
      t.db.select({ n: count() }).from(tasks),
      t.db.select({ n: count() }).from(demandMembers),
    ]);
    expect(after).toEqual(before);
  });

  it('a body sent without any Content-Type is refused too', async () => {
    const reply = await rawSocket(
      'POST',
      '/api/tasks',
      { cookie, 'Content-Length': '15' },
      '{"title":"x"}\r\n',
    );
    expect(reply.status).toBe(415);
  });
});
