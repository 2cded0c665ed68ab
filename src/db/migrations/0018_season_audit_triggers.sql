-- Bargaining seasons (migration 0017) are audited like every other record: the statement-level
-- triggers of migration 0009 write one audit row per inserted, changed or deleted season.
CREATE TRIGGER bargaining_seasons_audit_insert AFTER INSERT ON bargaining_seasons REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER bargaining_seasons_audit_update AFTER UPDATE ON bargaining_seasons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
--> statement-breakpoint
CREATE TRIGGER bargaining_seasons_audit_delete AFTER DELETE ON bargaining_seasons REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('id', 'id');
