-- Offline sync (issue 19): one receipt per applied outbox item, keyed by the device's id.
CREATE TABLE "sync_receipts" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"result" jsonb NOT NULL,
	"device_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"record_id" uuid,
	CONSTRAINT "sync_receipts_kind" CHECK ("sync_receipts"."kind" in ('note', 'engagement', 'meeting', 'atmosphere', 'task_done')),
	CONSTRAINT "sync_receipts_status" CHECK ("sync_receipts"."status" in ('applied'))
);
--> statement-breakpoint
ALTER TABLE "sync_receipts" ADD CONSTRAINT "sync_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_receipts_user_received_idx" ON "sync_receipts" USING btree ("user_id","received_at");--> statement-breakpoint
CREATE INDEX "sync_receipts_received_idx" ON "sync_receipts" USING btree ("received_at");
