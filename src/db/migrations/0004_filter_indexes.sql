CREATE INDEX "tasks_rule_idx" ON "tasks" USING btree ("rule_id","status");--> statement-breakpoint
CREATE INDEX "workplaces_establishment_idx" ON "workplaces" USING btree ("establishment");