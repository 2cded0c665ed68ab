// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import HandoverReportPage from './HandoverReportPage';
import { BRIEFING_PAGE } from './queries';
import { buildBriefing, buildHandover, buildSummary, page, setup, uuid } from './test-fixtures';

afterEach(cleanup);

describe('HandoverReportPage', () => {
  it('prints the handover, then every member’s briefing on its own page, fetching page after page', async () => {
    const handover = buildHandover({ memberCount: BRIEFING_PAGE + 1 });
    const briefings = Array.from({ length: BRIEFING_PAGE + 1 }, (_, i) =>
      buildBriefing({ name: `組合員 ${String(i + 1).padStart(3, '0')}` }),
    );
    const seen: string[] = [];
    renderWeb(<HandoverReportPage />, {
      route: `/handovers/${handover.id}`,
      path: '/handovers/:id',
      fetch: (url) => {
        seen.push(url);
        if (url.startsWith('/api/setup')) return setup;
        if (url === `/api/handovers/${handover.id}`) return handover;
        if (url === `/api/handovers/${handover.id}/summary`) return buildSummary();
        if (url.startsWith(`/api/handovers/${handover.id}/briefings`)) {
          const offset = Number(new URL(url, 'http://x').searchParams.get('offset'));
          return page(briefings.slice(offset, offset + BRIEFING_PAGE), briefings.length);
        }
        return apiError(404, 'not_found');
      },
    });

    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('佐藤 健一 → 鈴木 一郎');
    const summary = screen.getByTestId('handover-summary');
    // 2026-03-31T16:30Z is April 1 in Tokyo.
    expect(within(summary).getByText('2026年4月1日')).toBeTruthy();
    expect(within(summary).getByText('異動のため。第一製造課は夜勤が多い。')).toBeTruthy();
    expect(within(summary).getByText(`組合員 ${BRIEFING_PAGE + 1}人`)).toBeTruthy();
    expect(within(summary).getByText('未完了タスク 3件')).toBeTruthy();
    expect(within(summary).getByText('対応中の案件 2件')).toBeTruthy();

    await waitFor(() => expect(screen.getAllByTestId('briefing')).toHaveLength(BRIEFING_PAGE + 1));
    const names = screen
      .getAllByRole('heading', { level: 2 })
      .filter((h) => h.classList.contains('briefing-name'));
    expect(names.map((h) => h.textContent)).toEqual(briefings.map((b) => b.member.name));
    // Each member starts a new sheet.
    const sections = document.querySelectorAll('.briefing-member.report-break');
    expect(sections).toHaveLength(BRIEFING_PAGE + 1);
    expect(within(sections[0] as HTMLElement).getByText(`${BRIEFING_PAGE + 1}人中 1人目`)).toBeTruthy();
    expect(seen.filter((u) => u.includes('/briefings'))).toEqual([
      `/api/handovers/${handover.id}/briefings?limit=${BRIEFING_PAGE}&offset=0`,
      `/api/handovers/${handover.id}/briefings?limit=${BRIEFING_PAGE}&offset=${BRIEFING_PAGE}`,
    ]);
    expect((screen.getByRole('button', { name: '印刷' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so when the handover moved no member (only workplaces or tasks)', async () => {
    const handover = buildHandover({ memberCount: 0, note: null });
    renderWeb(<HandoverReportPage />, {
      route: `/handovers/${handover.id}`,
      path: '/handovers/:id',
      lang: 'en',
      fetch: (url) => {
        if (url.startsWith('/api/setup')) return setup;
        if (url === `/api/handovers/${handover.id}`) return handover;
        if (url.includes('/briefings')) return page([]);
        if (url.endsWith('/summary')) return buildSummary();
        return apiError(404, 'not_found');
      },
    });
    expect(await screen.findByText('This handover moved no members.')).toBeTruthy();
    expect(screen.getByText('No note.')).toBeTruthy();
    expect(await screen.findByText('No member is at risk.')).toBeTruthy();
    expect(screen.getByText('No open cases.')).toBeTruthy();
  });

  it('starts with what needs attention first: at-risk members, open cases and next actions, overdue first', async () => {
    const handover = buildHandover();
    const member = (name: string, over: object = {}) => ({
      memberId: uuid(),
      name,
      workplaceName: '第一製造課',
      nextAction: '面談する',
      nextActionDueOn: '2026-03-25',
      overdue: true,
      ...over,
    });
    const risky = member('山田 花子', { nextAction: '夜勤明けに面談' });
    const summary = buildSummary({
      atRisk: { items: [risky], total: 1 },
      openCases: {
        items: [
          {
            caseId: uuid(),
            memberId: risky.memberId,
            memberName: '山田 花子',
            title: '残業代の未払い',
            dueOn: '2026-03-20',
            overdue: true,
            sensitive: false,
          },
          {
            caseId: uuid(),
            memberId: risky.memberId,
            memberName: '山田 花子',
            title: '上司からの威圧的な言動',
            dueOn: null,
            overdue: false,
            sensitive: true,
          },
        ],
        total: 12,
        overdue: 1,
      },
      nextActions: {
        items: [risky, member('鈴木 太郎', { nextActionDueOn: '2026-04-20', overdue: false })],
        total: 2,
        overdue: 1,
      },
    });
    renderWeb(<HandoverReportPage />, {
      route: `/handovers/${handover.id}`,
      path: '/handovers/:id',
      fetch: (url) => {
        if (url.startsWith('/api/setup')) return setup;
        if (url === `/api/handovers/${handover.id}`) return handover;
        if (url === `/api/handovers/${handover.id}/summary`) return summary;
        if (url.includes('/briefings')) return page([buildBriefing({ name: '山田 花子' })]);
        return apiError(404, 'not_found');
      },
    });
    const overview = await screen.findByTestId('handover-overview');
    await within(overview).findByText('脱退リスクありの組合員（1人）');
    const atRisk = within(overview).getByRole('region', { name: '脱退リスクありの組合員（1人）' });
    expect(within(atRisk).getByText('夜勤明けに面談')).toBeTruthy();
    expect(within(atRisk).getByText('期限切れ')).toBeTruthy();
    const cases = within(overview).getByRole('region', { name: '対応中の案件（12件、うち期限切れ 1件）' });
    const caseRows = within(cases).getAllByRole('row').slice(1);
    expect(caseRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      '残業代の未払い',
      '上司からの威圧的な言動要配慮',
    ]);
    expect(within(cases).getByText('ほか10件は、各組合員の資料にあります。')).toBeTruthy();
    const next = within(overview).getByRole('region', {
      name: '期日のある次のアクション（2件、うち期限切れ 1件）',
    });
    expect(
      within(next)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['山田 花子', '鈴木 太郎']);
    // The summary comes before the first member's briefing, which starts a new sheet.
    const briefing = await screen.findByTestId('briefing');
    expect(overview.compareDocumentPosition(briefing) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(briefing.closest('.briefing-member')?.classList.contains('report-break')).toBe(true);
  });
});
