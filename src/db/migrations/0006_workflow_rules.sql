CREATE TABLE "workflow_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"title_template" text,
	"body_template" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_at_risk_open_unique" ON "tasks" USING btree ("rule_id","subject_id") WHERE "tasks"."status" = 'open' AND "tasks"."rule_id" = 'at_risk_follow_up';