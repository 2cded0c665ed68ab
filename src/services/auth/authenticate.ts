import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userSelection } from '../../db/queries/users';
import { apiTokens, sessions, users } from '../../db/schema';
import type { Actor } from '../context';
import { hashSecret } from './tokens';

const actorColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  workplaceIds: userSelection.workplaceIds,
};

/** The signed-in user behind a session cookie, if the session is live and the user enabled. */
export async function authenticateSession(db: Db, token: string, now: Date) {
  const id = hashSecret(token);
  const rows = await db
    .select({ actor: actorColumns, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  const row = rows[0];
  if (!row) return undefined;
  // Record activity at most every five minutes: a write per request would be waste.
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { actor: row.actor satisfies Actor, sessionId: id };
}

/** The user behind an `Authorization: Bearer` API token. */
export async function authenticateToken(db: Db, token: string, now: Date) {
  const rows = await db
    .select({ actor: actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashSecret(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.disabled, false),
      ),
    );
  const row = rows[0];
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 5 * 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { actor: row.actor satisfies Actor };
}
