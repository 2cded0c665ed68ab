// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWeb } from '../../../../test/render';
import type { SearchResult } from './queries';
import { TopBarSearch } from './TopBarSearch';

afterEach(cleanup);

const MEMBER = '11111111-1111-4111-8111-111111111111';
const MEMBER2 = '11111111-1111-4111-8111-111111111112';
const WORKPLACE = '22222222-2222-4222-8222-222222222222';
const DEMAND = '33333333-3333-4333-8333-333333333333';
const TASK = '44444444-4444-4444-8444-444444444444';

const answer: SearchResult = {
  members: [
    {
      id: MEMBER,
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      employeeNumber: 'E-1001',
      workplaceName: '第一工場',
      status: 'active',
    },
    {
      id: MEMBER2,
      name: '山田 花子',
      nameKana: null,
      employeeNumber: null,
      workplaceName: null,
      status: 'left',
    },
  ],
  workplaces: [{ id: WORKPLACE, name: '山田工場', nameKana: 'ヤマダコウジョウ', establishment: null }],
  demands: [
    { id: DEMAND, title: '山田地区の手当', status: 'negotiating', priority: 'high', seasonName: '2026春闘' },
  ],
  tasks: [{ id: TASK, title: '山田さんに連絡', status: 'open', dueOn: '2026-04-10' }],
  more: { members: true, workplaces: false, demands: false, tasks: false },
  membersNeedMoreCharacters: false,
};

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function setup() {
  const asked: string[] = [];
  const view = renderWeb(
    <>
      <TopBarSearch />
      <input aria-label="別の入力" />
      <Where />
    </>,
    {
      fetch: (url) => {
        const u = new URL(url, 'http://localhost');
        if (u.pathname === '/api/search') {
          asked.push(u.searchParams.get('q') ?? '');
          return answer;
        }
        return {};
      },
    },
  );
  return { ...view, asked };
}

describe('TopBarSearch', () => {
  it('shows the matches grouped as you type, once the typing pauses', async () => {
    const { asked } = setup();
    const box = screen.getByRole('combobox', { name: '検索' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    await userEvent.type(box, '山田');
    const list = await screen.findByRole('listbox', { name: '検索結果' });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    // One request for the whole word, not one per keystroke.
    expect(asked).toEqual(['山田']);
    const groups = within(list).getAllByRole('group');
    const label = (g: HTMLElement) =>
      document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent;
    expect(groups.map(label)).toEqual(['組合員', '職場', '要求', 'タスク']);
    const members = within(groups[0]!).getAllByRole('option');
    expect(members.map((o) => o.textContent)).toEqual([
      '山田 太郎ヤマダ タロウ ・ E-1001 ・ 第一工場',
      '山田 花子脱退',
      '組合員一覧で続きを見る',
    ]);
    expect(screen.getByRole('status').textContent).toContain('5件見つかりました');
  });

  it('moves through the options with the arrow keys and opens one with Enter', async () => {
    setup();
    const box = screen.getByRole('combobox', { name: '検索' });
    await userEvent.type(box, '山田');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{ArrowDown}');
    const first = screen.getByRole('option', { name: /山田 太郎/ });
    expect(box.getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    const workplace = screen.getByRole('option', { name: /山田工場/ });
    expect(box.getAttribute('aria-activedescendant')).toBe(workplace.id);
    // Up from the first wraps to the last (the task).
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /連絡/ }).id);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.getByTestId('where').textContent).toBe(`/members/${MEMBER2}`);
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('leads to the list for more, and Escape closes the list', async () => {
    setup();
    const box = screen.getByRole('combobox', { name: '検索' });
    await userEvent.type(box, '山田');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('山田');
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(screen.getByRole('option', { name: '組合員一覧で続きを見る' }));
    expect(screen.getByTestId('where').textContent).toBe(`/members?q=${encodeURIComponent('山田')}`);
  });

  it('brings the keyboard to the box with / (not while typing elsewhere) and Ctrl+K', async () => {
    setup();
    const box = screen.getByRole('combobox', { name: '検索' });
    const other = screen.getByRole('textbox', { name: '別の入力' });
    await userEvent.click(other);
    await userEvent.keyboard('/');
    expect(document.activeElement).toBe(other);
    expect((other as HTMLInputElement).value).toBe('/');
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(box);
    act(() => box.blur());
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(document.body, { key: 'k', metaKey: true });
    expect(document.activeElement).toBe(box);
  });

  it('never asks while an IME conversion is open', async () => {
    const { asked } = setup();
    const box = screen.getByRole('combobox', { name: '検索' });
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'やまだ' } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(asked).toEqual([]);
    fireEvent.compositionEnd(box, { target: { value: '山田' } });
    await waitFor(() => expect(asked).toEqual(['山田']));
  });
});
