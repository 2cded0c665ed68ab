-- The dashboards' figures kept up to date in each change's transaction (issue 20), so a
-- dashboard after a change sums a few thousand counter rows instead of counting a million
-- members. Two figures:
--   kumiai_member_counts: members by workplace, owner, engagement, status, organizing target
--     or not, and whether a leaving day is set (the workplace map, organization rates, the
--     live month's member counts);
--   kumiai_demand_counts: counted members (active, not organizing targets) linked to each
--     demand, by workplace and owner (relatedMemberCount for every scope).
-- The nil uuid stands for "no workplace" / "no owner" (a primary key column cannot be null).
--
-- Writers never update a counter row: statement-level triggers (transition tables, one
-- INSERT … SELECT per statement, whatever its size) append signed deltas to the *_deltas
-- tables, which have no key, so concurrent writers and a long import never wait on each
-- other. Readers sum counts and deltas; kumiai_fold_figure_counts() moves the deltas into
-- the counts (one DELETE … RETURNING and one upsert, in one transaction) from time to time.
-- Not in backups (derived): a restore rebuilds them with kumiai_rebuild_figure_counts().
CREATE TABLE kumiai_member_counts (
  workplace_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  engagement text NOT NULL,
  status text NOT NULL,
  organizing_target boolean NOT NULL,
  has_left_on boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (workplace_id, owner_id, engagement, status, organizing_target, has_left_on)
);
--> statement-breakpoint
CREATE TABLE kumiai_member_count_deltas (
  workplace_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  engagement text NOT NULL,
  status text NOT NULL,
  organizing_target boolean NOT NULL,
  has_left_on boolean NOT NULL,
  n integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE kumiai_demand_counts (
  demand_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (demand_id, workplace_id, owner_id)
);
--> statement-breakpoint
CREATE TABLE kumiai_demand_count_deltas (
  demand_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  n integer NOT NULL
);
--> statement-breakpoint
-- 要注意 (attrition risk) in its list's order: each member now at_risk, with the start of the
-- current spell (the latest history row that moved them to at_risk from another value). The
-- list reads the first rows of the `since` index instead of every at-risk member's history.
CREATE TABLE kumiai_at_risk_spells (
  member_id uuid PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  since timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX kumiai_at_risk_spells_since_idx ON kumiai_at_risk_spells (since, member_id);
--> statement-breakpoint
-- The members (with their counter columns) whose counted state a statement changed.
CREATE FUNCTION kumiai_members_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kumiai_member_count_deltas
    SELECT coalesce(workplace_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(owner_id, '00000000-0000-0000-0000-000000000000'),
           engagement::text, status::text, union_role = 'organizing_target', left_on IS NOT NULL, count(*)::int
      FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6;
    -- A new member has no demand links yet (demand_members references the row).
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kumiai_member_count_deltas
    SELECT coalesce(workplace_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(owner_id, '00000000-0000-0000-0000-000000000000'),
           engagement::text, status::text, union_role = 'organizing_target', left_on IS NOT NULL, -count(*)::int
      FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6;
    -- Links went first (kumiai_members_unlink_before_delete), while the member still existed.
  ELSE
    INSERT INTO kumiai_member_count_deltas
    SELECT w, o, e, s, t, l, sum(d)::int FROM (
      SELECT coalesce(x.workplace_id, '00000000-0000-0000-0000-000000000000') AS w,
             coalesce(x.owner_id, '00000000-0000-0000-0000-000000000000') AS o,
             x.engagement::text AS e, x.status::text AS s, x.union_role = 'organizing_target' AS t,
             x.left_on IS NOT NULL AS l, -1 AS d
        FROM old_rows x JOIN new_rows y ON y.id = x.id
       WHERE (x.workplace_id, x.owner_id, x.engagement, x.status, x.union_role = 'organizing_target', x.left_on IS NULL)
             IS DISTINCT FROM
             (y.workplace_id, y.owner_id, y.engagement, y.status, y.union_role = 'organizing_target', y.left_on IS NULL)
      UNION ALL
      SELECT coalesce(y.workplace_id, '00000000-0000-0000-0000-000000000000'),
             coalesce(y.owner_id, '00000000-0000-0000-0000-000000000000'),
             y.engagement::text, y.status::text, y.union_role = 'organizing_target', y.left_on IS NOT NULL, 1
        FROM old_rows x JOIN new_rows y ON y.id = x.id
       WHERE (x.workplace_id, x.owner_id, x.engagement, x.status, x.union_role = 'organizing_target', x.left_on IS NULL)
             IS DISTINCT FROM
             (y.workplace_id, y.owner_id, y.engagement, y.status, y.union_role = 'organizing_target', y.left_on IS NULL)
    ) d GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0;
    -- A member's links count where the member counts: moved when counted-ness, workplace or owner changed.
    INSERT INTO kumiai_demand_count_deltas
    SELECT demand_id, w, o, sum(d)::int FROM (
      SELECT dm.demand_id,
             coalesce(x.workplace_id, '00000000-0000-0000-0000-000000000000') AS w,
             coalesce(x.owner_id, '00000000-0000-0000-0000-000000000000') AS o, -1 AS d
        FROM old_rows x JOIN new_rows y ON y.id = x.id JOIN demand_members dm ON dm.member_id = x.id
       WHERE x.status = 'active' AND x.union_role <> 'organizing_target'
         AND (y.status, y.union_role = 'organizing_target', y.workplace_id, y.owner_id)
             IS DISTINCT FROM ('active', false, x.workplace_id, x.owner_id)
      UNION ALL
      SELECT dm.demand_id,
             coalesce(y.workplace_id, '00000000-0000-0000-0000-000000000000'),
             coalesce(y.owner_id, '00000000-0000-0000-0000-000000000000'), 1
        FROM old_rows x JOIN new_rows y ON y.id = x.id JOIN demand_members dm ON dm.member_id = y.id
       WHERE y.status = 'active' AND y.union_role <> 'organizing_target'
         AND (x.status, x.union_role = 'organizing_target', x.workplace_id, x.owner_id)
             IS DISTINCT FROM ('active', false, y.workplace_id, y.owner_id)
    ) d GROUP BY 1, 2, 3 HAVING sum(d) <> 0;
    -- Leaving at_risk ends the spell; entering it starts one at the latest history row into it
    -- (the history row may come before or after this update in the transaction: both orders work).
    DELETE FROM kumiai_at_risk_spells s USING old_rows x JOIN new_rows y ON y.id = x.id
     WHERE s.member_id = y.id AND x.engagement = 'at_risk' AND y.engagement <> 'at_risk';
    INSERT INTO kumiai_at_risk_spells (member_id, since)
    SELECT y.id, h.since
      FROM old_rows x JOIN new_rows y ON y.id = x.id
     CROSS JOIN LATERAL (
       SELECT max(e.changed_at) AS since FROM engagement_history e
        WHERE e.member_id = y.id AND e."to" = 'at_risk' AND e."from" IS DISTINCT FROM 'at_risk') h
     WHERE x.engagement <> 'at_risk' AND y.engagement = 'at_risk' AND h.since IS NOT NULL
     ORDER BY 1
    ON CONFLICT (member_id) DO UPDATE SET since = excluded.since;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_figures_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_members_figures();
--> statement-breakpoint
-- A member's links are removed before the member (what ON DELETE CASCADE would do after):
-- the links' trigger then still finds the member's workplace and owner to count them out.
-- Row-level, but members are deleted rarely (a merge, an erasure) and one at a time.
CREATE FUNCTION kumiai_members_unlink_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM demand_members WHERE member_id = OLD.id;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_unlink_before_delete BEFORE DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION kumiai_members_unlink_before_delete();
--> statement-breakpoint
CREATE FUNCTION kumiai_demand_members_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO kumiai_demand_count_deltas
    SELECT l.demand_id, coalesce(m.workplace_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(m.owner_id, '00000000-0000-0000-0000-000000000000'), -count(*)::int
      FROM old_rows l JOIN members m ON m.id = l.member_id
     WHERE m.status = 'active' AND m.union_role <> 'organizing_target'
     GROUP BY 1, 2, 3;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO kumiai_demand_count_deltas
    SELECT l.demand_id, coalesce(m.workplace_id, '00000000-0000-0000-0000-000000000000'),
           coalesce(m.owner_id, '00000000-0000-0000-0000-000000000000'), count(*)::int
      FROM new_rows l JOIN members m ON m.id = l.member_id
     WHERE m.status = 'active' AND m.union_role <> 'organizing_target'
     GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER demand_members_figures_insert AFTER INSERT ON demand_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_demand_members_figures();
--> statement-breakpoint
CREATE TRIGGER demand_members_figures_update AFTER UPDATE ON demand_members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_demand_members_figures();
--> statement-breakpoint
CREATE TRIGGER demand_members_figures_delete AFTER DELETE ON demand_members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_demand_members_figures();
--> statement-breakpoint
CREATE FUNCTION kumiai_history_at_risk_spells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kumiai_at_risk_spells (member_id, since)
  SELECT h.member_id, max(h.changed_at)
    FROM new_rows h JOIN members m ON m.id = h.member_id
   WHERE h."to" = 'at_risk' AND h."from" IS DISTINCT FROM 'at_risk' AND m.engagement = 'at_risk'
   GROUP BY h.member_id ORDER BY 1
  ON CONFLICT (member_id) DO UPDATE SET since = greatest(kumiai_at_risk_spells.since, excluded.since);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER engagement_history_at_risk_spells AFTER INSERT ON engagement_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_history_at_risk_spells();
--> statement-breakpoint
-- Moves the deltas into the counts. Deltas of transactions still running are not visible
-- here, so they are neither deleted nor counted: they are folded by a later call.
-- One fold at a time (a transaction-level lock, so it works through a transaction pooler);
-- a caller that finds one running goes on without waiting: readers sum the deltas anyway.
CREATE FUNCTION kumiai_fold_figure_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('kumiai_fold_figure_counts')) THEN
    RETURN;
  END IF;
  WITH moved AS (DELETE FROM kumiai_member_count_deltas RETURNING *)
  INSERT INTO kumiai_member_counts AS c
  SELECT workplace_id, owner_id, engagement, status, organizing_target, has_left_on, sum(n)::int
    FROM moved GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (workplace_id, owner_id, engagement, status, organizing_target, has_left_on)
  DO UPDATE SET n = c.n + excluded.n;
  WITH moved AS (DELETE FROM kumiai_demand_count_deltas RETURNING *)
  INSERT INTO kumiai_demand_counts AS c
  SELECT demand_id, workplace_id, owner_id, sum(n)::int FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (demand_id, workplace_id, owner_id) DO UPDATE SET n = c.n + excluded.n;
  -- Rows at 0 stay (a key that empties is often filled again); a rebuild drops them.
END $$;
--> statement-breakpoint
-- Counts from scratch (after a restore, which loads with triggers off; and here, once).
CREATE FUNCTION kumiai_rebuild_figure_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kumiai_member_count_deltas;
  DELETE FROM kumiai_member_counts;
  INSERT INTO kumiai_member_counts
  SELECT coalesce(workplace_id, '00000000-0000-0000-0000-000000000000'),
         coalesce(owner_id, '00000000-0000-0000-0000-000000000000'),
         engagement::text, status::text, union_role = 'organizing_target', left_on IS NOT NULL, count(*)::int
    FROM members GROUP BY 1, 2, 3, 4, 5, 6;
  DELETE FROM kumiai_demand_count_deltas;
  DELETE FROM kumiai_demand_counts;
  INSERT INTO kumiai_demand_counts
  SELECT l.demand_id, coalesce(m.workplace_id, '00000000-0000-0000-0000-000000000000'),
         coalesce(m.owner_id, '00000000-0000-0000-0000-000000000000'), count(*)::int
    FROM demand_members l JOIN members m ON m.id = l.member_id
   WHERE m.status = 'active' AND m.union_role <> 'organizing_target'
   GROUP BY 1, 2, 3;
  DELETE FROM kumiai_at_risk_spells;
  INSERT INTO kumiai_at_risk_spells (member_id, since)
  SELECT m.id, max(h.changed_at) FROM members m
    JOIN engagement_history h ON h.member_id = m.id AND h."to" = 'at_risk' AND h."from" IS DISTINCT FROM 'at_risk'
   WHERE m.engagement = 'at_risk'
   GROUP BY m.id;
END $$;
--> statement-breakpoint
SELECT kumiai_rebuild_figure_counts();
--> statement-breakpoint
-- The live month's corrections (members leaving after a day) read this index, not the table.
-- Members joining later than a day, or recorded later without a join date, are read from
-- members_joined_on_idx and this one.
CREATE INDEX members_left_on_idx ON members (left_on) WHERE left_on IS NOT NULL;
--> statement-breakpoint
CREATE INDEX members_created_without_join_idx ON members (created_at) WHERE joined_on IS NULL;
--> statement-breakpoint
-- 今週期日の次のアクション: the page in (due day, name) order and its count from one index,
-- whatever number of members share a due day.
CREATE INDEX members_due_next_action_idx ON members (next_action_due_on, (name COLLATE "C"), id)
  WHERE status = 'active' AND next_action_due_on IS NOT NULL;
