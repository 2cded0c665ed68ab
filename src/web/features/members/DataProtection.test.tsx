// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { StaffRole } from '../../../core/enums';
import type { Lang } from '../../i18n/I18nProvider';
import { staffAnswer } from '../users/test-fixtures';
import MemberListPage from './MemberListPage';
import MemberPage from './MemberPage';
import { buildMember, jsonBody, MEMBER_ID, me, page, signedInAs, workplace } from './test-fixtures';

afterEach(cleanup);

const memberPath = `/api/members/${MEMBER_ID}`;

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
}

type Request = { method: string; path: string; body: Record<string, unknown> | null };

/** The member page and the member list, as in the app; `erasure` answers the POST. */
function render(role: StaffRole, { erasure = (): unknown => erasedAnswer, lang = 'ja' as Lang } = {}) {
  const requests: Request[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = url.split('?')[0] ?? '';
    requests.push({ method, path, body: init?.body ? jsonBody(init) : null });
    if (method === 'POST' && path === `${memberPath}/erasure`) return erasure();
    if (path === memberPath) return buildMember();
    if (path === `${memberPath}/timeline`) return page([]);
    if (path === `${memberPath}/cases`) return page([]);
    if (path === `${memberPath}/demand-suggestions`) return { items: [], pending: 0 };
    if (path === '/api/members') return page([buildMember({ id: '77777777-7777-4777-8777-777777777777' })]);
    if (path === '/api/demands' || path === '/api/tasks') return page([]);
    if (path === '/api/workplaces') return page([workplace]);
    if (path === '/api/staff') return staffAnswer(url, [me]);
    return apiError(404, 'not_found');
  };
  const { queryClient } = renderWeb(
    <>
      <Routes>
        <Route path="/members" element={<MemberListPage />} />
        <Route path="/members/:id" element={<MemberPage />} />
      </Routes>
      <LocationProbe />
    </>,
    { route: `/members/${MEMBER_ID}`, fetch, me: signedInAs(role), lang },
  );
  return { requests, queryClient };
}

const erasedAnswer = {
  memberId: MEMBER_ID,
  erasedAt: '2026-02-01T00:00:00.000Z',
  removed: {
    notes: 2,
    cases: 1,
    engagementHistory: 3,
    demandLinks: 1,
    handoverLinks: 0,
    meetingAttendance: 0,
    tasks: 1,
    workplacesUnlinked: 0,
  },
  auditEntriesRedacted: 9,
};

const loaded = () => screen.findByRole('heading', { level: 1, name: '山田 花子' });
const section = () => screen.queryByRole('region', { name: '個人データ' });

async function openPanel() {
  const user = userEvent.setup();
  render('admin');
  await loaded();
  await user.click(within(section()!).getByRole('button', { name: '完全に消去する' }));
  const panel = screen.getByRole('form', { name: '山田 花子さんのデータを完全に消去' });
  const input = within(panel).getByLabelText('確認のため、氏名「山田 花子」を入力してください');
  const submit = within(panel).getByRole('button', { name: '完全に消去する' }) as HTMLButtonElement;
  return { user, panel, input: input as HTMLInputElement, submit };
}

describe('DataProtection (個人データ) on the member page', () => {
  it.each(['officer', 'executive', 'rep'] as const)('is not shown to a %s', async (role) => {
    render(role);
    await loaded();
    await screen.findByText('関係の記録（タイムライン）');
    expect(section()).toBeNull();
    expect(screen.queryByRole('link', { name: '個人データを書き出す (JSON)' })).toBeNull();
    expect(screen.queryByRole('button', { name: '完全に消去する' })).toBeNull();
  });

  it('gives an admin a download link to the member’s data export', async () => {
    render('admin');
    await loaded();
    const link = within(section()!).getByRole('link', { name: '個人データを書き出す (JSON)' });
    expect(link.getAttribute('href')).toBe(`${memberPath}/data-export`);
    expect(link.hasAttribute('download')).toBe(true);
    // The hint says what the file holds and that the export is audited.
    expect(link.getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(link.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('監査ログに記録されます');
  });

  it('opens the confirmation with the warning, focused on the name, and Esc closes it', async () => {
    const { user, panel, input } = await openPanel();
    expect(document.activeElement).toBe(input);
    const warning = document.getElementById(panel.getAttribute('aria-describedby') ?? '');
    expect(warning?.textContent).toContain('この操作は取り消せません');
    expect(warning?.textContent).toContain('監査ログ');
    expect(warning?.textContent).toContain('「脱退」');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(warning?.id);
    // While the panel is open, its own button is the only erase button.
    expect(screen.getAllByRole('button', { name: '完全に消去する' })).toHaveLength(1);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    const reopen = within(section()!).getByRole('button', { name: '完全に消去する' });
    await waitFor(() => expect(document.activeElement).toBe(reopen));
  });

  it('keeps the erase button disabled until the typed name matches (width and spaces ignored)', async () => {
    const { user, input, submit } = await openPanel();
    expect(submit.disabled).toBe(true);
    for (const [typed, ok] of [
      ['山田', false],
      ['山田 太郎', false],
      ['山田 花子', true],
      ['山田　花子', true], // full-width space
      ['山田花子', true],
      [' 山田  花子 ', true],
      ['ヤマダ ハナコ', false], // the reading is not the name
    ] as const) {
      await user.clear(input);
      await user.type(input, typed);
      expect(submit.disabled, typed).toBe(!ok);
    }
  });

  it('erases with the typed name and goes to the member list, which says so', async () => {
    const { user, input, submit } = await openPanel();
    await user.type(input, '山田　花子');
    await user.click(submit);

    expect(await screen.findByRole('heading', { level: 1, name: '組合員一覧' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/members');
    const notice = await screen.findByText('組合員のデータを完全に消去しました。');
    expect(notice.closest('[role="status"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(notice));
  });

  it('posts { confirmName } once and does not ask for the erased member again', async () => {
    const user = userEvent.setup();
    const { requests, queryClient } = render('admin');
    await loaded();
    await user.click(within(section()!).getByRole('button', { name: '完全に消去する' }));
    await user.type(screen.getByRole('textbox'), '山田花子');
    await user.keyboard('{Enter}');
    await screen.findByText('組合員のデータを完全に消去しました。');

    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).toEqual([
      { method: 'POST', path: `${memberPath}/erasure`, body: { confirmName: '山田花子' } },
    ]);
    const after = requests.slice(requests.indexOf(posts[0]!) + 1);
    expect(after.filter((r) => r.path.startsWith(memberPath))).toEqual([]);
    // Its cached record is dropped once its page is gone: Back asks the server (and finds nothing).
    await waitFor(() => expect(queryClient.getQueryData(['members', 'detail', MEMBER_ID])).toBeUndefined());
  });

  it('shows the server’s refusal (400) next to the name, and erases nothing', async () => {
    const user = userEvent.setup();
    render('admin', {
      erasure: () => apiError(400, 'validation_failed', { confirmName: 'does not match the member’s name' }),
    });
    await loaded();
    await user.click(within(section()!).getByRole('button', { name: '完全に消去する' }));
    const input = screen.getByRole('textbox');
    await user.type(input, '山田 花子');
    await user.click(screen.getByRole('button', { name: '完全に消去する' }));

    const error = await screen.findByRole('alert');
    expect(error.textContent).toBe(
      '氏名が一致しません。何も消去していません。この組合員の氏名を入力してください。',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(screen.getByTestId('location').textContent).toBe(`/members/${MEMBER_ID}`);

    // Typing again clears the old answer.
    await user.type(input, 'x');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says any other failure above the field (the member was erased by someone else)', async () => {
    const user = userEvent.setup();
    render('admin', { erasure: () => apiError(404, 'not_found') });
    await loaded();
    await user.click(within(section()!).getByRole('button', { name: '完全に消去する' }));
    await user.type(screen.getByRole('textbox'), '山田 花子');
    await user.click(screen.getByRole('button', { name: '完全に消去する' }));
    expect((await screen.findByRole('alert')).textContent).toBe('not_found');
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBe('false');
  });

  it('speaks English in English', async () => {
    const user = userEvent.setup();
    render('admin', { lang: 'en' });
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    const region = screen.getByRole('region', { name: 'Personal data' });
    expect(within(region).getByRole('link', { name: 'Export personal data (JSON)' })).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'Erase permanently' }));
    expect(screen.getByRole('form', { name: 'Erase 山田 花子 permanently' })).toBeTruthy();
    expect(screen.getByLabelText('To confirm, type the member’s name: “山田 花子”')).toBeTruthy();
    expect(screen.getByText('This cannot be undone.')).toBeTruthy();
  });
});
