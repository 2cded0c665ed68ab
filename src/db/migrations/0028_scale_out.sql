-- Several server processes on one PostgreSQL (issue 20).
--
-- Rate limits shared by every process: one row per key (e.g. a client address on the public
-- survey pages) with the points used in the current window and when the window ends. One
-- statement counts a request (db/queries/rate-limits.ts), so two processes never both let
-- the limit's last request through. On PGlite (one process) the counters stay in memory.
CREATE TABLE "kumiai_rate_limits" (
  "key" text PRIMARY KEY,
  "points" integer NOT NULL,
  "expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kumiai_rate_limits_expires_idx" ON "kumiai_rate_limits" ("expires_at");
--> statement-breakpoint
-- Scheduled jobs that must run once per period whatever the number of processes: the daily
-- sweep's timer fires in every process at 00:05; the first to insert the day's row in the
-- sweep's own transaction runs it, the others find the row and skip. A sweep that fails rolls
-- its row back, so the next attempt (another process, a restart) still runs it.
CREATE TABLE "kumiai_job_runs" (
  "job" text NOT NULL,
  "period" text NOT NULL,
  "ran_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("job", "period")
);
