import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { type Listening, listen } from '../../test/listen';
import { createApp } from './app';
import { createLog } from './logger';

/** A pino destination that keeps what would have gone to stdout. */
function captureOutput() {
  const chunks: string[] = [];
  return {
    stream: { write: (chunk: string) => void chunks.push(chunk) },
    /** Every line written so far (the output is newline-terminated JSON lines). */
    lines: () => chunks.join('').split('\n').slice(0, -1),
  };
}

/**
 * Sends `GET /path` (and `\r\n`-separated header lines) as bytes (latin1) over a socket and
 * returns the answer's status and X-Request-Id: fetch and http.request would refuse or
 * re-encode these paths and headers.
 */
function rawRequest(
  port: number,
  request: string,
): Promise<{ status: number; requestId: string | undefined }> {
  const [line, ...headers] = request.split('\r\n');
  const head = [`${line} HTTP/1.1`, 'Host: localhost', 'Connection: close', ...headers, '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      answer += d;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      const requestId = /\r\nx-request-id: ([^\r\n]*)/i.exec(answer)?.[1];
      resolve({ status, requestId });
    });
    // Not end(): a half-closed socket makes Node abort a request still in progress.
    socket.write(Buffer.from(head, 'latin1'));
  });
}

describe('access log', () => {
  let t: TestApp;
  let server: Listening;
  const output = captureOutput();

  beforeAll(async () => {
    t = await createTestApp();
    const app = createApp({
      database: t.database,
      config: { secureCookies: false, trustProxy: true, sessionDays: 14 },
      log: createLog('info', output.stream),
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const records = () => output.lines().map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes one JSON record per request whatever the path, query and headers carry: none is forged', async () => {
    const FORGED = 'GET /api/FORGED 200 1.0ms';
    const requests: { head: string; path?: string }[] = [
      // The request: before, its decoded path wrote a second, forged line.
      { head: 'GET /api/probe%0aGET%20/api/FORGED%20200%201.0ms%0a', path: `/api/probe\n${FORGED}\n` },
      { head: 'GET /api/probe%0d%0aGET%20/api/FORGED%20200%201.0ms', path: `/api/probe\r\n${FORGED}` },
      // NUL, ESC (terminal escapes), DEL, U+2028/U+2029 (line separators to some readers).
      { head: 'GET /api/x%00%1b[2J%7f%e2%80%a8%e2%80%a9', path: '/api/x\u0000\u001b[2J\u007f\u2028\u2029' },
      // Quotes that JSON must escape, shaped like the start of another record.
      {
        head: 'GET /api/a"},{"msg":"request","path":"/api/FORGED',
        path: '/api/a"},{"msg":"request","path":"/api/FORGED',
      },
      // Newlines in the query: never logged at all.
      {
        head: 'GET /api/health?q=%0aGET%20/api/FORGED%20200%201.0ms%0a&name=%E5%B1%B1%E7%94%B0',
        path: '/api/health',
      },
      {
        head: 'GET /api/members?q=%0d%0a%0aGET%20/api/FORGED%20200',
        path: '/api/members', // 401: not signed in
      },
      // Odd header values: a tab, obs-text bytes, encoded newlines, a forged line's text.
      {
        head:
          'GET /api/health\r\nUser-Agent: GET /api/FORGED 200\t1.0ms\r\nX-Forwarded-For: 1.2.3.4%0aGET\r\n' +
          'Referer: http://example.org/%0a%0d\r\nX-Odd: \xff\xfe\x80\r\nCookie: kumiai_session=%0aGET /api/FORGED',
        path: '/api/health',
      },
      {
        head: 'GET /api/members\r\nAuthorization: Bearer %0aGET%20/api/FORGED%20200%201.0ms',
        path: '/api/members', // 401: no such token
      },
    ];
    // Node (a raw control character, a bare newline, raw non-ASCII bytes) and the Node adapter
    // (a backslash) refuse these before the app sees them (400 without a request id): no
    // record, and certainly no forged one.
    const refusedByNode = [
      'GET /api/a\\x',
      `GET /api/probe\nGET /api/FORGED 200 1.0ms\n`,
      'GET /api/a\x01b',
      'GET /api/a\x1b[2Jb',
      'GET /api/a\x7fb',
      'GET /api/a\tb',
      'GET /api/\xe5\xb1\xb1',
      'GET /api/health\r\nUser-Agent: \x1b[31mGET /api/FORGED 200 1.0ms\x00',
    ];

    const before = records().length;
    const answers = [];
    for (const r of requests) answers.push({ ...r, ...(await rawRequest(server.port, r.head)) });
    for (const head of refusedByNode) {
      const answer = await rawRequest(server.port, head);
      expect(answer.status, JSON.stringify(head)).toBe(400);
      expect(answer.requestId).toBeUndefined();
    }

    // Every line of the output is one JSON record; one record per request the app answered.
    const written = records().slice(before);
    expect(written).toHaveLength(requests.length);
    for (const [i, answer] of answers.entries()) {
      expect(answer.requestId, answer.head).toMatch(/^[0-9a-f-]{36}$/);
      const record = written.find((w) => w.reqId === answer.requestId);
      expect(record, answer.head).toMatchObject({ msg: 'request', method: 'GET', status: answer.status });
      expect(record).toEqual(written[i]);
      if (answer.path !== undefined) expect(record?.path).toBe(answer.path);
    }
    expect(written.filter((w) => typeof w.path === 'string' && w.path.startsWith('/api/FORGED'))).toEqual([]);
    // No query string, header or cookie reaches the log.
    const text = output.lines().join('\n');
    for (const secret of [
      'q=',
      'name=',
      '山田',
      '%E5%B1%B1',
      'User-Agent',
      '1.2.3.4',
      'kumiai_session',
      'Bearer',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers every request with its own X-Request-Id, the reqId of its record', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/nowhere?q=%E5%B1%B1%E7%94%B0`);
      await res.arrayBuffer();
      const id = res.headers.get('x-request-id') ?? '';
      ids.add(id);
      const record = records().find((r) => r.reqId === id);
      expect(record).toMatchObject({ level: 30, msg: 'request', method: 'GET', path: '/api/nowhere' });
      expect(record?.status).toBe(res.status);
      expect(typeof record?.ms).toBe('number');
      expect(typeof record?.time).toBe('string');
    }
    expect(ids.size).toBe(3);
  });

  it("never writes a survey link's token: the page and the public API are logged with :token", async () => {
    const token = 'Zk3q_9XyTokenThatMustNotBeLogged1';
    const before = records().length;
    for (const path of [
      `/s/${token}`,
      `/api/public/surveys/${token}`,
      `/api/public/surveys/${token}/answer`,
    ]) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
    }
    const written = records().slice(before);
    expect(written.map((r) => r.path)).toEqual([
      '/s/:token',
      '/api/public/surveys/:token',
      '/api/public/surveys/:token/answer',
    ]);
    expect(JSON.stringify(written)).not.toContain(token);
  });

  it('redacts passwords, tokens, cookies and authorization headers should anyone log them', () => {
    const out = captureOutput();
    const log = createLog('info', out.stream);
    log('info', 'oops', {
      password: 'pw-1',
      user: { password: 'pw-2', passwordHash: 'scrypt$x', email: 'a@example.org' },
      req: { headers: { cookie: 'kumiai_session=abc', authorization: 'Bearer xyz', accept: '*/*' } },
      created: { token: 'kumiai_secret' },
    });
    const text = out.lines().join('\n');
    for (const secret of ['pw-1', 'pw-2', 'scrypt$x', 'kumiai_session=abc', 'Bearer xyz', 'kumiai_secret']) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({ msg: 'oops', req: { headers: { accept: '*/*' } } });
  });

  it('logs at the configured level and above only', () => {
    const out = captureOutput();
    const log = createLog('warn', out.stream);
    log('info', 'hidden');
    log('warn', 'shown');
    log('error', 'shown too');
    expect(out.lines().map((l) => JSON.parse(l).msg)).toEqual(['shown', 'shown too']);
    const silent = captureOutput();
    createLog('silent', silent.stream)('error', 'nothing');
    expect(silent.lines()).toEqual([]);
  });
});
