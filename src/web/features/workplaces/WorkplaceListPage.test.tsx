// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { User } from '../../http/types';
import { staffAnswer } from '../users/test-fixtures';
import { buildWorkplace, page, recordRequest, type Seen } from './test-fixtures';
import WorkplaceListPage from './WorkplaceListPage';

afterEach(cleanup);

const workplaces = [
  buildWorkplace({
    name: '人事総務部',
    nameKana: 'ジンジソウムブ',
    establishment: '本社',
    memberCount: 23,
    employeeCount: 46,
    organizationRate: 0.5,
    atmosphere: 'indifferent',
    lastMeetingOn: '2026-06-27',
    lastMeetingParticipationRate: 0.2,
    ownerName: '鈴木 美穂',
  }),
  buildWorkplace({
    name: '新設準備室',
    establishment: '名古屋工場',
    memberCount: 3,
    employeeCount: null,
    organizationRate: null,
    nonMemberCount: null,
  }),
];

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
  displayName: '田中 職場委員',
};
const admin: User = {
  ...officer,
  id: '77777777-7777-4777-8777-777777777777',
  role: 'admin',
  displayName: '管理者',
};
const gone: User = {
  ...officer,
  id: '88888888-8888-4888-8888-888888888888',
  displayName: '退職者',
  disabled: true,
};

function server(seen: Seen[], { me = rep, onPost }: { me?: User; onPost?: () => unknown } = {}) {
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (req.method === 'POST' && onPost) return onPost();
    if (path === '/api/workplaces') return page(workplaces);
    if (path === '/api/auth/me') return me;
    if (path === '/api/staff') return staffAnswer(url, [admin, officer, gone]);
    return apiError(404, 'not_found');
  };
}

describe('WorkplaceListPage', () => {
  it('shows 組織率 as a percentage with a bar, and a dash without a head count', async () => {
    renderWeb(<WorkplaceListPage />, { route: '/workplaces', path: '/workplaces', fetch: server([]) });
    const row = (await screen.findByRole('link', { name: '人事総務部' })).closest('tr')!;
    expect(within(row).getByText('50%')).toBeTruthy();
    expect(row.querySelector<HTMLElement>('.bar > span')!.style.width).toBe('50%');
    expect(within(row).getByText('23 / 46')).toBeTruthy();
    expect(within(row).getByText('関心薄い')).toBeTruthy();
    expect(within(row).getByText('2026年6月27日')).toBeTruthy();
    expect(within(row).getByText('（20%）')).toBeTruthy();
    // The reading under the name; none for a workplace without one.
    expect(within(row).getByText('ジンジソウムブ')).toBeTruthy();

    const noCount = screen.getByRole('link', { name: '新設準備室' }).closest('tr')!;
    expect(within(noCount).getByText('3 / —')).toBeTruthy();
    expect(noCount.querySelector('.bar')).toBeNull();
    expect(noCount.querySelector('.wp-kana')).toBeNull();
    expect(within(noCount).getByText('従業員数が未登録のため算出できません')).toBeTruthy();
  });

  it('sends the URL filters to the server and offers the establishments', async () => {
    const seen: Seen[] = [];
    renderWeb(<WorkplaceListPage />, {
      route: '/workplaces?atmosphere=indifferent&sort=-organizationRate&q=本社',
      path: '/workplaces',
      fetch: server(seen),
    });
    await screen.findByRole('link', { name: '人事総務部' });
    const list = seen
      .map((r) => new URL(r.url, 'http://x').searchParams)
      .find((p) => p.get('limit') === '50')!;
    expect(Object.fromEntries(list)).toEqual({
      q: '本社',
      atmosphere: 'indifferent',
      sort: '-organizationRate',
      limit: '50',
    });
    expect((screen.getByLabelText('検索（職場名・よみ・事業所）') as HTMLInputElement).value).toBe('本社');
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('所属事業所'))
          .getAllByRole('option')
          .map((o) => o.textContent)
          .sort(),
      ).toEqual(['すべて', '名古屋工場', '本社'].sort()),
    );
  });

  it('offers an officer the 担当者 from the staff list, and shows a duplicate name as a field error', async () => {
    const seen: Seen[] = [];
    renderWeb(<WorkplaceListPage />, {
      route: '/workplaces',
      path: '/workplaces',
      fetch: server(seen, {
        me: officer,
        onPost: () => apiError(409, 'conflict', { name: 'is already in use' }),
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '+ 職場を登録' }));
    const form = screen.getByRole('form', { name: '職場を登録' });
    // Officers set owners too: enabled staff from GET /api/staff (the users list is admin-only).
    const owner = (await within(form).findByLabelText('担当者')) as HTMLSelectElement;
    await within(owner).findByRole('option', { name: '佐藤 健（専従役員）' });
    expect(Array.from(owner.options).map((o) => o.textContent)).toEqual([
      '未設定',
      '管理者（管理者）',
      '佐藤 健（専従役員）',
    ]);
    expect(seen.some((r) => r.url.startsWith('/api/users'))).toBe(false);

    await user.type(within(form).getByLabelText(/職場名/), '人事総務部');
    await user.type(within(form).getByLabelText('よみ'), 'じんじそうむぶ');
    await user.type(within(form).getByLabelText('従業員数'), '40');
    await user.selectOptions(within(form).getByLabelText('職場の雰囲気'), 'active');
    await user.click(within(form).getByRole('button', { name: '登録する' }));

    expect(await within(form).findByText('すでに使われています')).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/職場名/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(seen.find((r) => r.method === 'POST')!.body).toEqual({
      name: '人事総務部',
      nameKana: 'じんじそうむぶ',
      establishment: null,
      employeeCount: 40,
      issues: null,
      organizingStatus: null,
      atmosphere: 'active',
      ownerId: null,
    });
  });

  it('lets an admin choose the 担当者', async () => {
    const seen: Seen[] = [];
    renderWeb(<WorkplaceListPage />, {
      route: '/workplaces',
      path: '/workplaces',
      fetch: server(seen, { me: admin }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '+ 職場を登録' }));
    const owner = await screen.findByLabelText('担当者');
    await user.selectOptions(owner, officer.id);
    expect((owner as HTMLSelectElement).value).toBe(officer.id);
    expect(within(owner).getByRole('option', { name: '佐藤 健（専従役員）' })).toBeTruthy();
  });

  it('offers no 職場を登録 to a rep, whose workplaces are set by an admin', async () => {
    renderWeb(<WorkplaceListPage />, {
      route: '/workplaces',
      path: '/workplaces',
      fetch: server([], { me: rep }),
      me: rep,
    });
    await screen.findByRole('link', { name: '人事総務部' });
    expect(screen.queryByRole('button', { name: '+ 職場を登録' })).toBeNull();
  });
});
