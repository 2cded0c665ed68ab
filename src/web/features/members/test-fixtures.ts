import { ROLE_PERMISSIONS } from '../../../core/access/policy';
import type { StaffRole } from '../../../core/enums';
import type { Demand, Me, Member, User, Workplace } from '../../http/types';

// Plain API answers for the members feature's component tests.

export const MEMBER_ID = '11111111-1111-4111-8111-111111111111';
export const WORKPLACE_ID = '22222222-2222-4222-8222-222222222222';
export const USER_ID = '33333333-3333-4333-8333-333333333333';

export function buildMember(overrides: Partial<Member> = {}): Member {
  return {
    id: MEMBER_ID,
    createdAt: '2024-04-01T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    version: 3,
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    employeeNumber: 'A1023',
    workplaceId: WORKPLACE_ID,
    department: '製造一課',
    jobType: '技能職',
    grade: 'G3',
    joinedOn: '2015-04-01',
    engagement: 'regular',
    concerns: '夜勤明けの休息が短い',
    nextAction: null,
    nextActionDueOn: null,
    parentOrganization: null,
    unionRole: 'general_member',
    status: 'active',
    leftOn: null,
    ownerId: USER_ID,
    tenureYears: 10,
    workplaceName: '本社工場',
    ownerName: '佐藤 書記長',
    openCaseCount: 0,
    demandIds: [],
    customFields: {},
    ...overrides,
  };
}

export const me: User = {
  id: USER_ID,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
  email: 'sato@example.org',
  displayName: '佐藤 書記長',
  role: 'officer',
  disabled: false,
  workplaceIds: [],
};

/** `/auth/me` for a user of this role (a rep with the fixture workplace). */
export function signedInAs(role: StaffRole, overrides: Partial<Me> = {}): Me {
  return {
    ...me,
    role,
    workplaceIds: role === 'rep' ? [WORKPLACE_ID] : [],
    permissions: [...ROLE_PERMISSIONS[role]],
    ...overrides,
  };
}

export const workplace: Workplace = {
  id: WORKPLACE_ID,
  name: '本社工場',
} as Workplace;

export function buildDemand(id: string, title: string, overrides: Partial<Demand> = {}): Demand {
  return {
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    title,
    description: null,
    priority: 'high',
    status: 'negotiating',
    nextNegotiationOn: null,
    seasonId: null,
    seasonName: null,
    relatedMemberCount: 12,
    ...overrides,
  };
}

export const page = <T>(items: T[], total = items.length) => ({ items, total });

/** The body of a recorded request as an object. */
export function jsonBody(init: RequestInit | undefined): Record<string, unknown> {
  return JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
}
