// By hand: the bench's import measurement (measure-import.ts) on a kept union database
// (bench/keep-union.ts): 100,000 new members (or the rows asked for) through the real path,
// beside the reference (one INSERT … SELECT of the same rows into members, rolled back) and
// the raw COPY. The import commits: run it on a copy, e.g.
//   psql postgres://postgres@127.0.0.1:5432/test -c 'CREATE DATABASE kumiai_imp TEMPLATE kumiai_s1m'
//   npx tsx bench/import-on.ts postgres://postgres@127.0.0.1:5432/kumiai_imp 100000
import { sql } from 'drizzle-orm';
import { actingAs } from '../src/db/acting';
import { openDatabase } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { BENCH_ADMIN } from './generate';
import { measureImport } from './measure-import';

const [url, rows = '100000'] = process.argv.slice(2);
if (!url || !Number.isInteger(Number(rows)) || Number(rows) < 1) {
  console.error('usage: npx tsx bench/import-on.ts <database url> [rows]');
  process.exit(2);
}
const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
try {
  const [shape] = rowsOf<{ adminId: string; members: number; workplaces: number; officers: number }>(
    await database.db.execute(sql`
      select (select id from users where email = ${BENCH_ADMIN}) as "adminId",
             (select count(*)::int from members) as members,
             (select count(*)::int from workplaces) as workplaces,
             (select count(*)::int from users where email like 'officer%@bench.kumiai.example') as officers`),
  );
  if (!shape?.adminId) throw new Error('not a bench union: no bench admin');
  const now = new Date();
  const actor = {
    id: shape.adminId,
    email: BENCH_ADMIN,
    displayName: '管理者',
    role: 'admin' as const,
    workplaceIds: [],
  };
  const ctx: ServiceContext = { db: actingAs(database.db, actor.id, now), actor, now };
  const measured = await measureImport(database, ctx, {
    rows: Number(rows),
    workplaces: shape.workplaces,
    officers: shape.officers,
  });
  console.log(JSON.stringify({ unionMembers: shape.members, ...measured }, null, 1));
} finally {
  await database.close();
}
