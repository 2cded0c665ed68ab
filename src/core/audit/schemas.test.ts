import { describe, expect, it } from 'vitest';
import { changedFields, presentAuditChanges } from './changes';
import { auditLogQuery, isAuditInstant, resolveAuditRange } from './schemas';

describe('resolveAuditRange', () => {
  it('takes a day as the whole day in the organization’s time zone', () => {
    const { range, errors } = resolveAuditRange({ from: '2026-05-01', to: '2026-05-01' }, 'Asia/Tokyo');
    expect(errors).toBeUndefined();
    expect(range.from?.toISOString()).toBe('2026-04-30T15:00:00.000Z');
    expect(range.to).toEqual({ at: new Date('2026-05-01T15:00:00.000Z'), inclusive: false });
  });

  it('follows daylight saving time (a 23-hour day in New York)', () => {
    const { range } = resolveAuditRange({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York');
    expect(range.from?.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(range.to?.at.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('takes a timestamp as that instant, inclusive', () => {
    const { range } = resolveAuditRange(
      { from: '2026-05-01T09:00:00+09:00', to: '2026-05-01T00:00:00Z' },
      'Asia/Tokyo',
    );
    expect(range.from?.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(range.to).toEqual({ at: new Date('2026-05-01T00:00:00.000Z'), inclusive: true });
  });

  it('names `to` when the range is empty', () => {
    expect(resolveAuditRange({ from: '2026-05-02', to: '2026-05-01' }, 'Asia/Tokyo').errors).toEqual({
      to: 'must not be before from',
    });
    expect(
      resolveAuditRange({ from: '2026-05-01T00:00:00.001Z', to: '2026-05-01T00:00:00Z' }, 'UTC').errors,
    ).toEqual({ to: 'must not be before from' });
  });
});

describe('audit query', () => {
  it('accepts days and ISO timestamps, and nothing else', () => {
    for (const ok of [
      '2026-05-01',
      '2026-05-01T00:00Z',
      '2026-05-01T09:00:00.123456+09:00',
      '2024-02-29T23:59:59-05:00',
    ]) {
      expect(isAuditInstant(ok), ok).toBe(true);
    }
    for (const bad of [
      '2026-02-30',
      '2026-5-1',
      '2026-05-01T24:00:00Z',
      '2026-05-01T00:00:00',
      'today',
      '',
    ]) {
      expect(isAuditInstant(bad), bad).toBe(false);
    }
  });

  it('restores a + of an offset that an unencoded query string turned into a space', () => {
    expect(auditLogQuery.parse({ from: '2026-05-01T09:00:00 09:00' }).from).toBe('2026-05-01T09:00:00+09:00');
  });
});

describe('changes', () => {
  it('lists only the fields that differ, without updatedAt and version', () => {
    expect(
      changedFields(
        { role: 'rep', disabled: false, updatedAt: 'a', version: 1, milestoneYears: [5, 10] },
        { role: 'officer', disabled: false, updatedAt: 'b', version: 2, milestoneYears: [5, 10, 20] },
      ),
    ).toEqual({ role: { from: 'rep', to: 'officer' }, milestoneYears: { from: [5, 10], to: [5, 10, 20] } });
  });

  it('presents an update as its changes and an insert or delete as its row, with API field names', () => {
    expect(
      presentAuditChanges(
        'update',
        { display_name: '田中', role: 'rep', version: 1 },
        { display_name: '田中', role: 'officer', version: 2 },
      ),
    ).toEqual({
      recordLabel: '田中',
      changes: { role: { from: 'rep', to: 'officer' } },
      before: null,
      after: null,
    });
    expect(presentAuditChanges('delete', { title: '賃上げ', member_id: 'm' }, null)).toEqual({
      recordLabel: '賃上げ',
      changes: null,
      before: { title: '賃上げ', memberId: 'm' },
      after: null,
    });
    expect(presentAuditChanges('sign_in', null, null)).toEqual({
      recordLabel: null,
      changes: null,
      before: null,
      after: null,
    });
  });
});
