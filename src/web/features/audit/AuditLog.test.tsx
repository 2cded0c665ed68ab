// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Lang } from '../../i18n/I18nProvider';
import SettingsPage from '../settings/SettingsPage';
import { admin, buildSettings, buildUser, page, recordRequest, type Seen } from '../settings/test-fixtures';
import { AuditLog } from './AuditLog';
import type { AuditEntry, AuditLogPage } from './queries';

afterEach(cleanup);

const tanaka = buildUser({ displayName: '田中 翔太', role: 'officer' });
const ito = buildUser({ displayName: '伊藤 明', role: 'officer', disabled: true });
const MEMBER = '11111111-1111-4111-8111-111111111111';

let nextId = 1000;
function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    id: nextId--,
    at: '2026-05-10T15:00:00.000Z',
    actor: { id: admin.id, displayName: admin.displayName },
    action: 'update',
    table: null,
    recordId: null,
    subjectId: null,
    recordLabel: null,
    recordName: null,
    recordDeleted: false,
    subjectName: null,
    subjectDeleted: false,
    changes: null,
    before: null,
    after: null,
    details: null,
    ...over,
  };
}

const roleChange = entry({
  action: 'update',
  table: 'users',
  recordId: tanaka.id,
  subjectId: tanaka.id,
  recordLabel: '田中 翔太',
  changes: { role: { from: 'rep', to: 'officer' }, disabled: { from: false, to: true } },
});
const memberCreated = entry({
  at: '2026-05-10T14:59:59.000Z',
  actor: { id: tanaka.id, displayName: '田中 翔太' },
  action: 'insert',
  table: 'members',
  recordId: MEMBER,
  subjectId: MEMBER,
  recordLabel: '佐藤 花子',
  after: { id: MEMBER, name: '佐藤 花子', engagement: 'regular', ownerId: tanaka.id, version: 1 },
});
const denied = entry({
  actor: { id: tanaka.id, displayName: '田中 翔太' },
  action: 'denied',
  details: { method: 'POST', path: '/api/members', status: 403 },
});
const failed = entry({
  actor: null,
  action: 'sign_in_failed',
  details: { email: 'someone@example.org', ip: '203.0.113.5', reason: 'bad_credentials' },
});
const olderNote = entry({
  at: '2026-05-01T00:00:00.000Z',
  action: 'delete',
  table: 'member_notes',
  recordId: '22222222-2222-4222-8222-222222222222',
  subjectId: MEMBER,
  before: { body: '残業代の相談', channel: 'phone', memberId: MEMBER },
});

type Answer = (url: URL) => unknown;

function server(seen: Seen[], answer: Answer, timezone = 'Asia/Tokyo') {
  return (url: string, init?: RequestInit) => {
    recordRequest(seen, url, init);
    const parsed = new URL(url, 'http://localhost');
    if (parsed.pathname === '/api/auth/me') return admin;
    if (parsed.pathname === '/api/settings') return buildSettings({ timezone });
    if (parsed.pathname === '/api/staff') {
      // Ito's account is disabled: listed only with includeDisabled=true.
      const staff =
        parsed.searchParams.get('includeDisabled') === 'true' ? [admin, ito, tanaka] : [admin, tanaka];
      return page(staff.map(({ id, displayName, role }) => ({ id, displayName, role })));
    }
    if (parsed.pathname === '/api/audit-log') return answer(parsed);
    return apiError(404, 'not_found');
  };
}

const firstPage: AuditLogPage = {
  items: [roleChange, memberCreated, denied, failed],
  total: 5,
  totalCapped: false,
  nextCursor: 'next-page',
};
const paged: Answer = (url) =>
  url.searchParams.get('cursor') === 'next-page' ? { items: [olderNote] } : firstPage;

function render(
  seen: Seen[],
  answer: Answer = paged,
  options: { route?: string; lang?: Lang; timezone?: string } = {},
) {
  return renderWeb(<AuditLog />, {
    route: options.route ?? '/settings?tab=audit',
    path: '/settings',
    lang: options.lang ?? 'ja',
    fetch: server(seen, answer, options.timezone),
  });
}

const auditRequests = (seen: Seen[]) =>
  seen.filter((r) => r.url.startsWith('/api/audit-log')).map((r) => new URL(r.url, 'http://localhost'));

describe('AuditLog', () => {
  it('lists the entries in a table: time in the organization’s zone, who, action and the changes', async () => {
    render([]);
    const table = await screen.findByRole('table', { name: '監査ログ' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['日時', '操作した人', '操作', '対象', '内容']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);

    // 15:00 UTC is midnight of the next day in Tokyo.
    const role = rows[0]!;
    expect(within(role).getByText('2026/05/11 00:00:00').getAttribute('datetime')).toBe(roleChange.at);
    expect(within(role).getByText('小林 直子')).toBeTruthy();
    expect(within(role).getByText('変更')).toBeTruthy();
    expect(within(role).getByText('利用者')).toBeTruthy();
    expect(within(role).getByText('田中 翔太')).toBeTruthy();
    const changes = within(role)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(changes).toEqual(['権限: 職場委員 →から 専従役員', '無効: いいえ →から はい']);

    const created = rows[1]!;
    expect(within(created).getByText('2026/05/10 23:59:59')).toBeTruthy();
    expect(within(created).getByText('作成')).toBeTruthy();
    expect(within(created).getByText('組合員')).toBeTruthy();
    // id and version are left out of the recorded values; the owner is shown by name.
    expect(within(created).getByText('登録内容（3項目）')).toBeTruthy();
    expect(within(created).getByText('佐藤 花子', { selector: 'dd' })).toBeTruthy();
    expect(within(created).getByText('定期参加')).toBeTruthy();
    expect(await within(created).findByText('田中 翔太', { selector: 'dd' })).toBeTruthy();

    expect(within(rows[2]!).getByText('アクセス拒否')).toBeTruthy();
    expect(within(rows[2]!).getByText('POST /api/members')).toBeTruthy();
    expect(rows[2]!.textContent).toContain('403');

    const signIn = rows[3]!;
    expect(within(signIn).getByText('ログイン失敗')).toBeTruthy();
    expect(within(signIn).getByText('（未ログイン）')).toBeTruthy();
    expect(within(signIn).getByText('someone@example.org')).toBeTruthy();
    expect(within(signIn).getByText('メールアドレスまたはパスワードの誤り')).toBeTruthy();

    expect(screen.getByText('5件')).toBeTruthy();
    expect(screen.getByText('時刻は組織のタイムゾーン（Asia/Tokyo）で表示しています。')).toBeTruthy();
  });

  it('loads more entries with the server’s cursor and keeps the ones shown', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen);
    const table = await screen.findByRole('table', { name: '監査ログ' });
    expect(screen.getByText('4件を表示中')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'さらに表示' }));
    expect(await within(table).findByText('削除')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(within(table).getByText('削除前の内容（3項目）')).toBeTruthy();
    expect(within(table).getByText('電話')).toBeTruthy();
    expect(screen.getByText('5件を表示中')).toBeTruthy();
    // The last page has no cursor: no more button.
    expect(screen.queryByRole('button', { name: 'さらに表示' })).toBeNull();
    const requests = auditRequests(seen);
    expect(requests.map((u) => u.searchParams.get('cursor'))).toEqual([null, 'next-page']);
    expect(requests[1]!.searchParams.get('limit')).toBe('50');
  });

  it('filters by user, record, action and days, through the URL', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen);
    await screen.findByRole('table', { name: '監査ログ' });
    const form = screen.getByRole('form', { name: '絞り込み' });
    const who = (await within(form).findByLabelText('操作した人')) as HTMLSelectElement;
    // Disabled accounts are listed too (past actors), marked.
    await within(who).findByRole('option', { name: '伊藤 明（無効）' });
    expect(Array.from(who.options).map((o) => o.textContent)).toEqual([
      'すべての人',
      admin.displayName,
      '伊藤 明（無効）',
      '田中 翔太',
    ]);
    await user.selectOptions(who, '田中 翔太');
    await user.type(within(form).getByLabelText('記録のID'), ` ${MEMBER} `);
    await user.selectOptions(within(form).getByLabelText('操作'), 'アクセス拒否');
    await user.type(within(form).getByLabelText('期間（から）'), '2026-05-01');
    await user.type(within(form).getByLabelText('期間（まで）'), '2026-05-31');
    await user.click(within(form).getByRole('button', { name: '絞り込む' }));

    await waitFor(() => expect(auditRequests(seen)).toHaveLength(2));
    const query = auditRequests(seen)[1]!.searchParams;
    expect(Object.fromEntries(query)).toEqual({
      userId: tanaka.id,
      recordId: MEMBER,
      action: 'denied',
      from: '2026-05-01',
      to: '2026-05-31',
      limit: '50',
    });

    await user.click(screen.getByRole('button', { name: '条件をクリア' }));
    await waitFor(() => expect(auditRequests(seen)).toHaveLength(3));
    expect(Object.fromEntries(auditRequests(seen)[2]!.searchParams)).toEqual({ limit: '50' });
  });

  it('filters by a row’s record with one click', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen);
    await screen.findByRole('table', { name: '監査ログ' });
    await user.click(screen.getByRole('button', { name: '組合員 佐藤 花子の記録で絞り込む' }));
    await waitFor(() => expect(auditRequests(seen)).toHaveLength(2));
    expect(auditRequests(seen)[1]!.searchParams.get('recordId')).toBe(MEMBER);
    expect((screen.getByLabelText('記録のID') as HTMLInputElement).value).toBe(MEMBER);
  });

  it('refuses a start after the end before asking the server', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    render(seen);
    await screen.findByRole('table', { name: '監査ログ' });
    const from = screen.getByLabelText('期間（から）');
    const to = screen.getByLabelText('期間（まで）');
    await user.type(from, '2026-05-31');
    await user.type(to, '2026-05-01');
    await user.click(screen.getByRole('button', { name: '絞り込む' }));
    expect(screen.getByText('開始日は終了日以前にしてください')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(auditRequests(seen)).toHaveLength(1);
  });

  it('shows a bad date from the URL as the server’s field error', async () => {
    render(
      [],
      (url) =>
        url.searchParams.get('from') === '2026-13-01'
          ? apiError(400, 'validation_failed', {
              from: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp',
            })
          : firstPage,
      { route: '/settings?tab=audit&from=2026-13-01' },
    );
    expect(await screen.findByText('日付を入力してください')).toBeTruthy();
    expect(screen.getByLabelText('期間（から）').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('names the records in words: a sensitive read’s case and member, the screen, and a deleted record', async () => {
    const CASE = '33333333-3333-4333-8333-333333333333';
    const read = entry({
      action: 'read_sensitive',
      table: 'member_cases',
      recordId: CASE,
      subjectId: MEMBER,
      recordName: 'ハラスメント相談',
      subjectName: '佐藤 花子',
      details: { via: 'weekly_dashboard' },
    });
    const gone = entry({
      action: 'read_sensitive',
      table: 'member_cases',
      recordId: '44444444-4444-4444-8444-444444444444',
      subjectId: MEMBER,
      recordDeleted: true,
      subjectDeleted: true,
      details: { via: 'timeline' },
    });
    const note = entry({
      action: 'update',
      table: 'member_notes',
      recordId: '22222222-2222-4222-8222-222222222222',
      subjectId: MEMBER,
      subjectName: '佐藤 花子',
      changes: { body: { from: '残業', to: '残業代' } },
    });
    render([], () => ({ items: [read, gone, note], total: 3, totalCapped: false }));
    const table = await screen.findByRole('table', { name: '監査ログ' });
    const [first, second, third] = within(table).getAllByRole('row').slice(1);
    expect(within(first!).getByText('機微な案件の閲覧')).toBeTruthy();
    expect(within(first!).getByText('ハラスメント相談')).toBeTruthy();
    expect(within(first!).getByText('（佐藤 花子）')).toBeTruthy();
    expect(within(first!).getByText('週次ダッシュボード')).toBeTruthy();
    expect(first!.textContent).not.toContain('weekly_dashboard');
    expect(within(second!).getAllByText('削除済みの記録')).toHaveLength(1);
    expect(within(second!).getByText('（削除済みの記録）')).toBeTruthy();
    expect(within(second!).getByText('組合員のタイムライン')).toBeTruthy();
    expect(within(third!).getByText('相談・連絡履歴')).toBeTruthy();
    expect(within(third!).getByText('（佐藤 花子）')).toBeTruthy();
  });

  it('says when nothing matches', async () => {
    render([], () => ({ items: [], total: 0, totalCapped: false }));
    expect(await screen.findByText('条件に合う記録はありません')).toBeTruthy();
  });

  it('speaks English, in the organization’s own time zone', async () => {
    render([], paged, { lang: 'en', timezone: 'America/New_York' });
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const role = within(table).getAllByRole('row')[1]!;
    expect(await within(role).findByText('2026-05-10, 11:00:00')).toBeTruthy();
    expect(within(role).getByText('Changed')).toBeTruthy();
    expect(within(role).getAllByRole('listitem')[0]!.textContent).toBe('Role: Workplace rep →to Officer');
    expect(screen.getByText('5 entries')).toBeTruthy();
    expect(
      screen.getByText('Times are shown in the organization’s time zone (America/New_York).'),
    ).toBeTruthy();
  });

  it('is a tab of the admin settings, linkable as ?tab=audit', async () => {
    renderWeb(<SettingsPage />, {
      route: '/settings?tab=audit',
      path: '/settings',
      fetch: server([], paged),
    });
    expect(await screen.findByRole('table', { name: '監査ログ' })).toBeTruthy();
    const tab = screen.getByRole('link', { name: '監査ログ' });
    expect(tab.getAttribute('aria-current')).toBe('page');
    expect(tab.getAttribute('href')).toBe('/settings?tab=audit');
  });
});
