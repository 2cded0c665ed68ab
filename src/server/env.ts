import type { Config } from '../config/env';
import type { Database } from '../db/client';
import type { Actor } from '../services/context';

export type AppDeps = {
  database: Database;
  config: Pick<Config, 'secureCookies' | 'trustProxy' | 'sessionDays'>;
  /** The built web app to serve (dist/web); absent → API only. */
  webRoot?: string | undefined;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
};

export type AppEnv = {
  Variables: {
    actor: Actor;
    authMethod: 'session' | 'token';
    sessionId: string | undefined;
  };
};
