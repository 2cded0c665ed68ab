import type { Demand, DemandMember, Member, Workplace } from '../../http/types';

// Records in the API's response shape, for component tests of the workplace and demand pages.

const stamp = { createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z', version: 1 };
let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export function buildWorkplace(over: Partial<Workplace> = {}): Workplace {
  return {
    id: uuid(),
    ...stamp,
    name: '製造一課',
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

export function buildMember(over: Partial<Member> = {}): Member {
  return {
    id: uuid(),
    ...stamp,
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    employeeNumber: null,
    workplaceId: null,
    department: null,
    jobType: null,
    grade: null,
    joinedOn: null,
    engagement: 'occasional',
    concerns: null,
    nextAction: null,
    nextActionDueOn: null,
    parentOrganization: null,
    unionRole: 'general_member',
    status: 'active',
    leftOn: null,
    ownerId: null,
    tenureYears: null,
    workplaceName: null,
    ownerName: null,
    openCaseCount: 0,
    demandIds: [],
    customFields: {},
    ...over,
  };
}

export function buildDemand(over: Partial<Demand> = {}): Demand {
  return {
    id: uuid(),
    ...stamp,
    title: 'ベースアップ',
    description: null,
    priority: 'medium',
    status: 'not_submitted',
    nextNegotiationOn: null,
    seasonId: null,
    seasonName: null,
    relatedMemberCount: 0,
    ...over,
  };
}

export function buildDemandMember(over: Partial<DemandMember> = {}): DemandMember {
  return {
    id: uuid(),
    name: '山田 太郎',
    nameKana: null,
    employeeNumber: null,
    workplaceId: null,
    workplaceName: null,
    jobType: null,
    grade: null,
    engagement: 'occasional',
    unionRole: 'general_member',
    status: 'active',
    linkedAt: '2026-04-01T00:00:00.000Z',
    linkedBy: null,
    linkedByName: null,
    ...over,
  };
}

export const page = <T>(items: T[], total = items.length) => ({ items, total });

/** A request the fake server saw. */
export type Seen = { method: string; url: string; body: unknown };

export function recordRequest(seen: Seen[], url: string, init?: RequestInit): Seen {
  const entry = {
    method: init?.method ?? 'GET',
    url,
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
  };
  seen.push(entry);
  return entry;
}
