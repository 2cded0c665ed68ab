// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { memberFields } from '../custom-fields/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import { MemberForm } from './MemberForm';
import { buildMember, jsonBody, MEMBER_ID, me, page, signedInAs, workplace } from './test-fixtures';

afterEach(cleanup);

type Call = { url: string; method: string; body: Record<string, unknown> };

/** A fake server for the form's option lists; `onWrite` answers POST/PATCH. */
function fakeServer(onWrite: (call: Call, calls: Call[]) => unknown, extra: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    // The likely-duplicates check a new member's form makes while typing: none, unless `extra` has some.
    if (url.startsWith('/api/members/duplicates')) return extra['/api/members/duplicates'] ?? { items: [] };
    const call = { url, method, body: method === 'GET' ? {} : jsonBody(init) };
    calls.push(call);
    if (method !== 'GET') return onWrite(call, calls);
    if (url.startsWith('/api/auth/me')) return me;
    if (url.startsWith('/api/workplaces')) return page([workplace]);
    if (url.startsWith('/api/staff')) return staffAnswer(url, [me]);
    const path = url.split('?')[0] ?? url;
    if (path in extra) return extra[path];
    return apiError(404, 'not_found');
  };
  return { calls, fetch };
}

const describedText = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('MemberForm', () => {
  it('offers as owner only staff who may own a member of the chosen workplace', async () => {
    const user = userEvent.setup();
    const rep = { id: '00000000-0000-4000-8000-0000000000aa', displayName: '職場 委員', role: 'rep' };
    const server = fakeServer(() => apiError(500, 'internal_error'));
    const staffUrls: string[] = [];
    const fetch = (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/staff')) staffUrls.push(url);
      // The server's canOwnIn rule: this rep covers 本社工場 only.
      const covered = new URL(url, 'http://localhost').searchParams.get('canOwnIn') === workplace.id;
      if (url.startsWith('/api/staff')) return staffAnswer(url, covered ? [me, rep] : [me]);
      return server.fetch(url, init);
    };
    renderWeb(<MemberForm onDone={vi.fn()} onCancel={vi.fn()} />, { fetch });

    const owner = (await screen.findByLabelText('担当者')) as HTMLSelectElement;
    const offered = () => Array.from(owner.options).map((o) => o.textContent);
    await waitFor(() => expect(offered()).toHaveLength(2));
    expect(offered().some((name) => name?.includes('職場 委員'))).toBe(false);

    await user.selectOptions(screen.getByLabelText('所属職場'), workplace.id);
    await waitFor(() => expect(offered().some((name) => name?.includes('職場 委員'))).toBe(true));
    expect(staffUrls.some((u) => u.includes(`canOwnIn=${workplace.id}`))).toBe(true);
    expect(staffUrls.some((u) => u.includes('canOwnIn=none'))).toBe(true);
  });

  it('shows the server’s field errors in Japanese next to the fields they belong to', async () => {
    const user = userEvent.setup();
    const server = fakeServer(() =>
      apiError(400, 'validation_failed', {
        name: 'is required',
        joinedOn: 'must be a real calendar date (YYYY-MM-DD)',
      }),
    );
    renderWeb(<MemberForm onDone={vi.fn()} onCancel={vi.fn()} />, { fetch: server.fetch });

    await user.type(screen.getByLabelText('社員番号'), 'B2001');
    await user.click(screen.getByRole('button', { name: '登録する' }));

    const name = screen.getByLabelText(/^氏名/);
    const joinedOn = screen.getByLabelText('組合加入日');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(name)).toContain('入力してください');
    expect(describedText(joinedOn)).toContain('存在する日付を入力してください');
    // Fields without an error stay unmarked.
    expect(screen.getByLabelText('社員番号').getAttribute('aria-invalid')).toBe('false');
    // And a summary says what to fix.
    const summary = screen.getByText('入力内容を確認してください').closest('.alert') as HTMLElement;
    expect(within(summary).getByText(/氏名：入力してください/)).toBeTruthy();

    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/members');
    expect(post?.body.employeeNumber).toBe('B2001');
    // Empty text is sent as '' (the API stores null); the creator owns the new member.
    expect(post?.body.department).toBe('');
    expect(post?.body.joinedOn).toBeNull();
    expect(post?.body.ownerId).toBe(me.id);
  });

  it('warns of likely duplicates with links before registering, and registers when asked again', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const existing = buildMember({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', employeeNumber: '00123' });
    const duplicates = { items: [{ ...existing, matchedOn: ['name', 'employeeNumber'] }] };
    const server = fakeServer((call) => ({ ...buildMember(), ...call.body }), {
      '/api/members/duplicates': duplicates,
    });
    const probes: string[] = [];
    const fetch = (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/members/duplicates')) probes.push(String(init?.body));
      return server.fetch(url, init);
    };
    renderWeb(<MemberForm onDone={onDone} onCancel={vi.fn()} />, { fetch });

    await user.type(screen.getByLabelText(/^氏名/), '山田太郎');
    await user.type(screen.getByLabelText('社員番号'), '123');
    const warning = (await screen.findByText('重複の可能性があります')).closest('.alert') as HTMLElement;
    const link = within(warning).getByRole('link', { name: '山田 太郎' });
    expect(link.getAttribute('href')).toBe(`/members/${existing.id}`);
    expect(within(warning).getByText(/氏名・フリガナが一致・社員番号が一致/)).toBeTruthy();
    expect(probes.at(-1)).toContain('"employeeNumber":"123"');

    // The first 登録する shows the warning again instead of saving; the second registers.
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await screen.findByText(/もう一度「登録する」を押すと登録します/);
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(server.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/members']);
  });

  it('keeps the typed values on a 409 and saves over the newer version with them', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const member = buildMember({ version: 3 });
    // Someone else meanwhile moved the member to another department and engagement.
    const latest = buildMember({ version: 4, department: '品質保証課', engagement: 'at_risk' });
    const server = fakeServer(
      (call, calls) => {
        const patches = calls.filter((c) => c.method === 'PATCH');
        if (patches.length === 1)
          return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 4 });
        return { ...latest, ...call.body, version: 5 };
      },
      { [`/api/members/${MEMBER_ID}`]: latest },
    );
    renderWeb(<MemberForm member={member} onDone={onDone} onCancel={vi.fn()} />, { fetch: server.fetch });

    const concerns = screen.getByLabelText('主な職場の悩み・要求');
    await user.clear(concerns);
    await user.type(concerns, '残業代の未払いがある');
    await user.type(screen.getByLabelText('次のアクション内容'), '来週面談する');
    await user.click(screen.getByRole('button', { name: '保存' }));

    // The conflict is explained and the user's input is still there.
    await screen.findByText(/他の人がこの記録を先に更新しました/);
    expect((screen.getByLabelText('主な職場の悩み・要求') as HTMLTextAreaElement).value).toBe(
      '残業代の未払いがある',
    );
    expect((screen.getByLabelText('次のアクション内容') as HTMLInputElement).value).toBe('来週面談する');

    // The latest saved values that differ are shown.
    const department = await waitFor(() => {
      const el = document.querySelector('[data-field="department"]');
      if (!el) throw new Error('no department difference yet');
      return el as HTMLElement;
    });
    expect(department.textContent).toContain('品質保証課');
    expect(document.querySelector('[data-field="engagement"]')?.textContent).toContain('脱退リスクあり');
    expect(document.querySelector('[data-field="concerns"]')?.textContent).toContain('夜勤明けの休息が短い');

    await user.click(screen.getByRole('button', { name: '上書きして保存' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());

    const patches = server.calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[0]?.body.version).toBe(3);
    expect(patches[1]?.url).toBe(`/api/members/${MEMBER_ID}`);
    expect(patches[1]?.body).toEqual({
      version: 4,
      concerns: '残業代の未払いがある',
      nextAction: '来週面談する',
    });
  });

  it('lists contact details someone else changed meanwhile in the conflict, beside the user’s own', async () => {
    const user = userEvent.setup();
    const member = buildMember({ version: 3 });
    // Someone else meanwhile added a mobile number; this user types a postal address.
    const latest = buildMember({ version: 4, phones: [{ label: '携帯', number: '090-1234-5678' }] });
    const server = fakeServer(
      (_call, calls) =>
        calls.filter((c) => c.method === 'PATCH').length === 1
          ? apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 4 })
          : { ...latest, version: 5 },
      { [`/api/members/${MEMBER_ID}`]: latest },
    );
    renderWeb(<MemberForm member={member} onDone={vi.fn()} onCancel={vi.fn()} />, { fetch: server.fetch });
    await user.type(await screen.findByLabelText('住所'), '東京都港区芝5-1');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText(/他の人がこの記録を先に更新しました/);
    const phones = await waitFor(() => {
      const el = document.querySelector('[data-field="phones"]');
      if (!el) throw new Error('no phone difference yet');
      return el as HTMLElement;
    });
    expect(phones.textContent).toContain('携帯：090-1234-5678');
    expect(phones.textContent).toContain('最新の値が残ります');
    const address = document.querySelector('[data-field="postalAddress"]')?.textContent ?? '';
    expect(address).toContain('東京都港区芝5-1');
    expect(address).toContain('上書きされます');
    await user.click(screen.getByRole('button', { name: '上書きして保存' }));
    await waitFor(() => expect(server.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    // Saving over keeps the new phone number: only what this user changed is sent.
    expect(server.calls.filter((c) => c.method === 'PATCH')[1]?.body).toEqual({
      version: 4,
      postalAddress: '東京都港区芝5-1',
    });
  });

  it('lists the union’s own fields someone else changed meanwhile in the conflict', async () => {
    const user = userEvent.setup();
    const member = buildMember({ version: 3, customFields: { shift: 'day' } });
    // Someone else meanwhile moved the member to nights and added a licence.
    const latest = buildMember({ version: 4, customFields: { shift: 'night', licenses: ['crane'] } });
    const server = fakeServer(
      (_call, calls) =>
        calls.filter((c) => c.method === 'PATCH').length === 1
          ? apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 4 })
          : { ...latest, version: 5 },
      { [`/api/members/${MEMBER_ID}`]: latest, '/api/custom-fields': { items: memberFields() } },
    );
    renderWeb(<MemberForm member={member} onDone={vi.fn()} onCancel={vi.fn()} />, { fetch: server.fetch });
    await user.type(await screen.findByRole('textbox', { name: 'メモ' }), '班長候補');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText(/他の人がこの記録を先に更新しました/);
    const shift = await waitFor(() => {
      const el = document.querySelector('[data-field="cf.shift"]');
      if (!el) throw new Error('no shift difference yet');
      return el as HTMLElement;
    });
    expect(shift.textContent).toContain('勤務形態');
    expect(shift.textContent).toContain('夜勤');
    expect(shift.textContent).toContain('最新の値が残ります');
    expect(document.querySelector('[data-field="cf.licenses"]')?.textContent).toContain('クレーン');
    const memo = document.querySelector('[data-field="cf.memo"]')?.textContent ?? '';
    expect(memo).toContain('班長候補');
    expect(memo).toContain('上書きされます');
  });

  it('starts again from the latest version when the user chooses to reload it', async () => {
    const user = userEvent.setup();
    const latest = buildMember({ version: 4, concerns: '人員不足' });
    const server = fakeServer(() => apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 4 }), {
      [`/api/members/${MEMBER_ID}`]: latest,
    });
    renderWeb(<MemberForm member={buildMember()} onDone={vi.fn()} onCancel={vi.fn()} />, {
      fetch: server.fetch,
    });

    await user.type(screen.getByLabelText('職種'), '（兼務）');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const reload = await screen.findByRole('button', { name: /最新の内容を読み込む/ });
    await waitFor(() => expect((reload as HTMLButtonElement).disabled).toBe(false));
    await user.click(reload);

    expect((screen.getByLabelText('職種') as HTMLInputElement).value).toBe('技能職');
    expect((screen.getByLabelText('主な職場の悩み・要求') as HTMLTextAreaElement).value).toBe('人員不足');
    expect(screen.queryByText(/他の人がこの記録を先に更新しました/)).toBeNull();
  });

  it.each(['executive', 'rep'] as const)(
    'shows the owner read-only to a %s, without asking for the staff list',
    async (role) => {
      const server = fakeServer(() => ({}));
      renderWeb(<MemberForm member={buildMember()} onDone={vi.fn()} onCancel={vi.fn()} />, {
        fetch: server.fetch,
        me: signedInAs(role),
      });
      expect(await screen.findByText('担当者の変更は専従役員か管理者が行います')).toBeTruthy();
      expect(screen.getByText('佐藤 書記長')).toBeTruthy();
      expect(screen.queryByLabelText('担当者')).toBeNull();
      await waitFor(() => expect(server.calls.some((c) => c.url.startsWith('/api/workplaces'))).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(server.calls.some((c) => c.url.startsWith('/api/staff'))).toBe(false);
    },
  );

  it.each(['officer', 'admin'] as const)(
    'lets an %s pick the owner among the enabled staff',
    async (role) => {
      const user = userEvent.setup();
      const admin = {
        ...me,
        id: '77777777-7777-4777-8777-777777777777',
        displayName: '管理者',
        role: 'admin' as const,
      };
      const other = { ...me, id: '88888888-8888-4888-8888-888888888888', displayName: '高橋 委員長' };
      const gone = {
        ...me,
        id: '99999999-9999-4999-8999-999999999999',
        displayName: '退職者',
        disabled: true,
      };
      const server = fakeServer((call) => ({ ...buildMember(), ...call.body, version: 4 }));
      const seen: string[] = [];
      const fetch = (url: string, init?: RequestInit) => {
        seen.push(url);
        if (url.startsWith('/api/auth/me')) return role === 'admin' ? admin : me;
        if (url.startsWith('/api/staff')) return staffAnswer(url, [admin, me, other, gone]);
        return server.fetch(url, init);
      };
      renderWeb(<MemberForm member={buildMember()} onDone={vi.fn()} onCancel={vi.fn()} />, { fetch });
      const owner = (await screen.findByLabelText('担当者')) as HTMLSelectElement;
      expect(owner.value).toBe(me.id);
      expect(Array.from(owner.options).map((o) => o.textContent)).toEqual([
        '未設定',
        '管理者（管理者）',
        '佐藤 書記長（専従役員）',
        '高橋 委員長（専従役員）',
      ]);
      // The picker reads the staff list every role may read, never the admin-only users.
      expect(seen.some((u) => u.startsWith('/api/users'))).toBe(false);
      await user.selectOptions(owner, other.id);
      await user.click(screen.getByRole('button', { name: '保存' }));
      await waitFor(() => expect(server.calls.some((c) => c.method === 'PATCH')).toBe(true));
      expect(server.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ version: 3, ownerId: other.id });
    },
  );

  it('keeps showing an owner whose account was disabled (not in the staff list)', async () => {
    const gone = {
      id: '99999999-9999-4999-8999-999999999999',
      displayName: '退職者',
      role: 'officer' as const,
    };
    const server = fakeServer(() => ({}));
    renderWeb(
      <MemberForm
        member={buildMember({ ownerId: gone.id, ownerName: gone.displayName })}
        onDone={vi.fn()}
        onCancel={vi.fn()}
      />,
      { fetch: server.fetch, me },
    );
    const owner = (await screen.findByLabelText('担当者')) as HTMLSelectElement;
    expect(owner.value).toBe(gone.id);
    expect(owner.selectedOptions[0]?.textContent).toBe('退職者');
  });
});
