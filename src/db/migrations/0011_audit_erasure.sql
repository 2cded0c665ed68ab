-- Erasure and import mappings (issue: import, export and data protection).
CREATE TRIGGER import_mappings_audit_insert AFTER INSERT ON import_mappings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER import_mappings_audit_update AFTER UPDATE ON import_mappings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER import_mappings_audit_delete AFTER DELETE ON import_mappings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
-- 2. Erasure of a member (right to be forgotten) must also remove their personal data
-- from the audit trail, which is otherwise append-only. The only way to change audit rows
-- is kumiai_redact_audit(subject): it replaces the recorded values of every row about
-- that record with a marker, keeping who did what and when. It runs with its owner's
-- rights (SECURITY DEFINER), so a server role without UPDATE on audit_log can call it,
-- but can make no other change.
CREATE FUNCTION kumiai_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('kumiai.redacting', true) = 'on'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.action = OLD.action AND NEW.table_name IS NOT DISTINCT FROM OLD.table_name
     AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id
     AND (NEW.before IS NULL OR NEW.before = '{"erased": true}'::jsonb)
     AND (NEW.after IS NULL OR NEW.after = '{"erased": true}'::jsonb)
     AND (NEW.details IS NULL OR NEW.details = '{"erased": true}'::jsonb) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kumiai_audit_guard();
--> statement-breakpoint
CREATE FUNCTION kumiai_redact_audit(subject text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  redacted integer;
BEGIN
  PERFORM set_config('kumiai.redacting', 'on', true);
  UPDATE audit_log SET
    before = CASE WHEN before IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END,
    after = CASE WHEN after IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END,
    details = CASE WHEN details IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END
  WHERE record_id = subject OR subject_id = subject;
  GET DIAGNOSTICS redacted = ROW_COUNT;
  PERFORM set_config('kumiai.redacting', 'off', true);
  RETURN redacted;
END;
$$;
