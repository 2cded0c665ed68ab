import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { loadConfig } from '../config/env';
import { DataDirLockedError, lockDataDir } from '../db/lock';
import { members, workplaces } from '../db/schema';
import {
  DatabaseUnavailableError,
  hasEnabledAdmin,
  type Log,
  loadDemoUnion,
  openConfiguredDatabase,
  type RunningServer,
  redactDatabaseUrl,
  startServer,
} from './main';

describe('redactDatabaseUrl', () => {
  it.each([
    [
      'postgres://kumiai:s3cret@db.example.org:5432/kumiai',
      'postgres://kumiai:***@db.example.org:5432/kumiai',
    ],
    ['postgresql://postgres@127.0.0.1/test', 'postgresql://postgres@127.0.0.1/test'],
    ['postgres://u:p@h/db?sslmode=require&password=x', 'postgres://u:***@h/db'],
    ['postgres://u:secret@[bad/db', 'postgres://(unparseable URL)'],
  ])('%s → %s', (url, expected) => {
    expect(redactDatabaseUrl(url)).toBe(expected);
  });
});

// The next two run on a PGlite data directory whatever the engine of the run: the PostgreSQL
// pass, which runs this file for loadDemoUnion and hasEnabledAdmin, skips them.
const pgliteOnly = describe.skipIf(Boolean(process.env.TEST_DATABASE_URL));

pgliteOnly('startServer (in process, PGlite)', () => {
  let dir: string;
  let server: RunningServer | undefined;
  const logged: string[] = [];
  const log: Log = (level, message) => logged.push(`${level}: ${message}`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kumiai-main-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const config = () => loadConfig({ KUMIAI_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });

  it('serves, holds the data-dir lock, and on close cuts a stalled connection after the timeout', async () => {
    server = await startServer(config(), { log, shutdownTimeoutMs: 300 });
    expect(logged).toContain(`info: Kumiai listening on http://localhost:${server.port} (database: pglite)`);
    expect(logged).toContain('info: No data yet. Load the demo union with: npm run kumiai -- seed-demo');
    // SPEC §4: the date rules ran at start, after the migrations.
    expect(
      logged.some((l) => /^info: Workflow rules as of \d{4}-\d{2}-\d{2}: created 0 task\(s\)/.test(l)),
    ).toBe(true);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite', databaseState: 'up' });
    expect(existsSync(join(dir, 'kumiai.lock'))).toBe(true);
    await expect(startServer(config(), { log })).rejects.toBeInstanceOf(DataDirLockedError);

    // A client that sent half a request: without the timeout, close() would wait for it.
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const socketClosed = new Promise((r) => socket.once('close', r));
    socket.on('error', () => {});

    const started = Date.now();
    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
    await socketClosed;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(join(dir, 'kumiai.lock'))).toBe(false);
    server = undefined;
  });

  it('does not start while another process holds the data directory', async () => {
    const release = lockDataDir(dir);
    try {
      await expect(startServer(config(), { log })).rejects.toThrow('Stop the other process first');
    } finally {
      release();
    }
  });
});

pgliteOnly('first run through a listening server', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kumiai-setup-code-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const config = () => loadConfig({ KUMIAI_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
  const setup = (port: number, body: Record<string, unknown>) =>
    fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'chair@example.org',
        displayName: '委員長',
        password: 'chair-password-1',
        ...body,
      }),
    });

  it('prints a setup code while no user exists; only that code creates the admin; none once one exists', async () => {
    const logged: string[] = [];
    let server: RunningServer | undefined = await startServer(config(), {
      log: (level, message) => logged.push(`${level}: ${message}`),
    });
    try {
      const line = logged.find((l) => l.includes('setup code: '));
      expect(line).toContain('セットアップコード');
      const code = /setup code: (\S+)/.exec(line!)![1]!;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      expect((await setup(server.port, {})).status).toBe(403);
      expect((await setup(server.port, { setupCode: 'AAAA-AAAA-AAAA' })).status).toBe(403);
      const created = await setup(server.port, { setupCode: code });
      expect(created.status).toBe(201);
      expect((await setup(server.port, { setupCode: code })).status).toBe(403);
      await server.close();

      // The next start has a user: no code is printed, and the first-run screen stays closed.
      logged.length = 0;
      server = await startServer(config(), { log: (level, message) => logged.push(`${level}: ${message}`) });
      expect(logged.some((l) => l.includes('setup code'))).toBe(false);
      expect((await setup(server.port, { setupCode: code })).status).toBe(403);
    } finally {
      await server?.close();
      server = undefined;
    }
  });
});

describe('openConfiguredDatabase', () => {
  it('names an unreachable PostgreSQL without its password', async () => {
    const err = await openConfiguredDatabase({
      databaseUrl: 'postgres://kumiai:s3cret@127.0.0.1:1/kumiai',
      dataDir: './unused',
      poolSize: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toContain('postgres://kumiai:***@127.0.0.1:1/kumiai');
    expect((err as Error).message).not.toContain('s3cret');
  });
});

describe('loadDemoUnion and hasEnabledAdmin', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('refuses a database with a workplace or a member, writing nothing', async () => {
    await database.db.insert(workplaces).values({ name: '本社工場' });
    const withWorkplace = await loadDemoUnion(database.db, { now: new Date('2026-04-01T00:00:00Z') });
    expect(withWorkplace.loaded).toBe(false);
    expect(withWorkplace.lines.join('\n')).toContain('already has');

    await database.db.insert(members).values({ name: '山田 太郎' });
    const withMember = await loadDemoUnion(database.db, { now: new Date('2026-04-01T00:00:00Z') });
    expect(withMember).toEqual({
      loaded: false,
      lines: [
        'The database already has 1 member(s); the demo union is only loaded into an empty one.',
        'Point KUMIAI_DATA_DIR (or DATABASE_URL) at a new, empty database to try the demo.',
      ],
    });
    expect(await database.db.$count(workplaces)).toBe(1);
    expect(await database.db.$count(members)).toBe(1);
  });

  it('finds no enabled admin in an empty user table', async () => {
    expect(await hasEnabledAdmin(database.db)).toBe(false);
  });
});
