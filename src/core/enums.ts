// SPEC §2: API values and their Japanese labels. The order is meaningful:
// engagement runs warmest first, atmosphere from most to least active.

export const ENGAGEMENTS = [
  'active_core',
  'regular',
  'occasional',
  'rare',
  'indifferent',
  'at_risk',
] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];
export const ENGAGEMENT_LABELS: Record<Engagement, string> = {
  active_core: '執行委員・積極参加',
  regular: '定期参加',
  occasional: 'たまに参加',
  rare: 'ほぼ参加なし',
  indifferent: '関心薄い',
  at_risk: '脱退リスクあり',
};

export const UNION_ROLES = [
  'full_time_officer',
  'executive_committee',
  'workplace_rep',
  'general_member',
  'organizing_target',
] as const;
export type UnionRole = (typeof UNION_ROLES)[number];
export const UNION_ROLE_LABELS: Record<UnionRole, string> = {
  full_time_officer: '専従',
  executive_committee: '執行委員',
  workplace_rep: '職場委員',
  general_member: '一般組合員',
  organizing_target: 'オルグ対象',
};

export const ATMOSPHERES = ['active', 'normal', 'indifferent', 'split_risk'] as const;
export type Atmosphere = (typeof ATMOSPHERES)[number];
export const ATMOSPHERE_LABELS: Record<Atmosphere, string> = {
  active: '組合活動活発',
  normal: '普通',
  indifferent: '関心薄い',
  split_risk: '分裂リスクあり',
};

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { high: '高', medium: '中', low: '低' };

export const NEGOTIATION_STATUSES = ['not_submitted', 'negotiating', 'settled', 'carried_over'] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];
export const NEGOTIATION_STATUS_LABELS: Record<NegotiationStatus, string> = {
  not_submitted: '要求提出前',
  negotiating: '交渉中',
  settled: '妥結',
  carried_over: '継続案件',
};

export const MEMBER_STATUSES = ['active', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { active: '在籍', left: '脱退' };

export const STAFF_ROLES = ['admin', 'officer', 'executive', 'rep'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  admin: '管理者',
  officer: '専従役員',
  executive: '執行委員',
  rep: '職場委員',
};

export const NOTE_CHANNELS = ['visit', 'phone', 'email', 'meeting', 'chat', 'other'] as const;
export type NoteChannel = (typeof NOTE_CHANNELS)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What happened to a case, one append-only `case_events` row each: 開始, 完了, 再開. */
export const CASE_EVENT_KINDS = ['opened', 'closed', 'reopened'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const DEMAND_NOTE_KINDS = ['management_response', 'negotiation', 'internal'] as const;
export type DemandNoteKind = (typeof DEMAND_NOTE_KINDS)[number];

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_SUBJECT_TYPES = ['member', 'workplace', 'demand'] as const;
export type TaskSubjectType = (typeof TASK_SUBJECT_TYPES)[number];
