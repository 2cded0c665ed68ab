// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { User } from '../../http/types';
import { StaffUsers } from './StaffUsers';
import { admin, buildUser, buildWorkplace, page, recordRequest, type Seen } from './test-fixtures';

afterEach(cleanup);

const first = buildWorkplace({ name: '第一製造課' });
const second = buildWorkplace({ name: '第二製造課' });
const sales = buildWorkplace({ name: '営業部', establishment: '本社' });
const tanaka = buildUser({
  displayName: '田中 翔太',
  email: 'tanaka@example.org',
  role: 'rep',
  workplaceIds: [first.id],
  version: 2,
});

function server(seen: Seen[], onWrite: (req: Seen) => unknown) {
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0] ?? '';
    if (req.method !== 'GET') return onWrite(req);
    if (path === '/api/auth/me') return admin;
    if (path === '/api/users') return page([admin, tanaka]);
    if (path === `/api/users/${tanaka.id}`) return tanaka;
    if (path === `/api/users/${admin.id}`) return admin;
    if (path === '/api/workplaces') return page([first, second, sales]);
    if (path === '/api/handover/pending') return page([]);
    return apiError(404, 'not_found');
  };
}

const render = (seen: Seen[], onWrite: (req: Seen) => unknown, route = '/settings?tab=users') =>
  renderWeb(<StaffUsers />, { route, path: '/settings', fetch: server(seen, onWrite) });

describe('StaffUsers', () => {
  it('lists the staff with their role label, workplaces and status, each linking to its own URL', async () => {
    render([], () => undefined);
    const row = (await screen.findByText('tanaka@example.org')).closest('tr') as HTMLElement;
    expect(within(row).getByText('職場委員')).toBeTruthy();
    expect(within(row).getByText('有効')).toBeTruthy();
    expect(await within(row).findByText('第一製造課')).toBeTruthy();
    expect(
      within(row)
        .getByRole('link', { name: /田中 翔太/ })
        .getAttribute('href'),
    ).toBe(`/settings?tab=users&user=${tanaka.id}`);
    const mine = screen.getByText('admin@example.org').closest('tr') as HTMLElement;
    expect(within(mine).getByText('管理者')).toBeTruthy();
    expect(within(mine).getByText('（あなた）')).toBeTruthy();
  });

  it('creates a rep with the workplaces chosen', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen, (req) => ({ ...buildUser(req.body as Partial<User>), id: 'new' }));
    await screen.findByText('tanaka@example.org');
    await user.click(screen.getByRole('button', { name: '+ 利用者を登録' }));
    const form = screen.getByRole('heading', { name: '利用者を登録' }).closest('form') as HTMLElement;
    await user.type(within(form).getByLabelText(/^メールアドレス/), 'yamamoto@example.org');
    await user.type(within(form).getByLabelText(/^表示名/), '山本 由紀');
    // The workplaces are only asked for a rep.
    expect(within(form).queryByRole('group', { name: '担当職場' })).toBeNull();
    await user.selectOptions(within(form).getByLabelText(/^利用者の権限/), '職場委員');
    await user.type(within(form).getByLabelText(/^パスワード/), 'a-long-password');
    const picker = within(form).getByRole('group', { name: '担当職場' });
    await user.click(await within(picker).findByRole('checkbox', { name: /第二製造課/ }));
    await user.click(within(picker).getByRole('checkbox', { name: /営業部/ }));
    await user.click(within(form).getByRole('button', { name: '登録する' }));

    expect(await screen.findByText('山本 由紀さんを追加しました')).toBeTruthy();
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.url).toBe('/api/users');
    expect(post?.body).toEqual({
      email: 'yamamoto@example.org',
      displayName: '山本 由紀',
      role: 'rep',
      password: 'a-long-password',
      workplaceIds: [second.id, sales.id],
    });
  });

  it('shows the server’s field errors when creating fails', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen, () => apiError(409, 'conflict', { email: 'is already in use' }));
    await screen.findByText('tanaka@example.org');
    await user.click(screen.getByRole('button', { name: '+ 利用者を登録' }));
    const email = screen.getByLabelText(/^メールアドレス/);
    await user.type(email, 'tanaka@example.org');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('すでに使われています')).toBeTruthy();
  });

  it('disables a user with {version, disabled: true} after a confirmation that their sessions end', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen, () => ({ ...tanaka, disabled: true, version: 3 }), `/settings?tab=users&user=${tanaka.id}`);
    const editor = (await screen.findByRole('heading', { name: '田中 翔太さんのアカウント' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(editor).getByText(/ログイン中のセッションはすぐに終了し/)).toBeTruthy();
    await user.click(within(editor).getByRole('button', { name: 'このアカウントを無効にする' }));
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    expect(within(editor).getByText(/田中 翔太さんのアカウントを無効にしますか/)).toBeTruthy();
    await user.click(within(editor).getByRole('button', { name: 'このアカウントを無効にする' }));

    expect(
      await within(editor).findByText('アカウントを無効にしました。ログイン中のセッションは終了しました。'),
    ).toBeTruthy();
    const change = seen.find((r) => r.method === 'PATCH');
    expect(change?.url).toBe(`/api/users/${tanaka.id}`);
    expect(change?.body).toEqual({ version: 2, disabled: true });
    expect(within(editor).getByRole('button', { name: 'このアカウントを有効に戻す' })).toBeTruthy();
  });

  it('shows why the server refuses to disable the last admin', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(
      seen,
      () => apiError(400, 'validation_failed', { disabled: 'would leave no enabled admin' }),
      `/settings?tab=users&user=${admin.id}`,
    );
    const editor = (await screen.findByRole('heading', { name: /小林 直子さんのアカウント/ })).closest(
      'section',
    ) as HTMLElement;
    await user.click(within(editor).getByRole('button', { name: 'このアカウントを無効にする' }));
    expect(within(editor).getByText(/自分のアカウントを無効にしますか/)).toBeTruthy();
    await user.click(within(editor).getByRole('button', { name: 'このアカウントを無効にする' }));
    expect(
      await within(editor).findByText('有効な管理者がいなくなるため、この変更はできません'),
    ).toBeTruthy();
  });

  it('changes a role and resets a password, each with the version read', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(
      seen,
      (req) => ({ ...tanaka, ...(req.body as object), version: (req.body?.version as number) + 1 }),
      `/settings?tab=users&user=${tanaka.id}`,
    );
    const editor = (await screen.findByRole('heading', { name: '田中 翔太さんのアカウント' })).closest(
      'section',
    ) as HTMLElement;
    await user.selectOptions(within(editor).getByLabelText('利用者の権限'), '執行委員');
    await user.click(within(editor).getByRole('button', { name: '権限を保存' }));
    expect(await within(editor).findByText('権限と担当職場を保存しました')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'PATCH')[0]?.body).toEqual({ role: 'executive', version: 2 });

    const password = within(editor).getByLabelText('新しいパスワード');
    await user.type(password, 'short');
    await user.click(within(editor).getByRole('button', { name: 'パスワードを再設定' }));
    expect(within(editor).getByText('10文字以上で入力してください')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    await user.clear(password);
    await user.type(password, 'a-new-long-password');
    await user.click(within(editor).getByRole('button', { name: 'パスワードを再設定' }));
    expect(await within(editor).findByText(/パスワードを再設定しました/)).toBeTruthy();
    expect(seen.filter((r) => r.method === 'PATCH')[1]?.body).toEqual({
      password: 'a-new-long-password',
      version: 3,
    });
  });
});
