-- The access rule of db/queries/ownership.ts, applied once to the data written before it:
-- a workplace rep owns only members and workplaces of their workplaces, and holds open tasks
-- about those only. Ownership a rep could not see is cleared (the member then appears among
-- those without an owner, for an officer to take on), and the rep's open tasks about such a
-- member or workplace go back to the unassigned pile. Done tasks keep who did them; the
-- task scope already hides them from the rep. The audit triggers record every row changed.
UPDATE "members" m SET "owner_id" = NULL, "version" = m."version" + 1, "updated_at" = now()
  FROM "users" u
 WHERE u."id" = m."owner_id" AND u."role" = 'rep'
   AND NOT EXISTS (SELECT 1 FROM "user_workplaces" uw WHERE uw."user_id" = u."id" AND uw."workplace_id" = m."workplace_id");
--> statement-breakpoint
UPDATE "workplaces" w SET "owner_id" = NULL, "version" = w."version" + 1, "updated_at" = now()
  FROM "users" u
 WHERE u."id" = w."owner_id" AND u."role" = 'rep'
   AND NOT EXISTS (SELECT 1 FROM "user_workplaces" uw WHERE uw."user_id" = u."id" AND uw."workplace_id" = w."id");
--> statement-breakpoint
UPDATE "tasks" t SET "assignee_id" = NULL, "version" = t."version" + 1, "updated_at" = now()
  FROM "users" u
 WHERE u."id" = t."assignee_id" AND u."role" = 'rep' AND t."status" = 'open'
   AND (
     (t."subject_type" = 'member' AND EXISTS (
        SELECT 1 FROM "members" sm WHERE sm."id" = t."subject_id"
           AND NOT EXISTS (SELECT 1 FROM "user_workplaces" uw WHERE uw."user_id" = u."id" AND uw."workplace_id" = sm."workplace_id")))
     OR (t."subject_type" = 'workplace'
        AND NOT EXISTS (SELECT 1 FROM "user_workplaces" uw WHERE uw."user_id" = u."id" AND uw."workplace_id" = t."subject_id"))
   );
