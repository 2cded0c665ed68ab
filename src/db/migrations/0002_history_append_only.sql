-- History rows are never edited (SPEC §3): the database refuses an UPDATE on them.
-- Deletes stay possible so that erasing a member removes their personal data.
CREATE FUNCTION kumiai_forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER engagement_history_append_only BEFORE UPDATE ON engagement_history
  FOR EACH ROW EXECUTE FUNCTION kumiai_forbid_update();
--> statement-breakpoint
CREATE TRIGGER atmosphere_history_append_only BEFORE UPDATE ON atmosphere_history
  FOR EACH ROW EXECUTE FUNCTION kumiai_forbid_update();
--> statement-breakpoint
-- The organization's settings are one row, present from the start.
INSERT INTO settings (id) VALUES (1) ON CONFLICT DO NOTHING;
