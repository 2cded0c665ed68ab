import { describe, expect, it } from 'vitest';
import { caseStateErrors, createMemberSchema, memberStateErrors, updateMemberSchema } from './schemas';

describe('member input schema', () => {
  it('applies SPEC defaults and normalizes the reading and employee number', () => {
    const parsed = createMemberSchema.parse({
      name: ' 山田 太郎 ',
      nameKana: 'やまだ',
      employeeNumber: 'Ｅ０１',
    });
    expect(parsed).toMatchObject({
      name: '山田 太郎',
      nameKana: 'ヤマダ',
      employeeNumber: 'E01',
      engagement: 'occasional',
      unionRole: 'general_member',
      status: 'active',
    });
  });

  it('rejects unknown fields, unknown enum values and impossible dates', () => {
    const result = createMemberSchema.safeParse({
      name: 'x',
      engagement: 'hot',
      joinedOn: '2025-02-30',
      extra: 1,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.') || ('keys' in i ? i.keys.join() : ''));
    expect(paths).toEqual(expect.arrayContaining(['engagement', 'joinedOn', 'extra']));
  });

  it('an update needs the version it read', () => {
    expect(updateMemberSchema.safeParse({ name: 'x' }).success).toBe(false);
    expect(updateMemberSchema.safeParse({ name: 'x', version: 3 }).success).toBe(true);
  });
});

describe('member state rules', () => {
  it.each([
    [{ status: 'active', leftOn: null, joinedOn: null }, {}],
    [{ status: 'left', leftOn: null, joinedOn: null }, { leftOn: 'is required when status is left' }],
    [
      { status: 'active', leftOn: '2026-01-01', joinedOn: null },
      { leftOn: 'must be empty while status is active' },
    ],
    [
      { status: 'left', leftOn: '2019-01-01', joinedOn: '2020-01-01' },
      { leftOn: 'must not be before joinedOn' },
    ],
    [{ status: 'left', leftOn: '2026-01-01', joinedOn: '2020-01-01' }, {}],
  ])('%j → %j', (state, errors) => {
    expect(memberStateErrors(state)).toEqual(errors);
  });
});

describe('case state rules', () => {
  it.each([
    [{ status: 'open', openedOn: '2026-01-10', closedOn: null, dueOn: '2026-02-01' }, []],
    [{ status: 'open', openedOn: '2026-01-10', closedOn: '2026-01-20', dueOn: null }, ['closedOn']],
    [{ status: 'closed', openedOn: '2026-01-10', closedOn: '2026-01-05', dueOn: null }, ['closedOn']],
    [{ status: 'open', openedOn: '2026-01-10', closedOn: null, dueOn: '2026-01-09' }, ['dueOn']],
  ])('%j', (state, fields) => {
    expect(Object.keys(caseStateErrors(state))).toEqual(fields);
  });
});
