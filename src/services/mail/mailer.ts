import nodemailer from 'nodemailer';
import { AppError } from '../../core/errors';

/** One message: a plain-text part first, then the same content as HTML (both UTF-8). */
export type MailMessage = { to: string; subject: string; text: string; html: string };

export type Mailer = {
  send: (message: MailMessage) => Promise<void>;
  close: () => void;
};

/** SMTP_URL and MAIL_FROM (config/env.ts). */
export type MailConfig = { smtpUrl: string; from: string };

/**
 * A failed send, with a code only: the SMTP server's reply and nodemailer's
 * message may quote the recipient's address, so neither is kept.
 */
export class MailSendError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`The mail server did not take the message (${code})`);
    this.name = 'MailSendError';
    this.code = code;
  }
}

const SAFE_CODE = /^[A-Z][A-Z0-9_]{1,30}$/;

/** nodemailer's error code (EAUTH, ECONNECTION, EENVELOPE…) or the SMTP reply code (550…). */
export function mailErrorCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  if (typeof e?.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 600)
    return `SMTP_${e.responseCode}`;
  if (typeof e?.code === 'string' && SAFE_CODE.test(e.code)) return e.code;
  return 'ESEND';
}

/**
 * A mailer over nodemailer's SMTP transport. nodemailer's own logging stays off
 * (it would write addresses and the conversation); headers are UTF-8 encoded-words,
 * so a Japanese subject arrives intact without ISO-2022-JP.
 */
export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    ...smtpOptions(config.smtpUrl),
    logger: false,
    debug: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (message) => {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          textEncoding: 'base64',
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        throw new MailSendError(mailErrorCode(err));
      }
    },
    close: () => transport.close(),
  };
}

/**
 * smtp://user:pass@host:port (STARTTLS when the server offers it) or smtps://… (TLS from
 * the start; port 465 by default). User and password are percent-decoded.
 */
export function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
  };
}

/** Why mail is off, in words for the settings page and the CLI; undefined when it is on. */
export const MAIL_OFF_REASON = 'Mail is not configured: set SMTP_URL and MAIL_FROM and restart Kumiai.';

/** The 409 a mail feature answers while SMTP_URL is unset. */
export const mailNotConfigured = () =>
  new AppError('conflict', MAIL_OFF_REASON, undefined, { reason: 'mail_not_configured' });
