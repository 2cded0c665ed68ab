import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort, startTcpProxy } from './servers';

/** The TCP proxy that the reliability suite may cut to take the database away (test/servers.ts). */
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('startTcpProxy', () => {
  it('passes connections through, cuts them all and refuses new ones, then accepts again', async () => {
    const target = new URL(url!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const via = new URL(url!);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    const connect = async () => {
      const client = new pg.Client({ connectionString: via.toString(), connectionTimeoutMillis: 3_000 });
      client.on('error', () => {});
      await client.connect();
      return client;
    };
    try {
      const open = await connect();
      expect((await open.query('select 1 as one')).rows[0].one).toBe(1);
      await proxy.cut();
      await expect(open.query('select 1')).rejects.toThrow();
      await expect(connect()).rejects.toThrow();
      await proxy.restore();
      const again = await connect();
      expect((await again.query('select 2 as two')).rows[0].two).toBe(2);
      await again.end();
    } finally {
      await proxy.stop();
    }
  });

  it('never hands out a forbidden port', async () => {
    for (let i = 0; i < 5; i++) expect([3306, 4222, 5672, 6379, 1883, 5432]).not.toContain(await freePort());
  });
});
