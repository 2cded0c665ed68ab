import type { Survey, SurveyInvitation, SurveyResults } from './queries';

// Surveys in the API's response shape, for the survey pages' component tests.

let seq = 0;
export const sid = () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`;

export const D1 = '00000000-0000-4000-a000-000000000001';
export const D2 = '00000000-0000-4000-a000-000000000002';
export const D3 = '00000000-0000-4000-a000-000000000003';
export const WP1 = '00000000-0000-4000-b000-000000000001';
export const WP2 = '00000000-0000-4000-b000-000000000002';

export function buildSurvey(over: Partial<Survey> = {}): Survey {
  return {
    id: sid(),
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    version: 1,
    title: '2027春闘 要求アンケート',
    seasonId: null,
    seasonName: '2027春闘',
    anonymous: false,
    rankTop: null,
    freeText: true,
    freeTextLabel: 'その他の要求・職場の悩み',
    questions: [],
    demands: [
      { id: D1, title: 'ベースアップ' },
      { id: D2, title: '年間休日の増加' },
      { id: D3, title: '社員食堂の改善' },
    ],
    closesOn: '2099-02-28',
    closedAt: null,
    status: 'open',
    invited: 0,
    answered: 0,
    editable: true,
    ...over,
  };
}

export function buildInvitation(over: Partial<SurveyInvitation> = {}): SurveyInvitation {
  const id = sid();
  return {
    id,
    memberId: sid(),
    memberName: '山田 太郎',
    memberNameKana: 'ヤマダ タロウ',
    employeeNumber: null,
    workplaceId: WP1,
    workplaceName: '製造一課',
    link: `http://localhost/s/${id.replace(/-/g, '').slice(0, 32)}`,
    answered: false,
    revoked: false,
    ...over,
  };
}

export function buildResults(over: Partial<SurveyResults> = {}): SurveyResults {
  return {
    surveyId: sid(),
    anonymous: false,
    minCell: 5,
    invited: 40,
    respondents: 20,
    demands: [
      {
        demandId: D1,
        title: 'ベースアップ',
        count: 15,
        share: 0.75,
        rank: 1,
        firstChoice: null,
        points: null,
      },
      {
        demandId: D2,
        title: '年間休日の増加',
        count: 8,
        share: 0.4,
        rank: 2,
        firstChoice: null,
        points: null,
      },
      {
        demandId: D3,
        title: '社員食堂の改善',
        count: 2,
        share: 0.1,
        rank: 3,
        firstChoice: null,
        points: null,
      },
    ],
    breakdowns: { workplace: [], jobType: [], grade: [], unionRole: [] },
    questions: [],
    freeTextCount: 0,
    ...over,
  };
}
