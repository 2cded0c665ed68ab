import { describe, expect, it } from 'vitest';
import {
  atRiskDueOn,
  becomesAtRisk,
  evaluateDateRules,
  evaluateEngagementChange,
  isMilestoneMonth,
  isShuntoWindow,
  needsGathering,
  type WorkflowFacts,
} from './evaluate';
import { resolveRuleConfigs, WORKFLOW_RULES } from './rules';

const rules = resolveRuleConfigs([]);

describe('at_risk_follow_up trigger', () => {
  it.each([
    ['created at_risk', null, 'at_risk', true],
    ['changed to at_risk', 'rare', 'at_risk', true],
    ['already at_risk (no change)', 'at_risk', 'at_risk', false],
    ['leaving at_risk', 'at_risk', 'rare', false],
    ['another change', 'regular', 'occasional', false],
  ] as const)('%s', (_label, from, to, expected) => {
    expect(becomesAtRisk(from, to)).toBe(expected);
  });

  it.each([
    ['a 31-day month', '2026-01-05', '2026-01-31'],
    ['a 30-day month (not the 31st)', '2026-04-30', '2026-04-30'],
    ['February in a common year', '2026-02-01', '2026-02-28'],
    ['February in a leap year', '2028-02-10', '2028-02-29'],
  ])('is due on the last day of the month: %s', (_label, today, expected) => {
    expect(atRiskDueOn(today)).toBe(expected);
  });

  const member = { id: 'm1', name: '佐藤 花子', workplaceName: '第一工場', ownerId: 'u1' };
  it('drafts the seed’s task for the member’s owner', () => {
    expect(
      evaluateEngagementChange(
        rules.at_risk_follow_up,
        { member, from: 'occasional', to: 'at_risk', historyId: 'h1', hasOpenTask: false },
        '2026-04-01',
      ),
    ).toEqual({
      ruleId: 'at_risk_follow_up',
      onceKey: 'at_risk_follow_up:m1:h1',
      title: '佐藤 花子さん 丁寧な個別フォロー——今月中に',
      body: WORKFLOW_RULES.at_risk_follow_up.body,
      dueOn: '2026-04-30',
      assigneeId: 'u1',
      subjectType: 'member',
      subjectId: 'm1',
    });
  });

  it.each([
    ['a rep owner covering the member’s workplace', 'w1', 'u1'],
    ['a rep owner of other workplaces: nobody (the officers’ pile)', 'w2', null],
    ['a rep owner of a member without a workplace: nobody', null, null],
  ] as const)('drafts the task for %s', (_label, workplaceId, assigneeId) => {
    const repOwned = { ...member, workplaceId, ownerRole: 'rep' as const, ownerWorkplaceIds: ['w1'] };
    const draft = evaluateEngagementChange(
      rules.at_risk_follow_up,
      { member: repOwned, from: 'rare', to: 'at_risk', historyId: 'h1', hasOpenTask: false },
      '2026-04-01',
    );
    expect(draft?.assigneeId).toBe(assigneeId);
  });

  it.each([
    ['while an open task of the rule exists', { hasOpenTask: true }, rules.at_risk_follow_up],
    ['when the rule is disabled', {}, { ...rules.at_risk_follow_up, enabled: false }],
    ['when the member was at_risk already', { from: 'at_risk' as const }, rules.at_risk_follow_up],
  ])('drafts nothing %s', (_label, change, rule) => {
    const base = {
      member,
      from: 'rare' as const,
      to: 'at_risk' as const,
      historyId: 'h',
      hasOpenTask: false,
    };
    expect(evaluateEngagementChange(rule, { ...base, ...change }, '2026-04-01')).toBeNull();
  });
});

describe('tenure_milestone window', () => {
  it.each([
    ['the first day of the month before', '2016-04-15', 10, '2026-03-01', true],
    ['the last day of the month before', '2016-04-15', 10, '2026-03-31', true],
    ['two months before', '2016-04-15', 10, '2026-02-28', false],
    ['the anniversary month itself (already passed)', '2016-04-15', 10, '2026-04-01', false],
    ['a leap-day joiner (anniversary Feb 28) in January', '2020-02-29', 5, '2025-01-15', true],
    ['a leap-day joiner in February', '2020-02-29', 5, '2025-02-01', false],
    ['a January anniversary in December of the previous year', '2016-01-10', 10, '2025-12-01', true],
    ['a January anniversary not in November', '2016-01-10', 10, '2025-11-30', false],
    ['a January anniversary not in its own January', '2016-01-10', 10, '2026-01-01', false],
    ['a December anniversary in November', '2006-12-31', 20, '2026-11-30', true],
    ['another milestone year', '2016-04-15', 5, '2026-03-15', false],
  ])('%s', (_label, joinedOn, years, today, expected) => {
    expect(isMilestoneMonth(joinedOn, years, today)).toBe(expected);
  });
});

describe('shunto_survey window (shuntoStartOn − 2 months ≤ today < shuntoStartOn)', () => {
  it.each([
    ['the day before the window', '2027-03-01', '2026-12-31', false],
    ['the window opens', '2027-03-01', '2027-01-01', true],
    ['the last day', '2027-03-01', '2027-02-28', true],
    ['the start day itself', '2027-03-01', '2027-03-01', false],
    ['a month-end start (2 months before Apr 30 is Feb 28)', '2026-04-30', '2026-02-28', true],
    ['a month-end start, the day before', '2026-04-30', '2026-02-27', false],
  ])('%s', (_label, shunto, today, expected) => {
    expect(isShuntoWindow(shunto, today)).toBe(expected);
  });
});

describe('workplace_gathering trigger (no meeting on or after today − 3 months)', () => {
  it.each([
    ['never had a meeting', null, '2026-04-01', true],
    ['a meeting exactly 3 months ago still counts', '2026-01-01', '2026-04-01', false],
    ['a meeting 3 months and a day ago', '2026-01-01', '2026-04-02', true],
    ['month end: May 31 − 3 months is Feb 28', '2026-02-28', '2026-05-31', false],
    ['month end: June 1 − 3 months is Mar 1', '2026-02-28', '2026-06-01', true],
    ['a meeting scheduled later counts', '2026-05-10', '2026-04-01', false],
  ])('%s', (_label, lastMeetingOn, today, expected) => {
    expect(needsGathering(lastMeetingOn, today)).toBe(expected);
  });
});

function facts(overrides: Partial<WorkflowFacts> = {}): WorkflowFacts {
  return {
    settings: { shuntoStartOn: null, milestoneYears: [5, 10, 20], secretaryGeneralUserId: null },
    members: [],
    cases: [],
    workplaces: [],
    tasks: [],
    ...overrides,
  };
}

const member = (id: string, extra: Partial<WorkflowFacts['members'][number]> = {}) => ({
  id,
  name: `組合員${id}`,
  workplaceName: '本社',
  joinedOn: null,
  status: 'active' as const,
  unionRole: 'general_member' as const,
  ownerId: `owner-${id}`,
  ...extra,
});

describe('evaluateDateRules', () => {
  it('makes case follow-ups for open cases due today or earlier, once per (case, dueOn)', () => {
    const f = facts({
      members: [member('a')],
      cases: [
        { id: 'c1', title: '残業代', memberId: 'a', status: 'open', dueOn: '2026-04-01' },
        { id: 'c2', title: '残業代', memberId: 'a', status: 'open', dueOn: '2026-04-02' },
        { id: 'c3', title: '残業代', memberId: 'a', status: 'closed', dueOn: '2026-03-01' },
        { id: 'c4', title: '残業代', memberId: 'a', status: 'open', dueOn: null },
        { id: 'c5', title: '残業代', memberId: 'a', status: 'open', dueOn: '2026-03-01' },
      ],
      tasks: [
        {
          ruleId: 'case_due_follow_up',
          subjectId: 'a',
          status: 'done',
          onceKey: 'case_due_follow_up:c5:2026-03-01',
          createdOn: '2026-03-01',
        },
      ],
    });
    expect(evaluateDateRules(rules, f, '2026-04-01')).toEqual([
      {
        ruleId: 'case_due_follow_up',
        onceKey: 'case_due_follow_up:c1:2026-04-01',
        title: '組合員aさん 相談案件のフォローアップ',
        body: '案件「残業代」の対応期日です。\n経過を確かめ、次の対応を記録する',
        dueOn: '2026-04-01',
        assigneeId: 'owner-a',
        subjectType: 'member',
        subjectId: 'a',
      },
    ]);
  });

  it('names the case in the follow-up, but a sensitive case only as 要配慮の案件', () => {
    const f = facts({
      members: [member('a')],
      cases: [
        { id: 'c1', title: '残業代の未払い', memberId: 'a', status: 'open', dueOn: '2026-04-01' },
        {
          id: 'c2',
          title: '課長からのハラスメント',
          memberId: 'a',
          status: 'open',
          dueOn: '2026-04-01',
          sensitive: true,
        },
      ],
    });
    const drafts = evaluateDateRules(rules, f, '2026-04-01');
    expect(drafts.map((d) => [d.onceKey, d.body?.split('\n')[0]])).toEqual([
      ['case_due_follow_up:c1:2026-04-01', '案件「残業代の未払い」の対応期日です。'],
      ['case_due_follow_up:c2:2026-04-01', '案件「要配慮の案件」の対応期日です。'],
    ]);
    expect(JSON.stringify(drafts)).not.toContain('ハラスメント');
  });

  it('makes milestone tasks only for active members who are not organizing targets', () => {
    const f = facts({
      members: [
        member('a', { joinedOn: '2016-04-15' }),
        member('b', { joinedOn: '2016-04-20', unionRole: 'organizing_target' }),
        member('c', { joinedOn: '2016-04-21', status: 'left' }),
        member('d', { joinedOn: '2021-04-30' }),
        member('e', { joinedOn: null }),
      ],
    });
    const drafts = evaluateDateRules(rules, f, '2026-03-10');
    expect(drafts.map((d) => [d.onceKey, d.title, d.dueOn])).toEqual([
      ['tenure_milestone:a:10', '組合員aさん 組合歴10周年の感謝とフォロー', '2026-04-15'],
      ['tenure_milestone:d:5', '組合員dさん 組合歴5周年の感謝とフォロー', '2026-04-30'],
    ]);
  });

  it('blocks a gathering while one is open or was created in the last 3 months', () => {
    const w = (id: string) => ({
      id,
      name: `W${id}`,
      atmosphere: 'indifferent' as const,
      ownerId: null,
      lastMeetingOn: null,
    });
    const task = (subjectId: string, status: 'open' | 'done', createdOn: string) => ({
      ruleId: 'workplace_gathering',
      subjectId,
      status,
      onceKey: `workplace_gathering:${subjectId}:${createdOn}`,
      createdOn,
    });
    const f = facts({
      workplaces: [w('1'), w('2'), w('3'), w('4'), { ...w('5'), atmosphere: 'normal' }],
      tasks: [
        task('1', 'open', '2025-01-01'),
        task('2', 'done', '2026-01-01'),
        task('3', 'done', '2025-12-31'),
      ],
    });
    const drafts = evaluateDateRules(rules, f, '2026-04-01');
    expect(drafts.map((d) => [d.onceKey, d.title, d.dueOn])).toEqual([
      ['workplace_gathering:3:2026-04-01', 'W3職場 集会・懇親の場の設定', '2026-05-01'],
      ['workplace_gathering:4:2026-04-01', 'W4職場 集会・懇親の場の設定', '2026-05-01'],
    ]);
  });

  it('makes the survey for the secretary general once per shuntoStartOn, due a month before it', () => {
    const settings = { shuntoStartOn: '2027-03-31', milestoneYears: [5], secretaryGeneralUserId: 'sg' };
    const [survey] = evaluateDateRules(rules, facts({ settings }), '2027-01-31');
    expect(survey).toMatchObject({
      onceKey: 'shunto_survey:2027-03-31',
      title: '全組合員への要求アンケートの実施',
      dueOn: '2027-02-28',
      assigneeId: 'sg',
      subjectType: null,
      subjectId: null,
    });
    const done = {
      ruleId: 'shunto_survey',
      subjectId: null,
      status: 'done' as const,
      onceKey: survey!.onceKey,
      createdOn: '2027-01-31',
    };
    expect(evaluateDateRules(rules, facts({ settings, tasks: [done] }), '2027-02-01')).toEqual([]);
  });

  it('creates nothing for a disabled rule and renders edited templates', () => {
    const custom = resolveRuleConfigs([
      { id: 'case_due_follow_up', enabled: false, titleTemplate: null, bodyTemplate: null },
      {
        id: 'tenure_milestone',
        enabled: true,
        titleTemplate: '{years}年: {name}({workplace})',
        bodyTemplate: '{name}',
      },
    ]);
    const f = facts({
      members: [member('a', { joinedOn: '2016-04-15', workplaceName: null })],
      cases: [{ id: 'c1', title: '残業代', memberId: 'a', status: 'open', dueOn: '2026-03-01' }],
    });
    expect(evaluateDateRules(custom, f, '2026-03-10').map((d) => [d.title, d.body])).toEqual([
      ['10年: 組合員a()', '組合員a'],
    ]);
  });
});
