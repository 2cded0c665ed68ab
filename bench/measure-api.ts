// The member list and search API under load (autocannon, 32 connections)
// against the bare query through the same driver (bench/bare-server.ts), and
// every page's API calls one at a time (what an officer waits for).
import autocannon from 'autocannon';
import { round1, type Scratch, startChild, summarize } from './engine';

type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/** One autocannon run; p50/p95 from every response time (autocannon's own summary has no p95). */
export async function load(url: string, options: { connections: number; seconds: number; cookie?: string }) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.cookie ? { cookie: options.cookie } : {},
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  const stats = summarize(times);
  return {
    requestsPerSecond: round1(result.requests.total / (result.duration || options.seconds)),
    p50Ms: stats.p50Ms,
    p95Ms: stats.p95Ms,
    p99Ms: round1(result.latency.p99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  } satisfies LoadResult;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

export type Scenario = {
  name: string;
  /** The Kumiai API path (with query). */
  path: string;
  cookie: string;
  /** The bare reference: statements returning the same rows. */
  bare: { text: string; params: unknown[] }[];
};

/** Loads each scenario's API path, then (the Kumiai server stopped) its bare query. */
export async function compareUnderLoad(
  scratch: Scratch,
  kumiaiUrl: string,
  scenarios: Scenario[],
  options: { connections: number; seconds: number; poolSize: number; stopKumiai: () => Promise<void> },
) {
  const app: Record<string, LoadResult> = {};
  for (const s of scenarios) {
    const check = await fetch(`${kumiaiUrl}${s.path}`, { headers: { cookie: s.cookie } });
    if (!check.ok) throw new Error(`${s.path}: ${check.status} ${await check.text()}`);
    // A short warm-up (plans, caches, pool connections) before the measured run.
    await load(`${kumiaiUrl}${s.path}`, { connections: options.connections, seconds: 1, cookie: s.cookie });
    app[s.name] = await load(`${kumiaiUrl}${s.path}`, { ...options, cookie: s.cookie });
  }
  // PGlite is single-process: the bare server can open the data directory only once Kumiai has let go.
  await options.stopKumiai();
  const routes = Object.fromEntries(scenarios.map((s) => [`/${s.name}`, s.bare]));
  const bare = await startChild(
    'bench/bare-server.ts',
    [],
    {
      ...scratch.env,
      DATABASE_POOL_SIZE: String(options.poolSize),
      BENCH_BARE_ROUTES: JSON.stringify(routes),
    },
    /bare server listening on port (\d+)/,
  );
  const results: Record<string, LoadResult & { bareQuery: LoadResult; throughputVsBare: number }> = {};
  try {
    for (const s of scenarios) {
      const url = `${bare.url}/${s.name}`;
      const check = await fetch(url);
      if (!check.ok) throw new Error(`bare ${s.name}: ${check.status} ${await check.text()}`);
      await load(url, { connections: options.connections, seconds: 1 });
      const reference = await load(url, options);
      const measured = app[s.name]!;
      results[s.name] = {
        ...measured,
        bareQuery: reference,
        throughputVsBare: round1((measured.requestsPerSecond / reference.requestsPerSecond) * 100) / 100,
      };
    }
  } finally {
    await bare.stop();
  }
  return results;
}

/** Each page's API calls, one request at a time, as the page issues them (concurrently). */
export async function measurePages(
  baseUrl: string,
  cookie: string,
  pages: Record<string, string[]>,
  runs: number,
) {
  const out: Record<string, ReturnType<typeof summarize>> = {};
  for (const [page, paths] of Object.entries(pages)) {
    const get = () =>
      Promise.all(
        paths.map(async (path) => {
          const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`${page}: ${path} answered ${res.status}: ${await res.text()}`);
          await res.arrayBuffer();
        }),
      );
    await get();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await get();
      ms.push(performance.now() - started);
    }
    out[page] = summarize(ms);
  }
  return out;
}
