// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Task, User } from '../../http/types';
import { staffAnswer } from '../users/test-fixtures';
import { useMyOpenTaskCount } from './count';
import TaskInboxPage from './TaskInboxPage';
import { buildTask, buildUser, type Call, MEMBER_ID, page, recorder } from './test-fixtures';

afterEach(cleanup);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const officer = buildUser({ displayName: '佐藤 健', role: 'officer' });
const colleague = buildUser({ displayName: '鈴木 一郎', role: 'officer', email: 'suzuki@example.org' });

/** A small stateful stand-in for the API: a PATCH changes what the next GET lists. */
function server(me: User, initial: Task[], overrides: (call: Call) => unknown = () => undefined) {
  let tasks = [...initial];
  return recorder((call) => {
    const custom = overrides(call);
    if (custom !== undefined) return custom;
    if (call.path === '/api/auth/me') return me;
    if (call.path === '/api/staff') return staffAnswer(call.url, [me, colleague]);
    if (call.path === '/api/tasks' && call.method === 'GET') {
      const status = call.params.get('status');
      const answer = page(tasks.filter((t) => !status || t.status === status));
      // The badge's count answers a little later than the list, as a real server may.
      return call.params.get('limit') === '1' ? delay(30).then(() => answer) : answer;
    }
    const task = tasks.find((t) => call.path === `/api/tasks/${t.id}`);
    if (task && call.method === 'PATCH') {
      const { version: _version, ...changes } = call.body;
      const updated = {
        ...task,
        ...changes,
        version: task.version + 1,
        assigneeName: changes.assigneeId === undefined ? task.assigneeName : '鈴木 一郎',
      } as Task;
      tasks = tasks.map((t) => (t.id === task.id ? updated : t));
      return updated;
    }
    return apiError(404, 'not_found');
  });
}

/** The nav badge, as the app's layout shows it beside every page. */
function Badge() {
  const count = useMyOpenTaskCount();
  return <span data-testid="badge">{count.data}</span>;
}

const render = (fetch: (url: string, init?: RequestInit) => unknown, route = '/tasks') =>
  renderWeb(
    <>
      <Badge />
      <TaskInboxPage />
    </>,
    { route, path: '/tasks', fetch },
  );

const taskGets = (calls: Call[]) => calls.filter((c) => c.path === '/api/tasks' && c.method === 'GET');

describe('TaskInboxPage', () => {
  it('asks for my open tasks by default, due first, and marks the overdue ones in words', async () => {
    const late = buildTask({ title: '相談の返事', dueOn: '2020-03-01', assigneeId: officer.id });
    const later = buildTask({ title: '議事録の共有', dueOn: '2099-01-10', assigneeId: officer.id });
    const api = server(officer, [late, later]);
    render(api.fetch);

    const lateItem = (await screen.findByRole('heading', { name: '相談の返事' })).closest('li')!;
    const first = taskGets(api.calls).find((c) => c.params.get('limit') === '50')!;
    expect(first.params.get('assignee')).toBe('me');
    expect(first.params.get('status')).toBe('open');
    expect(first.params.get('sort')).toBe('dueOn');
    expect(first.params.get('limit')).toBe('50');

    // Overdue: the 期限切れ label sits on the task itself, not only a colour.
    expect(within(lateItem).getByText('期限切れ')).toBeTruthy();
    expect(lateItem.className).toContain('task-overdue');
    expect(within(lateItem).getByText('期日 2020年3月1日')).toBeTruthy();
    const laterItem = screen.getByRole('heading', { name: '議事録の共有' }).closest('li')!;
    expect(within(laterItem).queryByText('期限切れ')).toBeNull();
    // …and the overdue ones are grouped first under their own heading.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toContain('期限切れ');
  });

  it('completes a task with the version it read, then reads the list again', async () => {
    const user = userEvent.setup();
    const task = buildTask({ title: '相談の返事', version: 4, assigneeId: officer.id });
    const api = server(officer, [task]);
    render(api.fetch);

    await user.click(await screen.findByRole('button', { name: '「相談の返事」を完了にする' }));

    expect(await screen.findByText('「相談の返事」を完了にしました。')).toBeTruthy();
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/tasks/${task.id}`);
    expect(patch.body).toEqual({ version: 4, status: 'done' });
    // The list is read again and the done task has left the open view…
    expect(taskGets(api.calls).length).toBeGreaterThan(1);
    await waitFor(() => expect(screen.queryByRole('heading', { name: '相談の返事' })).toBeNull());
    // …so the notice takes focus, and offers an undo that reopens it with the new version.
    expect(document.activeElement?.textContent).toContain('を完了にしました');
    await user.click(screen.getByRole('button', { name: '元に戻す' }));
    expect(await screen.findByText('「相談の返事」を未完了に戻しました。')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'PATCH')[1]!.body).toEqual({ version: 5, status: 'open' });
    expect(await screen.findByRole('heading', { name: '相談の返事' })).toBeTruthy();
  });

  it('explains a conflict on completing and reloads the tasks', async () => {
    const user = userEvent.setup();
    const task = buildTask({ title: '相談の返事', assigneeId: officer.id });
    const api = server(officer, [task], (call) =>
      call.method === 'PATCH'
        ? apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 5 })
        : undefined,
    );
    render(api.fetch);

    await user.click(await screen.findByRole('button', { name: '「相談の返事」を完了にする' }));

    expect(await screen.findByText(/他の人がこのタスクを先に更新していました/)).toBeTruthy();
    await waitFor(() => expect(taskGets(api.calls).length).toBeGreaterThan(1));
    // Nothing was done: no undo is offered and the task is still open.
    expect(screen.queryByRole('button', { name: '元に戻す' })).toBeNull();
    expect(screen.getByRole('button', { name: '「相談の返事」を完了にする' })).toBeTruthy();
  });

  it.each(['rep', 'executive'] as const)(
    'shows a %s only their own tasks: no 未割当 or すべて, even from a shared link',
    async (role) => {
      const me = buildUser({ role, displayName: '田中 職場委員' });
      const api = server(me, [buildTask({ assigneeId: me.id })]);
      render(api.fetch, '/tasks?view=all');

      const views = await screen.findByRole('navigation', { name: '表示するタスク' });
      expect(within(views).getByRole('link', { name: /自分のタスク/ })).toBeTruthy();
      expect(within(views).queryByRole('link', { name: /未割当/ })).toBeNull();
      expect(within(views).queryByRole('link', { name: /すべて/ })).toBeNull();
      await screen.findByText('職場委員会の議事録を共有');
      expect(taskGets(api.calls).every((c) => c.params.get('assignee') === 'me')).toBe(true);
    },
  );

  it('lets an officer switch to the unassigned pile and take a task', async () => {
    const user = userEvent.setup();
    const task = buildTask({ title: '春闘アンケートの集計', version: 2 });
    const api = server(officer, [task]);
    render(api.fetch);

    const views = await screen.findByRole('navigation', { name: '表示するタスク' });
    expect(
      within(views)
        .getByRole('link', { name: /自分のタスク/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    await user.click(within(views).getByRole('link', { name: /未割当/ }));
    await waitFor(() =>
      expect(taskGets(api.calls).some((c) => c.params.get('assignee') === 'none')).toBe(true),
    );
    // An officer may give it to someone (再割当) or take it.
    expect(await screen.findByRole('button', { name: '「春闘アンケートの集計」を再割当' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: '「春闘アンケートの集計」を自分が担当する' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ version: 2, assigneeId: officer.id });
  });

  it('shows a rule task with its rule label and its member as a link, and offers no delete for it', async () => {
    const task = buildTask({
      title: '山田 花子さん 丁寧な個別フォロー——今月中に',
      body: 'なぜ組合活動に距離を置いているのかを\n批判なく聴く。困っていることが解決されれば\n関与度が戻ることが多い。\n脱退防止より先に、この人の困りごとを\n理解することを優先する',
      ruleId: 'at_risk_follow_up',
      subjectType: 'member',
      subjectId: MEMBER_ID,
      subjectName: '山田 花子',
      assigneeId: officer.id,
      assigneeName: '佐藤 健',
    });
    const manual = buildTask({ title: '手書きのタスク', assigneeId: officer.id });
    render(server(officer, [task, manual]).fetch);

    const item = (await screen.findByRole('heading', { name: task.title })).closest('li')!;
    expect(within(item).getByText('脱退リスクのフォロー')).toBeTruthy();
    expect(within(item).getByRole('link', { name: '山田 花子' }).getAttribute('href')).toBe(
      `/members/${MEMBER_ID}`,
    );
    expect(within(item).getByText('佐藤 健')).toBeTruthy();
    expect(within(item).queryByRole('button', { name: /削除/ })).toBeNull();
    // A long body folds away until asked for.
    const more = within(item).getByRole('button', { name: '続きを表示' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    // A manual task can be deleted.
    const manualItem = screen.getByRole('heading', { name: '手書きのタスク' }).closest('li')!;
    expect(within(manualItem).getByRole('button', { name: '「手書きのタスク」を削除' })).toBeTruthy();
  });

  it('changes the due date', async () => {
    const user = userEvent.setup();
    const task = buildTask({ title: '相談の返事', version: 3, dueOn: '2099-01-01', assigneeId: officer.id });
    const api = server(officer, [task]);
    render(api.fetch);

    await user.click(await screen.findByRole('button', { name: '「相談の返事」の期日を変更' }));
    const input = screen.getByLabelText('新しい期日');
    await user.clear(input);
    await user.type(input, '2099-02-15');
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('「相談の返事」の期日を変更しました。')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ version: 3, dueOn: '2099-02-15' });
  });

  it.each(['admin', 'officer'] as const)(
    'lets an %s reassign a task to another staff member',
    async (role) => {
      const user = userEvent.setup();
      const admin = buildUser({ role, displayName: '管理者' });
      const task = buildTask({
        title: '相談の返事',
        version: 6,
        assigneeId: admin.id,
        assigneeName: '管理者',
      });
      const api = server(admin, [task]);
      render(api.fetch);

      await user.click(await screen.findByRole('button', { name: '「相談の返事」を再割当' }));
      await user.selectOptions(await screen.findByLabelText('新しい担当者'), colleague.id);
      await user.click(screen.getByRole('button', { name: '保存' }));

      expect(await screen.findByText('「相談の返事」の担当者を鈴木 一郎にしました。')).toBeTruthy();
      expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
        version: 6,
        assigneeId: colleague.id,
      });
    },
  );

  it('creates a manual task assigned to me', async () => {
    const user = userEvent.setup();
    const api = server(officer, [], (call) =>
      call.method === 'POST' && call.path === '/api/tasks'
        ? buildTask({ ...(call.body as Partial<Task>), assigneeId: officer.id })
        : undefined,
    );
    render(api.fetch);

    expect(await screen.findByText('未完了の自分のタスクはありません。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '+ タスクを登録' }));
    await user.type(screen.getByRole('textbox', { name: 'タスク名' }), '分会長に連絡');
    await user.type(screen.getByLabelText('期日'), '2099-05-01');
    await user.click(screen.getByRole('button', { name: '登録する' }));

    expect(await screen.findByText('タスク「分会長に連絡」を作成しました。')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      title: '分会長に連絡',
      body: null,
      dueOn: '2099-05-01',
      assigneeId: officer.id,
    });
  });

  it('lets an officer give a new task to a colleague, chosen from the staff list', async () => {
    const user = userEvent.setup();
    const api = server(officer, [], (call) =>
      call.method === 'POST' && call.path === '/api/tasks'
        ? buildTask({ ...(call.body as Partial<Task>) })
        : undefined,
    );
    render(api.fetch);

    await user.click(await screen.findByRole('button', { name: '+ タスクを登録' }));
    await user.type(screen.getByRole('textbox', { name: 'タスク名' }), '分会長に連絡');
    const assignee = screen.getByLabelText('担当者') as HTMLSelectElement;
    await within(assignee).findByRole('option', { name: '鈴木 一郎' });
    expect(Array.from(assignee.options).map((o) => o.textContent)).toEqual([
      '自分（佐藤 健）',
      '未割当',
      '鈴木 一郎',
    ]);
    await user.selectOptions(assignee, colleague.id);
    await user.click(screen.getByRole('button', { name: '登録する' }));

    await screen.findByText('タスク「分会長に連絡」を作成しました。');
    expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ assigneeId: colleague.id });
    expect(api.calls.some((c) => c.path === '/api/users')).toBe(false);
  });

  it.each(['rep', 'executive'] as const)(
    'has a %s create tasks for themselves only: no 担当者 choice',
    async (role) => {
      const user = userEvent.setup();
      const me = buildUser({ role, displayName: '田中 職場委員' });
      const api = server(me, [], (call) =>
        call.method === 'POST' && call.path === '/api/tasks'
          ? buildTask({ ...(call.body as Partial<Task>), assigneeId: me.id })
          : undefined,
      );
      render(api.fetch);

      await user.click(await screen.findByRole('button', { name: '+ タスクを登録' }));
      await user.type(screen.getByRole('textbox', { name: 'タスク名' }), '職場集会の会場を押さえる');
      expect(screen.queryByLabelText('担当者')).toBeNull();
      await user.click(screen.getByRole('button', { name: '登録する' }));

      expect(await screen.findByText('タスク「職場集会の会場を押さえる」を作成しました。')).toBeTruthy();
      expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ assigneeId: me.id });
      // Nobody to choose from: the staff list is not even asked for.
      expect(api.calls.some((c) => c.path === '/api/staff' || c.path === '/api/users')).toBe(false);
    },
  );

  it('says how many next actions of my members are due this week (overdue included), linking to those members', async () => {
    const api = server(officer, [], (call) =>
      call.path === '/api/members'
        ? { items: [], total: call.params.get('nextActionDue') === 'overdue' ? 2 : 3 }
        : undefined,
    );
    render(api.fetch);
    const line = await screen.findByTestId('inbox-next-actions');
    expect(line.textContent).toContain('今週期日の次のアクション（自分の担当）：5件');
    expect(within(line).getByText('（うち期限切れ 2件）')).toBeTruthy();
    const asked = api.calls.filter((c) => c.path === '/api/members').map((c) => Object.fromEntries(c.params));
    expect(asked.map((q) => q.nextActionDue).sort()).toEqual(['overdue', 'this_week']);
    for (const q of asked) {
      expect(q).toMatchObject({ ownerId: officer.id, status: 'active', limit: '1' });
    }
    expect(within(line).getByRole('link', { name: '今週期日の組合員を開く' }).getAttribute('href')).toBe(
      `/members?ownerId=${officer.id}&nextActionDue=this_week&sort=nextActionDueOn`,
    );
    expect(within(line).getByRole('link', { name: '期限切れの組合員を開く' }).getAttribute('href')).toBe(
      `/members?ownerId=${officer.id}&nextActionDue=overdue&sort=nextActionDueOn`,
    );
  });

  it('says 0件 and offers no link when none of my members has a next action due', async () => {
    const api = server(officer, [], (call) =>
      call.path === '/api/members' ? { items: [], total: 0 } : undefined,
    );
    render(api.fetch);
    const line = await screen.findByTestId('inbox-next-actions');
    expect(line.textContent).toContain('：0件');
    expect(within(line).queryByRole('link')).toBeNull();
  });

  it('speaks English on request', async () => {
    const late = buildTask({ title: 'Call back', dueOn: '2020-03-01', ruleId: 'case_due_follow_up' });
    renderWeb(<TaskInboxPage />, {
      route: '/tasks',
      path: '/tasks',
      lang: 'en',
      fetch: server(officer, [late]).fetch,
    });
    const item = (await screen.findByRole('heading', { name: 'Call back' })).closest('li')!;
    expect(within(item).getByText('Overdue')).toBeTruthy();
    expect(within(item).getByText('Case due date')).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Mark “Call back” done' })).toBeTruthy();
  });
});
