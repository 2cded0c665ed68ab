-- The monthly dashboard's at-risk trend (離脱リスクの推移) kept with each change (issue 20).
-- A month counts the members whose engagement was at_risk at its cut-off: a history row into
-- at_risk holds until the member's next row (a spell). Working that out read every at-risk
-- history row ever and looked up each one's next row (2.5 s at 1M members). This table keeps
-- each spell with its end (infinity while it lasts) and the member's columns the count
-- filters on (scope, membership at a day's end), so the trend reads the spells that overlap
-- its months and nothing else. History inserts and deletes work their members' spells out
-- again from the history; member updates copy the changed columns. Derived: not backed up,
-- rebuilt after a restore (kumiai_rebuild_risk_spells).
CREATE TABLE kumiai_risk_spells (
  member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  -- The member's, as the counters key them (no workplace / no owner: the nil uuid).
  workplace_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  union_role union_role NOT NULL,
  joined_on date,
  left_on date,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX kumiai_risk_spells_member_idx ON kumiai_risk_spells (member_id);
--> statement-breakpoint
CREATE INDEX kumiai_risk_spells_end_idx ON kumiai_risk_spells (end_at, start_at);
--> statement-breakpoint
-- Every spell as the history has it: the rows into at_risk, each ending at the member's next
-- row (an empty spell covers no instant and is left out), with the member's columns. What the
-- table keeps, worked out again: the refresh and the rebuild below, and the tests' check
-- (figure-counts.ts). A condition on member_id reaches the history's index (it is the window's
-- partition), so a few members' spells read only their rows.
CREATE VIEW kumiai_risk_spells_from_history AS
SELECT s.member_id, s.start_at, s.end_at,
       coalesce(m.workplace_id, '00000000-0000-0000-0000-000000000000') AS workplace_id,
       coalesce(m.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id,
       m.union_role, m.joined_on, m.left_on, m.created_at
  FROM (
    SELECT h.member_id, h."to", h.changed_at AS start_at,
           coalesce(lead(h.changed_at) OVER (PARTITION BY h.member_id ORDER BY h.changed_at, h.seq),
                    'infinity') AS end_at
      FROM engagement_history h) s
  JOIN members m ON m.id = s.member_id
 WHERE s."to" = 'at_risk' AND s.end_at > s.start_at;
--> statement-breakpoint
-- Some members' spells, worked out again from their history.
CREATE FUNCTION kumiai_refresh_risk_spells(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(ids), 0) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM kumiai_risk_spells WHERE member_id = ANY (ids);
  INSERT INTO kumiai_risk_spells
  SELECT * FROM kumiai_risk_spells_from_history WHERE member_id = ANY (ids) ORDER BY member_id, start_at;
END $$;
--> statement-breakpoint
-- The members whose spells a statement's history rows can change: those with a row into
-- at_risk, and those with spells already (a row before, between or after them moves an end).
CREATE FUNCTION kumiai_history_risk_spells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kumiai_refresh_risk_spells(ARRAY(
      SELECT DISTINCT h.member_id FROM new_rows h
       WHERE h."to" = 'at_risk'
          OR EXISTS (SELECT 1 FROM kumiai_risk_spells s WHERE s.member_id = h.member_id)));
  ELSE
    PERFORM kumiai_refresh_risk_spells(ARRAY(
      SELECT DISTINCT h.member_id FROM old_rows h
       WHERE h."to" = 'at_risk'
          OR EXISTS (SELECT 1 FROM kumiai_risk_spells s WHERE s.member_id = h.member_id)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER engagement_history_risk_spells_insert AFTER INSERT ON engagement_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kumiai_history_risk_spells();
--> statement-breakpoint
CREATE TRIGGER engagement_history_risk_spells_delete AFTER DELETE ON engagement_history
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kumiai_history_risk_spells();
--> statement-breakpoint
-- History rows taken away (an erasure of a member's history, a merge moving rows to the member
-- kept) also change what migrations 0031 and 0032 keep from the history, which only inserts
-- refreshed: the current spell's start and the early warnings of those members.
CREATE FUNCTION kumiai_history_deleted_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT member_id FROM old_rows ORDER BY 1);
BEGIN
  DELETE FROM kumiai_at_risk_spells WHERE member_id = ANY (ids);
  INSERT INTO kumiai_at_risk_spells (member_id, since)
  SELECT m.id, max(h.changed_at) FROM members m
    JOIN engagement_history h ON h.member_id = m.id AND h."to" = 'at_risk' AND h."from" IS DISTINCT FROM 'at_risk'
   WHERE m.id = ANY (ids) AND m.engagement = 'at_risk'
   GROUP BY m.id ORDER BY 1;
  PERFORM kumiai_refresh_early_warnings(ids);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER engagement_history_deleted_figures AFTER DELETE ON engagement_history
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kumiai_history_deleted_figures();
--> statement-breakpoint
-- A member's scope and membership columns follow them onto their spells.
CREATE FUNCTION kumiai_members_risk_spells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kumiai_risk_spells s
     SET workplace_id = coalesce(y.workplace_id, '00000000-0000-0000-0000-000000000000'),
         owner_id = coalesce(y.owner_id, '00000000-0000-0000-0000-000000000000'),
         union_role = y.union_role, joined_on = y.joined_on, left_on = y.left_on, created_at = y.created_at
    FROM old_rows x JOIN new_rows y ON y.id = x.id
   WHERE s.member_id = y.id
     AND (x.workplace_id, x.owner_id, x.union_role, x.joined_on, x.left_on, x.created_at)
         IS DISTINCT FROM (y.workplace_id, y.owner_id, y.union_role, y.joined_on, y.left_on, y.created_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_risk_spells AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_members_risk_spells();
--> statement-breakpoint
-- Every spell from the tables (after a restore, which loads with triggers off; and here, once).
CREATE FUNCTION kumiai_rebuild_risk_spells() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kumiai_risk_spells;
  INSERT INTO kumiai_risk_spells SELECT * FROM kumiai_risk_spells_from_history;
END $$;
--> statement-breakpoint
SELECT kumiai_rebuild_risk_spells();
--> statement-breakpoint
-- History deleted before this migration (an erasure, a merge) may have left the current spells
-- (0031) and the kept early warnings (0032) behind: count again, and let the next reader build.
SELECT kumiai_rebuild_figure_counts();
--> statement-breakpoint
SELECT kumiai_reset_early_warnings();
