// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import HandoverReportPage from './HandoverReportPage';
import { BRIEFING_PAGE } from './queries';
import { buildBriefing, buildHandover, page, setup } from './test-fixtures';

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
        return apiError(404, 'not_found');
      },
    });
    expect(await screen.findByText('This handover moved no members.')).toBeTruthy();
    expect(screen.getByText('No note.')).toBeTruthy();
  });
});
