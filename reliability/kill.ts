// Part `kill`: the real server process, bursts of writes from several clients, `kill -9` in the
// middle of a burst, a restart on the same database. Invariant: every write the server
// acknowledged (201 with the record) is there after the restart, and the restart is clean.
import type { Child, Scratch } from '../bench/engine';
import { call, signIn, startServer } from './server';

export type KillResult = {
  runs: number;
  acknowledged: number;
  lost: number;
  restartMs: number[];
  examples: string[];
};

const WRITERS = 8;

export async function runKill(
  scratch: Scratch,
  options: { runs: number; log: (m: string) => void },
): Promise<KillResult> {
  const result: KillResult = { runs: 0, acknowledged: 0, lost: 0, restartMs: [], examples: [] };
  let server: Child = await startServer(scratch);
  try {
    for (let run = 1; run <= options.runs; run++) {
      const cookie = await signIn(server.url);
      const acknowledged: string[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await call(server.url, cookie, 'POST', '/api/members', {
              name: `Kill ${run}-${w}-${i}`,
            });
            if (res.status === 201 && typeof res.body?.id === 'string') acknowledged.push(res.body.id);
            else if (result.examples.length < 10)
              result.examples.push(`run ${run}: POST answered ${res.status}`);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      // Mid-burst: once the burst is under way (20 writes acknowledged), after 0–0.5 s more.
      const burstStarted = Date.now();
      while (acknowledged.length < 20 && Date.now() - burstStarted < 30_000)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      process.kill(server.pid!, 'SIGKILL');
      stop = true;
      await Promise.all(writers);
      await server.stop();
      const started = performance.now();
      server = await startServer(scratch);
      result.restartMs.push(Math.round(performance.now() - started));
      const check = await signIn(server.url);
      let lost = 0;
      for (let i = 0; i < acknowledged.length; i += 16) {
        const answers = await Promise.all(
          acknowledged.slice(i, i + 16).map((id) => call(server.url, check, 'GET', `/api/members/${id}`)),
        );
        answers.forEach((a, j) => {
          if (a.status !== 200) {
            lost++;
            if (result.examples.length < 10)
              result.examples.push(`run ${run}: member ${acknowledged[i + j]} answered ${a.status}`);
          }
        });
      }
      result.runs++;
      result.acknowledged += acknowledged.length;
      result.lost += lost;
      options.log(`kill: run ${run}/${options.runs}: ${acknowledged.length} acknowledged, ${lost} lost`);
    }
  } finally {
    await server.stop();
  }
  return result;
}
