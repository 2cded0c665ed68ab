import { buildMember } from '../members/test-fixtures';
import { admin, buildUser, buildWorkplace } from '../settings/test-fixtures';
import type { Handover, HandoverPreview, HandoverSummary, MemberBriefing, PendingHandover } from './queries';

// Records in the API's response shape, for the handover feature's component tests.

let seq = 0;
export const uuid = () => `00000000-0000-4000-a000-${String(++seq).padStart(12, '0')}`;
export const page = <T>(items: T[], total = items.length) => ({ items, total });
export { admin, buildMember, buildUser, buildWorkplace };

export const me = { ...admin, permissions: [] as string[] };

export function buildBriefing(
  over: Partial<MemberBriefing['member']> = {},
  rest: Partial<MemberBriefing> = {},
): MemberBriefing {
  return {
    member: {
      id: uuid(),
      name: '山田 花子',
      nameKana: 'ヤマダ ハナコ',
      employeeNumber: 'A1023',
      workplaceId: '22222222-2222-4222-8222-222222222222',
      workplaceName: '第一製造課',
      department: '組立',
      unionRole: 'workplace_rep',
      status: 'active',
      joinedOn: '2015-04-01',
      ownerId: admin.id,
      ownerName: '鈴木 一郎',
      engagement: 'at_risk',
      concerns: '夜勤明けの呼び出しが続いている',
      nextAction: '個別に面談する',
      nextActionDueOn: '2026-04-20',
      ...over,
    },
    engagementTrend: {
      since: '2025-04-01T01:00:00.000Z',
      atStart: 'regular',
      changes: [
        {
          from: 'regular',
          to: 'at_risk',
          changedAt: '2026-02-19T16:00:00.000Z',
          changedByName: '佐藤 健一',
          reason: '面談で脱退を考えていると話した',
        },
      ],
    },
    openCases: [
      { id: uuid(), title: '残業代の未払い', openedOn: '2026-02-01', dueOn: '2026-04-10', sensitive: false },
      { id: uuid(), title: '上司からの威圧的な言動', openedOn: '2026-02-15', dueOn: null, sensitive: true },
    ],
    recentNotes: [
      {
        id: uuid(),
        occurredOn: '2026-03-05',
        channel: 'phone',
        body: '夜勤明けの呼び出しについて相談',
        authorName: '佐藤 健一',
      },
    ],
    demands: [{ id: uuid(), title: '夜勤手当の増額', status: 'negotiating', priority: 'high' }],
    openTasks: [{ id: uuid(), title: '面談の日程を決める', dueOn: '2026-04-15', assigneeName: '鈴木 一郎' }],
    ...rest,
  };
}

export function buildHandover(over: Partial<Handover> = {}): Handover {
  return {
    id: uuid(),
    createdAt: '2026-03-31T16:30:00.000Z',
    fromUserId: uuid(),
    fromUserName: '佐藤 健一',
    toUserId: uuid(),
    toUserName: '鈴木 一郎',
    createdBy: admin.id,
    createdByName: admin.displayName,
    note: '異動のため。第一製造課は夜勤が多い。',
    memberCount: 2,
    workplaceCount: 1,
    taskCount: 3,
    openCaseCount: 2,
    ...over,
  };
}

/** What the server counts for a handover's confirmation. */
export function buildPreview(over: Partial<HandoverPreview> = {}): HandoverPreview {
  return {
    fromUserId: uuid(),
    fromUserName: '佐藤 健一',
    toUserId: uuid(),
    toUserName: '鈴木 一郎',
    memberCount: 12,
    workplaceCount: 2,
    taskCount: 5,
    openCaseCount: 4,
    overdueCaseCount: 1,
    atRiskCount: 2,
    nextActionCount: 6,
    overdueNextActionCount: 3,
    ...over,
  };
}

export function buildSummary(over: Partial<HandoverSummary> = {}): HandoverSummary {
  return {
    today: '2026-04-01',
    atRisk: { items: [], total: 0 },
    openCases: { items: [], total: 0, overdue: 0 },
    nextActions: { items: [], total: 0, overdue: 0 },
    ...over,
  };
}

export function buildPending(over: Partial<PendingHandover> = {}): PendingHandover {
  return {
    userId: uuid(),
    displayName: '佐藤 健一',
    email: 'sato@example.org',
    role: 'officer',
    memberCount: 12,
    workplaceCount: 2,
    taskCount: 5,
    ...over,
  };
}

export const setup = { needsSetup: false, organizationName: 'ものづくり労組', timezone: 'Asia/Tokyo' };
