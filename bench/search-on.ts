// By hand: the bench's search measurement (measure-search.ts) on a kept union database
// (bench/keep-union.ts), p50 / p95 in ms per query, as an officer and a rep, beside the bare SQL.
//   npx tsx bench/search-on.ts postgres://postgres@127.0.0.1:5432/kumiai_s1m 20
// The server it starts runs the matching worker: on a union whose texts are not indexed yet,
// let one server index them first, or the measurement shares the machine with that work.
import { openDatabase } from '../src/db/client';
import { measureSearch } from './measure-search';

const [url, runs = '20'] = process.argv.slice(2);
if (!url) {
  console.error('usage: npx tsx bench/search-on.ts <database url> [runs]');
  process.exit(2);
}
const scratch = {
  kind: 'postgres' as const,
  env: { DATABASE_URL: url },
  open: (poolSize = 4) => openDatabase({ kind: 'postgres', url, poolSize }),
  drop: async () => {},
};
const measured = await measureSearch(scratch, {
  runs: Number(runs),
  poolSize: 10,
  repEmail: 'rep1@bench.kumiai.example',
});
const figures = (byQuery: Record<string, { p50Ms: number; p95Ms: number }>) =>
  Object.fromEntries(Object.entries(byQuery).map(([q, s]) => [q, `${s.p50Ms} / ${s.p95Ms}`]));
console.log(
  JSON.stringify(
    {
      asOfficer: figures(measured.api.asOfficer!),
      asRep: figures(measured.api.asRep!),
      bareMemberSql: figures(measured.bareMemberSql),
      worstP95Ms: measured.worstP95Ms,
      hitsAsOfficer: measured.hitsAsOfficer,
    },
    null,
    1,
  ),
);
