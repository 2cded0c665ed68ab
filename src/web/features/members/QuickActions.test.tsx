// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { LinkedDemands } from './LinkedDemands';
import { QuickActions } from './QuickActions';
import { memberKeys, optionKeys } from './queries';
import { buildDemand, buildMember, jsonBody, MEMBER_ID, me, page } from './test-fixtures';

afterEach(cleanup);

type Call = { url: string; method: string; body: Record<string, unknown> };

function recorder(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const call = { url, method, body: init?.body ? jsonBody(init) : {} };
    calls.push(call);
    return answer(call);
  };
  return { calls, fetch };
}

describe('QuickActions', () => {
  it('changes the engagement with a reason and the version it read', async () => {
    const user = userEvent.setup();
    const member = buildMember({ version: 7, engagement: 'regular' });
    const server = recorder((call) => ({ ...member, ...call.body, version: 8 }));
    const { queryClient } = renderWeb(<QuickActions member={member} />, { fetch: server.fetch, me });
    queryClient.setQueryData(memberKeys.detail(MEMBER_ID), member);

    await user.click(screen.getByRole('button', { name: '関与度を変更' }));
    expect(screen.getByRole('button', { name: '関与度を変更' }).getAttribute('aria-expanded')).toBe('true');
    await user.selectOptions(screen.getByLabelText('新しい関与度'), 'at_risk');
    await user.type(
      screen.getByLabelText('理由（履歴に残ります）'),
      '残業の相談に組合が応えてくれないと話した',
    );
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('関与度を変更しました。')).toBeTruthy();
    const patch = server.calls.find((c) => c.method === 'PATCH');
    expect(patch?.url).toBe(`/api/members/${MEMBER_ID}`);
    expect(patch?.body).toEqual({
      version: 7,
      engagement: 'at_risk',
      engagementReason: '残業の相談に組合が応えてくれないと話した',
    });
    // The member (and with it its timeline and cases) is marked stale for a refetch.
    expect(queryClient.getQueryState(memberKeys.detail(MEMBER_ID))?.isInvalidated).toBe(true);
  });

  it('keeps the input and explains a conflict when someone else changed the member first', async () => {
    const user = userEvent.setup();
    const server = recorder(() => apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 9 }));
    renderWeb(<QuickActions member={buildMember()} />, { fetch: server.fetch, me });
    await user.click(screen.getByRole('button', { name: '関与度を変更' }));
    await user.selectOptions(screen.getByLabelText('新しい関与度'), 'rare');
    await user.type(screen.getByLabelText('理由（履歴に残ります）'), '集会に来なくなった');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/他の人がこの組合員を先に更新しました/)).toBeTruthy();
    expect((screen.getByLabelText('理由（履歴に残ります）') as HTMLTextAreaElement).value).toBe(
      '集会に来なくなった',
    );
  });

  it('records a note dated today by default, with its channel', async () => {
    const user = userEvent.setup();
    const server = recorder(() => ({}));
    renderWeb(<QuickActions member={buildMember()} />, { fetch: server.fetch, me });
    await user.click(screen.getByRole('button', { name: 'メモを記録' }));
    const date = screen.getByLabelText('日付') as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await user.selectOptions(screen.getByLabelText('手段'), 'phone');
    await user.type(screen.getByLabelText(/^内容/), '夜勤の人員について相談');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('メモを記録しました。');
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe(`/api/members/${MEMBER_ID}/notes`);
    expect(post?.body).toEqual({ occurredOn: date.value, channel: 'phone', body: '夜勤の人員について相談' });
  });

  it('opens a form with focus in its first field, and Escape puts it away again', async () => {
    const user = userEvent.setup();
    renderWeb(<QuickActions member={buildMember()} />, { fetch: () => ({}), me });
    const toggle = screen.getByRole('button', { name: '次のアクションを設定' });
    await user.click(toggle);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('次のアクション内容')));
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('次のアクション内容')).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('shows the server’s message next to the note body when it is missing', async () => {
    const user = userEvent.setup();
    const server = recorder(() => apiError(400, 'validation_failed', { body: 'is required' }));
    renderWeb(<QuickActions member={buildMember()} />, { fetch: server.fetch, me });
    await user.click(screen.getByRole('button', { name: 'メモを記録' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('入力してください')).toBeTruthy();
    expect(screen.getByLabelText(/^内容/).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('LinkedDemands', () => {
  const d1 = '55555555-5555-4555-8555-555555555555';
  const d2 = '66666666-6666-4666-8666-666666666666';

  it('shows the linked demands, links another and refreshes the demands everywhere', async () => {
    const user = userEvent.setup();
    const server = recorder((call) =>
      call.url.startsWith('/api/demands?')
        ? page([
            buildDemand(d1, '夜勤手当の引き上げ', { priority: 'high', status: 'negotiating' }),
            buildDemand(d2, '休憩室の改善', { priority: 'low', status: 'not_submitted' }),
          ])
        : buildDemand(d2, '休憩室の改善'),
    );
    const member = buildMember({ demandIds: [d1] });
    const { queryClient } = renderWeb(<LinkedDemands member={member} />, { fetch: server.fetch, me });

    const link = await screen.findByRole('link', { name: '夜勤手当の引き上げ' });
    expect(link.getAttribute('href')).toBe(`/demands/${d1}`);
    expect(screen.getByText('高')).toBeTruthy();
    expect(screen.getByText('交渉中')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('紐付ける要求'), d2);
    await user.click(screen.getByRole('button', { name: '要求に紐付ける' }));
    await screen.findByText('要求に紐付けました。');
    expect(server.calls.find((c) => c.method === 'PUT')?.url).toBe(`/api/demands/${d2}/members/${MEMBER_ID}`);
    await waitFor(() =>
      expect(server.calls.filter((c) => c.url.startsWith('/api/demands?')).length).toBeGreaterThan(1),
    );
    expect(queryClient.getQueryState(optionKeys.demands)?.status).toBe('success');

    await user.click(screen.getByRole('button', { name: '「夜勤手当の引き上げ」との紐付けを外す' }));
    await screen.findByText('紐付けを外しました。');
    expect(server.calls.find((c) => c.method === 'DELETE')?.url).toBe(
      `/api/demands/${d1}/members/${MEMBER_ID}`,
    );
  });
});
