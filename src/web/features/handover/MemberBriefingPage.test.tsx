// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MemberBriefingPage from './MemberBriefingPage';
import { buildBriefing, setup } from './test-fixtures';

afterEach(cleanup);

const briefing = buildBriefing();
const id = briefing.member.id;

function render(lang: 'ja' | 'en' = 'ja', answer: unknown = briefing) {
  const seen: string[] = [];
  renderWeb(<MemberBriefingPage />, {
    route: `/members/${id}/briefing`,
    path: '/members/:id/briefing',
    lang,
    fetch: (url) => {
      seen.push(url);
      if (url.startsWith('/api/setup')) return setup;
      if (url === `/api/members/${id}/briefing`) return answer;
      return apiError(404, 'not_found');
    },
  });
  return seen;
}

describe('MemberBriefingPage', () => {
  it('prints everything a new owner needs, section by section', async () => {
    render();
    const heading = await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    const article = heading.closest('article') as HTMLElement;
    expect(screen.getByText('ものづくり労組')).toBeTruthy();
    expect(within(article).getByText('ヤマダ ハナコ')).toBeTruthy();
    for (const name of [
      '基本情報',
      '次のアクション',
      '関与度の推移（過去12ヶ月）',
      'フォロー中の案件',
      '最近の相談・連絡（新しい順に5件まで）',
      '関連する要求',
      '未完了のタスク',
    ]) {
      expect(within(article).getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    expect(within(article).getByText('鈴木 一郎', { selector: 'dd' })).toBeTruthy();
    expect(within(article).getByText('個別に面談する')).toBeTruthy();
    expect(within(article).getByText('期日：2026年4月20日')).toBeTruthy();
    expect(within(article).getByText('夜勤明けの呼び出しが続いている')).toBeTruthy();

    // The trend: where the year began, then each change on its day in Tokyo (16:00Z is the next day).
    const trend = within(screen.getByTestId('briefing-trend')).getAllByRole('listitem');
    expect(trend.map((li) => li.querySelector('.briefing-when')?.textContent)).toEqual([
      '2025年4月1日時点',
      '2026年2月20日',
    ]);
    expect(
      Array.from(trend[1]!.querySelectorAll('[data-engagement]')).map((c) =>
        c.getAttribute('data-engagement'),
      ),
    ).toEqual(['regular', 'at_risk']);
    expect(within(trend[1]!).getByText(/面談で脱退を考えていると話した/)).toBeTruthy();

    // A sensitive case is marked in words.
    const cases = within(screen.getByTestId('briefing-cases')).getAllByRole('row').slice(1);
    expect(cases.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      '残業代の未払い',
      '上司からの威圧的な言動要配慮',
    ]);
    const note = within(screen.getByTestId('briefing-notes')).getAllByRole('row')[1]!;
    expect(
      within(note)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2026年3月5日', '電話', '夜勤明けの呼び出しについて相談', '佐藤 健一']);
    const demand = within(screen.getByTestId('briefing-demands')).getByRole('link', {
      name: '夜勤手当の増額',
    });
    expect(demand.getAttribute('href')).toBe(`/demands/${briefing.demands[0]!.id}`);
    expect(within(screen.getByTestId('briefing-tasks')).getByText('面談の日程を決める')).toBeTruthy();
    expect(document.title).toContain('山田 花子さんの引き継ぎ資料');
  });

  it('prints on request and links back to the member', async () => {
    const print = vi.fn();
    window.print = print;
    render();
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    await userEvent.setup().click(screen.getByRole('button', { name: '印刷' }));
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: '組合員のページに戻る' }).getAttribute('href')).toBe(
      `/members/${id}`,
    );
  });

  it('says so when a section is empty, in English too', async () => {
    render(
      'en',
      buildBriefing(
        { id, nextAction: null, nextActionDueOn: null },
        {
          openCases: [],
          recentNotes: [],
          demands: [],
          openTasks: [],
          engagementTrend: { since: '2025-04-01T01:00:00.000Z', atStart: null, changes: [] },
        },
      ),
    );
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    for (const text of [
      'No open cases.',
      'No consultation recorded.',
      'Not linked to any demand.',
      'No open tasks.',
      'No change in the last 12 months.',
    ]) {
      expect(screen.getByText(text)).toBeTruthy();
    }
    expect(screen.getByRole('heading', { name: 'Engagement over the last 12 months' })).toBeTruthy();
  });

  it('answers a member out of reach like a missing one', async () => {
    render('ja', apiError(404, 'not_found'));
    expect(await screen.findByText('見つかりません')).toBeTruthy();
  });
});
