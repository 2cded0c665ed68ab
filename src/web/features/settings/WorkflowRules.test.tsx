// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { WorkflowRule } from './queries';
import { buildRule, page, recordRequest, type Seen } from './test-fixtures';
import { WorkflowRules } from './WorkflowRules';

afterEach(cleanup);

const rules = (over: Partial<WorkflowRule> = {}) => [
  buildRule(over),
  buildRule({
    id: 'shunto_survey',
    trigger: 'daily',
    titleTemplate: '全組合員への要求アンケートの実施',
    defaultTitleTemplate: '全組合員への要求アンケートの実施',
    bodyTemplate: '各職場からの要求を系統的に収集し、\n要求書の作成根拠とする',
    placeholders: [],
  }),
];

function server(seen: Seen[], onWrite: (req: Seen) => unknown, list = rules()) {
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (req.method === 'POST' && path?.endsWith('/preview')) {
      const body = req.body ?? {};
      const title = String(body.titleTemplate ?? list[0]!.titleTemplate);
      return {
        title: title.replace('{name}', '青木 和也'),
        body: null,
        values: { name: '青木 和也', workplace: null, years: null },
      };
    }
    if (req.method !== 'GET') return onWrite(req);
    if (path === '/api/workflow-rules') return { items: list };
    if (path === '/api/members') return page([]);
    if (path === '/api/workplaces') return page([]);
    return apiError(404, 'not_found');
  };
}

const card = async (name: string) => {
  const heading = await screen.findByRole('heading', { level: 3, name });
  return heading.closest('article') as HTMLElement;
};

describe('WorkflowRules', () => {
  it('describes each rule in Japanese with its placeholders and a live preview', async () => {
    const seen: Seen[] = [];
    renderWeb(<WorkflowRules />, { fetch: server(seen, () => apiError(500, 'x')) });
    const rule = await card('脱退リスクの個別フォロー');
    expect(within(rule).getByText(/「脱退リスクあり」に変わったとき/)).toBeTruthy();
    expect(within(rule).getByText('{name}')).toBeTruthy();
    expect(within(rule).getByText('{workplace}')).toBeTruthy();
    expect(await within(rule).findByText('青木 和也さん 丁寧な個別フォロー——今月中に')).toBeTruthy();
    const survey = await card('春闘前の要求アンケート');
    expect(within(survey).getByText('このルールには差し込み項目はありません')).toBeTruthy();
  });

  it('shows the server’s field error for a template with an unknown placeholder, keeping the input', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<WorkflowRules />, {
      fetch: server(seen, () =>
        apiError(400, 'validation_failed', {
          titleTemplate: 'uses unknown placeholder {名前}; this rule knows {name}, {workplace}',
        }),
      ),
    });
    const rule = await card('脱退リスクの個別フォロー');
    const title = within(rule).getByLabelText('タスクの件名');
    await user.clear(title);
    await user.type(title, '{{名前}さん 面談');
    // The preview says what is wrong before anything is saved, without asking the server.
    expect(
      await within(rule).findByText(/使えない差し込み項目 \{名前\} があるためプレビューできません/),
    ).toBeTruthy();

    await user.click(within(rule).getByRole('button', { name: 'テンプレートを保存' }));
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (title.getAttribute('aria-describedby') ?? '').split(' ');
    const message = describedBy.map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(message).toContain(
      '使えない差し込み項目 {名前} が含まれています（このルールで使えるもの：{name}, {workplace}）',
    );
    expect((title as HTMLTextAreaElement).value).toBe('{名前}さん 面談');

    const save = seen.find((r) => r.method === 'PATCH');
    expect(save?.url).toBe('/api/workflow-rules/at_risk_follow_up');
    expect(save?.body).toEqual({ titleTemplate: '{名前}さん 面談', version: 1 });
  });

  it('resets a customized rule to the defaults by sending null', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    const customized = rules({ titleTemplate: '{name}さん 面談', titleCustomized: true, version: 4 });
    renderWeb(<WorkflowRules />, {
      fetch: server(seen, () => ({ ...buildRule({ version: 5 }) }), customized),
    });
    const rule = await card('脱退リスクの個別フォロー');
    expect(within(rule).getByText('変更あり')).toBeTruthy();
    await user.click(within(rule).getByRole('button', { name: '既定に戻す' }));
    expect(await within(rule).findByText('既定の文面に戻しました')).toBeTruthy();
    const reset = seen.find((r) => r.method === 'PATCH');
    expect(reset?.body).toEqual({ titleTemplate: null, bodyTemplate: null, version: 4 });
    expect((within(rule).getByLabelText('タスクの件名') as HTMLTextAreaElement).value).toBe(
      '{name}さん 丁寧な個別フォロー——今月中に',
    );
  });

  it('turns a rule off with the version read and says so', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<WorkflowRules />, {
      fetch: server(seen, (req) => buildRule({ enabled: req.body?.enabled as boolean, version: 2 })),
    });
    const rule = await card('脱退リスクの個別フォロー');
    await user.click(within(rule).getByLabelText('このルールを使う'));
    expect(await within(rule).findByText('ルールを停止しました')).toBeTruthy();
    expect(within(rule).getByText('停止中')).toBeTruthy();
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ enabled: false, version: 1 });
  });

  it('runs the daily rules as of a day and shows how many tasks each created', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<WorkflowRules />, {
      fetch: server(seen, () => ({
        asOf: '2027-01-05',
        created: [],
        counts: { case_due_follow_up: 2, tenure_milestone: 1, workplace_gathering: 0, shunto_survey: 1 },
      })),
    });
    await card('脱退リスクの個別フォロー');
    await user.type(screen.getByLabelText('基準日'), '2027-01-05');
    await user.click(screen.getByRole('button', { name: '今すぐ実行' }));
    expect(await screen.findByText('2027年1月5日を基準に実行し、タスクを0件作成しました。')).toBeTruthy();
    const run = seen.find((r) => r.url === '/api/workflows/run');
    expect(run?.body).toEqual({ asOf: '2027-01-05' });
    const row = screen.getByText('相談案件の期日フォロー').closest('tr') as HTMLElement;
    expect(within(row).getByText('2件')).toBeTruthy();
    const survey = screen
      .getAllByText('春闘前の要求アンケート')
      .map((e) => e.closest('tr'))
      .find(Boolean)!;
    expect(within(survey).getByText('1件')).toBeTruthy();
  });
});
