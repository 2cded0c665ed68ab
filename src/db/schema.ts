import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ATMOSPHERES,
  CASE_EVENT_KINDS,
  CASE_STATUSES,
  DEMAND_NOTE_KINDS,
  ENGAGEMENTS,
  MEMBER_STATUSES,
  NEGOTIATION_STATUSES,
  NOTE_CHANNELS,
  PRIORITIES,
  STAFF_ROLES,
  TASK_STATUSES,
  TASK_SUBJECT_TYPES,
  UNION_ROLES,
} from '../core/enums';

export const engagementEnum = pgEnum('engagement', ENGAGEMENTS);
export const unionRoleEnum = pgEnum('union_role', UNION_ROLES);
export const atmosphereEnum = pgEnum('atmosphere', ATMOSPHERES);
export const priorityEnum = pgEnum('priority', PRIORITIES);
export const negotiationStatusEnum = pgEnum('negotiation_status', NEGOTIATION_STATUSES);
export const memberStatusEnum = pgEnum('member_status', MEMBER_STATUSES);
export const staffRoleEnum = pgEnum('staff_role', STAFF_ROLES);
export const noteChannelEnum = pgEnum('note_channel', NOTE_CHANNELS);
export const caseStatusEnum = pgEnum('case_status', CASE_STATUSES);
export const caseEventKindEnum = pgEnum('case_event_kind', CASE_EVENT_KINDS);
export const demandNoteKindEnum = pgEnum('demand_note_kind', DEMAND_NOTE_KINDS);
export const taskStatusEnum = pgEnum('task_status', TASK_STATUSES);
export const taskSubjectTypeEnum = pgEnum('task_subject_type', TASK_SUBJECT_TYPES);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** id, createdAt, updatedAt and version: every record has them (SPEC §3). */
const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

// ---------------------------------------------------------------- staff

export const users = pgTable(
  'users',
  {
    ...recordColumns(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: staffRoleEnum('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    /** The user's own UI language (null: the browser's, then Japanese). */
    language: text('language'),
    /** The e-mail digest the user chose: daily, weekly (Monday) or none. */
    digest: text('digest').notNull().default('none'),
    /** The daily digest's time of day in the organization's zone, HH:MM. */
    digestTime: text('digest_time').notNull().default('07:00'),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    check('users_language', sql`${t.language} is null or ${t.language} in ('ja', 'en')`),
    check('users_digest', sql`${t.digest} in ('daily', 'weekly', 'none')`),
    check('users_digest_time', sql`${t.digestTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

/**
 * A user's authenticator (two-step sign-in, TOTP RFC 6238). Kept apart from `users` so the
 * secret never reaches the audit trail and the last used step (replay guard) can change on every
 * sign-in without an audit row; enabling, disabling and resets are audited as events.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The shared secret, encrypted under the server secret (AES-256-GCM). */
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** Null while set up but not yet confirmed with a code. */
  enabledAt: ts('enabled_at'),
  /** The last time step a code was accepted for: a code is good once. */
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** One-time recovery codes of two-step sign-in: only their sha256 is kept. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('user_recovery_codes_user_idx').on(t.userId)],
);

/** The workplaces a rep (職場委員) account covers. */
export const userWorkplaces = pgTable(
  'user_workplaces',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workplaceId: uuid('workplace_id')
      .notNull()
      .references(() => workplaces.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.workplaceId] }),
    index('user_workplaces_workplace_idx').on(t.workplaceId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie value: a leaked table does not yield usable cookies.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    /** How the user's own session list names it (`DELETE /api/auth/sessions/:id`): not the cookie's hash. */
    publicId: uuid('public_id').notNull().defaultRandom(),
    /** The browser's User-Agent as sent at sign-in (cut to 300 characters), to tell sessions apart. */
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    uniqueIndex('sessions_public_id_unique').on(t.publicId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    failedAt: ts('failed_at').notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.failedAt),
    index('login_failures_ip_idx').on(t.ip, t.failedAt),
  ],
);

export const settings = pgTable(
  'settings',
  {
    id: integer('id').primaryKey().default(1),
    organizationName: text('organization_name').notNull().default('労働組合'),
    timezone: text('timezone').notNull().default('Asia/Tokyo'),
    shuntoStartOn: day('shunto_start_on'),
    milestoneYears: integer('milestone_years').array().notNull().default(sql`'{5,10,20}'::integer[]`),
    secretaryGeneralUserId: uuid('secretary_general_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    /** Breakdowns of anonymous surveys hide groups and cells smaller than this (k-anonymity). */
    surveyMinCell: integer('survey_min_cell').notNull().default(5),
    /** Roles whose users must sign in with a second step (an authenticator app). */
    totpRequiredRoles: staffRoleEnum('totp_required_roles')
      .array()
      .notNull()
      .default(sql`'{}'::staff_role[]`),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_survey_min_cell', sql`${t.surveyMinCell} between 2 and 100`),
  ],
);

// ---------------------------------------------------------------- workplaces

/** What the search box finds a workplace by: its name and reading, spaces dropped. */
export const workplaceSearchText: SQL = sql`translate(name, ' 　', '') || ' ' || translate(coalesce(name_kana, ''), ' 　', '')`;

export const workplaces = pgTable(
  'workplaces',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** The reading (よみ), for 職場名順: kanji names do not sort by code point. */
    nameKana: text('name_kana'),
    establishment: text('establishment'),
    employeeCount: integer('employee_count'),
    repMemberId: uuid('rep_member_id').references((): AnyPgColumn => members.id, { onDelete: 'set null' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    issues: text('issues'),
    atmosphere: atmosphereEnum('atmosphere').notNull().default('normal'),
    organizingStatus: text('organizing_status'),
    /** Values of the union's own fields (custom_fields with entity 'workplace'), by key. */
    customFields: jsonb('custom_fields').notNull().default({}),
  },
  (t) => [
    index('workplaces_custom_fields_idx').using('gin', sql`${t.customFields} jsonb_path_ops`),
    index('workplaces_search_trgm_idx').using('gin', sql`(${workplaceSearchText}) gin_trgm_ops`),
    index('workplaces_search_bigram_idx').using('gin', sql`kumiai_bigrams(${workplaceSearchText})`),
    uniqueIndex('workplaces_name_unique').on(t.name),
    index('workplaces_owner_idx').on(t.ownerId),
    index('workplaces_atmosphere_idx').on(t.atmosphere),
    index('workplaces_establishment_idx').on(t.establishment),
    index('workplaces_name_c_idx').on(sql`${t.name} COLLATE "C"`),
    index('workplaces_kana_idx').on(sql`${t.nameKana} COLLATE "C"`, sql`${t.name} COLLATE "C"`),
    check('workplaces_employee_count_nonnegative', sql`${t.employeeCount} >= 0`),
  ],
);

export const workplaceMeetings = pgTable(
  'workplace_meetings',
  {
    ...recordColumns(),
    workplaceId: uuid('workplace_id')
      .notNull()
      .references(() => workplaces.id, { onDelete: 'cascade' }),
    heldOn: day('held_on').notNull(),
    title: text('title').notNull(),
    attendeeCount: integer('attendee_count').notNull(),
    invitedCount: integer('invited_count').notNull(),
    notes: text('notes'),
    /** Whether who attended was recorded (meeting_attendees; then attendeeCount is their number). */
    attendanceRecorded: boolean('attendance_recorded').notNull().default(false),
  },
  (t) => [
    index('workplace_meetings_workplace_idx').on(t.workplaceId, t.heldOn.desc()),
    // The latest meetings with recorded attendance of a workplace (the engagement review).
    index('workplace_meetings_attendance_idx')
      .on(t.workplaceId, t.heldOn.desc(), t.createdAt.desc(), t.id.desc())
      .where(sql`${t.attendanceRecorded}`),
    check('workplace_meetings_counts', sql`${t.attendeeCount} >= 0 AND ${t.invitedCount} >= 0`),
  ],
);

export const atmosphereHistory = pgTable(
  'atmosphere_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workplaceId: uuid('workplace_id')
      .notNull()
      .references(() => workplaces.id, { onDelete: 'cascade' }),
    from: atmosphereEnum('from'),
    to: atmosphereEnum('to').notNull(),
    changedAt: ts('changed_at').notNull().defaultNow(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason'),
    // Write order: breaks ties between changes stamped with the same instant.
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [index('atmosphere_history_workplace_idx').on(t.workplaceId, t.changedAt, t.seq)],
);

// ---------------------------------------------------------------- members

/** What `q` searches: name without spaces (山田 太郎 is found by 山田太郎), reading, employee number. */
// Spaces are dropped from the name and the reading alike, so 「あべこうへい」 finds あべ こうへい.
const memberSearchText: SQL = sql`translate(name, ' 　', '') || ' ' || translate(coalesce(name_kana, ''), ' 　', '') || ' ' || coalesce(employee_number, '')`;

/**
 * What the search box finds a member by among their contact details: the phone numbers' digits
 * and the e-mail addresses. An expression (indexed), not a column: only roles that may see
 * contact details search it (services/search).
 */
export const memberContactSearchText: SQL = sql`lower(jsonb_path_query_array(phones, '$[*].number')::text || ' ' || jsonb_path_query_array(emails, '$[*].address')::text)`;

const kanaOrder = (t: { nameKana: AnyPgColumn; name: AnyPgColumn; id: AnyPgColumn }) =>
  [sql`${t.nameKana} COLLATE "C"`, sql`${t.name} COLLATE "C"`, t.id] as const;

export const members = pgTable(
  'members',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    employeeNumber: text('employee_number'),
    workplaceId: uuid('workplace_id').references((): AnyPgColumn => workplaces.id, { onDelete: 'set null' }),
    department: text('department'),
    jobType: text('job_type'),
    grade: text('grade'),
    joinedOn: day('joined_on'),
    engagement: engagementEnum('engagement').notNull().default('occasional'),
    concerns: text('concerns'),
    nextAction: text('next_action'),
    nextActionDueOn: day('next_action_due_on'),
    parentOrganization: text('parent_organization'),
    unionRole: unionRoleEnum('union_role').notNull().default('general_member'),
    status: memberStatusEnum('status').notNull().default('active'),
    leftOn: day('left_on'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    searchText: text('search_text').generatedAlwaysAs(memberSearchText),
    /** `[{ label?, number }]`, numbers normalized to digits (+ for international). */
    phones: jsonb('phones').notNull().default([]),
    /** `[{ label?, address }]`, addresses lower-cased in the domain. */
    emails: jsonb('emails').notNull().default([]),
    postalAddress: text('postal_address'),
    preferredChannel: text('preferred_channel'),
    /** Values of the union's own fields (custom_fields with entity 'member'), by key. */
    customFields: jsonb('custom_fields').notNull().default({}),
  },
  (t) => [
    uniqueIndex('members_employee_number_unique').on(t.employeeNumber),
    // Each list filter leads an index that continues in kana order, so a filtered
    // page in the default sort is read straight from the index, not sorted.
    index('members_workplace_kana_idx').on(t.workplaceId, ...kanaOrder(t)),
    index('members_engagement_kana_idx').on(t.engagement, ...kanaOrder(t)),
    index('members_union_role_idx').on(t.unionRole),
    index('members_owner_kana_idx').on(t.ownerId, ...kanaOrder(t)),
    index('members_status_idx').on(t.status),
    index('members_kana_idx').on(...kanaOrder(t)),
    index('members_joined_on_idx').on(t.joinedOn),
    // The list's descending sorts (新しい加入順, 関与度の低い順): read in order, not sorted (bench/).
    index('members_joined_on_desc_idx').on(t.joinedOn.desc().nullsLast()),
    index('members_engagement_desc_kana_idx').on(
      t.engagement.desc().nullsLast(),
      sql`${t.nameKana} COLLATE "C" DESC NULLS LAST`,
      sql`${t.name} COLLATE "C" DESC NULLS LAST`,
      t.id,
    ),
    index('members_next_action_due_idx').on(t.nextActionDueOn),
    // The live month's corrections to the figure counts (migration 0031, db/queries/figure-counts.ts).
    index('members_left_on_idx').on(t.leftOn).where(sql`${t.leftOn} is not null`),
    index('members_created_without_join_idx').on(t.createdAt).where(sql`${t.joinedOn} is null`),
    index('members_due_next_action_idx')
      .on(t.nextActionDueOn, sql`${t.name} COLLATE "C"`, t.id)
      .where(sql`${t.status} = 'active' and ${t.nextActionDueOn} is not null`),
    index('members_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('members_contact_trgm_idx').using('gin', sql`(${memberContactSearchText}) gin_trgm_ops`),
    index('members_custom_fields_idx').using('gin', sql`${t.customFields} jsonb_path_ops`),
    check(
      'members_preferred_channel',
      sql`${t.preferredChannel} is null or ${t.preferredChannel} in ('phone', 'email', 'line', 'in_person')`,
    ),
    check('members_left_on_required', sql`${t.status} <> 'left' OR ${t.leftOn} IS NOT NULL`),
  ],
);

/**
 * A member record merged into another (duplicates): the removed id keeps resolving to
 * the kept record (`GET /api/members/:otherId` answers 308). Re-merging the kept record
 * moves these rows on, so a chain always ends at a live member.
 */
export const memberMerges = pgTable(
  'member_merges',
  {
    mergedId: uuid('merged_id').primaryKey(),
    keptId: uuid('kept_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    mergedAt: ts('merged_at').notNull().defaultNow(),
    mergedBy: uuid('merged_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('member_merges_kept_idx').on(t.keptId)],
);

export const engagementHistory = pgTable(
  'engagement_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    from: engagementEnum('from'),
    to: engagementEnum('to').notNull(),
    changedAt: ts('changed_at').notNull().defaultNow(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason'),
    // Write order: breaks ties between changes stamped with the same instant.
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('engagement_history_member_idx').on(t.memberId, t.changedAt, t.seq),
    // The dashboards' "changed since" windows (early warnings: the last 90 days) start from here.
    index('engagement_history_changed_at_idx').on(t.changedAt),
  ],
);

export const memberNotes = pgTable(
  'member_notes',
  {
    ...recordColumns(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    occurredOn: day('occurred_on').notNull(),
    channel: noteChannelEnum('channel').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('member_notes_member_idx').on(t.memberId, t.occurredOn.desc())],
);

export const memberCases = pgTable(
  'member_cases',
  {
    ...recordColumns(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    openedOn: day('opened_on').notNull(),
    dueOn: day('due_on'),
    status: caseStatusEnum('status').notNull().default('open'),
    closedOn: day('closed_on'),
    // The current closing: who closed it, when, and how it ended (対応結果). Cleared on
    // reopen; every closing and reopening stays in case_events.
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    outcome: text('outcome'),
    sensitive: boolean('sensitive').notNull().default(false),
  },
  (t) => [
    index('member_cases_member_idx').on(t.memberId, t.status),
    index('member_cases_open_due_idx').on(t.dueOn).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A case's story: opened, closed (with the outcome), reopened (with the reason), who
 * and when. Written by the services in the transaction of the change; never edited
 * (migration 0016), deleted only with the case (erasure).
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => memberCases.id, { onDelete: 'cascade' }),
    kind: caseEventKindEnum('kind').notNull(),
    // The day it counts as happening (the case's openedOn/closedOn; the day of a reopen).
    occurredOn: day('occurred_on').notNull(),
    at: ts('at').notNull().defaultNow(),
    by: uuid('by').references(() => users.id, { onDelete: 'set null' }),
    // The outcome (対応結果) of a closing, the reason of a reopening.
    text: text('text'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

// ---------------------------------------------------------------- demands

/** A bargaining season (2027春闘, 2026秋闘): demands belong to one; the current one is shown by default. */
export const bargainingSeasons = pgTable(
  'bargaining_seasons',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
  },
  (t) => [
    uniqueIndex('bargaining_seasons_name_unique').on(t.name),
    index('bargaining_seasons_starts_on_idx').on(t.startsOn),
    check('bargaining_seasons_dates_ordered', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const demands = pgTable(
  'demands',
  {
    ...recordColumns(),
    seasonId: uuid('season_id').references(() => bargainingSeasons.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description'),
    priority: priorityEnum('priority').notNull().default('medium'),
    status: negotiationStatusEnum('status').notNull().default('not_submitted'),
    nextNegotiationOn: day('next_negotiation_on'),
  },
  (t) => [
    index('demands_status_idx').on(t.status),
    index('demands_priority_idx').on(t.priority),
    index('demands_season_idx').on(t.seasonId),
    index('demands_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('demands_title_bigram_idx').using('gin', sql`kumiai_bigrams(${t.title})`),
  ],
);

export const demandMembers = pgTable(
  'demand_members',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** How the link was made: one at a time by an officer, in bulk from the member list, by an import, by a survey, by accepting a match. */
    source: text('source').notNull().default('officer'),
  },
  (t) => [
    primaryKey({ columns: [t.demandId, t.memberId] }),
    index('demand_members_member_idx').on(t.memberId),
    check('demand_members_source', sql`${t.source} in ('officer', 'bulk', 'import', 'survey', 'matched')`),
  ],
);

/**
 * Every link and unlink of a member to a demand, in order (issue 15 §2: how a demand's count
 * moved over the season, and from which source). Written only by the triggers on
 * demand_members (migration 0021), never edited. No foreign key to members: the history
 * outlives a merge, and erasure clears memberId (the count's history stays).
 */
export const demandLinkEvents = pgTable(
  'demand_link_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id'),
    /** link | unlink */
    action: text('action').notNull(),
    /** officer | bulk | import | survey | merge | removal (the member was deleted) */
    source: text('source').notNull(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
  },
  (t) => [
    index('demand_link_events_demand_idx').on(t.demandId, t.at),
    index('demand_link_events_member_idx').on(t.memberId),
    check('demand_link_events_action', sql`${t.action} in ('link', 'unlink')`),
  ],
);

export const demandNotes = pgTable(
  'demand_notes',
  {
    ...recordColumns(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    occurredOn: day('occurred_on').notNull(),
    kind: demandNoteKindEnum('kind').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('demand_notes_demand_idx').on(t.demandId, t.occurredOn.desc())],
);

// ---------------------------------------------------------------- tasks

export const tasks = pgTable(
  'tasks',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    body: text('body'),
    dueOn: day('due_on'),
    status: taskStatusEnum('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    subjectType: taskSubjectTypeEnum('subject_type'),
    subjectId: uuid('subject_id'),
    ruleId: text('rule_id'),
    // The workflow rule's once-per key (e.g. tenure_milestone:<memberId>:10): the unique index
    // is what makes a rule idempotent across retries, restarts and racing sweeps.
    onceKey: text('once_key'),
    completedAt: ts('completed_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('tasks_once_key_unique').on(t.onceKey),
    // SPEC §4 at_risk_follow_up: while one is open for a member, none more. The
    // index makes that hold under concurrent changes; inserts use ON CONFLICT DO NOTHING.
    uniqueIndex('tasks_at_risk_open_unique')
      .on(t.ruleId, t.subjectId)
      .where(sql`${t.status} = 'open' AND ${t.ruleId} = 'at_risk_follow_up'`),
    index('tasks_assignee_status_due_idx').on(t.assigneeId, t.status, t.dueOn),
    index('tasks_status_due_idx').on(t.status, t.dueOn),
    index('tasks_subject_idx').on(t.subjectType, t.subjectId),
    index('tasks_rule_idx').on(t.ruleId, t.status),
    index('tasks_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('tasks_title_bigram_idx').using('gin', sql`kumiai_bigrams(${t.title})`),
    index('tasks_created_by_idx').on(t.createdBy),
    check('tasks_subject_pair', sql`(${t.subjectType} IS NULL) = (${t.subjectId} IS NULL)`),
  ],
);

// ---------------------------------------------------------------- workflow rules

/**
 * What the organization changed about a built-in rule (SPEC §4). The rules
 * themselves live in core/workflows/rules.ts; a missing row or a null
 * template means the default.
 */
export const workflowRules = pgTable('workflow_rules', {
  id: text('id').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  titleTemplate: text('title_template'),
  bodyTemplate: text('body_template'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// ---------------------------------------------------------------- dashboards

/**
 * 月次スナップショット: the organization rate and at-risk count as they stood
 * at a month's end (SPEC §5 trends). Employee counts have no history, so a
 * month's headcount is only known if it was written down then; members'
 * joinedOn/leftOn and the engagement history let past months be backfilled.
 * One row per workplace and one overall row (workplace_id null) per month.
 */
export const monthlySnapshots = pgTable(
  'monthly_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'YYYY-MM' */
    month: text('month').notNull(),
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'cascade' }),
    /** Counted members at the month's end: the workplace's, or the whole union's on the overall row. */
    memberCount: integer('member_count').notNull(),
    /** The rate's numerator: members of workplaces with a headcount (> 0). */
    ratedMemberCount: integer('rated_member_count').notNull(),
    /** The headcount then (the overall row: the sum over workplaces with one); null when unknown. */
    employeeCount: integer('employee_count'),
    /** Null when the engagement history does not reach back to that month's end. */
    atRiskCount: integer('at_risk_count'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // PostgreSQL 15 treats NULLs as distinct in a unique index: the overall row needs its own.
    uniqueIndex('monthly_snapshots_workplace_month_unique')
      .on(t.workplaceId, t.month)
      .where(sql`${t.workplaceId} is not null`),
    uniqueIndex('monthly_snapshots_overall_month_unique').on(t.month).where(sql`${t.workplaceId} is null`),
    index('monthly_snapshots_month_idx').on(t.month),
    check('monthly_snapshots_month_format', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

// ---------------------------------------------------------------- access: audit trail and handover

/**
 * 監査ログ: append-only. Table writes are recorded by statement-level triggers
 * (old and new rows, secrets stripped) with the actor and clock the service put
 * in the transaction (`kumiai.actor_id`, `kumiai.now`); sign-ins, failed sign-ins,
 * denials, reads of sensitive cases, exports and handovers are written by the
 * services. A trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    /** insert | update | delete (table writes) or an event: sign_in, sign_in_failed, denied, read_sensitive, export, handover … */
    action: text('action').notNull(),
    tableName: text('table_name'),
    recordId: text('record_id'),
    /** The member, workplace, demand or user the record belongs to (a note's member …). */
    subjectId: text('subject_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc(), t.id.desc()),
    index('audit_log_actor_idx').on(t.actorId, t.at.desc()),
    index('audit_log_record_idx').on(t.recordId),
    index('audit_log_subject_idx').on(t.subjectId),
  ],
);

/** 引き継ぎ: one row per handover, never edited. */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdAt: ts('created_at').notNull().defaultNow(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    memberCount: integer('member_count').notNull(),
    workplaceCount: integer('workplace_count').notNull(),
    taskCount: integer('task_count').notNull(),
    openCaseCount: integer('open_case_count').notNull(),
  },
  (t) => [
    index('handovers_from_idx').on(t.fromUserId, t.createdAt.desc()),
    index('handovers_to_idx').on(t.toUserId, t.createdAt.desc()),
  ],
);

/** The members a handover moved (their timelines show it; the briefing lists them). */
export const handoverMembers = pgTable(
  'handover_members',
  {
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => handovers.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.handoverId, t.memberId] }),
    index('handover_members_member_idx').on(t.memberId),
  ],
);

/** Who attended a 職場集会 (issue 19): recorded with the meeting, from the web or the rep's app. */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => workplaceMeetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.memberId] }),
    index('meeting_attendees_member_idx').on(t.memberId, t.meetingId),
  ],
);

// ---------------------------------------------------------------- import

/** A saved column mapping for roster imports (file header → member or workplace field). */
export const importMappings = pgTable(
  'import_mappings',
  {
    ...recordColumns(),
    /** 'members' | 'workplaces' */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** { "<file header>": "<field>" | null } */
    columns: jsonb('columns').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('import_mappings_kind_name_unique').on(t.kind, t.name),
    check('import_mappings_kind', sql`${t.kind} in ('members', 'workplaces')`),
  ],
);

// ---------------------------------------------------------------- surveys (要求アンケート, issue 15 §3)

/**
 * A demand survey for a season. Open until the end of `closesOn` in the organization's time
 * zone, or until an officer closes it (`closedAt`). Questions beyond the demands are JSON
 * (core/surveys/schemas.ts `surveyQuestion`); they cannot change once anyone has answered.
 */
export const surveys = pgTable(
  'surveys',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    seasonId: uuid('season_id').references(() => bargainingSeasons.id, { onDelete: 'restrict' }),
    anonymous: boolean('anonymous').notNull(),
    /** null: choose any number of demands; n: rank your top n. */
    rankTop: integer('rank_top'),
    /** The free-text question (「その他の要求・職場の悩み」); null: none. */
    freeTextLabel: text('free_text_label'),
    questions: jsonb('questions').notNull().default([]),
    closesOn: day('closes_on').notNull(),
    closedAt: ts('closed_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('surveys_season_idx').on(t.seasonId), index('surveys_closes_on_idx').on(t.closesOn)],
);

/** The demands a survey offers, in the order shown. */
export const surveyDemands = pgTable(
  'survey_demands',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.demandId] }),
    index('survey_demands_demand_idx').on(t.demandId),
  ],
);

/**
 * One invited member. The personal link's token is never stored: it is an HMAC of `tokenNonce`
 * under the server's secret (so the links can be downloaded again), and `tokenHash` (sha256 of
 * the token) finds the invitation. Revoking sets `revokedAt`; re-issuing replaces the nonce.
 * `answeredAt` is all response tracking knows, in anonymous surveys too.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    tokenNonce: text('token_nonce').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    answeredAt: ts('answered_at'),
  },
  (t) => [
    uniqueIndex('survey_invitations_token_unique').on(t.tokenHash),
    uniqueIndex('survey_invitations_member_unique').on(t.surveyId, t.memberId),
    index('survey_invitations_member_idx').on(t.memberId),
  ],
);

/**
 * An answer. Identified surveys keep `memberId`; anonymous ones never do: `ownerKey` (an HMAC
 * of the invitation's id under the server's secret) lets the same link change its answer, and
 * nothing else in the database ties the row to a member (no timestamps, random ids). The
 * respondent's workplace, 職種, 等級 and union role are copied for the breakdowns.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
    ownerKey: text('owner_key'),
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'set null' }),
    jobType: text('job_type'),
    grade: text('grade'),
    unionRole: unionRoleEnum('union_role'),
    freeText: text('free_text'),
    answers: jsonb('answers').notNull().default({}),
    /** web (the member's link) | paper (entered by a rep or officer) */
    channel: text('channel').notNull().default('web'),
  },
  (t) => [
    uniqueIndex('survey_responses_member_unique').on(t.surveyId, t.memberId),
    uniqueIndex('survey_responses_owner_unique').on(t.surveyId, t.ownerKey),
    index('survey_responses_member_idx').on(t.memberId),
    check('survey_responses_one_owner', sql`(${t.memberId} IS NULL) <> (${t.ownerKey} IS NULL)`),
    check('survey_responses_channel', sql`${t.channel} in ('web', 'paper')`),
  ],
);

/** The demands an answer chose (with its rank when the survey asks for a top n). */
export const surveyResponseDemands = pgTable(
  'survey_response_demands',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    rank: integer('rank'),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.demandId] }),
    index('survey_response_demands_survey_idx').on(t.surveyId, t.demandId),
  ],
);

// ---------------------------------------------------------------- concern matching (issue 16)
// What members said (主な職場の悩み・要求, 相談・連絡 notes, survey free text) matched to demands.
// Everything but the rejections and the synonym table is derived: rebuilt from the source rows
// (match_queue names what changed; services/matching/sync-match-index.ts works it off), not
// backed up, and holds no text: only the keys of the words.

/**
 * One text that is matched: a member's concerns (id = the member's), a note (id = the note's) or
 * a survey answer's free text (id = the response's). `memberId` is null for an anonymous answer:
 * it feeds topic counts, never a member's suggestion. `workplaceId`: an answer's (copied).
 */
export const matchDocs = pgTable(
  'match_docs',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id').references(() => surveys.id, { onDelete: 'cascade' }),
    workplaceId: uuid('workplace_id').references(() => workplaces.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('match_docs_member_idx').on(t.memberId),
    index('match_docs_survey_idx').on(t.surveyId),
    check('match_docs_source', sql`${t.source} in ('concerns', 'note', 'survey')`),
  ],
);

/** The keys of a text's words with their weights (core/matching/analyze.ts). */
export const matchDocTerms = pgTable(
  'match_doc_terms',
  {
    docId: uuid('doc_id')
      .notNull()
      .references(() => matchDocs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    weight: doublePrecision('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.docId, t.key] }), index('match_doc_terms_key_idx').on(t.key)],
);

/**
 * A demand's keys: `raw` from its title (in full) and description (at a share); `weight` what
 * scoring uses, which depends on how many demands share the key (core/matching/score.ts).
 */
export const matchDemandTerms = pgTable(
  'match_demand_terms',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    raw: doublePrecision('raw').notNull(),
    weight: doublePrecision('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.key] }), index('match_demand_terms_key_idx').on(t.key)],
);

/** The synonym table compiled: a word's key reaches `target` with `factor` through group `rule`. */
export const matchExpansions = pgTable(
  'match_expansions',
  {
    key: text('key').notNull(),
    target: text('target').notNull(),
    factor: doublePrecision('factor').notNull(),
    rule: integer('rule').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.target] }), index('match_expansions_target_idx').on(t.target)],
);

/** Every text–demand pair scoring at least the stored minimum (core/matching/score.ts). */
export const matchScores = pgTable(
  'match_scores',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    docId: uuid('doc_id')
      .notNull()
      .references(() => matchDocs.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.demandId, t.docId] }),
    index('match_scores_doc_idx').on(t.docId),
    index('match_scores_demand_score_idx').on(t.demandId, t.score.desc()),
  ],
);

/** What changed since the index was last brought up to date: member | note | response | demand | all. */
export const matchQueue = pgTable(
  'match_queue',
  {
    kind: text('kind').notNull(),
    ref: uuid('ref').notNull(),
    queuedAt: ts('queued_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.ref] }),
    check('match_queue_kind', sql`${t.kind} in ('member', 'note', 'response', 'demand', 'all')`),
  ],
);

/** The synonym table the index was built with (its fingerprint), and when. */
export const matchState = pgTable(
  'match_state',
  {
    id: integer('id').primaryKey().default(1),
    synonymsFingerprint: text('synonyms_fingerprint'),
    builtAt: ts('built_at'),
  },
  (t) => [check('match_state_single_row', sql`${t.id} = 1`)],
);

/** The union's synonym and related-words table (null groups: the default list). */
export const matchSynonyms = pgTable(
  'match_synonyms',
  {
    id: integer('id').primaryKey().default(1),
    groups: jsonb('groups'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('match_synonyms_single_row', sql`${t.id} = 1`)],
);

/** A suggestion a person turned down: never suggested again. */
export const matchRejections = pgTable(
  'match_rejections',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    rejectedAt: ts('rejected_at').notNull().defaultNow(),
    rejectedBy: uuid('rejected_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.demandId, t.memberId] }),
    index('match_rejections_member_idx').on(t.memberId),
  ],
);

/**
 * Synonym additions the accepted matches suggest: a member's word and a demand's word that were
 * not yet joined, with how many accepted matches paired them. A person adds or dismisses them.
 */
export const matchSynonymCandidates = pgTable(
  'match_synonym_candidates',
  {
    term: text('term').notNull(),
    demandTerm: text('demand_term').notNull(),
    count: integer('count').notNull().default(1),
    dismissed: boolean('dismissed').notNull().default(false),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.term, t.demandTerm] })],
);

// ---------------------------------------------------------------- custom fields, saved views (issue 17)

export const CUSTOM_FIELD_ENTITIES = ['member', 'workplace'] as const;
export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'boolean',
  'choice',
  'choices',
] as const;

/**
 * A field the union defines for members or workplaces. Values live in the records'
 * `custom_fields` (jsonb, by `key`); renaming changes labels only, deleting archives.
 */
export const customFields = pgTable(
  'custom_fields',
  {
    ...recordColumns(),
    entity: text('entity').notNull(),
    /** The name in the API and in filters (`cf.<key>`): lower-case letters, digits, _. Never changes. */
    key: text('key').notNull(),
    labelJa: text('label_ja').notNull(),
    labelEn: text('label_en').notNull(),
    type: text('type').notNull(),
    /** For choice/choices: `[{ value, labelJa, labelEn }]`. */
    options: jsonb('options').notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    archivedAt: ts('archived_at'),
  },
  (t) => [
    uniqueIndex('custom_fields_entity_key_unique').on(t.entity, t.key),
    check('custom_fields_entity', sql`${t.entity} in ('member', 'workplace')`),
    check(
      'custom_fields_type',
      sql`${t.type} in ('text', 'long_text', 'number', 'date', 'boolean', 'choice', 'choices')`,
    ),
    check('custom_fields_key', sql`${t.key} ~ '^[a-z][a-z0-9_]{0,39}$'`),
  ],
);

export const SAVED_VIEW_LISTS = ['members', 'workplaces', 'tasks', 'demands'] as const;

/** A list's filters, search, sort and columns under a name: the owner's, or shared with roles. */
export const savedViews = pgTable(
  'saved_views',
  {
    ...recordColumns(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    list: text('list').notNull(),
    /** `{ filters, q, sort, columns }` as the list's URL holds them. */
    state: jsonb('state').notNull(),
    sharedRoles: staffRoleEnum('shared_roles').array().notNull().default(sql`'{}'::staff_role[]`),
  },
  (t) => [
    index('saved_views_owner_idx').on(t.ownerId),
    check('saved_views_list', sql`${t.list} in ('members', 'workplaces', 'tasks', 'demands')`),
  ],
);

// ---------------------------------------------------------------- reminders

/**
 * A user's secret calendar subscription (iCal). Only the sha-256 of the token is kept; the
 * scope key (role and sorted workplace ids at creation) kills the feed when either changes.
 * Audited on insert and delete only: fetch bookkeeping must not flood the trail, and a revoke
 * is an audit event the service writes.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    ...recordColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    includeNames: boolean('include_names').notNull().default(false),
    tokenHash: text('token_hash').notNull(),
    scopeKey: text('scope_key').notNull(),
    revokedAt: ts('revoked_at'),
    lastFetchedAt: ts('last_fetched_at'),
    lastClient: text('last_client'),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.userId),
    check('calendar_feeds_kind', sql`${t.kind} in ('tasks', 'negotiations', 'meetings')`),
  ],
);

/** One e-mail digest per user and period: the row is the once-key (insert … on conflict do nothing). */
export const digestSends = pgTable(
  'digest_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'daily:YYYY-MM-DD' or 'weekly:YYYY-MM-DD' (the Monday), in the organization's zone. */
    periodKey: text('period_key').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    sentAt: ts('sent_at'),
    /** An error code or class only, never a message with addresses. */
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('digest_sends_user_period_unique').on(t.userId, t.periodKey),
    check('digest_sends_status', sql`${t.status} in ('pending', 'sent', 'failed', 'empty')`),
  ],
);

/**
 * Scheduled backups (issue 20): one row per day's run, the slot (`YYYY-MM-DD` in the
 * organization's zone) its once-key (insert … on conflict do nothing), so several servers
 * on one database make one backup. Not itself backed up (operational state, like sessions).
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    slot: text('slot').primaryKey(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    /** The file written (its name only: the directory is the server's KUMIAI_BACKUP_DIR). */
    file: text('file'),
    bytes: bigint('bytes', { mode: 'number' }),
    rows: bigint('rows', { mode: 'number' }),
    /** Restored into a scratch database, every table's count and checksum equal to the header's. */
    verified: boolean('verified').notNull().default(false),
    /** Why the run failed (the backup's own message: file and table names, never row contents). */
    error: text('error'),
  },
  (t) => [index('backup_runs_started_idx').on(t.startedAt)],
);

// ---------------------------------------------------------------- offline sync

/**
 * What the phone app's outbox delivered (POST /api/sync, issue 19): one row per applied item,
 * keyed by the id the device gave it, written in the item's own transaction. A replay finds
 * it and answers `duplicate`; two racing replays meet at the primary key. `result` holds ids
 * and statuses only. Kept SYNC_RECEIPT_DAYS (the daily sweep purges older ones).
 */
export const syncReceipts = pgTable(
  'sync_receipts',
  {
    clientId: uuid('client_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    result: jsonb('result').notNull(),
    deviceTime: ts('device_time').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    recordId: uuid('record_id'),
  },
  (t) => [
    index('sync_receipts_user_received_idx').on(t.userId, t.receivedAt),
    index('sync_receipts_received_idx').on(t.receivedAt),
    check(
      'sync_receipts_kind',
      sql`${t.kind} in ('note', 'engagement', 'meeting', 'atmosphere', 'task_done')`,
    ),
    check('sync_receipts_status', sql`${t.status} in ('applied')`),
  ],
);
