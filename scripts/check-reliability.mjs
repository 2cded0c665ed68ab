#!/usr/bin/env node
// CI's short reliability run (npm run reliability -- --short) must keep its invariants: this
// checks its JSON part by part (each part ran and counted, no 5xx, nothing written by a
// refused request, no lost acknowledged write, one winner per race, no failed soak request)
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
  }
  check(`${engine}: the suite reports no failed invariant`, () => r.ok === true && r.failures.length === 0);
}

finish(r?.failures ?? []);
