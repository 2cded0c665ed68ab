import type { Config } from '../config/env';
import type { Database } from '../db/client';
import type { Actor } from '../services/context';
import type { Mailer } from '../services/mail/mailer';
import type { Log } from './logger';

export type AppDeps = {
  database: Database;
  config: Pick<Config, 'secureCookies' | 'trustProxy' | 'sessionDays'>;
  /** The built web app to serve (dist/web); absent → API only. */
  webRoot?: string | undefined;
  /**
   * The first-run code printed at start while no user exists; `POST /api/setup` requires it.
   * Undefined: the first-run screen cannot create an admin (the CLI and KUMIAI_ADMIN_* can).
   */
  setupCode?: string | undefined;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Where request and error records go (main.ts: pino's JSON lines on stdout). */
  log?: Log;
  /**
   * The server secret (config/secret.ts) behind survey links and anonymous answer keys.
   * main.ts always passes it; absent (tests of other features), a random one for this app only.
   */
  secret?: Buffer;
  /** Where survey links point (KUMIAI_PUBLIC_URL); absent: the request's origin. */
  publicUrl?: string | undefined;
  /** Public survey requests per minute per client address (KUMIAI_PUBLIC_RATE_LIMIT; default 300). */
  publicRateLimit?: number;
  /** Answers one survey link may send per minute (default 30; tests raise it). */
  publicAnswersPerLink?: number;
  /** Outgoing mail (SMTP_URL); absent: the test mail and digests answer 409 and say why. */
  mailer?: Mailer | undefined;
};

export type AppEnv = {
  Variables: {
    actor: Actor;
    authMethod: 'session' | 'token';
    sessionId: string | undefined;
    /** Per request (access-log.ts): in the X-Request-Id header, the log record and a 500's body. */
    requestId: string;
  };
};
