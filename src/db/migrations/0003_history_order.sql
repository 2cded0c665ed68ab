DROP INDEX "atmosphere_history_workplace_idx";--> statement-breakpoint
DROP INDEX "engagement_history_member_idx";--> statement-breakpoint
ALTER TABLE "atmosphere_history" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "atmosphere_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "engagement_history" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "engagement_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE INDEX "atmosphere_history_workplace_idx" ON "atmosphere_history" USING btree ("workplace_id","changed_at","seq");--> statement-breakpoint
CREATE INDEX "engagement_history_member_idx" ON "engagement_history" USING btree ("member_id","changed_at","seq");