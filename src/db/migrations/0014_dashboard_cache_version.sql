-- The dashboards' cache key (services/dashboards/cache.ts): a counter that moves
-- when a transaction that changed any table the dashboards read commits. The
-- bump runs at commit (deferred constraint triggers), once per transaction, so
-- the counter row is locked only for the instant of the commit: long imports do
-- not hold other writers up. A cached figure is keyed by the counter read before
-- its queries ran, so it is never older than its key.
CREATE TABLE "kumiai_data_versions" (
  "name" text PRIMARY KEY,
  "version" bigint NOT NULL DEFAULT 1
);
--> statement-breakpoint
INSERT INTO "kumiai_data_versions" ("name") VALUES ('dashboards');
--> statement-breakpoint
CREATE FUNCTION kumiai_bump_dashboards_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kumiai.dashboards_bumped', true) IS DISTINCT FROM '1' THEN
    PERFORM set_config('kumiai.dashboards_bumped', '1', true);
    UPDATE kumiai_data_versions SET version = version + 1 WHERE name = 'dashboards';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER members_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "members"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER members_dashboards_version_truncate AFTER TRUNCATE ON "members"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER member_cases_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "member_cases"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER member_cases_dashboards_version_truncate AFTER TRUNCATE ON "member_cases"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER engagement_history_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "engagement_history"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER engagement_history_dashboards_version_truncate AFTER TRUNCATE ON "engagement_history"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER workplaces_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "workplaces"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER workplaces_dashboards_version_truncate AFTER TRUNCATE ON "workplaces"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER demands_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "demands"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER demands_dashboards_version_truncate AFTER TRUNCATE ON "demands"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER demand_members_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "demand_members"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER demand_members_dashboards_version_truncate AFTER TRUNCATE ON "demand_members"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "users"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER users_dashboards_version_truncate AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER settings_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "settings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER settings_dashboards_version_truncate AFTER TRUNCATE ON "settings"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER monthly_snapshots_dashboards_version AFTER INSERT OR UPDATE OR DELETE ON "monthly_snapshots"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kumiai_bump_dashboards_version();
--> statement-breakpoint
CREATE TRIGGER monthly_snapshots_dashboards_version_truncate AFTER TRUNCATE ON "monthly_snapshots"
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_bump_dashboards_version();
