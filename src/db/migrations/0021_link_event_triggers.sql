-- How each demand's count moved (issue 15 §2): every insert into and delete from demand_members
-- becomes a demand_link_events row, in one INSERT … SELECT per statement (transition tables),
-- so bulk links stay set-based. A link's source is the row's own (officer, bulk, import,
-- survey) unless the transaction names one (set_config('kumiai.link_source', …, true): a merge);
-- an unlink's is the transaction's, else 'removal' when the member itself is gone (erasure,
-- deletion), else 'officer'. The actor and the clock come from the transaction as for the audit log.
CREATE FUNCTION kumiai_demand_link_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor uuid := nullif(current_setting('kumiai.actor_id', true), '')::uuid;
  stamp timestamptz := coalesce(nullif(current_setting('kumiai.now', true), '')::timestamptz, now());
  named text := nullif(current_setting('kumiai.link_source', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO demand_link_events (demand_id, member_id, action, source, at, actor_id)
    SELECT n.demand_id, n.member_id, 'link', coalesce(named, n.source), stamp, actor FROM new_rows n;
  ELSE
    INSERT INTO demand_link_events (demand_id, member_id, action, source, at, actor_id)
    SELECT o.demand_id, o.member_id, 'unlink',
      CASE WHEN named IS NOT NULL THEN named
           WHEN NOT EXISTS (SELECT 1 FROM members m WHERE m.id = o.member_id) THEN 'removal'
           ELSE 'officer' END,
      stamp, actor
    FROM old_rows o
    -- a demand being deleted takes its history with it
    WHERE EXISTS (SELECT 1 FROM demands d WHERE d.id = o.demand_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER demand_members_link_events_insert AFTER INSERT ON demand_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_demand_link_events();
--> statement-breakpoint
CREATE TRIGGER demand_members_link_events_delete AFTER DELETE ON demand_members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_demand_link_events();
--> statement-breakpoint
-- History rows are never edited; erasure may only clear the member (see kumiai_redact_link_events).
CREATE FUNCTION kumiai_link_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.member_id IS NULL AND OLD.member_id IS NOT NULL
     AND NEW.demand_id = OLD.demand_id AND NEW.action = OLD.action AND NEW.source = OLD.source
     AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'demand_link_events rows are append-only' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER demand_link_events_append_only BEFORE UPDATE ON demand_link_events
  FOR EACH ROW EXECUTE FUNCTION kumiai_link_events_append_only();
--> statement-breakpoint
-- The links made before this migration: one 'link' event each, at the time the link was made.
INSERT INTO demand_link_events (demand_id, member_id, action, source, at, actor_id)
SELECT demand_id, member_id, 'link', source, created_at, created_by FROM demand_members;
--> statement-breakpoint
-- Surveys and their demands are audited like every record. Invitations and answers are not
-- (row by row): an invitation batch is one 'invite' event written by the service, and an
-- anonymous answer must leave no trace that ties it to a member.
CREATE TRIGGER surveys_audit_insert AFTER INSERT ON surveys REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER surveys_audit_update AFTER UPDATE ON surveys REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER surveys_audit_delete AFTER DELETE ON surveys REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER survey_demands_audit_insert AFTER INSERT ON survey_demands REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('demand_id', 'survey_id');
--> statement-breakpoint
CREATE TRIGGER survey_demands_audit_delete AFTER DELETE ON survey_demands REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('demand_id', 'survey_id');
