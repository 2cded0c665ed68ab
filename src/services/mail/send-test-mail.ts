import { AppError } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { type Mailer, MailSendError, mailNotConfigured } from './mailer';

/** The test message: Japanese first, so a wrong encoding shows at once. */
export function testMailMessage(to: string, language: 'ja' | 'en' | null | undefined) {
  const en = language === 'en';
  return {
    to,
    subject: en ? 'Kumiai test mail' : 'Kumiai テストメール（組合）',
    text: en
      ? 'This is a test message from Kumiai. Mail works.\n'
      : 'Kumiai からのテストメールです。メールの送信は正しく設定されています。\n',
    html: en
      ? '<p>This is a test message from Kumiai. Mail works.</p>'
      : '<p>Kumiai からのテストメールです。メールの送信は正しく設定されています。</p>',
  };
}

/**
 * Sends the test message to `to` (the CLI) or to the acting admin's own address,
 * and records it in the audit trail (never the address).
 */
export async function sendTestMail(
  ctx: ServiceContext,
  mailer: Mailer | undefined,
  options: { to?: string; language?: 'ja' | 'en' | null } = {},
): Promise<{ sent: true }> {
  requirePermission(ctx, 'admin');
  if (!mailer) throw mailNotConfigured();
  const to = options.to ?? ctx.actor.email;
  try {
    await mailer.send(testMailMessage(to, options.language));
  } catch (err) {
    const code = err instanceof MailSendError ? err.code : 'ESEND';
    await insertAuditEvents(ctx.db, [
      { at: ctx.now, actorId: ctx.actor.id, action: 'mail_test', details: { ok: false, error: code } },
    ]);
    throw new AppError('conflict', `The mail server did not take the test message (${code})`, undefined, {
      reason: 'mail_failed',
      error: code,
    });
  }
  await insertAuditEvents(ctx.db, [
    { at: ctx.now, actorId: ctx.actor.id, action: 'mail_test', details: { ok: true, own: !options.to } },
  ]);
  return { sent: true };
}
