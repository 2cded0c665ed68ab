import { and, desc, eq, isNull } from 'drizzle-orm';
import { notFound } from '../../core/errors';
import { apiTokens } from '../../db/schema';
import type { ServiceContext } from '../context';
import { hashSecret, newSecret } from './tokens';

const TOKEN_PREFIX = 'kumiai_';

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

/** Creates an API token for the signed-in user. The secret is shown once and never stored. */
export async function createApiToken(
  ctx: ServiceContext,
  input: { name: string; expiresInDays?: number | undefined },
) {
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = input.expiresInDays
    ? new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000)
    : null;
  const [row] = await ctx.db.transaction((tx) =>
    tx
      .insert(apiTokens)
      .values({
        userId: ctx.actor.id,
        name: input.name,
        tokenHash: hashSecret(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: ctx.now,
        expiresAt,
      })
      .returning(tokenColumns),
  );
  return { ...row!, token };
}

export async function listApiTokens(ctx: ServiceContext) {
  return ctx.db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, ctx.actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(ctx: ServiceContext, id: string) {
  const rows = await ctx.db.transaction((tx) =>
    tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id }),
  );
  if (!rows.length) throw notFound('API token');
}
