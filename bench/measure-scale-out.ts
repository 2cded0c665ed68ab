// Scaling out (issue 20, PostgreSQL only): the member list under load from one `kumiai serve`,
// then from two on the same database, the connections split between them (what a load balancer
// does). Reported side by side: the second process adds what the machine's cores allow.
import { round1, type Scratch, startKumiai } from './engine';
import { load, signIn } from './measure-api';

export async function measureScaleOut(
  scratch: Scratch,
  options: {
    connections: number;
    seconds: number;
    poolSize: number;
    email: string;
    password: string;
    path: string;
  },
) {
  const one = await startKumiai(scratch, options.poolSize);
  let single: Awaited<ReturnType<typeof load>>;
  try {
    const cookie = await signIn(one.url, options.email, options.password);
    const res = await fetch(`${one.url}${options.path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${options.path}: ${res.status} ${await res.text()}`);
    await load(`${one.url}${options.path}`, { connections: options.connections, seconds: 1, cookie });
    single = await load(`${one.url}${options.path}`, { ...options, cookie });
  } finally {
    await one.stop();
  }
  const servers = await Promise.all([
    startKumiai(scratch, options.poolSize),
    startKumiai(scratch, options.poolSize),
  ]);
  try {
    const half = Math.max(1, Math.floor(options.connections / 2));
    const cookies = await Promise.all(servers.map((s) => signIn(s.url, options.email, options.password)));
    // Each answers the path once before the warm-up (a process's first request is the slowest).
    for (const [i, s] of servers.entries()) {
      const res = await fetch(`${s.url}${options.path}`, { headers: { cookie: cookies[i]! } });
      if (!res.ok) throw new Error(`${options.path}: ${res.status} ${await res.text()}`);
    }
    await Promise.all(
      servers.map((s, i) =>
        load(`${s.url}${options.path}`, {
          connections: half,
          // Longer than the single server's: a new process's background start-up (the matching
          // worker loads its dictionary) holds its event loop for seconds on a busy machine.
          seconds: Math.max(3, options.seconds),
          cookie: cookies[i],
        }),
      ),
    );
    const each = await Promise.all(
      servers.map((s, i) =>
        load(`${s.url}${options.path}`, { connections: half, seconds: options.seconds, cookie: cookies[i] }),
      ),
    );
    const requestsPerSecond = round1(each.reduce((sum, r) => sum + r.requestsPerSecond, 0));
    return {
      path: options.path,
      connections: options.connections,
      oneProcess: single,
      twoProcesses: {
        requestsPerSecond,
        p95Ms: Math.max(...each.map((r) => r.p95Ms)),
        non2xx: each.reduce((sum, r) => sum + r.non2xx, 0),
        errors: each.reduce((sum, r) => sum + r.errors, 0),
        perProcess: each,
      },
      twoVsOne: Math.round((requestsPerSecond / single.requestsPerSecond) * 100) / 100,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
