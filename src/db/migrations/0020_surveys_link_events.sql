CREATE TABLE "demand_link_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demand_link_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"demand_id" uuid NOT NULL,
	"member_id" uuid,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	CONSTRAINT "demand_link_events_action" CHECK ("demand_link_events"."action" in ('link', 'unlink'))
);
--> statement-breakpoint
CREATE TABLE "survey_demands" (
	"survey_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "survey_demands_survey_id_demand_id_pk" PRIMARY KEY("survey_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"token_nonce" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_response_demands" (
	"response_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"rank" integer,
	CONSTRAINT "survey_response_demands_response_id_demand_id_pk" PRIMARY KEY("response_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"member_id" uuid,
	"owner_key" text,
	"workplace_id" uuid,
	"job_type" text,
	"grade" text,
	"union_role" "union_role",
	"free_text" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"channel" text DEFAULT 'web' NOT NULL,
	CONSTRAINT "survey_responses_one_owner" CHECK (("survey_responses"."member_id" IS NULL) <> ("survey_responses"."owner_key" IS NULL)),
	CONSTRAINT "survey_responses_channel" CHECK ("survey_responses"."channel" in ('web', 'paper'))
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"season_id" uuid,
	"anonymous" boolean NOT NULL,
	"rank_top" integer,
	"free_text_label" text,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "demand_link_events" ADD CONSTRAINT "demand_link_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_demands" ADD CONSTRAINT "survey_demands_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_demands" ADD CONSTRAINT "survey_demands_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response_demands" ADD CONSTRAINT "survey_response_demands_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response_demands" ADD CONSTRAINT "survey_response_demands_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response_demands" ADD CONSTRAINT "survey_response_demands_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_season_id_bargaining_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."bargaining_seasons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_link_events_demand_idx" ON "demand_link_events" USING btree ("demand_id","at");--> statement-breakpoint
CREATE INDEX "demand_link_events_member_idx" ON "demand_link_events" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "survey_demands_demand_idx" ON "survey_demands" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token_unique" ON "survey_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_member_unique" ON "survey_invitations" USING btree ("survey_id","member_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_member_idx" ON "survey_invitations" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "survey_response_demands_survey_idx" ON "survey_response_demands" USING btree ("survey_id","demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_member_unique" ON "survey_responses" USING btree ("survey_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_owner_unique" ON "survey_responses" USING btree ("survey_id","owner_key");--> statement-breakpoint
CREATE INDEX "survey_responses_member_idx" ON "survey_responses" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "surveys_season_idx" ON "surveys" USING btree ("season_id");--> statement-breakpoint
CREATE INDEX "surveys_closes_on_idx" ON "surveys" USING btree ("closes_on");