CREATE TABLE "match_demand_terms" (
	"demand_id" uuid NOT NULL,
	"key" text NOT NULL,
	"raw" double precision NOT NULL,
	"weight" double precision NOT NULL,
	CONSTRAINT "match_demand_terms_demand_id_key_pk" PRIMARY KEY("demand_id","key")
);
--> statement-breakpoint
CREATE TABLE "match_doc_terms" (
	"doc_id" uuid NOT NULL,
	"key" text NOT NULL,
	"weight" double precision NOT NULL,
	CONSTRAINT "match_doc_terms_doc_id_key_pk" PRIMARY KEY("doc_id","key")
);
--> statement-breakpoint
CREATE TABLE "match_docs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"member_id" uuid,
	"survey_id" uuid,
	"workplace_id" uuid,
	CONSTRAINT "match_docs_source" CHECK ("match_docs"."source" in ('concerns', 'note', 'survey'))
);
--> statement-breakpoint
CREATE TABLE "match_expansions" (
	"key" text NOT NULL,
	"target" text NOT NULL,
	"factor" double precision NOT NULL,
	"rule" integer NOT NULL,
	CONSTRAINT "match_expansions_key_target_pk" PRIMARY KEY("key","target")
);
--> statement-breakpoint
CREATE TABLE "match_queue" (
	"kind" text NOT NULL,
	"ref" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_queue_kind_ref_pk" PRIMARY KEY("kind","ref"),
	CONSTRAINT "match_queue_kind" CHECK ("match_queue"."kind" in ('member', 'note', 'response', 'demand', 'all'))
);
--> statement-breakpoint
CREATE TABLE "match_rejections" (
	"demand_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"rejected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rejected_by" uuid,
	CONSTRAINT "match_rejections_demand_id_member_id_pk" PRIMARY KEY("demand_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "match_scores" (
	"demand_id" uuid NOT NULL,
	"doc_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "match_scores_demand_id_doc_id_pk" PRIMARY KEY("demand_id","doc_id")
);
--> statement-breakpoint
CREATE TABLE "match_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"synonyms_fingerprint" text,
	"built_at" timestamp with time zone,
	CONSTRAINT "match_state_single_row" CHECK ("match_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "match_synonym_candidates" (
	"term" text NOT NULL,
	"demand_term" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"dismissed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_synonym_candidates_term_demand_term_pk" PRIMARY KEY("term","demand_term")
);
--> statement-breakpoint
CREATE TABLE "match_synonyms" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"groups" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "match_synonyms_single_row" CHECK ("match_synonyms"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "demand_members" DROP CONSTRAINT "demand_members_source";--> statement-breakpoint
ALTER TABLE "match_demand_terms" ADD CONSTRAINT "match_demand_terms_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_doc_terms" ADD CONSTRAINT "match_doc_terms_doc_id_match_docs_id_fk" FOREIGN KEY ("doc_id") REFERENCES "public"."match_docs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_docs" ADD CONSTRAINT "match_docs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_docs" ADD CONSTRAINT "match_docs_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_docs" ADD CONSTRAINT "match_docs_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_rejections" ADD CONSTRAINT "match_rejections_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_rejections" ADD CONSTRAINT "match_rejections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_rejections" ADD CONSTRAINT "match_rejections_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_scores" ADD CONSTRAINT "match_scores_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_scores" ADD CONSTRAINT "match_scores_doc_id_match_docs_id_fk" FOREIGN KEY ("doc_id") REFERENCES "public"."match_docs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_synonyms" ADD CONSTRAINT "match_synonyms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_demand_terms_key_idx" ON "match_demand_terms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "match_doc_terms_key_idx" ON "match_doc_terms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "match_docs_member_idx" ON "match_docs" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "match_docs_survey_idx" ON "match_docs" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "match_expansions_target_idx" ON "match_expansions" USING btree ("target");--> statement-breakpoint
CREATE INDEX "match_rejections_member_idx" ON "match_rejections" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "match_scores_doc_idx" ON "match_scores" USING btree ("doc_id");--> statement-breakpoint
CREATE INDEX "match_scores_demand_score_idx" ON "match_scores" USING btree ("demand_id","score" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "demand_members" ADD CONSTRAINT "demand_members_source" CHECK ("demand_members"."source" in ('officer', 'bulk', 'import', 'survey', 'matched'));--> statement-breakpoint
-- Concern matching (issue 16): what changed is queued by these statement triggers, set-based
-- (one INSERT … SELECT per statement, transition tables), so bulk writes stay bulk; the index
-- is brought up to date from the queue (services/matching/sync-match-index.ts).
CREATE FUNCTION kumiai_match_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'members' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'member', n.id FROM new_rows n
        WHERE n.concerns IS NOT NULL AND btrim(n.concerns) <> '' ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO match_queue (kind, ref) SELECT 'member', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.concerns IS DISTINCT FROM o.concerns ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'member_notes' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'note', n.id FROM new_rows n ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'note', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.body IS DISTINCT FROM o.body OR n.member_id IS DISTINCT FROM o.member_id ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO match_queue (kind, ref) SELECT 'note', o.id FROM old_rows o ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'survey_responses' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'response', n.id FROM new_rows n
        WHERE n.free_text IS NOT NULL AND btrim(n.free_text) <> '' ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'response', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.free_text IS DISTINCT FROM o.free_text OR n.member_id IS DISTINCT FROM o.member_id
           OR n.workplace_id IS DISTINCT FROM o.workplace_id ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO match_queue (kind, ref) SELECT 'response', o.id FROM old_rows o ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'demands' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_queue (kind, ref) SELECT 'demand', n.id FROM new_rows n ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
      -- Its keys and scores go with it; the demands sharing its words are weighed again.
      INSERT INTO match_queue (kind, ref) SELECT 'demand', o.id FROM old_rows o ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO match_queue (kind, ref) SELECT 'demand', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.title IS DISTINCT FROM o.title OR n.description IS DISTINCT FROM o.description ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER members_match_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER members_match_update AFTER UPDATE ON members REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER member_notes_match_insert AFTER INSERT ON member_notes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER member_notes_match_update AFTER UPDATE ON member_notes REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER member_notes_match_delete AFTER DELETE ON member_notes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER survey_responses_match_insert AFTER INSERT ON survey_responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER survey_responses_match_update AFTER UPDATE ON survey_responses REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER survey_responses_match_delete AFTER DELETE ON survey_responses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER demands_match_insert AFTER INSERT ON demands REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER demands_match_update AFTER UPDATE ON demands REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
CREATE TRIGGER demands_match_delete AFTER DELETE ON demands REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_match_enqueue();
--> statement-breakpoint
-- The synonym table is audited like every setting; the derived tables are not.
CREATE TRIGGER match_synonyms_audit_update AFTER UPDATE ON match_synonyms REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
INSERT INTO match_synonyms (id) VALUES (1);
--> statement-breakpoint
INSERT INTO match_state (id) VALUES (1);
--> statement-breakpoint
-- Index what is already there on first use.
INSERT INTO match_queue (kind, ref) VALUES ('all', '00000000-0000-0000-0000-000000000000');
