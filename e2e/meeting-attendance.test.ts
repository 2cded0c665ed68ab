import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, dayFromToday, settle, signIn, useKumiai } from './harness';

// Issue 19: a meeting records who attended (the 出席者 tick list on the workplace page); the
// member's timeline shows the meetings attended; where attendance and the recorded engagement
// disagree the member page suggests a review, whose engagement change opens prefilled and is
// saved only when a person confirms it; the weekly dashboard lists who to review.

type Created = { id: string; name: string; version: number };

async function setUp(page: Page) {
  const wp = await apiPost<Created>(page.request, '/api/workplaces', {
    name: `出席テスト職場 ${Date.now()}`,
  });
  const comes = await apiPost<Created>(page.request, '/api/members', {
    name: '出席 花子',
    workplaceId: wp.id,
    engagement: 'rare',
  });
  const stays = await apiPost<Created>(page.request, '/api/members', {
    name: '欠席 太郎',
    workplaceId: wp.id,
    engagement: 'regular',
  });
  // Three earlier meetings with the attendance recorded: 花子 came to each, 太郎 to none.
  for (const days of [-30, -20, -10]) {
    await apiPost(page.request, `/api/workplaces/${wp.id}/meetings`, {
      heldOn: dayFromToday(days),
      title: `定例会 ${days}`,
      attendeeIds: [comes.id],
    });
  }
  return { wp, comes, stays };
}

describe('meeting attendance', () => {
  const k = useKumiai({ admin: ADMIN });

  it('records a meeting by ticking members, shows it on the timeline, and confirms the suggested engagement change', async () => {
    const page = await k.newPage();
    await signIn(page);
    const { wp, comes, stays } = await setUp(page);

    // The workplace page: record the fourth meeting, ticking 花子 only.
    await page.goto(`/workplaces/${wp.id}`);
    await settle(page);
    await page.getByRole('button', { name: '集会を記録' }).click();
    const form = page.locator('form.wp-subform');
    await form.getByLabel('集会名').fill('秋の職場集会');
    const attendees = form.getByRole('group', { name: /出席者/ });
    await attendees.getByRole('checkbox', { name: '出席 花子' }).check();
    await expect.poll(() => form.getByLabel(/参加者数/).inputValue()).toBe('1');
    await attendees.getByText('1人を選択').waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/workplaces/${wp.id}/meetings`) && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: '集会を記録' }).click();
    expect((await saved).status()).toBe(201);
    const meeting = page.locator('.wp-meeting', { hasText: '秋の職場集会' });
    await meeting.waitFor();
    await meeting.locator('.wp-meeting-attendees', { hasText: '出席 花子' }).waitFor();
    expect(await meeting.textContent()).not.toContain('欠席 太郎');

    // The member page: the meeting on the timeline, and the review (all 4 attended while ほぼ参加なし).
    await page.goto(`/members/${comes.id}`);
    await settle(page);
    await page.locator('[data-kind="meeting_attended"]', { hasText: '秋の職場集会' }).waitFor();
    const review = page.locator('section.engagement-review');
    await review.getByRole('heading', { name: '関与度の見直し' }).waitFor();
    await review.getByText('直近4回すべて参加').waitFor();
    await review.getByRole('button', { name: '関与度の変更を確認' }).click();
    // Prefilled, not saved: the person confirms.
    const level = review.getByLabel('新しい関与度');
    expect(await level.inputValue()).toBe('regular');
    expect(await review.getByRole('textbox').inputValue()).toBe('直近4回すべて参加');
    const patched = page.waitForResponse(
      (r) => r.url().endsWith(`/api/members/${comes.id}`) && r.request().method() === 'PATCH',
    );
    await review.getByRole('button', { name: '保存' }).click();
    expect((await patched).status()).toBe(200);
    await page.getByText('関与度を変更しました').waitFor();
    await expect.poll(() => page.locator('section.engagement-review').count()).toBe(0);
    const member = await (await page.request.get(`/api/members/${comes.id}`)).json();
    expect(member).toMatchObject({ engagement: 'regular', engagementReview: null });

    // The weekly dashboard lists 太郎 (定期参加, missed all 4).
    await page.goto('/dashboards/weekly');
    await settle(page);
    const section = page.locator('#dash-engagement-review');
    const row = section.getByTestId('engagement-review').filter({ hasText: stays.name });
    await row.getByText('直近4回すべて欠席').waitFor();
    await row.getByRole('link', { name: stays.name }).click();
    await page.waitForURL(new RegExp(`/members/${stays.id}$`));
    await page.locator('section.engagement-review').getByText('直近4回すべて欠席').waitFor();
  });
});
