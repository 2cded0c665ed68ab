-- The audit trigger's UPDATE branch is planned per statement (issue: import).
CREATE OR REPLACE FUNCTION kumiai_audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- Dynamic SQL: planned for this statement's transition tables. A static query's plan
    -- is cached per connection, and one made for a one-row PATCH (a nested loop over the
    -- old × new rows) turned a 10,000-row import update into minutes.
    EXECUTE $q$
      INSERT INTO audit_log (at, actor_id, action, table_name, record_id, subject_id, before, after)
      SELECT $1, $2, 'update', $3, y.a ->> $4, y.a ->> $5, x.b, y.a
      FROM (SELECT to_jsonb(o) - 'password_hash' - 'token_hash' - 'search_text' AS b FROM old_rows o) x
      JOIN (SELECT to_jsonb(n) - 'password_hash' - 'token_hash' - 'search_text' AS a FROM new_rows n) y
        ON x.b ->> $4 = y.a ->> $4
      WHERE x.b IS DISTINCT FROM y.a
    $q$ USING stamp, actor, TG_TABLE_NAME, key_column, subject_column;
  ELSE
    INSERT INTO audit_log (at, actor_id, action, table_name, record_id, subject_id, before)
    SELECT stamp, actor, 'delete', TG_TABLE_NAME, r.b ->> key_column, r.b ->> subject_column, r.b
    FROM (SELECT to_jsonb(o) - 'password_hash' - 'token_hash' - 'search_text' AS b FROM old_rows o) r;
  END IF;
  RETURN NULL;
END;
$$;
