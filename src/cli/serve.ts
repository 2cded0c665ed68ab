import { Command } from 'commander';
import { errorFields } from '../server/logger';
import { createLog, type Log, type RunningServer, startServer } from '../server/main';
import { loadCliConfig } from './shared';

const ENVIRONMENT_HELP = `
Configuration comes from the environment:
  PORT                    port to listen on (default 3000; 0 picks a free one)
  HOST                    address to bind (default 0.0.0.0)
  KUMIAI_DATA_DIR         embedded PGlite data directory (default ./data)
  DATABASE_URL            postgres://… — use PostgreSQL instead of PGlite
  DATABASE_POOL_SIZE      PostgreSQL connections (default 10)
  KUMIAI_ADMIN_EMAIL      with KUMIAI_ADMIN_PASSWORD (and KUMIAI_ADMIN_NAME):
                          creates the first admin while no user exists
  KUMIAI_DEMO=1           loads the demo union into an empty database
  KUMIAI_SECURE_COOKIES=1 mark cookies Secure (on by default with NODE_ENV=production)
  KUMIAI_TRUST_PROXY=1    take the client address from X-Forwarded-For (behind a proxy)
  KUMIAI_SESSION_DAYS     how long a sign-in lasts (default 14)
  KUMIAI_LOG_LEVEL        debug | info | warn | error | silent (default info); JSON lines on stdout

Stop with Ctrl+C or SIGTERM: open requests finish, then the database is closed.`;

export function serveCommand(): Command {
  return new Command('serve')
    .description('Start the Kumiai web server (runs the database migrations first)')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async () => {
      const config = loadCliConfig();
      const log = createLog(config.logLevel);
      const starting = startServer(config, { log });
      // Listen for signals from the start: one arriving while migrations run waits
      // for them to finish and then shuts down cleanly, instead of killing PGlite mid-write.
      exitOnSignals(
        {
          close: async () => {
            const server = await starting.catch(() => undefined);
            await server?.close();
          },
        },
        { log },
      );
      await starting;
    });
}

type SignalSource = Pick<NodeJS.Process, 'on' | 'off'>;

export type ShutdownOptions = {
  log?: Log;
  exit?: (code: number) => void;
  signals?: SignalSource;
  /** A repeat within this window is the same Ctrl+C relayed by npm and tsx, not a second one. */
  repeatWindowMs?: number;
  now?: () => number;
};

/**
 * SIGINT/SIGTERM: close gracefully, then exit 0 (1 when closing fails). A second
 * signal during shutdown exits at once with 1 — the operator asked twice. The
 * data-dir lock then stays behind, but it names our pid, and a lock of a dead
 * process is taken over at the next start.
 */
export function exitOnSignals(
  server: Pick<RunningServer, 'close'>,
  options: ShutdownOptions = {},
): () => void {
  const log = options.log ?? createLog('info');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  const repeatWindowMs = options.repeatWindowMs ?? 500;
  const now = options.now ?? Date.now;
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      // Under `npm start`, one Ctrl+C reaches us up to three times within milliseconds
      // (the terminal's process group, npm's relay, tsx's relay).
      if (now() - firstAt < repeatWindowMs) return;
      log('warn', `${signal} again: exiting without waiting for shutdown`);
      exit(1);
      return;
    }
    firstAt = now();
    log('info', `${signal} received: shutting down (send it again to exit at once)`);
    server.close().then(
      () => {
        log('info', 'Shut down cleanly');
        exit(0);
      },
      (err: unknown) => {
        log('error', 'Shutdown failed', { error: errorFields(err) });
        exit(1);
      },
    );
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  return () => {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  };
}
