// By hand: bring a kept union database (bench/keep-union.ts) to the current schema.
//   npx tsx bench/migrate-on.ts postgres://postgres@127.0.0.1:5432/kumiai_s1m
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: npx tsx bench/migrate-on.ts <database url>');
  process.exit(2);
}
const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
const started = Date.now();
await migrate(database);
console.log(JSON.stringify({ migratedMs: Date.now() - started }));
await database.close();
