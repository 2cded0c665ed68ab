#!/usr/bin/env node
// CI's short reliability run (npm run reliability -- --short) must keep its invariants: this
// checks its JSON part by part (each part ran and counted, no 5xx, nothing written by a
// refused request, no lost acknowledged write, one winner per race, no failed soak request,
// two server processes sharing sessions, throttling, figures and the sweep, PgBouncer)
// and writes a Vitest-shaped report so the checks count in CI's "N passed, N failed" line.
//
//   node scripts/check-reliability.mjs reliability.json --report checks.json
import { readFileSync } from 'node:fs';
import { checkList } from './check-list.mjs';

const { file, check, finish } = checkList('check-reliability.mjs', 'reliability');

let r;
check('prints one JSON document', () => {
  r = JSON.parse(readFileSync(file, 'utf8'));
  return r.suite === 'kumiai-reliability' && typeof r.engine === 'string';
});
if (r) {
  const engine = r.engine;
  check(`${engine}: races — every versioned resource raced, exactly one winner each`, () => {
    if (r.races?.error) throw new Error(r.races.error);
    return r.races.pairs > 0 && r.races.resources.length >= 10 && r.races.lostUpdates === 0;
  });
  check(`${engine}: fuzz — every operation as every role, no 5xx`, () => {
    if (r.fuzz?.error) throw new Error(r.fuzz.error);
    return r.fuzz.requests >= 1000 && r.fuzz.operations > 100 && r.fuzz.serverErrors === 0;
  });
  check(`${engine}: fuzz — nothing written by a refused request`, () => r.fuzz.refusedButWritten === 0);
  check(`${engine}: kill -9 — every acknowledged write present after the restart`, () => {
    if (r.kill?.error) throw new Error(r.kill.error);
    return r.kill.runs >= 2 && r.kill.acknowledged > 0 && r.kill.lost === 0;
  });
  if (engine === 'postgres') {
    check(
      `${engine}: database restart — 503 (never 500) while away, health down, no acknowledged write lost`,
      () => {
        if (r.dbRestart?.error) throw new Error(r.dbRestart.error);
        const d = r.dbRestart;
        return d.acknowledged > 0 && d.lost === 0 && d.status5xx === 0 && d.healthDownSeen === true;
      },
    );
    check(`${engine}: soak — mixed load at 50 clients without a failed request`, () => {
      if (r.soak?.error) throw new Error(r.soak.error);
      return r.soak.requests > 0 && r.soak.clients === 50 && r.soak.errors === 0;
    });
    const two = () => {
      if (r.twoProcess?.error) throw new Error(r.twoProcess.error);
      return r.twoProcess;
    };
    check(`${engine}: two processes — a session made on A is good on B, a sign-out on B ends it on A`, () => {
      return two().sessionsShared === true;
    });
    check(`${engine}: two processes — the sign-in throttle counts the failures sent to both`, () => {
      return two().throttleShared === true;
    });
    check(`${engine}: two processes — B's dashboard figures follow a write through A at once`, () => {
      return two().figuresFresh === true;
    });
    check(`${engine}: two processes — the daily sweep runs once (tasks once, one job-run claim)`, () => {
      return two().jobsOnce === true && two().jobRuns === 1;
    });
    check(
      `${engine}: two processes — writes through both at once, every acknowledged one present, no 5xx`,
      () => {
        const t = two();
        return t.acknowledged > 0 && t.lost === 0 && t.status5xx === 0 && t.errorsLogged === 0;
      },
    );
    // The pooler part is skipped (with its reason) where PgBouncer is not installed; CI installs it.
    if (!r.pooler?.skipped) {
      const pooler = () => {
        if (r.pooler?.error) throw new Error(r.pooler.error);
        return r.pooler;
      };
      check(`${engine}: PgBouncer — migrated through the pooler in transaction mode`, () => {
        return pooler().migrations > 0 && pooler().poolerErrors === 0;
      });
      check(`${engine}: PgBouncer — a mixed write burst, every acknowledged write present`, () => {
        return pooler().acknowledged > 0 && pooler().lost === 0;
      });
      check(
        `${engine}: PgBouncer — no 5xx other than 503 (503s reported: ${r.pooler?.status503 ?? 0})`,
        () => pooler().requests > 0 && pooler().status5xx === 0,
      );
    } else console.log(`  pooler skipped: ${r.pooler.skipped}`);
  }
  check(`${engine}: the suite reports no failed invariant`, () => r.ok === true && r.failures.length === 0);
}

finish(r?.failures ?? []);
