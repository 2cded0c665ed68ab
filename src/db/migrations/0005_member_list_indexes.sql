DROP INDEX "members_workplace_idx";--> statement-breakpoint
DROP INDEX "members_engagement_idx";--> statement-breakpoint
DROP INDEX "members_owner_idx";--> statement-breakpoint
CREATE INDEX "members_workplace_kana_idx" ON "members" USING btree ("workplace_id","name_kana" COLLATE "C","name" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "members_engagement_kana_idx" ON "members" USING btree ("engagement","name_kana" COLLATE "C","name" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "members_owner_kana_idx" ON "members" USING btree ("owner_id","name_kana" COLLATE "C","name" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "members_joined_on_idx" ON "members" USING btree ("joined_on");--> statement-breakpoint
CREATE INDEX "members_next_action_due_idx" ON "members" USING btree ("next_action_due_on");