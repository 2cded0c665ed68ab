import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { generateUnion } from './generate';

const database = await openDatabase({
  kind: 'postgres',
  url: 'postgres://postgres@127.0.0.1:5432/kumiai_explain',
});
await migrate(database);
console.log(await generateUnion(database.db, Number(process.argv[2]), '2026-11-25'));
await database.db.execute(sql`vacuum analyze`);
await database.close();
