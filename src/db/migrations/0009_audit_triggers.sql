-- The audit trail of writes (issue: access). Statement-level triggers with transition
-- tables write one audit row per changed row in one INSERT … SELECT per statement, so a
-- bulk change costs one extra statement, not one per row. The actor and the clock come
-- from the transaction (set_config('kumiai.actor_id' / 'kumiai.now', …, true), set by
-- the service layer); a write outside a service has no actor (null = the system).
-- Secrets never reach the log: password and token hashes and the search column are stripped.
CREATE FUNCTION kumiai_audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key_column text := TG_ARGV[0];
  subject_column text := TG_ARGV[1];
  actor uuid := nullif(current_setting('kumiai.actor_id', true), '')::uuid;
  stamp timestamptz := coalesce(nullif(current_setting('kumiai.now', true), '')::timestamptz, now());
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO audit_log (at, actor_id, action, table_name, record_id, subject_id, after)
    SELECT stamp, actor, 'insert', TG_TABLE_NAME, r.a ->> key_column, r.a ->> subject_column, r.a
    FROM (SELECT to_jsonb(n) - 'password_hash' - 'token_hash' - 'search_text' AS a FROM new_rows n) r;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit_log (at, actor_id, action, table_name, record_id, subject_id, before, after)
    SELECT stamp, actor, 'update', TG_TABLE_NAME, y.a ->> key_column, y.a ->> subject_column, x.b, y.a
    FROM (SELECT to_jsonb(o) - 'password_hash' - 'token_hash' - 'search_text' AS b FROM old_rows o) x
    JOIN (SELECT to_jsonb(n) - 'password_hash' - 'token_hash' - 'search_text' AS a FROM new_rows n) y
      ON x.b ->> key_column = y.a ->> key_column
    WHERE x.b IS DISTINCT FROM y.a;
  ELSE
    INSERT INTO audit_log (at, actor_id, action, table_name, record_id, subject_id, before)
    SELECT stamp, actor, 'delete', TG_TABLE_NAME, r.b ->> key_column, r.b ->> subject_column, r.b
    FROM (SELECT to_jsonb(o) - 'password_hash' - 'token_hash' - 'search_text' AS b FROM old_rows o) r;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER members_audit_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER members_audit_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER members_audit_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER member_notes_audit_insert AFTER INSERT ON member_notes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER member_notes_audit_update AFTER UPDATE ON member_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER member_notes_audit_delete AFTER DELETE ON member_notes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER member_cases_audit_insert AFTER INSERT ON member_cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER member_cases_audit_update AFTER UPDATE ON member_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER member_cases_audit_delete AFTER DELETE ON member_cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'member_id');
--> statement-breakpoint
CREATE TRIGGER workplaces_audit_insert AFTER INSERT ON workplaces REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workplaces_audit_update AFTER UPDATE ON workplaces REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workplaces_audit_delete AFTER DELETE ON workplaces REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workplace_meetings_audit_insert AFTER INSERT ON workplace_meetings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'workplace_id');
--> statement-breakpoint
CREATE TRIGGER workplace_meetings_audit_update AFTER UPDATE ON workplace_meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'workplace_id');
--> statement-breakpoint
CREATE TRIGGER workplace_meetings_audit_delete AFTER DELETE ON workplace_meetings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'workplace_id');
--> statement-breakpoint
CREATE TRIGGER demands_audit_insert AFTER INSERT ON demands REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER demands_audit_update AFTER UPDATE ON demands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER demands_audit_delete AFTER DELETE ON demands REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER demand_members_audit_insert AFTER INSERT ON demand_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('member_id', 'demand_id');
--> statement-breakpoint
CREATE TRIGGER demand_members_audit_delete AFTER DELETE ON demand_members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('member_id', 'demand_id');
--> statement-breakpoint
CREATE TRIGGER demand_notes_audit_insert AFTER INSERT ON demand_notes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'demand_id');
--> statement-breakpoint
CREATE TRIGGER demand_notes_audit_update AFTER UPDATE ON demand_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'demand_id');
--> statement-breakpoint
CREATE TRIGGER demand_notes_audit_delete AFTER DELETE ON demand_notes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'demand_id');
--> statement-breakpoint
CREATE TRIGGER tasks_audit_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'subject_id');
--> statement-breakpoint
CREATE TRIGGER tasks_audit_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'subject_id');
--> statement-breakpoint
CREATE TRIGGER tasks_audit_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'subject_id');
--> statement-breakpoint
CREATE TRIGGER users_audit_insert AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER users_audit_update AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER users_audit_delete AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER user_workplaces_audit_insert AFTER INSERT ON user_workplaces REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('user_id', 'workplace_id');
--> statement-breakpoint
CREATE TRIGGER user_workplaces_audit_delete AFTER DELETE ON user_workplaces REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('user_id', 'workplace_id');
--> statement-breakpoint
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workflow_rules_audit_insert AFTER INSERT ON workflow_rules REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workflow_rules_audit_update AFTER UPDATE ON workflow_rules REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER workflow_rules_audit_delete AFTER DELETE ON workflow_rules REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER api_tokens_audit_insert AFTER INSERT ON api_tokens REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER api_tokens_audit_update AFTER UPDATE ON api_tokens REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER api_tokens_audit_delete AFTER DELETE ON api_tokens REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER handovers_audit_insert AFTER INSERT ON handovers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'from_user_id');
--> statement-breakpoint
CREATE TRIGGER handovers_audit_delete AFTER DELETE ON handovers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'from_user_id');
--> statement-breakpoint
-- The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks. Where the
-- deployment connects with a role that does not own the tables, it also lacks the privileges.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kumiai_forbid_update();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_forbid_update();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
--> statement-breakpoint
-- A handover is never edited (its members go with an erased member).
CREATE TRIGGER handovers_append_only BEFORE UPDATE ON handovers
  FOR EACH ROW EXECUTE FUNCTION kumiai_forbid_update();
