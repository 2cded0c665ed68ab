import { buildDigestMail, digestHasContent } from '../../core/reminders/digest';
import { duePeriod, nextAttemptAfter, RETRY_DELAYS_MS } from '../../core/reminders/schedule';
import type { Db } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  claimDigestPeriod,
  findDigestUsers,
  findDueDigestRetries,
  findLastDigestSentAt,
  markDigestSend,
  takeDigestRetry,
} from '../../db/queries/digests';
import { findSettings } from '../../db/queries/settings';
import { type Mailer, MailSendError } from '../mail/mailer';
import { collectDigestItems } from './collect-digest-items';

export type DigestRunContext = {
  db: Db;
  mailer: Mailer;
  /** Where links in the mail point (KUMIAI_PUBLIC_URL), without a trailing slash. */
  baseUrl: string;
  now: Date;
};

export type DigestRunResult = { sent: number; empty: number; failed: number };

/** How long a claimed or taken send is held before another server may take it again (a sender that died). */
const SEND_LEASE_MS = 10 * 60_000;
/** Attempts after which a send is given up (the first and the three retries). */
const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** What "since the last digest" means for a user's first one. */
const FIRST_DIGEST_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

type DigestUser = Awaited<ReturnType<typeof findDigestUsers>>[number];

/**
 * Sends the digests due at `asOf`: for each enabled user whose daily or weekly digest
 * time has come, the period is claimed in digest_sends (insert … on conflict do nothing)
 * and only the claimer sends, so a rerun, a second server or a restart sends nothing
 * more. A failed send is kept 'failed' and retried after 5 min, 30 min and 2 h, then
 * given up; a claim whose sender died (still 'pending' ten minutes on) is taken again. Every send (sent or failed) is an audit event, without the address or body.
 */
export async function runDigests(ctx: DigestRunContext, asOf: Date = ctx.now): Promise<DigestRunResult> {
  const { timezone } = await findSettings(ctx.db);
  const result: DigestRunResult = { sent: 0, empty: 0, failed: 0 };
  const users = await findDigestUsers(ctx.db);
  const byId = new Map(users.map((u) => [u.id, u]));

  const lease = new Date(asOf.getTime() + SEND_LEASE_MS);
  for (const retry of await findDueDigestRetries(ctx.db, asOf)) {
    const user = byId.get(retry.userId);
    if (!user) continue;
    const attempts = await takeDigestRetry(ctx.db, retry.id, asOf, lease);
    if (attempts === undefined) continue;
    if (attempts > MAX_ATTEMPTS) {
      // A sender died on this one again and again: given up like a failed send.
      await markDigestSend(ctx.db, retry.id, {
        status: 'failed',
        attempts,
        nextAttemptAt: null,
        error: 'ABANDONED',
      });
      continue;
    }
    tally(result, await deliver(ctx, user, retry.id, retry.periodKey, attempts, asOf));
  }

  for (const user of users) {
    const period = duePeriod(user, asOf, timezone);
    if (!period) continue;
    const id = await claimDigestPeriod(ctx.db, user.id, period.key, asOf, lease);
    if (!id) continue;
    tally(result, await deliver(ctx, user, id, period.key, 0, asOf));
  }
  return result;
}

function tally(result: DigestRunResult, outcome: 'sent' | 'empty' | 'failed') {
  result[outcome] += 1;
}

async function deliver(
  ctx: DigestRunContext,
  user: DigestUser,
  sendId: string,
  periodKey: string,
  previousAttempts: number,
  asOf: Date,
): Promise<'sent' | 'empty' | 'failed'> {
  const frequency = periodKey.startsWith('weekly:') ? 'weekly' : 'daily';
  const since =
    (await findLastDigestSentAt(ctx.db, user.id)) ?? new Date(asOf.getTime() - FIRST_DIGEST_LOOKBACK_MS);
  const items = await collectDigestItems(ctx.db, user, frequency, asOf, since);
  const attempts = previousAttempts + 1;
  if (!digestHasContent(items)) {
    await markDigestSend(ctx.db, sendId, { status: 'empty', attempts: previousAttempts });
    return 'empty';
  }
  const language = user.language === 'en' ? 'en' : 'ja';
  const mail = buildDigestMail(items, { displayName: user.displayName, language }, ctx.baseUrl);
  try {
    await ctx.mailer.send({ to: user.email, ...mail });
  } catch (err) {
    const code = err instanceof MailSendError ? err.code : 'ESEND';
    const nextAttemptAt = nextAttemptAfter(attempts, asOf) ?? null;
    await ctx.db.transaction(async (tx) => {
      await markDigestSend(tx, sendId, { status: 'failed', attempts, nextAttemptAt, error: code });
      await insertAuditEvents(tx, [
        {
          at: asOf,
          actorId: null,
          action: 'digest_failed',
          tableName: 'digest_sends',
          recordId: sendId,
          subjectId: user.id,
          details: { period: periodKey, attempt: attempts, error: code, retry: nextAttemptAt !== null },
        },
      ]);
    });
    return 'failed';
  }
  await ctx.db.transaction(async (tx) => {
    await markDigestSend(tx, sendId, { status: 'sent', at: asOf, attempts });
    await insertAuditEvents(tx, [
      {
        at: asOf,
        actorId: null,
        action: 'digest_sent',
        tableName: 'digest_sends',
        recordId: sendId,
        subjectId: user.id,
        details: { period: periodKey, attempt: attempts },
      },
    ]);
  });
  return 'sent';
}
