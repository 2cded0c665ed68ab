import type { StaffRole } from '../enums';

/**
 * Who may do what (the access matrix). Roles grant permissions; a rep's reach is
 * further limited to the workplaces set on their user (their scope). Out-of-scope
 * records answer 404 (their existence must not leak), forbidden actions 403.
 * A rep owns (担当者) and sees tasks about members and workplaces of their
 * workplaces only (db/queries/ownership.ts, taskScopeSql).
 *
 * |                                  | admin | officer | executive | rep                      |
 * |----------------------------------|-------|---------|-----------|--------------------------|
 * | members, workplaces, notes       | write | write   | read      | own workplaces: read     |
 * | members' contact details         | write | write   | none      | own workplaces: read     |
 * | add notes, change engagement     | yes   | yes     | no        | own workplaces           |
 * | record meetings and attendance   | yes   | yes     | no        | own workplaces           |
 * | change a workplace's atmosphere  | yes   | yes     | no        | own workplaces           |
 * | edit, move, delete a note        | any   | any     | no        | own notes, own workplaces |
 * | sensitive cases                  | all   | all     | none      | none                     |
 * | demands                          | write | write   | write     | read, link own members   |
 * | bargaining seasons (交渉シーズン)   | write | write   | read      | read                     |
 * | dashboards                       | all   | all     | all       | own workplaces           |
 * | tasks                            | all   | own + unassigned | own | own, own workplaces  |
 * | users, settings, rules, audit    | yes   | no      | no        | no                       |
 * | export, handover                 | yes   | yes     | no        | no                       |
 * | merge duplicate members (統合)    | yes   | yes     | no        | no                       |
 * | surveys: build, invite, apply    | yes   | yes     | no        | no                       |
 * | surveys: read, results, progress | yes   | yes     | yes       | own workplaces' progress |
 * | surveys: track (links, slips,    | yes   | yes     | no        | own workplaces           |
 * |   who has not answered, paper)   |       |         |           |                          |
 *
 * Survey tracking never shows what anyone answered in an anonymous survey; a survey link's
 * token is not a staff credential (public routes take it; staff routes answer 401 to it).
 */
export const PERMISSIONS = [
  /** Create and change members, workplaces, meetings (delete them too), cases; edit any note. */
  'records.write',
  /** Add a note to a member in scope, and edit, move or delete one's own (see mayChangeNote). */
  'notes.create',
  /**
   * See members' contact details (phones, e-mail addresses, postal address, preferred channel)
   * in scope; changing them needs records.write. Without it they are absent from every answer:
   * member records, lists, search, exports, audit entries.
   */
  'contacts.read',
  /** Change a member's engagement (with its reason) in scope. */
  'engagement.change',
  /**
   * Change a workplace's atmosphere (with its reason) in scope: a workplace rep knows how their
   * workplace feels first-hand (issue 19); its other fields need records.write.
   */
  'atmosphere.change',
  /** Record and correct a workplace meeting (職場集会) and who attended, in scope (issue 19). */
  'meetings.record',
  /** See cases marked sensitive (harassment and other consultations). */
  'cases.sensitive',
  /** Create and change demands and their negotiation log. */
  'demands.write',
  /** Link and unlink members in scope to a demand. */
  'demands.link',
  /** Create, change and delete bargaining seasons (交渉シーズン); every role reads them. */
  'seasons.write',
  /** See every task (otherwise: own, plus unassigned with `tasks.unassigned`). */
  'tasks.all',
  'tasks.unassigned',
  /** Users, settings, workflow rules, audit log, snapshots. */
  'admin',
  'export',
  'handover',
  /** Merge two records of one person (notes, cases, history, links move; one is removed). */
  'members.merge',
  /** Create, change, close and delete surveys; invite, revoke and re-issue links; apply results. */
  'surveys.write',
  /** See surveys, their results (aggregates) and response rates. */
  'surveys.read',
  /** Track answering in scope: links and slips, who has not answered, paper answers. */
  'surveys.track',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  officer: [
    'records.write',
    'meetings.record',
    'contacts.read',
    'notes.create',
    'engagement.change',
    'atmosphere.change',
    'cases.sensitive',
    'demands.write',
    'demands.link',
    'seasons.write',
    'tasks.unassigned',
    'export',
    'handover',
    'members.merge',
    'surveys.write',
    'surveys.read',
    'surveys.track',
  ],
  executive: ['demands.write', 'demands.link', 'surveys.read'],
  rep: [
    'contacts.read',
    'notes.create',
    'engagement.change',
    'atmosphere.change',
    'meetings.record',
    'demands.link',
    'surveys.track',
  ],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose reach is limited to the workplaces set on the user. */
export function isWorkplaceScoped(role: StaffRole): boolean {
  return role === 'rep';
}

/**
 * What a signed-in user can reach. `workplaceIds: null` means every workplace
 * (and members with no workplace); a list means those workplaces only.
 */
export type Scope = {
  userId: string;
  role: StaffRole;
  workplaceIds: readonly string[] | null;
  sensitiveCases: boolean;
};

export function scopeOf(actor: { id: string; role: StaffRole; workplaceIds: readonly string[] }): Scope {
  return {
    userId: actor.id,
    role: actor.role,
    workplaceIds: isWorkplaceScoped(actor.role) ? actor.workplaceIds : null,
    sensitiveCases: can(actor.role, 'cases.sensitive'),
  };
}

/** Whether a record in this workplace (null: none) is within the scope. */
export function workplaceInScope(scope: Scope, workplaceId: string | null | undefined): boolean {
  if (scope.workplaceIds === null) return true;
  return workplaceId != null && scope.workplaceIds.includes(workplaceId);
}

/** Whether a case is visible: sensitive ones only to roles allowed to see them. */
export function caseVisible(scope: Scope, sensitive: boolean): boolean {
  return !sensitive || scope.sensitiveCases;
}

/**
 * Who may edit, move or delete a note: admins and officers any note (`records.write`),
 * its author while their role may still write notes (`notes.create`: a rep, not an
 * executive). The member (and a move's target) must be reachable as well.
 */
export function mayChangeNote(
  actor: { id: string; role: StaffRole },
  note: { authorId: string | null },
): boolean {
  if (can(actor.role, 'records.write')) return true;
  return can(actor.role, 'notes.create') && note.authorId !== null && note.authorId === actor.id;
}

/** Workplace fields a rep may change (the atmosphere with its reason); everything else needs records.write. */
export const ATMOSPHERE_FIELDS = ['atmosphere', 'atmosphereReason', 'version'] as const;

/** Member fields a rep may change (engagement with its reason); everything else needs records.write. */
export const ENGAGEMENT_FIELDS = ['engagement', 'engagementReason', 'version'] as const;
