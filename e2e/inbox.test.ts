import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 4's acceptance: moving a member to 脱退リスクあり in the web app puts the
// follow-up task in the owner's inbox at once; sweeping twice the same day adds nothing.

type Me = { id: string };
type MemberPage = { items: { id: string; name: string }[] };
type TaskPage = { total: number; items: { title: string }[] };

describe('the officer inbox on a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('shows the at-risk follow-up in the owner inbox right after the engagement change, and a second sweep adds nothing', async () => {
    const page = await k.newPage();
    await signIn(page, 'sato@demo.kumiai.example', 'kumiai-demo-2026');
    const me = await apiGet<Me>(page, '/api/auth/me');
    const members = await apiGet<MemberPage>(
      page,
      `/api/members?ownerId=${me.id}&engagement=regular&status=active&limit=1`,
    );
    const member = members.items[0];
    expect(member, 'the demo gives 佐藤 a regular member').toBeDefined();
    const title = `${member!.name}さん 丁寧な個別フォロー——今月中に`;
    const before = await apiGet<TaskPage>(page, '/api/tasks?assignee=me&status=open&limit=1');

    await page.goto(`/members/${member!.id}`);
    await settle(page);
    await page.getByRole('button', { name: '関与度を変更' }).click();
    await page.getByLabel('新しい関与度').selectOption({ label: '脱退リスクあり' });
    await page.getByLabel(/理由/).fill('残業代の扱いに不満があり、組合に距離を置き始めた');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '関与度を変更しました。' }).waitFor();

    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^タスク/ })
      .click();
    await page.waitForURL('**/tasks');
    // The router keeps the member page (which lists the new task too) on screen until the
    // inbox's chunk has loaded: look for the task inside the inbox, not anywhere on screen.
    const inbox = page.locator('.task-page');
    await inbox.waitFor();
    await settle(page);
    await inbox.getByText(title).first().waitFor();
    expect(await inbox.getByText(title).count()).toBe(1);
    const after = await apiGet<TaskPage>(page, '/api/tasks?assignee=me&status=open&limit=1');
    expect(after.total).toBe(before.total + 1);

    // The admin runs the daily sweep twice: the second run creates nothing.
    const admin = await k.newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    const first = await admin.request.post('/api/workflows/run', { data: {} });
    expect(first.status()).toBe(200);
    const second = await admin.request.post('/api/workflows/run', { data: {} });
    expect(second.status()).toBe(200);
    expect(((await second.json()) as { created: unknown[] }).created).toEqual([]);
    await page.reload();
    await settle(page);
    await inbox.getByText(title).first().waitFor();
    expect(await inbox.getByText(title).count()).toBe(1);
  });
});
