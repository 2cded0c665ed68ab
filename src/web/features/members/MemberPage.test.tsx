// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { StaffRole } from '../../../core/enums';
import type { MemberCase } from '../../http/types';
import MemberPage from './MemberPage';
import { buildDemand, buildMember, MEMBER_ID, page, signedInAs } from './test-fixtures';

afterEach(cleanup);

const openCase: MemberCase = {
  id: '44444444-4444-4444-8444-444444444444',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  memberId: MEMBER_ID,
  title: '残業代の未払い',
  description: null,
  openedOn: '2026-01-01',
  dueOn: null,
  status: 'open',
  closedOn: null,
  closedAt: null,
  closedBy: null,
  closedByName: null,
  outcome: null,
  sensitive: false,
};
const linked = buildDemand('55555555-5555-4555-8555-555555555555', 'ベースアップ');
const other = buildDemand('66666666-6666-4666-8666-666666666666', '年間休日の増加');

function render(role: StaffRole, { route = `/members/${MEMBER_ID}`, missing = false } = {}) {
  const urls: string[] = [];
  const fetch = (url: string) => {
    urls.push(url);
    const path = url.split('?')[0] ?? '';
    if (missing && path.startsWith(`/api/members/${MEMBER_ID}`)) return apiError(404, 'not_found');
    if (path === `/api/members/${MEMBER_ID}`) return buildMember({ demandIds: [linked.id] });
    if (path === `/api/members/${MEMBER_ID}/timeline`) return page([]);
    if (path === `/api/members/${MEMBER_ID}/cases`) return page([openCase]);
    if (path === '/api/demands') return page([linked, other]);
    if (path === '/api/tasks') return page([]);
    return apiError(404, 'not_found');
  };
  renderWeb(<MemberPage />, { route, path: '/members/:id', fetch, me: signedInAs(role) });
  return { urls };
}

const quickActions = () => screen.queryByRole('region', { name: 'クイック操作' });
const buttonNames = (region: HTMLElement) =>
  within(region)
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('MemberPage by role', () => {
  it('gives an officer every control: edit, all quick actions, closing cases, linking demands', async () => {
    render('officer');
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    expect(screen.getByRole('button', { name: '編集' })).toBeTruthy();
    expect(buttonNames(quickActions()!)).toEqual([
      'メモを記録',
      '関与度を変更',
      '案件を登録',
      '次のアクションを設定',
    ]);
    expect(await screen.findByRole('button', { name: '「残業代の未払い」を完了にする' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: '「ベースアップ」との紐付けを外す' })).toBeTruthy();
    expect(screen.getByLabelText('紐付ける要求')).toBeTruthy();
  });

  it('lets a rep add a note, change engagement and link demands, but not edit the record', async () => {
    render('rep', { route: `/members/${MEMBER_ID}?edit=1` });
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    // ?edit=1 from a shared link does not open the form either.
    expect(screen.queryByRole('region', { name: /を編集/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
    expect(buttonNames(quickActions()!)).toEqual(['メモを記録', '関与度を変更']);

    await screen.findByText('残業代の未払い');
    expect(screen.queryByRole('button', { name: '「残業代の未払い」を完了にする' })).toBeNull();
    // Linking their members to demands is theirs to do.
    expect(await screen.findByRole('button', { name: '「ベースアップ」との紐付けを外す' })).toBeTruthy();
    expect(screen.getByLabelText('紐付ける要求')).toBeTruthy();
  });

  it('shows an executive the record read-only: no quick actions at all', async () => {
    render('executive');
    await screen.findByRole('heading', { level: 1, name: '山田 花子' });
    await screen.findByText('残業代の未払い');
    expect(quickActions()).toBeNull();
    expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
    expect(screen.queryByRole('button', { name: '「残業代の未払い」を完了にする' })).toBeNull();
    // Executives write demands, so linking stays.
    expect(await screen.findByRole('button', { name: '「ベースアップ」との紐付けを外す' })).toBeTruthy();
  });

  it('shows 見つかりません for a member that is missing or out of reach (404)', async () => {
    const { urls } = render('rep', { missing: true });
    expect(await screen.findByRole('heading', { name: '見つかりません' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    // Nothing about the member is asked for once the member itself is not found.
    expect(urls.filter((u) => u.startsWith(`/api/members/${MEMBER_ID}/`))).toEqual([]);
  });
});
