// Part `soak`: a mixed load (lists, records, dashboards, search, new tasks, member edits) from
// many clients against a real server process; the server's memory (RSS) sampled every second.
// Invariants: no request fails, and RSS after the warm-up grows by less than 10 %.
import type { Scratch } from '../bench/engine';
import { summarize } from '../bench/engine';
import { call, rssOf, signIn, startServer } from './server';

export type SoakResult = {
  seconds: number;
  clients: number;
  requests: number;
  errors: number;
  rssStartMb: number;
  rssEndMb: number;
  rssGrowthPct: number;
  p95ByRoute: Record<string, number>;
  examples: string[];
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function runSoak(
  scratch: Scratch,
  options: { seconds: number; clients: number; log: (m: string) => void },
): Promise<SoakResult> {
  const server = await startServer(scratch, { DATABASE_POOL_SIZE: '10' });
  try {
    const admin = await signIn(server.url);
    // Each client edits its own member (no 409 from each other) and reads a shared union.
    const workplace = (
      await call(server.url, admin, 'POST', '/api/workplaces', { name: `Soak ${Date.now()}` })
    ).body.id;
    // Made a few at a time (in order: client i edits own[i]), as the set-up is not what is measured.
    const inBatches = async <T>(n: number, batch: number, make: (i: number) => Promise<T>) => {
      const made: T[] = [];
      for (let i = 0; i < n; i += batch)
        made.push(
          ...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => make(i + j)))),
        );
      return made;
    };
    const own: string[] = await inBatches(Math.max(options.clients, 100), 10, async (i) => {
      const res = await call(server.url, admin, 'POST', '/api/members', {
        name: `Soak member ${i}`,
        workplaceId: workplace,
      });
      return res.body.id as string;
    });
    const cookies: string[] = await inBatches(options.clients, 5, () => signIn(server.url));

    const times = new Map<string, number[]>();
    const examples: string[] = [];
    let requests = 0;
    let errors = 0;
    const started = Date.now();
    const deadline = started + options.seconds * 1000;
    const warmUpMs = Math.min(60_000, options.seconds * 250);
    const rss: { at: number; bytes: number }[] = [];
    const sampler = setInterval(() => {
      const bytes = rssOf(server.pid!);
      if (bytes) rss.push({ at: Date.now() - started, bytes });
    }, 1000);

    const timed = async (route: string, run: () => Promise<{ status: number; text: string }>) => {
      const t0 = performance.now();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await run());
      } catch (err) {
        text = String(err);
      }
      const ms = performance.now() - t0;
      requests++;
      if (status < 200 || status >= 300) {
        errors++;
        if (examples.length < 10) examples.push(`${route} → ${status} ${text.slice(0, 160)}`);
      }
      const list = times.get(route) ?? [];
      list.push(ms);
      times.set(route, list);
    };

    const client = async (c: number) => {
      const cookie = cookies[c]!;
      const memberId = own[c]!;
      for (let i = 0; Date.now() < deadline; i++) {
        const get = (path: string) => () => call(server.url, cookie, 'GET', path);
        switch (i % 8) {
          case 0:
            await timed('GET /api/members', get('/api/members?limit=50'));
            break;
          case 1:
            await timed('GET /api/members/{id}', get(`/api/members/${own[(c + i) % own.length]}`));
            break;
          case 2:
            await timed('GET /api/tasks', get('/api/tasks'));
            break;
          case 3:
            await timed('GET /api/dashboards/weekly', get('/api/dashboards/weekly'));
            break;
          case 4:
            await timed(
              'GET /api/search',
              get(`/api/search?q=${encodeURIComponent(`Soak member ${i % 50}`)}`),
            );
            break;
          case 5:
            await timed('POST /api/tasks', () =>
              call(server.url, cookie, 'POST', '/api/tasks', { title: `Soak task ${c}-${i}` }),
            );
            break;
          case 6:
            await timed('PATCH /api/members/{id}', async () => {
              const current = await call(server.url, cookie, 'GET', `/api/members/${memberId}`);
              return call(server.url, cookie, 'PATCH', `/api/members/${memberId}`, {
                name: `Soak member ${c} (${i})`,
                version: current.body?.version,
              });
            });
            break;
          default:
            await timed('GET /api/dashboards/monthly', get('/api/dashboards/monthly'));
        }
      }
    };
    let last = Date.now();
    const progress = setInterval(() => {
      if (Date.now() - last > 30_000) {
        last = Date.now();
        options.log(
          `soak: ${Math.round((Date.now() - started) / 1000)} s, ${requests} requests, ${errors} errors`,
        );
      }
    }, 1000);
    await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
    clearInterval(sampler);
    clearInterval(progress);

    const after = rss.filter((s) => s.at >= warmUpMs);
    const window = Math.max(1, Math.floor(after.length / 10));
    const start = median(after.slice(0, window).map((s) => s.bytes));
    const end = median(after.slice(-window).map((s) => s.bytes));
    return {
      seconds: options.seconds,
      clients: options.clients,
      requests,
      errors,
      rssStartMb: Math.round(start / 1048576),
      rssEndMb: Math.round(end / 1048576),
      rssGrowthPct: Math.round(((end - start) / start) * 1000) / 10,
      p95ByRoute: Object.fromEntries([...times].map(([route, ms]) => [route, summarize(ms).p95Ms])),
      examples,
    };
  } finally {
    await server.stop();
  }
}
