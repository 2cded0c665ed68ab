-- 早期警告 (early warnings) kept with each change (issue 20). A member is an early warning when
-- their engagement now is two or more steps colder than at the baseline (the end of the day 90
-- days back): the value before their first history row since then. Working that out reads
-- every history row of the 90 days (150,000 at 1M members). This table keeps it for one
-- baseline, the day's: each member with a history row since the baseline, the value then,
-- how many steps colder they are now, and their latest cooling since the baseline. History
-- inserts refresh their members' rows, an engagement change their steps; when the day turns,
-- the first reader rebuilds it for the new baseline (db/queries/early-warnings.ts).
CREATE FUNCTION kumiai_engagement_step(value engagement) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT array_position(ARRAY['active_core', 'regular', 'occasional', 'rare', 'indifferent', 'at_risk']::engagement[], value) - 1
$$;
--> statement-breakpoint
CREATE TABLE kumiai_early_warning_baselines (
  member_id uuid PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  before_value engagement NOT NULL,
  steps integer NOT NULL,
  cooled_at timestamptz,
  -- The member's engagement now and whether they count (active, not an organizing target),
  -- kept with them so the page and its count need no pass over members.
  engagement engagement NOT NULL,
  counted boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX kumiai_early_warning_baselines_steps_idx
  ON kumiai_early_warning_baselines (steps DESC, cooled_at DESC NULLS LAST) WHERE steps > 0 AND counted;
--> statement-breakpoint
-- The baseline the rows are for (null: never built; readers build it).
CREATE TABLE kumiai_early_warning_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  baseline timestamptz
);
--> statement-breakpoint
INSERT INTO kumiai_early_warning_state (baseline) VALUES (NULL);
--> statement-breakpoint
-- The rows of some members, worked out again from their history for the kept baseline.
CREATE FUNCTION kumiai_refresh_early_warnings(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b timestamptz;
BEGIN
  -- Waits for a rebuild under way, then reads the baseline it set.
  LOCK TABLE kumiai_early_warning_baselines IN ROW EXCLUSIVE MODE;
  b := (SELECT baseline FROM kumiai_early_warning_state);
  IF b IS NULL THEN
    RETURN;
  END IF;
  DELETE FROM kumiai_early_warning_baselines WHERE member_id = ANY (ids);
  INSERT INTO kumiai_early_warning_baselines (member_id, before_value, steps, cooled_at, engagement, counted)
  SELECT m.id, f.before_value,
         kumiai_engagement_step(m.engagement) - kumiai_engagement_step(f.before_value),
         (SELECT max(c.changed_at) FROM engagement_history c
           WHERE c.member_id = m.id AND c.changed_at >= b
             AND kumiai_engagement_step(c."to") > kumiai_engagement_step(c."from")),
         m.engagement, m.status = 'active' AND m.union_role <> 'organizing_target'
    FROM members m
    CROSS JOIN LATERAL (
      SELECT coalesce(h."from", h."to") AS before_value FROM engagement_history h
       WHERE h.member_id = m.id AND h.changed_at >= b
       ORDER BY h.changed_at, h.seq LIMIT 1) f
   WHERE m.id = ANY (ids)
   ORDER BY m.id;
END $$;
--> statement-breakpoint
-- Every member's row for a new baseline (once a day, by the first reader).
CREATE FUNCTION kumiai_rebuild_early_warnings(b timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Writers' refreshes wait for the rebuild (and it for them): none is computed for the old baseline after it.
  LOCK TABLE kumiai_early_warning_baselines IN EXCLUSIVE MODE;
  IF (SELECT baseline FROM kumiai_early_warning_state) IS NOT DISTINCT FROM b THEN
    RETURN; -- another reader built it meanwhile
  END IF;
  UPDATE kumiai_early_warning_state SET baseline = b;
  DELETE FROM kumiai_early_warning_baselines;
  INSERT INTO kumiai_early_warning_baselines (member_id, before_value, steps, cooled_at, engagement, counted)
  SELECT m.id, f.before_value,
         kumiai_engagement_step(m.engagement) - kumiai_engagement_step(f.before_value), f.cooled_at,
         m.engagement, m.status = 'active' AND m.union_role <> 'organizing_target'
    FROM (
      SELECT DISTINCT ON (h.member_id) h.member_id, coalesce(h."from", h."to") AS before_value,
             max(h.changed_at) FILTER (WHERE kumiai_engagement_step(h."to") > kumiai_engagement_step(h."from"))
               OVER (PARTITION BY h.member_id) AS cooled_at
        FROM engagement_history h
       WHERE h.changed_at >= b
       ORDER BY h.member_id, h.changed_at, h.seq) f
    JOIN members m ON m.id = f.member_id;
END $$;
--> statement-breakpoint
CREATE FUNCTION kumiai_history_early_warnings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kumiai_refresh_early_warnings(ARRAY(SELECT DISTINCT member_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER engagement_history_early_warnings AFTER INSERT ON engagement_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_history_early_warnings();
--> statement-breakpoint
-- An engagement change moves the member's steps (its history row refreshes the rest); a change
-- of status or role whether they count.
CREATE FUNCTION kumiai_members_early_warnings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kumiai_early_warning_baselines k
     SET steps = kumiai_engagement_step(y.engagement) - kumiai_engagement_step(k.before_value),
         engagement = y.engagement,
         counted = y.status = 'active' AND y.union_role <> 'organizing_target'
    FROM old_rows x JOIN new_rows y ON y.id = x.id
   WHERE k.member_id = y.id
     AND (x.engagement, x.status, x.union_role) IS DISTINCT FROM (y.engagement, y.status, y.union_role);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_early_warnings AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_members_early_warnings();
--> statement-breakpoint
-- Forgets the kept rows (a restore loads with triggers off): the next reader builds them.
CREATE FUNCTION kumiai_reset_early_warnings() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE kumiai_early_warning_baselines IN EXCLUSIVE MODE;
  UPDATE kumiai_early_warning_state SET baseline = NULL;
  DELETE FROM kumiai_early_warning_baselines;
END $$;
