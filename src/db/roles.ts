import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * A hardened PostgreSQL deployment: the schema is owned (and migrated) by one role,
 * the server connects as another that may read and write records but can neither
 * edit nor remove the audit trail or history rows — even if it were compromised, it
 * could not cover its tracks. Run as the owner: `npm run kumiai -- grant-app-role <role>`.
 * The triggers refuse those changes whoever asks; the privileges make it hold even
 * against a role that could otherwise disable a trigger.
 */
export async function grantAppRole(database: Database, role: string): Promise<void> {
  if (database.kind !== 'postgres') {
    throw new Error('Roles exist on PostgreSQL only: PGlite runs inside the server process.');
  }
  if (!/^[a-z_][a-z0-9_$]{0,62}$/i.test(role)) throw new Error(`"${role}" is not a role name`);
  const r = sql.identifier(role);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`GRANT USAGE ON SCHEMA public TO ${r}`);
    await tx.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await tx.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    // Append-only records: the audit trail keeps everything; history rows are never edited
    // (they may be deleted with an erased member's personal data).
    await tx.execute(sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`);
    await tx.execute(
      sql`REVOKE UPDATE, TRUNCATE ON engagement_history, atmosphere_history, handovers, case_events FROM ${r}`,
    );
    // The server checks at start that the schema is up to date.
    await tx.execute(sql`GRANT USAGE ON SCHEMA drizzle TO ${r}`);
    await tx.execute(sql`GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`);
  });
}
