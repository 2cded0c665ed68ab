// Part `dbRestart` (PostgreSQL): the server reaches its database through a TCP proxy
// (test/servers.ts) that cuts every connection and refuses new ones for a few seconds — what
// the server sees of a PostgreSQL restart — while writers keep writing and a load balancer's
// health check polls. Invariants: no 500 (a 503 while the database is away), /api/health says
// 503 meanwhile, every acknowledged write present afterwards, the server serving again by itself.
import type { Scratch } from '../bench/engine';
import { startTcpProxy } from '../test/servers';
import { call, signIn, startServer } from './server';

export type DbRestartResult = {
  acknowledged: number;
  lost: number;
  status503: number;
  /** Answers of 500 or another 5xx but 503. */
  status5xx: number;
  healthDownSeen: boolean;
  recoveredMs: number;
  examples: string[];
};

export async function runDbRestart(
  scratch: Scratch,
  options: { awayMs: number; log: (m: string) => void },
): Promise<DbRestartResult> {
  const direct = new URL(scratch.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const server = await startServer({ ...scratch, env: { DATABASE_URL: viaProxy.toString() } });
  const result: DbRestartResult = {
    acknowledged: 0,
    lost: 0,
    status503: 0,
    status5xx: 0,
    healthDownSeen: false,
    recoveredMs: 0,
    examples: [],
  };
  try {
    const cookie = await signIn(server.url);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await call(server.url, cookie, 'POST', '/api/members', { name: `Restart ${w}-${i}` });
          if (res.status === 201) acknowledged.push(res.body.id);
          else if (res.status === 503) result.status503++;
          else if (res.status >= 500) {
            result.status5xx++;
            if (result.examples.length < 10)
              result.examples.push(`POST → ${res.status} ${res.text.slice(0, 160)}`);
          }
          if (res.status >= 500) await new Promise((r) => setTimeout(r, 100));
        } catch (err) {
          if (result.examples.length < 10) result.examples.push(`POST failed: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 2000));
    await proxy.cut();
    const away = Date.now();
    while (Date.now() - away < options.awayMs) {
      const health = await fetch(`${server.url}/api/health`).catch(() => undefined);
      if (health?.status === 503) result.healthDownSeen = true;
      await health?.text();
      await new Promise((r) => setTimeout(r, 250));
    }
    const before = acknowledged.length;
    await proxy.restore();
    const back = Date.now();
    while (acknowledged.length < before + 20 && Date.now() - back < 60_000)
      await new Promise((r) => setTimeout(r, 50));
    result.recoveredMs = Date.now() - back;
    stop = true;
    await Promise.all(writers);
    for (const id of acknowledged) {
      const res = await call(server.url, cookie, 'GET', `/api/members/${id}`);
      if (res.status !== 200) {
        result.lost++;
        if (result.examples.length < 10) result.examples.push(`member ${id} answered ${res.status}`);
      }
    }
    result.acknowledged = acknowledged.length;
    options.log(
      `dbRestart: ${result.acknowledged} acknowledged, ${result.lost} lost, ${result.status503} × 503, ${result.status5xx} other 5xx`,
    );
  } finally {
    await server.stop();
    await proxy.stop();
  }
  return result;
}
