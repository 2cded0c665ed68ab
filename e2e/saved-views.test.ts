import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, settle, signedInContext, signIn, useKumiai } from './harness';

// Issue 17, saved views and 自分の担当だけ: the admin saves the filtered member list as a view
// shared with officers, sees it in the navigation; an officer opens it from theirs (read-only
// for them) and narrows it to their own members; the admin overwrites it with other filters,
// which the officer then sees, and deletes it. On the weekly dashboard 自分の担当だけ keeps
// the officer's members only.

let attempt = Date.now();
const OFFICER = {
  // Unique per run: a retried test finds the first attempt's user.
  get email() {
    return `sv-officer-${attempt}@example.org`;
  },
  password: 'officer-password-1',
  name: '専従 花子',
};
type View = { id: string; name: string; version: number; state: { params: Record<string, string> } };

describe('saved views and 自分の担当だけ', () => {
  const k = useKumiai({ admin: ADMIN });

  it('saves a shared view, opens it as another role, updates and deletes it; narrows a list and the dashboard', async () => {
    attempt += 1;
    const adminContext = await signedInContext(k, ADMIN.email, ADMIN.password);
    const api = adminContext.request;
    const officer = await apiPost<{ id: string }>(api, '/api/users', {
      email: OFFICER.email,
      displayName: OFFICER.name,
      role: 'officer',
      password: OFFICER.password,
    });
    const workplace = await apiPost<{ id: string }>(api, '/api/workplaces', { name: 'SV職場' });
    const member = (name: string, engagement: string, ownerId?: string) =>
      apiPost(api, '/api/members', { name, workplaceId: workplace.id, engagement, ownerId });
    await member('保存太郎', 'at_risk', officer.id);
    await member('保存花子', 'regular', officer.id);
    await member('保存次郎', 'at_risk');

    // The admin saves the filtered list, shared with officers.
    const admin = await k.newPage();
    await signIn(admin);
    await admin.goto('/members?engagement=at_risk');
    await settle(admin);
    await admin.getByRole('button', { name: 'ビューを保存' }).click();
    const form = admin.getByRole('form', { name: '現在の条件をビューとして保存' });
    await form.getByLabel('ビューの名前').fill('要注意の組合員');
    await form.getByLabel('次の役割と共有').check();
    await form.getByLabel('専従役員').check();
    await form.getByRole('button', { name: '保存する' }).click();
    await admin.waitForURL(/[?&]sv=/);
    await admin.getByText('表示中のビュー: 要注意の組合員').waitFor();
    let views = (await (await api.get('/api/saved-views')).json()).items as View[];
    expect(views).toHaveLength(1);
    expect(views[0]!.state.params).toEqual({ engagement: 'at_risk' });
    // In the navigation, under 組合員.
    await admin.getByRole('button', { name: '組合員の保存ビュー' }).click();
    await expect(admin.getByRole('link', { name: '要注意の組合員' }).isVisible()).resolves.toBe(true);

    // An officer opens it from their navigation: the list shows the view's members.
    const other = await k.newPage();
    await signIn(other, OFFICER.email, OFFICER.password);
    await other.getByRole('button', { name: '組合員の保存ビュー' }).click();
    await other.getByRole('link', { name: /要注意の組合員/ }).click();
    await other.waitForURL(/engagement=at_risk/);
    await settle(other);
    await other.getByRole('link', { name: '保存太郎' }).first().waitFor();
    await other.getByRole('link', { name: '保存次郎' }).first().waitFor();
    expect(await other.getByRole('button', { name: '現在の条件で上書き' }).count()).toBe(0);
    // 自分の担当だけ: the officer's own members only, kept in the URL.
    // The box follows the URL, which changes once the narrowed list is in (a transition): click,
    // then wait for the URL rather than expecting the box to flip at once.
    await other.getByLabel('自分の担当だけ').click();
    await other.waitForURL(new RegExp(`ownerId=${officer.id}`));
    expect(new URL(other.url()).searchParams.get('mine')).toBe('1');
    await settle(other);
    await other.getByRole('link', { name: '保存太郎' }).first().waitFor();
    await expect.poll(() => other.getByRole('link', { name: '保存次郎' }).count()).toBe(0);

    // The admin overwrites the view with other filters.
    await admin.goto(`/members?engagement=regular&sv=${views[0]!.id}`);
    await settle(admin);
    await admin.getByRole('button', { name: '現在の条件で上書き' }).click();
    await admin
      .getByText('「要注意の組合員」を現在の条件で更新しました')
      .first()
      .waitFor({ state: 'attached' });
    views = (await (await api.get('/api/saved-views')).json()).items as View[];
    expect(views[0]).toMatchObject({ version: 2, state: { params: { engagement: 'regular' } } });
    // The officer opens it again and sees the new filters.
    await other.goto('/members');
    await settle(other);
    await other.getByRole('button', { name: '組合員の保存ビュー' }).click();
    await other.getByRole('link', { name: /要注意の組合員/ }).click();
    await other.waitForURL(/engagement=regular/);
    await settle(other);
    await other.getByRole('link', { name: '保存花子' }).first().waitFor();

    // The admin renames it and keeps sharing it.
    await admin.getByRole('button', { name: '名前・共有を変更' }).click();
    const edit = admin.getByRole('form', { name: '名前・共有を変更' });
    await edit.getByLabel('ビューの名前').fill('普通の組合員');
    await edit.getByRole('button', { name: '変更を保存' }).click();
    await admin.getByText('表示中のビュー: 普通の組合員').waitFor();
    views = (await (await api.get('/api/saved-views')).json()).items as View[];
    expect(views[0]).toMatchObject({ name: '普通の組合員', version: 3, sharedRoles: ['officer'] });

    // The admin deletes it, after a confirmation.
    await admin.getByRole('button', { name: '削除', exact: true }).click();
    await admin.getByText('保存ビュー「普通の組合員」を削除しますか？元に戻せません。').waitFor();
    await admin.getByRole('button', { name: '削除する' }).click();
    await admin.waitForURL((url) => !url.searchParams.has('sv'));
    views = (await (await api.get('/api/saved-views')).json()).items as View[];
    expect(views).toEqual([]);
    await other.reload();
    await settle(other);
    await expect.poll(() => other.getByRole('button', { name: '組合員の保存ビュー' }).count()).toBe(0);

    // The weekly dashboard: 自分の担当だけ leaves the officer's at-risk member only.
    await other.goto('/dashboards/weekly');
    await settle(other);
    await other.getByRole('link', { name: '保存次郎' }).first().waitFor();
    await other.getByLabel('自分の担当だけ').click();
    await other.waitForURL(/mine=1/);
    await settle(other);
    await other.getByRole('link', { name: '保存太郎' }).first().waitFor();
    await expect.poll(() => other.getByRole('link', { name: '保存次郎' }).count()).toBe(0);
    await adminContext.close();
  });

  it('opens a view naming a deleted custom field without it, and says so', async () => {
    const adminContext = await signedInContext(k, ADMIN.email, ADMIN.password);
    const api = adminContext.request;
    const field = await apiPost<{ id: string }>(api, '/api/custom-fields', {
      entity: 'member',
      key: 'sv_shift',
      labelJa: '勤務帯',
      labelEn: 'Shift',
      type: 'choice',
      options: [{ value: 'night', labelJa: '夜勤', labelEn: 'Night' }],
    });
    const view = await apiPost<{ id: string }>(api, '/api/saved-views', {
      name: '夜勤の組合員',
      list: 'members',
      state: { params: { 'cf.sv_shift': 'night', status: 'all' } },
    });
    const archived = await api.delete(`/api/custom-fields/${field.id}`);
    expect(archived.ok()).toBe(true);

    const page = await k.newPage();
    await signIn(page);
    await page.getByRole('button', { name: '組合員の保存ビュー' }).click();
    await page.getByRole('link', { name: '夜勤の組合員' }).click();
    await page.waitForURL(new RegExp(`sv=${view.id}`));
    await settle(page);
    await page
      .getByText('この保存ビューは削除された項目（勤務帯）を含みます。その条件を除いて表示しています')
      .waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.has('cf.sv_shift')).toBe(false);
    expect(url.searchParams.get('status')).toBe('all');
    await adminContext.close();
  });
});
