CREATE TABLE "monthly_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"workplace_id" uuid,
	"member_count" integer NOT NULL,
	"rated_member_count" integer NOT NULL,
	"employee_count" integer,
	"at_risk_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_snapshots_month_format" CHECK ("monthly_snapshots"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "monthly_snapshots" ADD CONSTRAINT "monthly_snapshots_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_snapshots_workplace_month_unique" ON "monthly_snapshots" USING btree ("workplace_id","month") WHERE "monthly_snapshots"."workplace_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_snapshots_overall_month_unique" ON "monthly_snapshots" USING btree ("month") WHERE "monthly_snapshots"."workplace_id" is null;--> statement-breakpoint
CREATE INDEX "monthly_snapshots_month_idx" ON "monthly_snapshots" USING btree ("month");--> statement-breakpoint
CREATE INDEX "engagement_history_changed_at_idx" ON "engagement_history" USING btree ("changed_at");