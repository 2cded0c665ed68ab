// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { User } from '../../http/types';
import { staffAnswer } from '../users/test-fixtures';
import { buildWorkplace, page } from './test-fixtures';
import WorkplaceListPage from './WorkplaceListPage';

afterEach(cleanup);

const A = buildWorkplace({ name: '第一製造部' });
const B = buildWorkplace({ name: '第二製造部' });
const C = buildWorkplace({ name: '物流センター' });

const officer: User = {
  id: '99999999-9999-4999-8999-999999999999',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  email: 'sato@example.org',
  displayName: '佐藤 健',
  role: 'officer',
  disabled: false,
  workplaceIds: [],
};
const rep: User = {
  ...officer,
  id: '88888888-8888-4888-8888-888888888888',
  role: 'rep',
  displayName: '田中',
};

function setup({ me = officer, route = '/workplaces', failFirst = false } = {}) {
  const writes: Record<string, unknown>[] = [];
  const keys: string[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const path = url.split('?')[0];
    if (path === '/api/workplaces/bulk' && init?.method === 'POST') {
      writes.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      keys.push(new Headers(init.headers).get('idempotency-key') ?? '');
      if (failFirst && writes.length === 1) return apiError(503, 'unavailable');
      return { changed: 2, skipped: 1, replayed: false };
    }
    if (path === '/api/workplaces') return page([A, B, C], 75);
    if (path === '/api/auth/me') return me;
    if (path === '/api/staff') return staffAnswer(url, [officer, rep]);
    if (path === '/api/custom-fields') return page([]);
    if (path === '/api/saved-views') return page([]);
    return apiError(404, 'not_found');
  };
  renderWeb(<WorkplaceListPage />, { route, path: '/workplaces', fetch });
  return { writes, keys };
}

describe('bulk actions on the workplace list', () => {
  it('changes the owner of the ticked workplaces after a confirmation that states the count', async () => {
    const user = userEvent.setup();
    const { writes, keys } = setup();
    expect(screen.queryByRole('checkbox', { name: '第一製造部を選択' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した職場の一括操作' });
    await user.click(screen.getByRole('checkbox', { name: '第一製造部を選択' }));
    await user.click(screen.getByRole('checkbox', { name: '物流センターを選択' }));
    within(bar).getByText('2件を選択中');
    await user.click(within(bar).getByRole('button', { name: '担当者を変更' }));
    const dialog = within(bar).getByRole('dialog', { name: '2件の職場の担当者を変更します' });
    await user.selectOptions(await within(dialog).findByLabelText('新しい担当者'), officer.id);
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText('2件の職場の担当者を変更しました（変更なし・対象外 1件）');
    expect(writes).toEqual([{ action: 'set_owner', workplaceIds: [A.id, C.id], ownerId: officer.id }]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    // The selection is done with: the boxes are unticked.
    expect((screen.getByRole('checkbox', { name: '第一製造部を選択' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it('creates a task about every workplace the filters match (custom fields included), retrying under the same key', async () => {
    const user = userEvent.setup();
    const { writes, keys } = setup({
      route: '/workplaces?atmosphere=indifferent&cf.site=east',
      failFirst: true,
    });
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    await user.click(await screen.findByRole('button', { name: '条件に合う全75件を選択' }));
    const bar = screen.getByRole('region', { name: '選択した職場の一括操作' });
    within(bar).getByText('条件に合う全75件を選択中');
    expect((screen.getByRole('checkbox', { name: '第二製造部を選択' }) as HTMLInputElement).checked).toBe(
      true,
    );
    await user.click(within(bar).getByRole('button', { name: 'タスクを作成' }));
    const dialog = within(bar).getByRole('dialog', { name: '75件の職場にタスクを作成します' });
    expect((within(dialog).getByRole('button', { name: '実行する' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await user.type(within(dialog).getByLabelText('タスク名'), '職場集会の日程調整');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText('2件のタスクを作成しました（変更なし・対象外 1件）');
    const body = {
      action: 'create_task',
      filter: { atmosphere: 'indifferent', 'cf.site': 'east' },
      task: { title: '職場集会の日程調整', dueOn: null, assigneeId: null },
    };
    expect(writes).toEqual([body, body]);
    expect(keys[1]).toBe(keys[0]);
  });

  it('offers a rep only tasks (for themselves), not the owner change', async () => {
    const user = userEvent.setup();
    const { writes } = setup({ me: rep });
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した職場の一括操作' });
    expect(within(bar).queryByRole('button', { name: '担当者を変更' })).toBeNull();
    expect(within(bar).queryByRole('button', { name: 'エクスポート' })).toBeNull();
    // Nothing ticked: nothing to do.
    expect((within(bar).getByRole('button', { name: 'タスクを作成' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await user.click(screen.getByRole('checkbox', { name: '第二製造部を選択' }));
    await user.click(within(bar).getByRole('button', { name: 'タスクを作成' }));
    const dialog = within(bar).getByRole('dialog', { name: '1件の職場にタスクを作成します' });
    expect(within(dialog).queryByLabelText('担当者')).toBeNull();
    await user.type(within(dialog).getByLabelText('タスク名'), '巡回');
    await user.click(within(dialog).getByRole('button', { name: '実行する' }));
    await within(bar).findByText(/2件のタスクを作成しました/);
    expect(writes).toEqual([
      { action: 'create_task', workplaceIds: [B.id], task: { title: '巡回', dueOn: null } },
    ]);
  });
});
