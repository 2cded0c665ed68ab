import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
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

/**
 * The user's role must use two-step sign-in (settings.totp_required_roles) and they have not
 * turned it on: until they do, only setting it up (and signing out) is allowed.
 */
export const totpSetupRequiredSql = sql<boolean>`(coalesce((select ${users.role} = any(s.totp_required_roles) from settings s where s.id = 1), false) and not exists (select 1 from user_totp ut where ut.user_id = ${users.id} and ut.enabled_at is not null))`;

/** What the signed-in user sees of their own account beyond the user record. */
export async function findAccountState(db: Db, userId: string) {
  const rows = await db
    .select({
      language: users.language,
      totpEnabled: sql<boolean>`exists (select 1 from user_totp ut where ut.user_id = ${users.id} and ut.enabled_at is not null)`,
      totpSetupRequired: totpSetupRequiredSql,
    })
    .from(users)
    .where(eq(users.id, userId));
  const row = rows[0];
  return {
    language: (row?.language === 'ja' || row?.language === 'en' ? row.language : null) as 'ja' | 'en' | null,
    totpEnabled: Boolean(row?.totpEnabled),
    totpSetupRequired: Boolean(row?.totpSetupRequired),
  };
}

/** The signed-in user behind a session cookie, if the session is live and the user enabled. */
export async function authenticateSession(db: Db, token: string, now: Date) {
  const id = hashSecret(token);
  const rows = await db
    .select({ actor: actorColumns, lastSeenAt: sessions.lastSeenAt, totpSetupRequired: totpSetupRequiredSql })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  const row = rows[0];
  if (!row) return undefined;
  // Record activity at most every five minutes: a write per request would be waste.
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    actor: row.actor satisfies Actor,
    sessionId: id,
    totpSetupRequired: Boolean(row.totpSetupRequired),
  };
}

/** The user behind an `Authorization: Bearer` API token. */
export async function authenticateToken(db: Db, token: string, now: Date) {
  const rows = await db
    .select({
      actor: actorColumns,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      totpSetupRequired: totpSetupRequiredSql,
    })
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
  return { actor: row.actor satisfies Actor, totpSetupRequired: Boolean(row.totpSetupRequired) };
}
