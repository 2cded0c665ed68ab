// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { StaffRole } from '../../../core/enums';
import type { MemberCase } from '../../http/types';
import { OpenCases } from './OpenCases';
import { jsonBody, MEMBER_ID, page, signedInAs } from './test-fixtures';

afterEach(cleanup);

function buildCase(n: number, fields: Partial<MemberCase> = {}): MemberCase {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 3,
    memberId: MEMBER_ID,
    title: `案件${n}`,
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
    ...fields,
  };
}

const harassment = buildCase(1, { title: 'ハラスメント相談', sensitive: true });
const resolved = buildCase(2, {
  title: '残業代の相談',
  status: 'closed',
  closedOn: '2026-02-10',
  closedAt: '2026-02-10T01:00:00.000Z',
  closedByName: '佐藤 書記長',
  outcome: '未払い分が支払われた',
});

function render(role: StaffRole, respond?: (body: Record<string, unknown>) => unknown) {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const path = url.split('?')[0] ?? '';
    if (init?.method === 'PATCH') {
      const body = jsonBody(init) as Record<string, unknown>;
      sent.push({ url: path, body });
      return respond ? respond(body) : buildCase(1);
    }
    if (path === `/api/members/${MEMBER_ID}/cases`) return page([harassment, resolved]);
    return apiError(404, 'not_found');
  };
  renderWeb(<OpenCases memberId={MEMBER_ID} />, { fetch, me: signedInAs(role) });
  return { sent };
}

describe('OpenCases', () => {
  it('closes a sensitive case only after the outcome and a confirmation that it leaves the follow-up lists', async () => {
    const { sent } = render('officer');
    await userEvent.click(await screen.findByRole('button', { name: '「ハラスメント相談」を完了にする' }));
    const form = screen.getByRole('form', { name: '「ハラスメント相談」を完了にしますか？' });
    expect(within(form).getByText(/すべてのフォロー一覧から外れます/)).toBeTruthy();
    expect(sent).toEqual([]);
    await userEvent.type(within(form).getByLabelText(/対応結果/), '加害者の異動で解決');
    await userEvent.click(within(form).getByRole('button', { name: '完了にする' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      url: `/api/members/${MEMBER_ID}/cases/${harassment.id}`,
      body: { status: 'closed', outcome: '加害者の異動で解決', version: 3 },
    });
    expect(await screen.findByText('案件を完了にしました。')).toBeTruthy();
  });

  it('shows the server’s 400 on a missing outcome next to the field', async () => {
    render('officer', () =>
      apiError(400, 'validation_failed', { outcome: 'is required when closing a case' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: '「ハラスメント相談」を完了にする' }));
    const form = screen.getByRole('form', { name: '「ハラスメント相談」を完了にしますか？' });
    await userEvent.click(within(form).getByRole('button', { name: '完了にする' }));
    await waitFor(() =>
      expect(
        within(form)
          .getByLabelText(/対応結果/)
          .getAttribute('aria-invalid'),
      ).toBe('true'),
    );
  });

  it('lists closed cases with the outcome and who closed them, and reopens one with a reason', async () => {
    const { sent } = render('officer');
    expect(await screen.findByText('完了した案件（1件）')).toBeTruthy();
    expect(screen.getByText('未払い分が支払われた')).toBeTruthy();
    expect(screen.getByText(/完了：佐藤 書記長/)).toBeTruthy();
    await userEvent.click(screen.getByText('完了した案件（1件）'));
    await userEvent.click(screen.getByRole('button', { name: '「残業代の相談」を再開する' }));
    const form = screen.getByRole('form', { name: '「残業代の相談」を再開しますか？' });
    await userEvent.type(within(form).getByLabelText(/再開の理由/), '再び未払いが発生');
    await userEvent.click(within(form).getByRole('button', { name: '再開する' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({ status: 'open', reopenReason: '再び未払いが発生', version: 3 });
  });

  it('gives an executive no close or reopen button', async () => {
    render('executive');
    await screen.findByText('ハラスメント相談');
    expect(screen.queryByRole('button', { name: /完了にする|再開する/ })).toBeNull();
  });
});
