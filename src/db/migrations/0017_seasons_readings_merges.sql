CREATE TABLE "bargaining_seasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "bargaining_seasons_dates_ordered" CHECK ("bargaining_seasons"."ends_on" >= "bargaining_seasons"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "member_merges" (
	"merged_id" uuid PRIMARY KEY NOT NULL,
	"kept_id" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_by" uuid
);
--> statement-breakpoint
ALTER TABLE "members" drop column "search_text";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "search_text" text GENERATED ALWAYS AS (translate(name, ' 　', '') || ' ' || translate(coalesce(name_kana, ''), ' 　', '') || ' ' || coalesce(employee_number, '')) STORED;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "season_id" uuid;--> statement-breakpoint
ALTER TABLE "workplaces" ADD COLUMN "name_kana" text;--> statement-breakpoint
ALTER TABLE "member_merges" ADD CONSTRAINT "member_merges_kept_id_members_id_fk" FOREIGN KEY ("kept_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_merges" ADD CONSTRAINT "member_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bargaining_seasons_name_unique" ON "bargaining_seasons" USING btree ("name");--> statement-breakpoint
CREATE INDEX "bargaining_seasons_starts_on_idx" ON "bargaining_seasons" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "member_merges_kept_idx" ON "member_merges" USING btree ("kept_id");--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_season_id_bargaining_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."bargaining_seasons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demands_season_idx" ON "demands" USING btree ("season_id");--> statement-breakpoint
CREATE INDEX "workplaces_kana_idx" ON "workplaces" USING btree ("name_kana" COLLATE "C","name" COLLATE "C");--> statement-breakpoint
-- Dropping the generated column dropped its trigram index: build it again on the new definition.
CREATE INDEX "members_search_trgm_idx" ON "members" USING gin ("search_text" gin_trgm_ops);