// The reference for the API load test: a bare node:http server that runs a
// hand-written query through the same driver (a pg Pool of the same size, or
// PGlite on the same data directory) and writes its rows as JSON. No
// framework, no sign-in, no validation, no scope: what is left when the
// application is taken away. Routes come from BENCH_BARE_ROUTES:
// { "/path": [{ "text": "select …", "params": [] }, …] } (statements run concurrently).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

type Statement = { text: string; params: unknown[] };
const routes = JSON.parse(process.env.BENCH_BARE_ROUTES ?? '{}') as Record<string, Statement[]>;

async function connect(): Promise<(s: Statement) => Promise<unknown[]>> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    return async (s) => (await pool.query(s.text, s.params)).rows;
  }
  const client = await PGlite.create({ dataDir: process.env.KUMIAI_DATA_DIR, extensions: { pg_trgm } });
  return async (s) => (await client.query(s.text, s.params)).rows;
}

const run = await connect();
const server = createServer((req, res) => {
  const statements = routes[req.url ?? ''];
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  Promise.all(statements.map(run)).then(
    (results) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(results));
    },
    (err: Error) => {
      res.writeHead(500).end(err.message);
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  console.log(`bare server listening on port ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
