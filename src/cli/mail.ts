import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import type { Config } from '../config/env';
import { createMailer, MAIL_OFF_REASON, MailSendError } from '../services/mail/mailer';
import { testMailMessage } from '../services/mail/send-test-mail';
import { runDigests } from '../services/reminders/run-digests';
import { CliError, loadCliConfig, withDatabase } from './shared';

function parseAddress(value: string): string {
  if (!z.email().safeParse(value).success) throw new InvalidArgumentError('must be an e-mail address');
  return value;
}

function parseInstant(value: string): Date {
  if (!z.iso.datetime({ offset: true }).safeParse(value).success)
    throw new InvalidArgumentError('must be an ISO date-time, e.g. 2026-12-07T07:00:00+09:00');
  return new Date(value);
}

function mailConfig(config: Config) {
  if (!config.mail) throw new CliError(MAIL_OFF_REASON);
  return config.mail;
}

/** `kumiai mail test --to <address>`: one test message through SMTP_URL. */
export function mailCommand(): Command {
  const test = new Command('test')
    .description('Send a test message through SMTP_URL (Japanese text, plain and HTML parts)')
    .requiredOption('--to <address>', 'the recipient', parseAddress)
    .addHelpText(
      'after',
      '\nExample:\n  SMTP_URL=smtp://mail.example.org:587 MAIL_FROM=kumiai@example.org \\\n    npm run kumiai -- mail test --to me@example.org',
    )
    .action(async (options: { to: string }) => {
      const mailer = createMailer(mailConfig(loadCliConfig()));
      try {
        await mailer.send(testMailMessage(options.to, 'ja'));
        console.log('Test mail sent.');
      } catch (err) {
        throw new CliError(err instanceof MailSendError ? err.message : 'The test mail could not be sent.');
      } finally {
        mailer.close();
      }
    });
  return new Command('mail').description('Outgoing mail (SMTP_URL, MAIL_FROM)').addCommand(test);
}

/** `kumiai digests run --as-of <ISO datetime>`: the digests due then, once per user and period. */
export function digestsCommand(): Command {
  const run = new Command('run')
    .description('Send the e-mail digests due at a moment (default now); each user and period at most once')
    .option('--as-of <datetime>', 'the moment to send for (ISO date-time with offset)', parseInstant)
    .addHelpText(
      'after',
      '\nIdempotent: a digest already sent (or claimed by a running server) is not sent again.\n' +
        'On PGlite stop the server first.\n\nExample:\n  npm run kumiai -- digests run --as-of 2026-12-07T07:00:00+09:00',
    )
    .action(async (options: { asOf?: Date }) => {
      const config = loadCliConfig();
      const mailer = createMailer(mailConfig(config));
      try {
        const result = await withDatabase((database) =>
          runDigests(
            {
              db: database.db,
              mailer,
              baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
              now: new Date(),
            },
            options.asOf ?? new Date(),
          ),
        );
        console.log(
          `E-mail digests: sent ${result.sent}, nothing due ${result.empty}, failed ${result.failed}`,
        );
      } finally {
        mailer.close();
      }
    });
  return new Command('digests').description('E-mail digests (issue 18)').addCommand(run);
}
