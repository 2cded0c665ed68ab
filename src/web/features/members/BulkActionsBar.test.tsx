// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MemberListPage from './MemberListPage';
import { buildMember, jsonBody, me, page, signedInAs, workplace } from './test-fixtures';

afterEach(cleanup);

const A = buildMember({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: '山田 花子' });
const B = buildMember({
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  name: '鈴木 一郎',
  nameKana: 'スズキ イチロウ',
});
const C = buildMember({
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  name: '田中 次郎',
  nameKana: 'タナカ ジロウ',
});

function setup(role: Parameters<typeof signedInAs>[0] = 'officer', failFirst = false) {
  const writes: Record<string, unknown>[] = [];
  const keys: string[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url === '/api/members/bulk' && method === 'POST') {
      writes.push(jsonBody(init));
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      if (failFirst && writes.length === 1) return apiError(503, 'unavailable');
      return { changed: 2, skipped: 1, replayed: false };
    }
    if (url.startsWith('/api/demands')) return page([]);
    if (url.startsWith('/api/members')) return page([A, B, C], 120);
    if (url.startsWith('/api/workplaces')) return page([workplace]);
    if (url.startsWith('/api/staff')) return page([me]);
    if (url.startsWith('/api/auth/me')) return signedInAs(role);
    return apiError(404, 'not_found');
  };
  renderWeb(<MemberListPage />, { route: '/members', path: '/members', fetch });
  return { writes, keys };
}

describe('bulk actions on the member list', () => {
  it('changes the engagement of the ticked members with one reason, after a confirmation that states the count', async () => {
    const user = userEvent.setup();
    const { writes } = setup();
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した組合員の一括操作' });
    for (const name of ['山田 花子を選択', '鈴木 一郎を選択', '田中 次郎を選択'])
      await user.click(screen.getByRole('checkbox', { name }));
    await user.click(within(bar).getByRole('button', { name: '関与度を変更' }));
    const dialog = within(bar).getByRole('dialog', { name: '3人の関与度を変更します' });
    await user.selectOptions(within(dialog).getByLabelText('新しい関与度'), 'at_risk');
    // No reason, no change.
    expect((within(dialog).getByRole('button', { name: '実行する' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await user.type(within(dialog).getByLabelText('変更の理由（全員に記録されます）'), '職場集会に不参加');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText('2人の関与度を変更しました（変更なし・対象外 1人）');
    expect(writes).toEqual([
      {
        action: 'set_engagement',
        memberIds: [A.id, B.id, C.id],
        engagement: 'at_risk',
        engagementReason: '職場集会に不参加',
      },
    ]);
  });

  it('adds a note to everyone the filters match', async () => {
    const user = userEvent.setup();
    const { writes } = setup();
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    await user.click(await screen.findByRole('button', { name: '条件に合う全員（120件）を選択' }));
    const bar = screen.getByRole('region', { name: '選択した組合員の一括操作' });
    await user.click(within(bar).getByRole('button', { name: 'メモを追加' }));
    const dialog = within(bar).getByRole('dialog', { name: '120人にメモを追加します' });
    await user.type(within(dialog).getByLabelText('メモ'), '春闘説明会の案内を配布');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText(/2人にメモを追加しました/);
    expect(writes[0]).toMatchObject({
      action: 'add_note',
      filter: { status: 'active' },
      note: { body: '春闘説明会の案内を配布' },
    });
  });

  it('sends the same Idempotency-Key when the user presses 実行する again after a failure, a new one for the next change', async () => {
    const user = userEvent.setup();
    const { writes, keys } = setup('officer', true);
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した組合員の一括操作' });
    await user.click(screen.getByRole('checkbox', { name: '山田 花子を選択' }));
    await user.click(within(bar).getByRole('button', { name: 'メモを追加' }));
    const dialog = within(bar).getByRole('dialog', { name: '1人にメモを追加します' });
    await user.type(within(dialog).getByLabelText('メモ'), '面談済み');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText(/2人にメモを追加しました/);
    // The same words for the same member later are a new note, not a replay.
    await user.click(screen.getByRole('checkbox', { name: '山田 花子を選択' }));
    await user.click(within(bar).getByRole('button', { name: 'メモを追加' }));
    const again = within(bar).getByRole('dialog', { name: '1人にメモを追加します' });
    await user.type(within(again).getByLabelText('メモ'), '面談済み');
    await user.click(within(again).getByRole('button', { name: '実行する' }));
    await within(bar).findByText(/2人にメモを追加しました/);
    expect(writes).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('shows a rep only the actions their role allows', async () => {
    const user = userEvent.setup();
    setup('rep');
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した組合員の一括操作' });
    expect(within(bar).queryByRole('button', { name: '担当者を変更' })).toBeNull();
    expect(within(bar).queryByRole('button', { name: 'エクスポート' })).toBeNull();
    expect(within(bar).getByRole('button', { name: '関与度を変更' })).toBeTruthy();
    expect(within(bar).getByRole('button', { name: 'メモを追加' })).toBeTruthy();
  });
});
