CREATE TYPE "public"."atmosphere" AS ENUM('active', 'normal', 'indifferent', 'split_risk');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."demand_note_kind" AS ENUM('management_response', 'negotiation', 'internal');--> statement-breakpoint
CREATE TYPE "public"."engagement" AS ENUM('active_core', 'regular', 'occasional', 'rare', 'indifferent', 'at_risk');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('active', 'left');--> statement-breakpoint
CREATE TYPE "public"."negotiation_status" AS ENUM('not_submitted', 'negotiating', 'settled', 'carried_over');--> statement-breakpoint
CREATE TYPE "public"."note_channel" AS ENUM('visit', 'phone', 'email', 'meeting', 'chat', 'other');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('admin', 'officer', 'executive', 'rep');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."task_subject_type" AS ENUM('member', 'workplace', 'demand');--> statement-breakpoint
CREATE TYPE "public"."union_role" AS ENUM('full_time_officer', 'executive_committee', 'workplace_rep', 'general_member', 'organizing_target');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "atmosphere_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workplace_id" uuid NOT NULL,
	"from" "atmosphere",
	"to" "atmosphere" NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "demand_members" (
	"demand_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "demand_members_demand_id_member_id_pk" PRIMARY KEY("demand_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "demand_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"demand_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" "demand_note_kind" NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"status" "negotiation_status" DEFAULT 'not_submitted' NOT NULL,
	"next_negotiation_on" date
);
--> statement-breakpoint
CREATE TABLE "engagement_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"from" "engagement",
	"to" "engagement" NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"opened_on" date NOT NULL,
	"due_on" date,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"sensitive" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"member_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"channel" "note_channel" NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"employee_number" text,
	"workplace_id" uuid,
	"department" text,
	"job_type" text,
	"grade" text,
	"joined_on" date,
	"engagement" "engagement" DEFAULT 'occasional' NOT NULL,
	"concerns" text,
	"next_action" text,
	"next_action_due_on" date,
	"parent_organization" text,
	"union_role" "union_role" DEFAULT 'general_member' NOT NULL,
	"status" "member_status" DEFAULT 'active' NOT NULL,
	"left_on" date,
	"owner_id" uuid,
	"search_text" text GENERATED ALWAYS AS (translate(name, ' 　', '') || ' ' || coalesce(name_kana, '') || ' ' || coalesce(employee_number, '')) STORED,
	CONSTRAINT "members_left_on_required" CHECK ("members"."status" <> 'left' OR "members"."left_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"organization_name" text DEFAULT '労働組合' NOT NULL,
	"timezone" text DEFAULT 'Asia/Tokyo' NOT NULL,
	"shunto_start_on" date,
	"milestone_years" integer[] DEFAULT '{5,10,20}'::integer[] NOT NULL,
	"secretary_general_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"due_on" date,
	"status" "task_status" DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"subject_type" "task_subject_type",
	"subject_id" uuid,
	"rule_id" text,
	"once_key" text,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	CONSTRAINT "tasks_subject_pair" CHECK (("tasks"."subject_type" IS NULL) = ("tasks"."subject_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "user_workplaces" (
	"user_id" uuid NOT NULL,
	"workplace_id" uuid NOT NULL,
	CONSTRAINT "user_workplaces_user_id_workplace_id_pk" PRIMARY KEY("user_id","workplace_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workplace_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"workplace_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"attendee_count" integer NOT NULL,
	"invited_count" integer NOT NULL,
	"notes" text,
	CONSTRAINT "workplace_meetings_counts" CHECK ("workplace_meetings"."attendee_count" >= 0 AND "workplace_meetings"."invited_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workplaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"establishment" text,
	"employee_count" integer,
	"rep_member_id" uuid,
	"owner_id" uuid,
	"issues" text,
	"atmosphere" "atmosphere" DEFAULT 'normal' NOT NULL,
	"organizing_status" text,
	CONSTRAINT "workplaces_employee_count_nonnegative" CHECK ("workplaces"."employee_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atmosphere_history" ADD CONSTRAINT "atmosphere_history_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atmosphere_history" ADD CONSTRAINT "atmosphere_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_members" ADD CONSTRAINT "demand_members_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_members" ADD CONSTRAINT "demand_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_members" ADD CONSTRAINT "demand_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_notes" ADD CONSTRAINT "demand_notes_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_notes" ADD CONSTRAINT "demand_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_history" ADD CONSTRAINT "engagement_history_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_history" ADD CONSTRAINT "engagement_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_cases" ADD CONSTRAINT "member_cases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_notes" ADD CONSTRAINT "member_notes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_notes" ADD CONSTRAINT "member_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_secretary_general_user_id_users_id_fk" FOREIGN KEY ("secretary_general_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_workplaces" ADD CONSTRAINT "user_workplaces_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_workplaces" ADD CONSTRAINT "user_workplaces_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplaces" ADD CONSTRAINT "workplaces_rep_member_id_members_id_fk" FOREIGN KEY ("rep_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplaces" ADD CONSTRAINT "workplaces_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "atmosphere_history_workplace_idx" ON "atmosphere_history" USING btree ("workplace_id","changed_at");--> statement-breakpoint
CREATE INDEX "demand_members_member_idx" ON "demand_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "demand_notes_demand_idx" ON "demand_notes" USING btree ("demand_id","occurred_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "demands_status_idx" ON "demands" USING btree ("status");--> statement-breakpoint
CREATE INDEX "demands_priority_idx" ON "demands" USING btree ("priority");--> statement-breakpoint
CREATE INDEX "engagement_history_member_idx" ON "engagement_history" USING btree ("member_id","changed_at");--> statement-breakpoint
CREATE INDEX "login_failures_email_idx" ON "login_failures" USING btree ("email","failed_at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_idx" ON "login_failures" USING btree ("ip","failed_at");--> statement-breakpoint
CREATE INDEX "member_cases_member_idx" ON "member_cases" USING btree ("member_id","status");--> statement-breakpoint
CREATE INDEX "member_cases_open_due_idx" ON "member_cases" USING btree ("due_on") WHERE "member_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "member_notes_member_idx" ON "member_notes" USING btree ("member_id","occurred_on" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "members_employee_number_unique" ON "members" USING btree ("employee_number");--> statement-breakpoint
CREATE INDEX "members_workplace_idx" ON "members" USING btree ("workplace_id");--> statement-breakpoint
CREATE INDEX "members_engagement_idx" ON "members" USING btree ("engagement");--> statement-breakpoint
CREATE INDEX "members_union_role_idx" ON "members" USING btree ("union_role");--> statement-breakpoint
CREATE INDEX "members_owner_idx" ON "members" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "members_status_idx" ON "members" USING btree ("status");--> statement-breakpoint
CREATE INDEX "members_kana_idx" ON "members" USING btree ("name_kana" COLLATE "C","name" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "members_search_trgm_idx" ON "members" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_once_key_unique" ON "tasks" USING btree ("once_key");--> statement-breakpoint
CREATE INDEX "tasks_assignee_status_due_idx" ON "tasks" USING btree ("assignee_id","status","due_on");--> statement-breakpoint
CREATE INDEX "tasks_status_due_idx" ON "tasks" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "tasks_subject_idx" ON "tasks" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "user_workplaces_workplace_idx" ON "user_workplaces" USING btree ("workplace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "workplace_meetings_workplace_idx" ON "workplace_meetings" USING btree ("workplace_id","held_on" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "workplaces_name_unique" ON "workplaces" USING btree ("name");--> statement-breakpoint
CREATE INDEX "workplaces_owner_idx" ON "workplaces" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "workplaces_atmosphere_idx" ON "workplaces" USING btree ("atmosphere");--> statement-breakpoint
CREATE INDEX "workplaces_name_c_idx" ON "workplaces" USING btree ("name" COLLATE "C");