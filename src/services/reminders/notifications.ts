import { notFound } from '../../core/errors';
import type { UpdateNotificationsInput } from '../../core/reminders/schemas';
import { findNotificationSettings, updateNotificationSettings } from '../../db/queries/digests';
import type { ServiceContext } from '../context';
import { MAIL_OFF_REASON } from '../mail/mailer';

/** Whether mail is configured, and why not, for the account and settings pages. */
export function mailStatus(mailConfigured: boolean) {
  return { configured: mailConfigured, reason: mailConfigured ? null : MAIL_OFF_REASON };
}

/** The signed-in user's own digest choice. */
export async function getNotifications(ctx: ServiceContext, mailConfigured: boolean) {
  const row = await findNotificationSettings(ctx.db, ctx.actor.id);
  if (!row) throw notFound('User');
  return {
    digest: row.digest as 'daily' | 'weekly' | 'none',
    digestTime: row.digestTime,
    mail: mailStatus(mailConfigured),
  };
}

/** Changes the signed-in user's own digest (audited by the users trigger). */
export async function updateNotifications(
  ctx: ServiceContext,
  input: UpdateNotificationsInput,
  mailConfigured: boolean,
) {
  await ctx.db.transaction(async (tx) => {
    const row = await findNotificationSettings(tx, ctx.actor.id);
    if (!row) throw notFound('User');
    await updateNotificationSettings(
      tx,
      ctx.actor.id,
      { digest: input.digest, digestTime: input.digestTime ?? row.digestTime },
      ctx.now,
    );
  });
  return getNotifications(ctx, mailConfigured);
}
