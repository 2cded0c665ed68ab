// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { StaffRole } from '../../../core/enums';
import { Layout } from '../../components/Layout';
import type { Lang } from '../../i18n/I18nProvider';
import { signedInAs } from '../members/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import HandoversPage from './HandoversPage';
import { admin, buildHandover, buildPending, buildPreview, buildUser, page, setup } from './test-fixtures';

afterEach(cleanup);

const suzuki = buildUser({ displayName: '鈴木 一郎', role: 'officer' });
const kato = buildUser({ displayName: '加藤 正', role: 'officer' });
const takahashi = buildUser({ displayName: '高橋 誠', role: 'executive' });
const ito = buildUser({ displayName: '伊藤 明', role: 'officer', disabled: true });
const sato = buildPending({ displayName: '佐藤 健一', memberCount: 12, workplaceCount: 2, taskCount: 5 });
const satoUser = buildUser({ id: sato.userId, displayName: '佐藤 健一', role: 'officer', disabled: true });
const staff = [admin, suzuki, kato, takahashi, ito, satoUser];

const latest = buildHandover({
  createdAt: '2026-03-31T16:30:00.000Z',
  fromUserName: '伊藤 明',
  toUserName: '鈴木 一郎',
  createdByName: '小林 直子',
  memberCount: 2,
  workplaceCount: 1,
  taskCount: 3,
});
const older = buildHandover({
  createdAt: '2025-10-01T01:00:00.000Z',
  fromUserName: '佐藤 健一',
  toUserName: '加藤 正',
  createdByName: null,
  memberCount: 0,
  workplaceCount: 4,
  taskCount: 0,
});

type Seen = { method: string; url: string; body: unknown };

function Landing() {
  return <p>handover report {useParams().id}</p>;
}

const signedIn = (role: StaffRole) =>
  role === 'admin'
    ? signedInAs('admin', { id: admin.id, displayName: admin.displayName })
    : signedInAs(role, { id: suzuki.id, displayName: suzuki.displayName });

function render(role: StaffRole, { lang = 'ja' as Lang, history = [latest, older], pending = [sato] } = {}) {
  const seen: Seen[] = [];
  const me = signedIn(role);
  renderWeb(
    <Routes>
      <Route path="/handovers" element={<HandoversPage />} />
      <Route path="/handovers/:id" element={<Landing />} />
    </Routes>,
    {
      lang,
      me,
      route: '/handovers',
      fetch: (url, init) => {
        const method = init?.method ?? 'GET';
        const body = init?.body ? JSON.parse(String(init.body)) : undefined;
        seen.push({ method, url, body });
        const path = url.split('?')[0];
        if (method === 'POST' && path === '/api/handover') return buildHandover({ id: 'new-handover' });
        if (method === 'POST' && path === '/api/handover/preview') return buildPreview();
        if (path === '/api/auth/me') return me;
        if (path === '/api/setup') return setup;
        if (path === '/api/staff') return staffAnswer(url, staff);
        if (path === '/api/handovers') return page(history);
        if (path === '/api/handover/pending') return page(pending);
        if (path === '/api/members') return page([], 3);
        if (path === '/api/workplaces') return page([], 1);
        if (path === '/api/tasks') return page([], 4);
        return apiError(404, 'not_found');
      },
    },
  );
  return seen;
}

const texts = (select: HTMLSelectElement) => Array.from(select.options).map((o) => o.textContent);

describe('HandoversPage', () => {
  it('shows the history, newest first, with names, counts, date and a link to each briefing', async () => {
    const seen = render('officer');
    expect(screen.getByRole('heading', { level: 1, name: '引き継ぎ' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: '引き継ぎの履歴（新しい順）' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      '2026年4月1日', // 16:30 UTC is the next day in Tokyo
      '2025年10月1日',
    ]);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['伊藤 明', '鈴木 一郎', '組合員 2人・職場 1か所・未完了タスク 3件', '小林 直子', '資料']);
    expect(within(rows[1]!).getAllByRole('cell')[3]!.textContent).toBe('—');
    const link = within(rows[0]!).getByRole('link', {
      name: '2026年4月1日の伊藤 明から鈴木 一郎への引き継ぎ資料',
    });
    expect(link.getAttribute('href')).toBe(`/handovers/${latest.id}`);
    const list = seen.find((s) => s.url.startsWith('/api/handovers'))!;
    expect(new URL(list.url, 'http://x').searchParams.get('limit')).toBe('20');
    // The needs-handover list is for admins: an officer's page does not ask for it.
    expect(seen.some((s) => s.url.startsWith('/api/handover/pending'))).toBe(false);
    expect(screen.queryByRole('heading', { name: '要引き継ぎ' })).toBeNull();
  });

  it('lets an officer hand over anyone’s portfolio, disabled accounts included, from the staff list', async () => {
    const user = userEvent.setup();
    const seen = render('officer');
    const from = (await screen.findByLabelText(/^前任/)) as HTMLSelectElement;
    await within(from).findByRole('option', { name: '伊藤 明（無効）' });
    expect(Array.from(from.querySelectorAll('optgroup')).map((g) => g.label)).toEqual([
      '無効にした利用者',
      '有効な利用者',
    ]);
    expect(texts(from)).toEqual([
      '選んでください',
      '伊藤 明（無効）',
      '佐藤 健一（無効）',
      '小林 直子',
      '鈴木 一郎',
      '加藤 正',
      '高橋 誠',
    ]);
    // Never the admin-only users list.
    expect(seen.some((s) => s.url.startsWith('/api/users'))).toBe(false);
    expect(seen.some((s) => s.url.includes('includeDisabled=true'))).toBe(true);

    // Choosing is required before the form opens.
    await user.click(screen.getByRole('button', { name: '引き継ぎ内容を選ぶ' }));
    expect(screen.getByText('選んでください', { selector: '.field-error' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: /さんの担当を引き継ぐ/ })).toBeNull();

    await user.selectOptions(from, ito.id);
    await user.click(screen.getByRole('button', { name: '引き継ぎ内容を選ぶ' }));
    const form = await screen.findByRole('form', { name: '伊藤 明さんの担当を引き継ぐ' });
    expect(document.activeElement).toBe(within(form).getByRole('heading', { level: 3 }));
    // The form counts what Ito owns; an officer sees only their own tasks, so those move uncounted.
    expect(await within(form).findByText('組合員 3人・職場 1か所と、担当の未完了タスク')).toBeTruthy();
    expect(seen.some((s) => s.url.startsWith(`/api/members?ownerId=${ito.id}`))).toBe(true);
    expect(seen.some((s) => s.url.startsWith('/api/tasks'))).toBe(false);

    // To: enabled officers and administrators only.
    const to = within(form).getByLabelText(/^後任/) as HTMLSelectElement;
    expect(texts(to)).toEqual([
      '選んでください',
      '小林 直子（管理者）',
      '鈴木 一郎（専従役員）',
      '加藤 正（専従役員）',
    ]);
    await user.selectOptions(to, kato.id);
    await user.click(within(form).getByRole('button', { name: '引き継ぐ' }));
    // The server counts what moves, tasks included, before anything is handed over.
    const confirm = await screen.findByTestId('handover-confirm');
    expect(within(confirm).getByText('未完了のタスク 5件')).toBeTruthy();
    expect(seen.filter((s) => s.url === '/api/handover')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'この内容で引き継ぐ' }));
    expect(await screen.findByText('handover report new-handover')).toBeTruthy();
    const body = { fromUserId: ito.id, toUserId: kato.id, note: '' };
    expect(seen.filter((s) => s.method === 'POST').map((s) => [s.url, s.body])).toEqual([
      ['/api/handover/preview', body],
      ['/api/handover', body],
    ]);
  });

  it('shows an admin the needs-handover list too, with one form per account chosen', async () => {
    const user = userEvent.setup();
    render('admin');
    const pending = (await screen.findByRole('heading', { level: 2, name: '要引き継ぎ' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(pending).getByRole('rowheader', { name: /佐藤 健一/ })).toBeTruthy();

    // A needs-handover account opens in that list, with its counts (one form, not two).
    const from = (await screen.findByLabelText(/^前任/)) as HTMLSelectElement;
    await within(from).findByRole('option', { name: '佐藤 健一（無効）' });
    await user.selectOptions(from, sato.userId);
    await user.click(screen.getByRole('button', { name: '引き継ぎ内容を選ぶ' }));
    const forms = await screen.findAllByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' });
    expect(forms).toHaveLength(1);
    expect(pending.contains(forms[0]!)).toBe(true);
    expect(within(forms[0]!).getByText('組合員 12人・職場 2か所・未完了タスク 5件')).toBeTruthy();

    // Anyone else opens below, counted, open tasks included (admins see every task).
    await user.selectOptions(from, kato.id);
    await user.click(screen.getByRole('button', { name: '引き継ぎ内容を選ぶ' }));
    const form = await screen.findByRole('form', { name: '加藤 正さんの担当を引き継ぐ' });
    expect(pending.contains(form)).toBe(false);
    expect(screen.queryByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' })).toBeNull();
    expect(await within(form).findByText('組合員 3人・職場 1か所・未完了タスク 4件')).toBeTruthy();

    await user.click(within(form).getByRole('button', { name: 'キャンセル' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: /さんの担当を引き継ぐ/ })).toBeNull());
  });

  it.each(['executive', 'rep'] as const)(
    'tells a %s the page is not theirs and asks for nothing',
    async (role) => {
      const seen = render(role);
      expect(screen.getByRole('alert').textContent).toContain('引き継ぎは専従役員と管理者が行います');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen.filter((s) => /\/api\/(handover|staff)/.test(s.url))).toEqual([]);
    },
  );

  it('says when there is no handover yet, and speaks English on request', async () => {
    render('officer', { history: [] });
    expect(await screen.findByText('まだ引き継ぎはありません。')).toBeTruthy();
    cleanup();
    render('officer', { lang: 'en' });
    expect(screen.getByRole('heading', { level: 1, name: 'Handover' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Handover history (newest first)' });
    expect(within(table).getByText('2 members, 1 workplace, 3 open tasks')).toBeTruthy();
    expect(screen.getByLabelText(/^From/)).toBeTruthy();
  });
});

describe('Layout: the 引き継ぎ entry', () => {
  const nav = (role: StaffRole) => {
    const me = signedIn(role);
    renderWeb(<Layout user={me} />, { me, fetch: () => ({ items: [], total: 0 }) });
    return within(screen.getByRole('navigation', { name: 'メニュー' }));
  };

  it.each(['officer', 'admin'] as const)('is shown to an %s (the handover permission)', (role) => {
    expect(nav(role).getByRole('link', { name: '引き継ぎ' }).getAttribute('href')).toBe('/handovers');
  });

  it.each(['executive', 'rep'] as const)('is not shown to a %s', (role) => {
    expect(nav(role).queryByRole('link', { name: '引き継ぎ' })).toBeNull();
  });
});
