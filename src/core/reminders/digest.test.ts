import { describe, expect, it } from 'vitest';
import { buildDigestMail, type DigestItems, digestHasContent } from './digest';
import { duePeriod, nextAttemptAfter } from './schedule';

const empty: DigestItems = {
  frequency: 'daily',
  asOf: '2026-03-09',
  weekStart: '2026-03-09',
  weekEnd: '2026-03-15',
  tasks: [],
  tasksTotal: 0,
  newRuleTasks: [],
  nextActions: [],
  nextActionsTotal: 0,
  cases: [],
  casesTotal: 0,
  sensitiveCasesDue: 0,
  negotiations: [],
  meetings: [],
};

describe('when a digest is due', () => {
  it('daily from its time in the organization zone, across a DST change', () => {
    const user = { digest: 'daily', digestTime: '07:00' };
    // New York moved to daylight time on 8 March 2026: 07:00 is 11:00Z after, 12:00Z before.
    expect(duePeriod(user, new Date('2026-03-09T10:59:00Z'), 'America/New_York')).toBeUndefined();
    expect(duePeriod(user, new Date('2026-03-09T11:00:00Z'), 'America/New_York')?.key).toBe(
      'daily:2026-03-09',
    );
    expect(duePeriod(user, new Date('2026-03-07T11:30:00Z'), 'America/New_York')).toBeUndefined();
    // Tokyo's day starts at 15:00Z: 23:30Z on 9 March is already the 10th there.
    expect(duePeriod(user, new Date('2026-03-09T23:30:00Z'), 'Asia/Tokyo')?.key).toBe('daily:2026-03-10');
    expect(duePeriod({ digest: 'none', digestTime: '07:00' }, new Date(), 'Asia/Tokyo')).toBeUndefined();
  });

  it('weekly from Monday at its time, caught up later in the same week', () => {
    const user = { digest: 'weekly', digestTime: '09:15' };
    expect(duePeriod(user, new Date('2026-03-09T09:14:00+09:00'), 'Asia/Tokyo')).toBeUndefined();
    expect(duePeriod(user, new Date('2026-03-09T09:15:00+09:00'), 'Asia/Tokyo')?.key).toBe(
      'weekly:2026-03-09',
    );
    expect(duePeriod(user, new Date('2026-03-15T23:59:00+09:00'), 'Asia/Tokyo')?.key).toBe(
      'weekly:2026-03-09',
    );
    // Month and year ends: the Monday of the week of 1 January 2027 is 28 December 2026.
    expect(duePeriod(user, new Date('2027-01-01T12:00:00+09:00'), 'Asia/Tokyo')?.key).toBe(
      'weekly:2026-12-28',
    );
  });

  it('retries after 5 min, 30 min and 2 h, then gives up', () => {
    const now = new Date('2026-03-09T00:00:00Z');
    expect([1, 2, 3, 4].map((n) => nextAttemptAfter(n, now)?.toISOString())).toEqual([
      '2026-03-09T00:05:00.000Z',
      '2026-03-09T00:30:00.000Z',
      '2026-03-09T02:00:00.000Z',
      undefined,
    ]);
  });
});

describe('the digest mail', () => {
  it('nothing due makes no mail, even with figures', () => {
    expect(digestHasContent({ ...empty, figures: { atRisk: 3, earlyWarnings: 1 } })).toBe(false);
    expect(digestHasContent({ ...empty, sensitiveCasesDue: 1 })).toBe(true);
  });

  it('escapes names in HTML, keeps each line one line, counts what it leaves out, speaks English on request', () => {
    const items: DigestItems = {
      ...empty,
      frequency: 'weekly',
      tasks: [
        {
          id: 't1',
          title: '<script>alert(1)</script>\r\nBcc: x@example.org',
          dueOn: '2026-03-08',
          overdue: true,
        },
      ],
      tasksTotal: 25,
      meetings: [{ workplaceId: 'w1', workplaceName: 'A&B 課', title: '集会', heldOn: '2026-03-12' }],
    };
    const ja = buildDigestMail(items, { displayName: '山田 "花子"', language: null }, 'https://k.example');
    expect(ja.subject).toBe('【Kumiai】今週のお知らせ（2026-03-09〜）');
    expect(ja.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@example.org');
    expect(ja.html).not.toContain('<script>');
    expect(ja.html).toContain('A&amp;B 課');
    expect(ja.html).toContain('山田 &quot;花子&quot; さん');
    expect(ja.text).not.toMatch(/\r|\nBcc/);
    expect(ja.text).toContain('・ほか 24件');
    expect(ja.text).toContain('期限切れ 2026-03-08');
    expect(ja.text).toContain('https://k.example/account');
    const en = buildDigestMail(items, { displayName: 'Hanako', language: 'en' }, 'https://k.example');
    expect(en.subject).toBe("[Kumiai] This week's reminders (from 2026-03-09)");
    expect(en.text).toContain('and 24 more');
  });
});
