// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { staffAnswer } from '../users/test-fixtures';
import { PendingHandovers } from './PendingHandovers';
import {
  admin,
  buildHandover,
  buildMember,
  buildPending,
  buildPreview,
  buildUser,
  buildWorkplace,
  me,
  page,
} from './test-fixtures';

afterEach(cleanup);

const sato = buildPending({ displayName: '佐藤 健一', memberCount: 12, workplaceCount: 2, taskCount: 5 });
const suzuki = buildUser({ displayName: '鈴木 一郎', role: 'officer' });
const takahashi = buildUser({ displayName: '高橋 誠', role: 'executive' });
const ito = buildUser({ displayName: '伊藤 明', role: 'officer', disabled: true });
const satoUser = buildUser({ id: sato.userId, displayName: '佐藤 健一', role: 'officer', disabled: true });
const yamada = buildMember({
  id: '44444444-4444-4444-8444-444444444444',
  name: '山田 花子',
  workplaceName: '第一製造課',
});
const firstShop = buildWorkplace({ name: '第一製造課' });

type Seen = { method: string; url: string; body: unknown };

function HandoverLanding() {
  return <p>handover page {useParams().id}</p>;
}

function render(onPost: (body: Record<string, unknown>) => unknown, pending = [sato]) {
  const seen: Seen[] = [];
  renderWeb(
    <Routes>
      <Route path="/settings" element={<PendingHandovers />} />
      <Route path="/handovers/:id" element={<HandoverLanding />} />
    </Routes>,
    {
      route: '/settings?tab=users',
      fetch: (url, init) => {
        const method = init?.method ?? 'GET';
        const body = init?.body ? JSON.parse(String(init.body)) : undefined;
        seen.push({ method, url, body });
        const path = url.split('?')[0];
        if (method === 'POST' && path === '/api/handover') return onPost(body);
        // The confirmation's counts: the server's objection if the handover would make one.
        if (method === 'POST' && path === '/api/handover/preview') {
          const answer = onPost(body);
          return answer instanceof Response ? answer : buildPreview({ fromUserName: '佐藤 健一' });
        }
        if (path === '/api/auth/me') return me;
        if (path === '/api/handover/pending') return page(pending);
        if (path === '/api/staff') return staffAnswer(url, [admin, suzuki, takahashi, ito, satoUser]);
        if (path === '/api/members') return page([yamada]);
        if (path === '/api/workplaces') return page([firstShop]);
        return apiError(404, 'not_found');
      },
    },
  );
  return seen;
}

describe('PendingHandovers', () => {
  it('lists disabled users with a portfolio and hands over all of it, then opens the briefing', async () => {
    const user = userEvent.setup();
    const handover = buildHandover();
    const seen = render(() => handover);
    const row = (await screen.findByRole('rowheader', { name: /佐藤 健一/ })).closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['12人', '2か所', '5件', '引き継ぐ']);
    expect(screen.getByRole('heading', { name: '要引き継ぎ' })).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: '佐藤 健一さんの担当を引き継ぐ' }));
    const form = screen.getByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' });
    expect(document.activeElement).toBe(within(form).getByRole('heading', { level: 3 }));
    // Only enabled officers and administrators, never the previous owner.
    const to = within(form).getByLabelText(/^後任/) as HTMLSelectElement;
    await screen.findByRole('option', { name: '鈴木 一郎（専従役員）' });
    expect(Array.from(to.options).map((o) => o.textContent)).toEqual([
      '選んでください',
      '小林 直子（管理者）',
      '鈴木 一郎（専従役員）',
    ]);
    expect(within(form).getByRole('radio', { name: /担当のすべて/ })).toHaveProperty('checked', true);
    expect(within(form).getByText('組合員 12人・職場 2か所・未完了タスク 5件')).toBeTruthy();

    // The new owner is required before anything is sent.
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    expect(within(form).getByText('選んでください', { selector: '.field-error' })).toBeTruthy();
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(0);

    await user.selectOptions(to, '鈴木 一郎（専従役員）');
    await user.type(within(form).getByLabelText(/^申し送り/), '夜勤明けの相談が続いている');
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    // First the confirmation with the server's counts; nothing is handed over yet.
    const confirm = await screen.findByTestId('handover-confirm');
    expect(document.activeElement).toBe(within(confirm).getByRole('heading', { name: '引き継ぎの確認' }));
    expect(
      within(confirm)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '組合員 12人（うち脱退リスクあり 2人）',
      '職場 2か所',
      '未完了のタスク 5件',
      '対応中の案件 4件（うち期限切れ 1件）',
      '期日のある次のアクション 6件（うち期限切れ 3件）',
    ]);
    const body = { fromUserId: sato.userId, toUserId: suzuki.id, note: '夜勤明けの相談が続いている' };
    expect(seen.filter((s) => s.method === 'POST').map((s) => [s.url, s.body])).toEqual([
      ['/api/handover/preview', body],
    ]);
    await user.click(within(confirm).getByRole('button', { name: 'この内容で引き継ぐ' }));
    expect(await screen.findByText(`handover page ${handover.id}`)).toBeTruthy();
    expect(seen.filter((s) => s.method === 'POST').map((s) => [s.url, s.body])).toEqual([
      ['/api/handover/preview', body],
      ['/api/handover', body],
    ]);
  });

  it('hands over the members and workplaces chosen, and shows the server’s objections in Japanese', async () => {
    const user = userEvent.setup();
    let answer: unknown = apiError(400, 'validation_failed', {
      memberIds: `are not members owned by fromUserId: ${yamada.id}`,
    });
    const seen = render(() => answer);
    await user.click(await screen.findByRole('button', { name: '佐藤 健一さんの担当を引き継ぐ' }));
    const form = screen.getByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' });
    await user.selectOptions(await within(form).findByLabelText(/^後任/), suzuki.id);
    await user.click(within(form).getByRole('radio', { name: /組合員と職場を選ぶ/ }));
    // Choosing nothing is caught before sending.
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    expect(within(form).getByText('引き継ぐ組合員か職場を1つ以上選んでください。')).toBeTruthy();

    const members = await within(form).findByRole('group', { name: /^組合員/ });
    await user.click(within(members).getByRole('checkbox', { name: '山田 花子（第一製造課）' }));
    const workplaces = within(form).getByRole('group', { name: /^職場/ });
    await user.click(within(workplaces).getByRole('checkbox', { name: '第一製造課' }));
    expect(within(members).getByText('1件を選択中')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    expect(await within(members).findByText(/前任が担当していないものが含まれています/)).toBeTruthy();
    expect(seen.find((s) => s.method === 'POST')?.body).toEqual({
      fromUserId: sato.userId,
      toUserId: suzuki.id,
      memberIds: [yamada.id],
      workplaceIds: [firstShop.id],
      note: '',
    });
    expect(seen.some((s) => s.url.startsWith(`/api/members?ownerId=${sato.userId}`))).toBe(true);

    answer = buildHandover();
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    // Going back keeps what was chosen; confirming hands it over.
    await user.click(await screen.findByRole('button', { name: '戻って変更する' }));
    const again = screen.getByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' });
    expect(within(again).getByRole('checkbox', { name: '山田 花子（第一製造課）' })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(within(again).getByRole('button', { name: '引き継ぐ' }));
    await user.click(await screen.findByRole('button', { name: 'この内容で引き継ぐ' }));
    expect(await screen.findByText(/handover page/)).toBeTruthy();
    expect(seen.filter((s) => s.url === '/api/handover')).toHaveLength(1);
  });

  it('stays out of the way when nobody needs a handover', async () => {
    const seen = render(() => undefined, []);
    await waitFor(() => expect(seen.some((s) => s.url === '/api/handover/pending')).toBe(true));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('heading', { name: '要引き継ぎ' })).toBeNull();
  });
});
