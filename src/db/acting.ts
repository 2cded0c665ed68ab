import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

/**
 * The database as seen by one actor: every transaction opened through it first
 * names the actor and the clock (`kumiai.actor_id`, `kumiai.now`, transaction-local),
 * which the audit triggers write on each changed row. Writes must run in a
 * transaction to be attributed; outside one they are recorded with no actor.
 */
export function actingAs(db: Db, actorId: string | null, now: Date): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return <T>(fn: (tx: Tx) => Promise<T>, config?: Parameters<Db['transaction']>[1]) =>
        target.transaction(async (tx) => {
          await setActor(tx, actorId, now);
          return fn(tx);
        }, config);
    },
  });
}

/** Names the actor and clock for the audit triggers until the transaction ends. */
export async function setActor(tx: Tx, actorId: string | null, now: Date) {
  await tx.execute(
    sql`select set_config('kumiai.actor_id', ${actorId ?? ''}, true), set_config('kumiai.now', ${now.toISOString()}, true)`,
  );
}
