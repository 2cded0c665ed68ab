import type { User, Workplace } from '../../http/types';
import type { Settings, WorkflowRule } from './queries';

// Records in the API's response shape, for the settings page's component tests.

const stamp = { createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' };
let seq = 0;
export const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export const ADMIN_ID = '00000000-0000-4000-8000-00000000a000';
export const admin: User = {
  id: ADMIN_ID,
  ...stamp,
  version: 1,
  email: 'admin@example.org',
  displayName: '小林 直子',
  role: 'admin',
  disabled: false,
  workplaceIds: [],
};

export function buildUser(over: Partial<User> = {}): User {
  return {
    id: uuid(),
    ...stamp,
    version: 1,
    email: `user${seq}@example.org`,
    displayName: '佐藤 健一',
    role: 'officer',
    disabled: false,
    workplaceIds: [],
    ...over,
  };
}

export function buildSettings(over: Partial<Settings> = {}): Settings {
  return {
    organizationName: 'ものづくり産業労働組合',
    timezone: 'Asia/Tokyo',
    shuntoStartOn: '2027-02-01',
    milestoneYears: [5, 10, 20],
    secretaryGeneralUserId: null,
    secretaryGeneralName: null,
    version: 3,
    updatedAt: '2026-04-01T00:00:00.000Z',
    lastBackup: null,
    ...over,
  };
}

export function buildWorkplace(over: Partial<Workplace> = {}): Workplace {
  return {
    id: uuid(),
    ...stamp,
    version: 1,
    name: '第一製造課',
    nameKana: null,
    establishment: '本社工場',
    employeeCount: 40,
    repMemberId: null,
    ownerId: null,
    issues: null,
    atmosphere: 'normal',
    organizingStatus: null,
    repMemberName: null,
    ownerName: null,
    memberCount: 20,
    organizationRate: 0.5,
    nonMemberCount: 20,
    lastMeetingOn: null,
    lastMeetingParticipationRate: null,
    customFields: {},
    ...over,
  };
}

export function buildRule(over: Partial<WorkflowRule> = {}): WorkflowRule {
  return {
    id: 'at_risk_follow_up',
    trigger: 'engagement_change',
    label: '関与度:脱退リスクあり に更新されたとき',
    enabled: true,
    titleTemplate: '{name}さん 丁寧な個別フォロー——今月中に',
    bodyTemplate: 'なぜ組合活動に距離を置いているのかを\n批判なく聴く。',
    titleCustomized: false,
    bodyCustomized: false,
    defaultTitleTemplate: '{name}さん 丁寧な個別フォロー——今月中に',
    defaultBodyTemplate: 'なぜ組合活動に距離を置いているのかを\n批判なく聴く。',
    placeholders: ['name', 'workplace'],
    subjectType: 'member',
    assignee: 'member_owner',
    due: 'The last day of the month of the change (organization time zone)',
    oncePer: 'None more while an open task of this rule exists for the member',
    sample: { title: '山田 太郎さん 丁寧な個別フォロー——今月中に', body: null },
    version: 1,
    updatedAt: null,
    ...over,
  };
}

export const page = <T>(items: T[], total = items.length) => ({ items, total });

/** A request the fake server saw. */
export type Seen = { method: string; url: string; body: Record<string, unknown> | undefined };

export function recordRequest(seen: Seen[], url: string, init?: RequestInit): Seen {
  const entry = {
    method: init?.method ?? 'GET',
    url,
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
  };
  seen.push(entry);
  return entry;
}
