// Plain constants (no zod): the web app imports them for its filters and labels.

/**
 * Actions in the audit log: table writes recorded by the database triggers
 * (insert/update/delete) and events the application records itself.
 */
export const AUDIT_ACTIONS = [
  'insert',
  'update',
  'delete',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'denied',
  'read_sensitive',
  'export',
  'handover',
  'data_export',
  'erasure',
  'delete_demand',
  'link_members',
  'unlink_members',
  'import',
  'backup',
  'merge',
  'invite',
  'survey_link',
  'survey_answer',
  'apply_survey',
  'reject_suggestions',
  'bulk_members',
  'bulk_tasks',
  'bulk_workplaces',
  'password_changed',
  'password_change_failed',
  'totp_setup',
  'totp_enabled',
  'totp_disabled',
  'totp_disable_failed',
  'totp_reset',
  'calendar_feed_revoke',
  'mail_test',
  'digest_sent',
  'digest_failed',
  'sync',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The tables whose writes are audited (migration 0009; case_events: 0016; bargaining_seasons: 0018;
 * surveys, survey_demands: 0021 — invitations and answers are not, row by row; calendar_feeds:
 * 0025, insert and delete only; meeting_attendees: 0026, insert and delete only).
 */
export const AUDITED_TABLES = [
  'members',
  'member_notes',
  'member_cases',
  'case_events',
  'workplaces',
  'workplace_meetings',
  'demands',
  'demand_members',
  'demand_notes',
  'tasks',
  'users',
  'user_workplaces',
  'settings',
  'workflow_rules',
  'api_tokens',
  'handovers',
  'bargaining_seasons',
  'surveys',
  'survey_demands',
  'custom_fields',
  'saved_views',
  'calendar_feeds',
  'meeting_attendees',
] as const;

/** Columns an update changes on every write: not worth listing among the changes. */
export const BOOKKEEPING_FIELDS = ['updatedAt', 'version'] as const;
