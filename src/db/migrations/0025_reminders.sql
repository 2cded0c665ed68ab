CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"include_names" boolean DEFAULT false NOT NULL,
	"token_hash" text NOT NULL,
	"scope_key" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_fetched_at" timestamp with time zone,
	"last_client" text,
	CONSTRAINT "calendar_feeds_kind" CHECK ("calendar_feeds"."kind" in ('tasks', 'negotiations', 'meetings'))
);
--> statement-breakpoint
CREATE TABLE "digest_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_sends_status" CHECK ("digest_sends"."status" in ('pending', 'sent', 'failed', 'empty'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest_time" text DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_sends_user_period_unique" ON "digest_sends" USING btree ("user_id","period_key");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_digest" CHECK ("users"."digest" in ('daily', 'weekly', 'none'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_digest_time" CHECK ("users"."digest_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
-- Calendar feeds are audited on creation and deletion (the trigger function drops token_hash).
-- Updates are not: fetch bookkeeping (last_fetched_at) would flood the trail; a revoke is an
-- audit event the service writes. Digest sends are recorded by the digest service as events.
CREATE TRIGGER calendar_feeds_audit_insert AFTER INSERT ON calendar_feeds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER calendar_feeds_audit_delete AFTER DELETE ON calendar_feeds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
