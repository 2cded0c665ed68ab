import type { Config } from '../config/env';
import type { Database } from '../db/client';
import type { Actor } from '../services/context';
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
