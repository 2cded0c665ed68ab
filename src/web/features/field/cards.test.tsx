// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWeb } from '../../../../test/render';
import type { Engagement } from '../../../core/enums';
import { OtherMembers, PAGE, WorkplaceCard } from './cards';
import type { Pack, PackMember } from './types';
import { fieldView } from './view';

afterEach(cleanup);

// Issue 19: a workplace's member cards are drawn only once it is opened, PAGE at a time, so the
// field app's first render stays small however many members a rep has.

const member = (i: number, engagement: Engagement, workplaceId: string | null = 'w1'): PackMember => ({
  id: `m${i}`,
  workplaceId,
  name: `組合員 ${String(i).padStart(3, '0')}`,
  nameKana: `くみあいいん ${String(i).padStart(3, '0')}`,
  employeeNumber: null,
  engagement,
  version: 1,
  nextAction: null,
  openCases: [],
});

/** 70 members in one workplace: 20 active core, 50 regular; 3 more outside it. */
const pack: Pack = {
  generatedAt: '2026-12-07T00:00:00Z',
  user: { id: 'u1', displayName: '田中', role: 'rep' },
  workplaces: [{ id: 'w1', name: '第一工場', atmosphere: 'normal', version: 1, memberCount: 70 }],
  members: [
    ...Array.from({ length: 20 }, (_, i) => member(i + 1, 'active_core')),
    ...Array.from({ length: 50 }, (_, i) => member(i + 21, 'regular')),
    ...Array.from({ length: 3 }, (_, i) => member(i + 71, 'regular', null)),
  ],
  tasks: [],
  notes: [],
  meetings: [],
  truncated: false,
};
const view = fieldView(pack, [], '2026-12-07');
const workplace = view.workplaces[0]!;

function renderCard(startOpen: boolean, lang: 'ja' | 'en' = 'ja') {
  return renderWeb(
    <WorkplaceCard
      workplace={workplace}
      view={view}
      today="2026-12-07"
      startOpen={startOpen}
      mayChangeAtmosphere
      mayRecordMeetings
      onCapture={vi.fn(async () => {})}
    />,
    { lang },
  );
}

const cards = () => screen.queryAllByRole('article');

describe('a workplace in the field app', () => {
  it('draws no member card until it is opened, then the first ones, and more on request', () => {
    renderCard(false);
    const region = screen.getByRole('region', { name: /第一工場/ });
    within(region).getByText('70人');
    expect(cards()).toHaveLength(0);

    const toggle = screen.getByRole('button', { name: '組合員を表示' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).not.toBeNull();
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: '組合員を閉じる' }).getAttribute('aria-expanded')).toBe('true');
    expect(cards()).toHaveLength(PAGE);
    // The most engaged first, by name; each group's heading counts all of its members.
    expect(cards()[0]?.getAttribute('aria-label')).toBe('組合員 001');
    screen.getByRole('heading', { level: 4, name: /執行委員・積極参加\s*20人/ });
    screen.getByRole('heading', { level: 4, name: /定期参加\s*50人/ });

    fireEvent.click(screen.getByRole('button', { name: `さらに${PAGE}人を表示（残り40人）` }));
    expect(cards()).toHaveLength(2 * PAGE);
    fireEvent.click(screen.getByRole('button', { name: 'さらに10人を表示（残り10人）' }));
    expect(cards()).toHaveLength(70);
    expect(screen.queryByRole('button', { name: /さらに/ })).toBeNull();
    expect(cards().at(-1)?.getAttribute('aria-label')).toBe('組合員 070');

    fireEvent.click(screen.getByRole('button', { name: '組合員を閉じる' }));
    expect(cards()).toHaveLength(0);
  });

  it('closes a saved form a moment later, but not the next one opened meanwhile', async () => {
    const onCapture = vi.fn(async () => {});
    renderWeb(
      <WorkplaceCard
        workplace={workplace}
        view={view}
        today="2026-12-07"
        startOpen={false}
        mayChangeAtmosphere
        mayRecordMeetings
        onCapture={onCapture}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: '職場会を記録' }));
    fireEvent.click(screen.getByRole('button', { name: '端末に保存' }));
    await waitFor(() =>
      expect(onCapture).toHaveBeenCalledWith(expect.objectContaining({ kind: 'meeting', workplaceId: 'w1' })),
    );
    fireEvent.click(screen.getByRole('button', { name: '雰囲気を変更' }));
    await new Promise((resolve) => setTimeout(resolve, 900));
    // The meeting form's close did not take the atmosphere form with it.
    expect(screen.getByRole('button', { name: '雰囲気を変更' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '端末に保存' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /端末に保存|保存しました/ })).toBeNull());
    expect(onCapture).toHaveBeenCalledTimes(2);
  });

  it('starts open when it is the user’s only list, and speaks English', () => {
    renderCard(true, 'en');
    expect(screen.getByRole('button', { name: 'Hide members' }).getAttribute('aria-expanded')).toBe('true');
    expect(cards()).toHaveLength(PAGE);
    screen.getByRole('button', { name: `Show ${PAGE} more (40 left)` });
  });

  it('lists members outside the user’s workplaces the same way', () => {
    renderWeb(<OtherMembers members={view.otherMembers} view={view} startOpen={false} onCapture={vi.fn()} />);
    expect(cards()).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: '組合員を表示' }));
    expect(cards().map((c) => c.getAttribute('aria-label'))).toEqual([
      '組合員 071',
      '組合員 072',
      '組合員 073',
    ]);
    expect(screen.queryByRole('button', { name: /さらに/ })).toBeNull();
  });
});
