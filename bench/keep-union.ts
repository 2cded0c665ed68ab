// By hand: generate the bench's union into a named PostgreSQL database and keep it, so that a
// measurement can be repeated on the same data (bench/search-on.ts). Drops the database first.
//   npx tsx bench/keep-union.ts postgres://postgres@127.0.0.1:5432/test kumiai_s1m 1000000
import pg from 'pg';
import { todayIn } from '../src/core/common/dates';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { generateUnion } from './generate';

const [serverUrl, name, size] = process.argv.slice(2);
if (!serverUrl || !name || !/^[a-z_][a-z0-9_]*$/.test(name) || !Number(size)) {
  console.error('usage: npx tsx bench/keep-union.ts <server url> <database name> <members>');
  process.exit(2);
}
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
await migrate(database);
console.log(
  JSON.stringify(await generateUnion(database.db, Number(size), todayIn('Asia/Tokyo', new Date()))),
);
await database.close();
