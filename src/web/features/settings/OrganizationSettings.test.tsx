// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { staffAnswer } from '../users/test-fixtures';
import { OrganizationSettings, parseYears } from './OrganizationSettings';
import { admin, buildSettings, buildUser, recordRequest, type Seen } from './test-fixtures';

afterEach(cleanup);

const sato = buildUser({ displayName: '佐藤 健一', role: 'officer' });
const gone = buildUser({ displayName: '退職 太郎', role: 'officer', disabled: true });

function server(seen: Seen[], onPatch: (req: Seen, n: number) => unknown, settings = buildSettings()) {
  let patches = 0;
  let reads = 0;
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (req.method === 'PATCH') return onPatch(req, ++patches);
    if (path === '/api/auth/me') return admin;
    if (path === '/api/staff') return staffAnswer(url, [admin, sato, gone]);
    if (path === '/api/settings') {
      reads += 1;
      return reads === 1
        ? settings
        : { ...settings, organizationName: '新しい名前', version: settings.version + 1 };
    }
    return apiError(404, 'not_found');
  };
}

const describedText = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('OrganizationSettings', () => {
  it('reads milestone years typed with Japanese commas and full-width digits', () => {
    expect(parseYears('5、１０, 20')).toEqual([5, 10, 20]);
    expect(parseYears(' 5 10 ')).toEqual([5, 10]);
    expect(parseYears('5, ten')).toBeNull();
    expect(parseYears('5.5')).toBeNull();
  });

  it('sends only the changed fields with the version, and shows the server’s field error next to the time zone', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<OrganizationSettings />, {
      fetch: server(seen, () =>
        apiError(400, 'validation_failed', { timezone: 'must be an IANA time zone such as Asia/Tokyo' }),
      ),
    });
    await screen.findByDisplayValue('ものづくり産業労働組合');
    // Only enabled staff can become 書記長.
    await screen.findByRole('option', { name: '佐藤 健一（専従役員）' });
    expect(screen.queryByRole('option', { name: /退職 太郎/ })).toBeNull();

    await user.selectOptions(screen.getByLabelText('タイムゾーン'), 'その他（IANA名を直接入力）');
    const zone = screen.getByLabelText('タイムゾーン（IANA名）');
    await user.type(zone, 'Mars/Base');
    const years = screen.getByLabelText('組合歴の節目');
    await user.clear(years);
    await user.type(years, '5, 10, 20, 30');
    await user.selectOptions(screen.getByLabelText('書記長'), '佐藤 健一（専従役員）');
    await user.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(zone)).toContain('Asia/Tokyo のようなIANAタイムゾーン名を入力してください');
    expect(screen.getByText('入力内容を確認してください')).toBeTruthy();
    // What was typed stays.
    expect((zone as HTMLInputElement).value).toBe('Mars/Base');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({
      timezone: 'Mars/Base',
      milestoneYears: [5, 10, 20, 30],
      secretaryGeneralUserId: sato.id,
      version: 3,
    });
  });

  it('does not send milestone years that are not whole numbers', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<OrganizationSettings />, { fetch: server(seen, () => buildSettings()) });
    const years = await screen.findByLabelText('組合歴の節目');
    await user.clear(years);
    await user.type(years, '5, 十');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(describedText(years)).toContain('1以上の整数をカンマ区切りで入力してください');
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('clears 春闘開始日 with null and says it was saved', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<OrganizationSettings />, {
      fetch: server(seen, () => buildSettings({ shuntoStartOn: null, version: 4 })),
    });
    const date = await screen.findByLabelText('春闘開始日');
    await user.clear(date);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('保存しました')).toBeTruthy();
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ shuntoStartOn: null, version: 3 });
  });

  it('keeps the input on a 409 and offers to load the latest version', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<OrganizationSettings />, {
      fetch: server(seen, () => apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 4 })),
    });
    const name = await screen.findByLabelText(/^組織名/);
    await user.clear(name);
    await user.type(name, '私の入力');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/他の人がこの記録を先に更新しました/)).toBeTruthy();
    expect((name as HTMLInputElement).value).toBe('私の入力');

    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect((name as HTMLInputElement).value).toBe('新しい名前'));
    expect(screen.queryByText(/他の人がこの記録を先に更新しました/)).toBeNull();
  });
});
