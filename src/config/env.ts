import { join } from 'node:path';
import { z } from 'zod';

const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  KUMIAI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KUMIAI_ADMIN_EMAIL: z
    .email()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KUMIAI_ADMIN_PASSWORD: z.string().optional(),
  KUMIAI_ADMIN_NAME: z.string().default('管理者'),
  KUMIAI_DEMO: boolFlag,
  /** Mark cookies Secure. Defaults to on when NODE_ENV=production. */
  KUMIAI_SECURE_COOKIES: boolFlag,
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  KUMIAI_TRUST_PROXY: boolFlag,
  KUMIAI_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  KUMIAI_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** The server secret behind survey links (≥ 32 characters); unset: <KUMIAI_DATA_DIR>/secret.key. */
  KUMIAI_SECRET: z
    .string()
    .min(32, { message: 'must be at least 32 characters' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The address members open survey links at (e.g. https://kumiai.example.org); unset: the request's origin. */
  KUMIAI_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s):// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Public survey requests per minute from one client address (a workplace behind one NAT shares one). */
  KUMIAI_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Outgoing mail (digests, test mail): smtp:// or smtps://user:pass@host:port; unset: mail is off. */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of outgoing mail, e.g. "Kumiai <kumiai@union.example>"; required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .max(300)
    .regex(/^[^\r\n]*@[^\r\n]*$/, { message: 'must be an address (name <address> or address)' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Scheduled verified backups (issue 20): the directory; unset: <KUMIAI_DATA_DIR>/backups on PGlite, off on PostgreSQL. */
  KUMIAI_BACKUP_DIR: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Days a scheduled backup is kept; 0 turns scheduled backups off. */
  KUMIAI_BACKUP_KEEP_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** The hour (0–23, the organization's time zone) from which the day's backup is made. */
  KUMIAI_BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  NODE_ENV: z.string().default('development'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  admin: { email: string; password: string; name: string } | undefined;
  demo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  sessionDays: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** KUMIAI_SECRET; undefined: the secret key file in the data directory (config/secret.ts). */
  secret: string | undefined;
  /** Where survey links point (no trailing slash); undefined: the request's origin. */
  publicUrl: string | undefined;
  /** Public survey requests per minute per client address. */
  publicRateLimit: number;
  /** Outgoing mail (SMTP_URL, MAIL_FROM); undefined: mail and digests are off. */
  mail: { smtpUrl: string; from: string } | undefined;
  /**
   * Scheduled verified backups; undefined: off (KUMIAI_BACKUP_KEEP_DAYS=0, or PostgreSQL without
   * KUMIAI_BACKUP_DIR, where pg_dump is the operator's tool).
   */
  backup: { dir: string; keepDays: number; hour: number } | undefined;
};

/** The only reader of process.env: parse once, fail with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.KUMIAI_ADMIN_EMAIL && !e.KUMIAI_ADMIN_PASSWORD) {
    throw new Error('Invalid configuration:\n  KUMIAI_ADMIN_PASSWORD: required with KUMIAI_ADMIN_EMAIL');
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new Error('Invalid configuration:\n  MAIL_FROM: required with SMTP_URL');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.KUMIAI_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    admin:
      e.KUMIAI_ADMIN_EMAIL && e.KUMIAI_ADMIN_PASSWORD
        ? { email: e.KUMIAI_ADMIN_EMAIL, password: e.KUMIAI_ADMIN_PASSWORD, name: e.KUMIAI_ADMIN_NAME }
        : undefined,
    demo: e.KUMIAI_DEMO,
    secureCookies: e.KUMIAI_SECURE_COOKIES || e.NODE_ENV === 'production',
    trustProxy: e.KUMIAI_TRUST_PROXY,
    sessionDays: e.KUMIAI_SESSION_DAYS,
    logLevel: e.KUMIAI_LOG_LEVEL,
    secret: e.KUMIAI_SECRET,
    publicUrl: e.KUMIAI_PUBLIC_URL?.replace(/\/+$/, ''),
    publicRateLimit: e.KUMIAI_PUBLIC_RATE_LIMIT,
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    backup: backupConfig(e),
  };
}

function backupConfig(e: z.infer<typeof envSchema>): Config['backup'] {
  if (e.KUMIAI_BACKUP_KEEP_DAYS === 0) return undefined;
  const dir = e.KUMIAI_BACKUP_DIR ?? (e.DATABASE_URL ? undefined : join(e.KUMIAI_DATA_DIR, 'backups'));
  return dir ? { dir, keepDays: e.KUMIAI_BACKUP_KEEP_DAYS, hour: e.KUMIAI_BACKUP_HOUR } : undefined;
}
