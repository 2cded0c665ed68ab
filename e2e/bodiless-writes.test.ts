import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Chromium sends a body-less DELETE (and the body-less PUT that links a member) without
// Content-Length. These buttons once failed with 「Send the request body as application/json」
// while every in-process test passed; here they go through the real server.

type Created = { id: string; version: number; title?: string; name?: string };
type Demand = { id: string; relatedMemberCount: number };

async function post(page: Page, path: string, data: Record<string, unknown>): Promise<Created> {
  const res = await page.request.post(path, { data });
  if (res.status() !== 201) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as Created;
}

/** Every request the page sent without a body, and what came back. */
function watchWrites(page: Page) {
  const writes: string[] = [];
  page.on('response', (res) => {
    const method = res.request().method();
    if (method === 'DELETE' || method === 'PUT') writes.push(`${method} ${res.status()}`);
  });
  return writes;
}

describe('buttons that write without a body, in Chromium', () => {
  const k = useKumiai({ admin: ADMIN });

  it('削除 deletes a task from the inbox', async () => {
    const page = await k.newPage();
    await signIn(page);
    const me = await apiGet<{ id: string }>(page, '/api/auth/me');
    const task = await post(page, '/api/tasks', { title: `書類を届ける ${Date.now()}`, assigneeId: me.id });
    const writes = watchWrites(page);

    await page.goto('/tasks');
    await settle(page);
    await page.getByRole('button', { name: `「${task.title}」を削除` }).click();
    await page.getByRole('button', { name: '削除する' }).click();
    await page.getByText(`「${task.title}」を削除しました。`).waitFor();
    await expect(page.getByRole('button', { name: `「${task.title}」を削除` }).count()).resolves.toBe(0);

    expect(writes).toEqual(['DELETE 204']);
    expect((await page.request.get(`/api/tasks/${task.id}`)).status()).toBe(404);
  });

  it('links and unlinks a member on the demand page', async () => {
    const page = await k.newPage();
    await signIn(page);
    const demand = await post(page, '/api/demands', { title: `夜勤手当の引き上げ ${Date.now()}` });
    const member = await post(page, '/api/members', { name: '紐付 花子' });
    const writes = watchWrites(page);

    await page.goto(`/demands/${demand.id}`);
    await settle(page);
    await page.getByLabel('組合員を検索').fill('紐付');
    await page.getByRole('button', { name: '紐付 花子さんをこの要求に追加' }).click();
    const unlink = page.getByRole('button', { name: '紐付 花子さんの紐付けを解除' });
    await unlink.waitFor();
    expect((await apiGet<Demand>(page, `/api/demands/${demand.id}`)).relatedMemberCount).toBe(1);

    await unlink.click();
    await unlink.waitFor({ state: 'detached' });
    expect((await apiGet<Demand>(page, `/api/demands/${demand.id}`)).relatedMemberCount).toBe(0);
    expect(writes).toEqual(['PUT 200', 'DELETE 200']);
    expect(member.id).toBeTruthy();
  });

  it('links and unlinks a demand on the member page', async () => {
    const page = await k.newPage();
    await signIn(page);
    const title = `育児と仕事の両立支援 ${Date.now()}`;
    const demand = await post(page, '/api/demands', { title });
    const member = await post(page, '/api/members', { name: '両立 次郎' });
    const writes = watchWrites(page);

    await page.goto(`/members/${member.id}`);
    await settle(page);
    await page.getByLabel('紐付ける要求').selectOption({ label: title });
    await page.getByRole('button', { name: '要求に紐付ける' }).click();
    await page.getByRole('status').filter({ hasText: '要求に紐付けました。' }).waitFor();
    expect((await apiGet<Demand>(page, `/api/demands/${demand.id}`)).relatedMemberCount).toBe(1);

    await page.getByRole('button', { name: `「${title}」との紐付けを外す` }).click();
    await page.getByRole('status').filter({ hasText: '紐付けを外しました。' }).waitFor();
    expect((await apiGet<Demand>(page, `/api/demands/${demand.id}`)).relatedMemberCount).toBe(0);
    expect(writes).toEqual(['PUT 200', 'DELETE 200']);
  });
});
