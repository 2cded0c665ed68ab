// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Task } from '../../http/types';
import { memberKeys } from '../members/queries';
import { workplaceKeys } from '../workplaces/queries';
import { SubjectTasks } from './SubjectTasks';
import { buildTask, buildUser, MEMBER_ID, page, recorder, WORKPLACE_ID } from './test-fixtures';

afterEach(cleanup);

const me = buildUser({ role: 'rep' });

function server(tasks: Task[]) {
  return recorder((call) => {
    if (call.path === '/api/auth/me') return me;
    if (call.path === '/api/tasks' && call.method === 'GET') return page(tasks);
    const task = tasks.find((t) => call.path === `/api/tasks/${t.id}`);
    if (task && call.method === 'PATCH') return { ...task, status: 'done', version: task.version + 1 };
    return apiError(404, 'not_found');
  });
}

describe('SubjectTasks', () => {
  it("lists a workplace's open tasks, rule-made ones included, and completes one from there", async () => {
    const user = userEvent.setup();
    const gathering = buildTask({
      title: '品質保証課職場 集会・懇親の場の設定',
      ruleId: 'workplace_gathering',
      subjectType: 'workplace',
      subjectId: WORKPLACE_ID,
      subjectName: '品質保証課',
      dueOn: '2020-05-01',
      version: 2,
    });
    const api = server([gathering]);
    const { queryClient } = renderWeb(<SubjectTasks subjectType="workplace" subjectId={WORKPLACE_ID} />, {
      fetch: api.fetch,
    });
    queryClient.setQueryData(workplaceKeys.detail(WORKPLACE_ID), { id: WORKPLACE_ID });

    const section = await screen.findByRole('region', { name: /この職場のタスク/ });
    const get = api.calls.find((c) => c.path === '/api/tasks')!;
    expect(get.params.get('subjectType')).toBe('workplace');
    expect(get.params.get('subjectId')).toBe(WORKPLACE_ID);
    expect(get.params.get('status')).toBe('open');
    const item = (await within(section).findByText(gathering.title)).closest('li')!;
    expect(within(item).getByText('職場集会・懇親の場')).toBeTruthy();
    expect(within(item).getByText('期限切れ')).toBeTruthy();
    expect(within(item).getByText('未割当')).toBeTruthy();

    await user.click(within(item).getByRole('button', { name: `「${gathering.title}」を完了にする` }));
    expect(await screen.findByText(`「${gathering.title}」を完了にしました。`)).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ version: 2, status: 'done' });
    // The workplace it is about is read again too.
    await waitFor(() =>
      expect(queryClient.getQueryState(workplaceKeys.detail(WORKPLACE_ID))?.isInvalidated).toBe(true),
    );
  });

  it("shows a member's open tasks under 未完了のタスク and refreshes the member after completing", async () => {
    const user = userEvent.setup();
    const followUp = buildTask({
      title: '山田 花子さん 相談案件のフォローアップ',
      ruleId: 'case_due_follow_up',
      subjectType: 'member',
      subjectId: MEMBER_ID,
      subjectName: '山田 花子',
      assigneeName: '佐藤 健',
    });
    const api = server([followUp]);
    const { queryClient } = renderWeb(<SubjectTasks subjectType="member" subjectId={MEMBER_ID} />, {
      fetch: api.fetch,
    });
    queryClient.setQueryData(memberKeys.detail(MEMBER_ID), { id: MEMBER_ID });

    const section = await screen.findByRole('region', { name: /未完了のタスク/ });
    await within(section).findByText(followUp.title);
    // On the member's own page the member link would only point back here.
    expect(within(section).queryByRole('link', { name: '山田 花子' })).toBeNull();
    await user.click(within(section).getByRole('button', { name: `「${followUp.title}」を完了にする` }));
    await waitFor(() =>
      expect(queryClient.getQueryState(memberKeys.detail(MEMBER_ID))?.isInvalidated).toBe(true),
    );
  });

  it('says so when there is nothing open', async () => {
    renderWeb(<SubjectTasks subjectType="member" subjectId={MEMBER_ID} />, { fetch: server([]).fetch });
    expect(await screen.findByText('未完了のタスクはありません。')).toBeTruthy();
  });
});
