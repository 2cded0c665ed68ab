// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { ENGAGEMENTS } from '../../../core/enums';
import type { Meeting } from '../../http/types';
import { signedInAs } from '../members/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import { buildMember, buildWorkplace, page, recordRequest, type Seen } from './test-fixtures';
import WorkplacePage from './WorkplacePage';

afterEach(cleanup);

const members = [
  buildMember({ name: '相川 一郎', engagement: 'regular' }),
  buildMember({ name: '井上 花子', engagement: 'at_risk' }),
  buildMember({ name: '上田 次郎', engagement: 'active_core', unionRole: 'workplace_rep' }),
  buildMember({ name: '江藤 三郎', engagement: 'regular' }),
  // An organizing target is not a member, whatever engagement is recorded for them.
  buildMember({ name: '太田 未加入', engagement: 'active_core', unionRole: 'organizing_target' }),
  buildMember({ name: '加藤 四郎', engagement: 'indifferent' }),
  buildMember({ name: '木村 五郎', engagement: 'regular' }),
];
const workplace = buildWorkplace({
  name: '品質保証課',
  memberCount: 23,
  employeeCount: 50,
  organizationRate: 23 / 50,
  nonMemberCount: 27,
  repMemberId: members[2]!.id,
  repMemberName: '田村 太郎',
  issues: '休日出勤が多い',
  organizingStatus: '派遣から直接雇用になった2名に声かけ中',
});
const id = workplace.id;

function server(seen: Seen[], overrides: (req: Seen) => unknown = () => undefined) {
  const meetings: Meeting[] = [];
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const custom = overrides(req);
    if (custom !== undefined) return custom;
    const path = url.split('?')[0];
    if (path === `/api/workplaces/${id}`) return workplace;
    if (path === '/api/members') return page(members);
    if (path === `/api/workplaces/${id}/meetings`) return page(meetings);
    if (path === `/api/workplaces/${id}/atmosphere-history`) return page([]);
    if (path === '/api/auth/me') return { id: 'me', role: 'officer', displayName: '佐藤 健' };
    if (path === '/api/staff')
      return staffAnswer(url, [{ id: 'me', role: 'officer', displayName: '佐藤 健' }]);
    return apiError(404, 'not_found');
  };
}

const render = (seen: Seen[], overrides?: (req: Seen) => unknown) =>
  renderWeb(<WorkplacePage />, {
    route: `/workplaces/${id}`,
    path: '/workplaces/:id',
    fetch: server(seen, overrides),
  });

describe('WorkplacePage', () => {
  it('shows the workplace facts, including 組織率, 非組合員数 and the rep as a link', async () => {
    render([]);
    expect(await screen.findByRole('heading', { level: 1, name: '品質保証課' })).toBeTruthy();
    const facts = screen.getByRole('region', { name: '基本情報' });
    expect(within(facts).getByText('46%')).toBeTruthy();
    expect(within(facts).getByText('27人')).toBeTruthy();
    expect(within(facts).getByText('休日出勤が多い')).toBeTruthy();
    expect(within(facts).getByText('派遣から直接雇用になった2名に声かけ中')).toBeTruthy();
    expect(within(facts).getByRole('link', { name: '田村 太郎' }).getAttribute('href')).toBe(
      `/members/${members[2]!.id}`,
    );
  });

  it('groups active members by engagement in SPEC order with counts, and keeps organizing targets apart', async () => {
    const seen: Seen[] = [];
    render(seen);
    await screen.findByText('相川 一郎');

    const query = seen.find((r) => r.url.startsWith('/api/members?'))!;
    const params = new URL(query.url, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({
      workplaceId: id,
      status: 'active',
      limit: '500',
      sort: 'nameKana',
    });

    const groups = [...document.querySelectorAll<HTMLElement>('[data-engagement-group]')];
    expect(groups.map((g) => g.dataset.engagementGroup)).toEqual([...ENGAGEMENTS, 'organizing_target']);

    const names = (engagement: string) => {
      const group = groups.find((g) => g.dataset.engagementGroup === engagement)!;
      return {
        heading: within(group).getByRole('heading').textContent,
        links: within(group)
          .queryAllByRole('link')
          .map((a) => a.textContent),
      };
    };
    expect(names('active_core')).toEqual({ heading: '執行委員・積極参加1人', links: ['上田 次郎'] });
    expect(names('regular')).toEqual({
      heading: '定期参加3人',
      links: ['相川 一郎', '江藤 三郎', '木村 五郎'],
    });
    expect(names('occasional')).toEqual({ heading: 'たまに参加0人', links: [] });
    expect(names('rare').heading).toBe('ほぼ参加なし0人');
    expect(names('indifferent')).toEqual({ heading: '関心薄い1人', links: ['加藤 四郎'] });
    expect(names('at_risk')).toEqual({ heading: '!脱退リスクあり1人', links: ['井上 花子'] });
    expect(names('organizing_target')).toEqual({
      heading: 'オルグ対象（未加入者）1人',
      links: ['太田 未加入'],
    });

    // Each member is a link to their own page.
    expect(screen.getByRole('link', { name: '井上 花子' }).getAttribute('href')).toBe(
      `/members/${members[1]!.id}`,
    );
    expect(screen.getByText('在籍中の組合員 6人（関与度順）')).toBeTruthy();
  });

  it('records a meeting with the typed counts and shows the server field error on attendeeCount', async () => {
    const seen: Seen[] = [];
    render(seen, (req) =>
      req.method === 'POST'
        ? apiError(400, 'validation_failed', { attendeeCount: 'must not exceed invitedCount (20)' })
        : undefined,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '集会を記録' }));

    const form = screen.getByRole('form', { name: '職場集会の記録' });
    const invited = within(form).getByLabelText('招集人数');
    expect(invited.getAttribute('placeholder')).toBe('未入力なら組合員数（23人）');

    fireEvent.change(within(form).getByLabelText(/開催日/), { target: { value: '2026-11-20' } });
    await user.type(within(form).getByLabelText(/集会名/), '11月職場集会');
    await user.type(within(form).getByLabelText(/参加者数/), '30');
    await user.type(invited, '20');
    await user.type(within(form).getByLabelText('メモ'), '残業代の未払いについて');
    await user.click(within(form).getByRole('button', { name: '集会を記録' }));

    const error = await within(form).findByText('参加者数は招集人数（20人）以下にしてください');
    expect(error).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/参加者数/)
        .getAttribute('aria-invalid'),
    ).toBe('true');

    const posted = seen.filter((r) => r.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.url).toBe(`/api/workplaces/${id}/meetings`);
    expect(posted[0]!.body).toEqual({
      heldOn: '2026-11-20',
      title: '11月職場集会',
      attendeeCount: 30,
      invitedCount: 20,
      notes: '残業代の未払いについて',
    });
    // The form keeps what was typed so the officer can correct it.
    expect((within(form).getByLabelText(/参加者数/) as HTMLInputElement).value).toBe('30');
  });

  it('leaves invitedCount out when empty so the server uses the member count, then lists the new meeting', async () => {
    const seen: Seen[] = [];
    let recorded: Meeting | undefined;
    render(seen, (req) => {
      if (req.method === 'POST') {
        const body = req.body as { heldOn: string; title: string; attendeeCount: number };
        recorded = {
          id: '11111111-1111-4111-8111-111111111111',
          createdAt: '2026-11-20T00:00:00.000Z',
          updatedAt: '2026-11-20T00:00:00.000Z',
          version: 1,
          workplaceId: id,
          notes: null,
          invitedCount: 23,
          participationRate: body.attendeeCount / 23,
          attendanceRecorded: false,
          attendeeIds: [],
          attendees: [],
          ...body,
        };
        return new Response(JSON.stringify(recorded), { status: 201 });
      }
      if (req.url.startsWith(`/api/workplaces/${id}/meetings`) && recorded) return page([recorded]);
      return undefined;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '集会を記録' }));
    const form = screen.getByRole('form', { name: '職場集会の記録' });
    fireEvent.change(within(form).getByLabelText(/開催日/), { target: { value: '2026-11-20' } });
    await user.type(within(form).getByLabelText(/集会名/), '昼休み懇談会');
    await user.type(within(form).getByLabelText(/参加者数/), '12');
    await user.click(within(form).getByRole('button', { name: '集会を記録' }));

    expect(await screen.findByText('昼休み懇談会')).toBeTruthy();
    expect(seen.find((r) => r.method === 'POST')!.body).toEqual({
      heldOn: '2026-11-20',
      title: '昼休み懇談会',
      attendeeCount: 12,
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: '職場集会の記録' })).toBeNull());
    expect(screen.getByText('52%')).toBeTruthy();
  });

  it('keeps the typed values on a version conflict and loads the latest on request', async () => {
    const seen: Seen[] = [];
    let latest: typeof workplace | undefined;
    render(seen, (req) => {
      if (req.method === 'PATCH') {
        latest = { ...workplace, employeeCount: 55, version: 2 };
        return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 2 });
      }
      if (latest && req.url === `/api/workplaces/${id}`) return latest;
      return undefined;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '編集' }));
    const form = screen.getByRole('form', { name: '職場の情報の編集' });
    // The rep is chosen among this workplace's members, once they are loaded.
    await within(form).findByLabelText('職場委員');
    // An officer sets the owner too (enabled staff from GET /api/staff).
    await within(form).findByLabelText('担当者');
    const count = within(form).getByLabelText('従業員数') as HTMLInputElement;
    await user.clear(count);
    await user.type(count, '60');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    expect(await within(form).findByText(/他の人がこの記録を先に更新しました/)).toBeTruthy();
    expect(count.value).toBe('60');
    const body = seen.find((r) => r.method === 'PATCH')!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      version: 1,
      employeeCount: 60,
      name: '品質保証課',
      repMemberId: members[2]!.id,
    });
    expect(body.ownerId).toBe(workplace.ownerId ?? null);
    expect(body).not.toHaveProperty('atmosphere');

    await user.click(within(form).getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect((screen.getByLabelText('従業員数') as HTMLInputElement).value).toBe('55'));
    expect(screen.queryByText(/他の人がこの記録を先に更新しました/)).toBeNull();
  });

  it('changes the atmosphere with a reason and shows it in the history', async () => {
    const seen: Seen[] = [];
    const change = {
      id: '22222222-2222-4222-8222-222222222222',
      workplaceId: id,
      from: 'normal',
      to: 'split_risk',
      changedAt: '2026-11-24T01:00:00.000Z',
      changedBy: null,
      changedByName: '佐藤 健',
      reason: '配置転換をめぐって対立',
    };
    let changed = false;
    render(seen, (req) => {
      if (req.method === 'PATCH') {
        changed = true;
        return { ...workplace, atmosphere: 'split_risk', version: 2 };
      }
      if (req.url.startsWith(`/api/workplaces/${id}/atmosphere-history`) && changed) return page([change]);
      return undefined;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '雰囲気を変更' }));
    const form = screen.getByRole('form', { name: '雰囲気を変更' });
    await user.selectOptions(within(form).getByLabelText(/新しい雰囲気/), 'split_risk');
    await user.type(within(form).getByLabelText('変更の理由'), '配置転換をめぐって対立');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    expect(await screen.findByText('配置転換をめぐって対立')).toBeTruthy();
    expect(seen.find((r) => r.method === 'PATCH')!.body).toEqual({
      version: 1,
      atmosphere: 'split_risk',
      atmosphereReason: '配置転換をめぐって対立',
    });
    expect(screen.getByText('佐藤 健が変更', { exact: false })).toBeTruthy();
  });

  it('moves the keyboard into an opened form and back to its button when cancelled', async () => {
    render([]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '集会を記録' }));
    const form = screen.getByRole('form', { name: '職場集会の記録' });
    expect(document.activeElement).toBe(within(form).getByLabelText(/開催日/));
    await user.click(within(form).getByRole('button', { name: 'キャンセル' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: '集会を記録' })),
    );
  });

  it.each([
    ['rep', true],
    ['executive', false],
  ] as const)(
    'shows a %s the workplace read-only but for the atmosphere and meetings (%s)',
    async (role, fieldWork) => {
      const seen: Seen[] = [];
      renderWeb(<WorkplacePage />, {
        route: `/workplaces/${id}`,
        path: '/workplaces/:id',
        fetch: server(seen),
        me: signedInAs(role),
      });
      await screen.findByRole('heading', { level: 1, name: '品質保証課' });
      await screen.findByText('相川 一郎');
      expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
      // A workplace rep knows how their workplace feels and who came: they change and record those.
      expect(screen.queryByRole('button', { name: '雰囲気を変更' }) !== null).toBe(fieldWork);
      expect(screen.queryByRole('button', { name: '集会を記録' }) !== null).toBe(fieldWork);
      // Nothing that would only answer 403 is asked for, nor the staff list (no form to pick in).
      expect(seen.some((r) => r.url.startsWith('/api/users') || r.url.startsWith('/api/staff'))).toBe(false);
    },
  );

  it('shows 見つかりません for a workplace that is missing or out of reach (404)', async () => {
    const seen: Seen[] = [];
    render(seen, (req) =>
      req.url.startsWith(`/api/workplaces/${id}`) ? apiError(404, 'not_found') : undefined,
    );
    expect(await screen.findByRole('heading', { name: '見つかりません' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(seen.filter((r) => r.url.startsWith(`/api/workplaces/${id}/`))).toEqual([]);
  });
});
