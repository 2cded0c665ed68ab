CREATE TYPE "public"."case_event_kind" AS ENUM('opened', 'closed', 'reopened');--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "case_event_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	"text" text
);
--> statement-breakpoint
ALTER TABLE "member_cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "member_cases" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "member_cases" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_member_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."member_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
ALTER TABLE "member_cases" ADD CONSTRAINT "member_cases_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Cases recorded before case_events: their opening, and the closing of a closed case, with
-- who did it taken from the audit trail (migration 0009; null = the system or unknown).
-- Reopenings before this migration were not kept and cannot be told apart.
INSERT INTO case_events (case_id, kind, occurred_on, at, by)
SELECT c.id, 'opened'::case_event_kind, c.opened_on, c.created_at,
       (SELECT al.actor_id FROM audit_log al
         WHERE al.table_name = 'member_cases' AND al.record_id = c.id::text AND al.action = 'insert'
         ORDER BY al.id LIMIT 1)
  FROM member_cases c;
--> statement-breakpoint
WITH closing AS (
  SELECT c.id, coalesce(c.closed_on, c.opened_on) AS closed_on, coalesce(a.at, c.updated_at) AS at, a.actor_id
    FROM member_cases c
    LEFT JOIN LATERAL (
      SELECT al.at, al.actor_id FROM audit_log al
       WHERE al.table_name = 'member_cases' AND al.record_id = c.id::text
         AND al.action IN ('insert', 'update') AND al.after ->> 'status' = 'closed'
         AND (al.before IS NULL OR al.before ->> 'status' <> 'closed')
       ORDER BY al.id DESC LIMIT 1) a ON true
   WHERE c.status = 'closed'
), events AS (
  INSERT INTO case_events (case_id, kind, occurred_on, at, by)
  SELECT id, 'closed'::case_event_kind, closed_on, at, actor_id FROM closing
)
UPDATE member_cases c SET closed_at = closing.at, closed_by = closing.actor_id
  FROM closing WHERE c.id = closing.id;
--> statement-breakpoint
-- A case's story is never edited (like engagement_history, migration 0002); it is deleted
-- only with the case, when a member is erased.
CREATE TRIGGER case_events_append_only BEFORE UPDATE ON case_events
  FOR EACH ROW EXECUTE FUNCTION kumiai_forbid_update();
--> statement-breakpoint
-- Outcomes and reopen reasons are personal data (often of a 要配慮 case): audited like the
-- case itself, the case id as the subject, so an erasure's kumiai_redact_audit(case) reaches them.
CREATE TRIGGER case_events_audit_insert AFTER INSERT ON case_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'case_id');
--> statement-breakpoint
CREATE TRIGGER case_events_audit_delete AFTER DELETE ON case_events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'case_id');
