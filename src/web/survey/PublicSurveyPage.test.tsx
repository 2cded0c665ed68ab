// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PublicSurvey, PublicSurveyPage, tokenFromPath } from './PublicSurveyPage';

afterEach(cleanup);
beforeEach(() => {
  try {
    localStorage.clear();
  } catch {
    // none
  }
});

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const d1 = '00000000-0000-4000-8000-000000000001';
const d2 = '00000000-0000-4000-8000-000000000002';
const d3 = '00000000-0000-4000-8000-000000000003';

function survey(over: Partial<PublicSurvey> = {}): PublicSurvey {
  return {
    organizationName: 'ひかり労働組合',
    title: '2027春闘 要求アンケート',
    anonymous: false,
    status: 'open',
    closesOn: '2027-02-28',
    rankTop: null,
    freeTextLabel: 'その他の要求・職場の悩み',
    demands: [
      { id: d1, title: 'ベースアップ', description: '月額12,000円' },
      { id: d2, title: '年間休日の増加', description: null },
      { id: d3, title: '社員食堂の改善', description: null },
    ],
    questions: [],
    answer: null,
    ...over,
  };
}

type Seen = { method: string; url: string; body: unknown };

function serve(
  seen: Seen[],
  get: () => Response | object,
  put?: (body: Record<string, unknown>) => Response | object,
) {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    seen.push({ method, url, body });
    const answer = method === 'PUT' && put ? put(body) : get();
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

const error = (status: number, code: string, fields?: Record<string, string>) =>
  new Response(JSON.stringify({ error: { code, message: code, ...(fields ? { fields } : {}) } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('the public survey page', () => {
  it('reads the token from /s/:token only', () => {
    expect(tokenFromPath(`/s/${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromPath(`/s/${TOKEN}/x`)).toBe(TOKEN);
    expect(tokenFromPath('/surveys/1')).toBe('');
  });

  it('says plainly that an identified survey keeps answers with the member, and saves the choices', async () => {
    const seen: Seen[] = [];
    serve(
      seen,
      () => survey(),
      (body) => ({
        answer: { demandIds: body.demandIds, freeText: body.freeText, answers: {} },
        status: 'open',
      }),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByRole('heading', { level: 1, name: '2027春闘 要求アンケート' });
    expect(screen.getByText('ひかり労働組合')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '記名のアンケート' })).toBeTruthy();
    expect(screen.getByText(/組合員記録とともに保存されます/)).toBeTruthy();
    expect(screen.getByText('締切日：2027年2月28日')).toBeTruthy();
    expect(seen[0]?.url).toBe(`/api/public/surveys/${TOKEN}`);

    const user = userEvent.setup();
    const group = screen.getByRole('group', { name: '重視する要求をすべて選んでください' });
    await user.click(within(group).getByRole('checkbox', { name: /年間休日の増加/ }));
    await user.click(within(group).getByRole('checkbox', { name: /ベースアップ/ }));
    await user.type(screen.getByLabelText(/その他の要求・職場の悩み/), '残業が多い');
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));

    await screen.findByText('回答を保存しました。');
    expect(
      screen.getByText('締切日（2027年2月28日）までは、このページで何度でも回答を変更できます。'),
    ).toBeTruthy();
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe(`/api/public/surveys/${TOKEN}/answer`);
    // In the order offered, whatever order they were ticked in.
    expect(put.body).toEqual({ demandIds: [d1, d2], freeText: '残業が多い', answers: {} });
    const summary = screen.getByRole('region', { name: 'あなたの回答' });
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['ベースアップ', '年間休日の増加']);
    expect(screen.getByRole('button', { name: '回答を変更する' })).toBeTruthy();
  });

  it('says that an anonymous survey stores answers without the name, in English too', async () => {
    serve([], () => survey({ anonymous: true }));
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByRole('heading', { name: '匿名のアンケート' });
    expect(screen.getByText(/あなたの名前と結びつけずに保存されます/)).toBeTruthy();
    expect(screen.queryByText(/組合員記録とともに/)).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: /English/ }));
    await screen.findByRole('heading', { name: 'Anonymous survey' });
    expect(screen.getByText(/stored without your name/)).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('asks for a ranking with one select per place, and refuses the same demand twice', async () => {
    const seen: Seen[] = [];
    serve(
      seen,
      () => survey({ rankTop: 3 }),
      (body) => ({ answer: { demandIds: body.demandIds, freeText: null, answers: {} }, status: 'open' }),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByRole('group', { name: '重視する要求を上位3つまで順位をつけて選んでください' });
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('1位'), '社員食堂の改善');
    await user.selectOptions(screen.getByLabelText('2位'), '社員食堂の改善');
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));
    const message = await screen.findByText('同じ要求を複数の順位に選ぶことはできません');
    expect(screen.getByLabelText('1位').getAttribute('aria-describedby')).toBe(message.id);
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText('2位'), 'ベースアップ');
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));
    await screen.findByText('回答を保存しました。');
    expect(seen.find((r) => r.method === 'PUT')?.body).toMatchObject({ demandIds: [d3, d1] });
  });

  it('asks the optional questions, ties the server’s field messages to them and moves the keyboard there', async () => {
    const seen: Seen[] = [];
    serve(
      seen,
      () =>
        survey({
          questions: [
            { id: 'q1', kind: 'single', label: '勤続年数', options: ['5年未満', '5年以上'], required: true },
            { id: 'q2', kind: 'scale', label: '職場の満足度', required: false },
            {
              id: 'q3',
              kind: 'multiple',
              label: '困っていること',
              options: ['残業', '人手不足'],
              required: false,
            },
            { id: 'q4', kind: 'text', label: '一言', required: false },
          ],
        }),
      () => error(400, 'validation_failed', { 'answers.q2': 'must be 1 to 5' }),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByRole('group', { name: /勤続年数/ });
    const user = userEvent.setup();
    // A required question left empty: said in the browser, nothing sent.
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));
    const required = await screen.findByText('回答してください');
    expect(screen.getByRole('group', { name: /勤続年数/ }).getAttribute('aria-describedby')).toBe(
      required.id,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: '5年未満' })));
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.click(screen.getByRole('radio', { name: '5年以上' }));
    await user.click(screen.getByRole('radio', { name: /^4/ }));
    await user.click(screen.getByRole('checkbox', { name: '人手不足' }));
    await user.type(screen.getByLabelText(/一言/), 'よろしく');
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));
    const scaleError = await screen.findByText('1から5で選んでください');
    expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({
      demandIds: [],
      freeText: null,
      answers: { q1: '5年以上', q2: 4, q3: ['人手不足'], q4: 'よろしく' },
    });
    expect(screen.getByRole('group', { name: /職場の満足度/ }).getAttribute('aria-describedby')).toBe(
      scaleError.id,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^4/ })));
  });

  it('shows a closed survey read-only with the saved answer, and no send button', async () => {
    serve([], () =>
      survey({ status: 'closed', answer: { demandIds: [d2], freeText: '人を増やして', answers: {} } }),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByText('このアンケートは締め切られました。');
    expect(screen.queryByRole('button', { name: /回答を/ })).toBeNull();
    const box = screen.getByRole('checkbox', { name: /年間休日の増加/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.closest('fieldset')?.disabled).toBe(true);
    expect((screen.getByLabelText(/その他の要求/) as HTMLTextAreaElement).readOnly).toBe(true);
  });

  it('turns read-only when the survey closed while the member was answering (409)', async () => {
    serve(
      [],
      () => survey(),
      () => error(409, 'survey_closed'),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: /ベースアップ/ }));
    await user.click(screen.getByRole('button', { name: '回答を送信する' }));
    await screen.findByText('このアンケートは締め切られました。');
    expect(screen.queryByRole('button', { name: /回答を/ })).toBeNull();
  });

  it('says clearly when a link is unknown, and when sending is refused for too many attempts', async () => {
    serve([], () => error(404, 'not_found'));
    render(<PublicSurveyPage token={TOKEN} />);
    await screen.findByRole('heading', { name: 'このリンクは使えません' });
    expect(screen.queryByRole('form')).toBeNull();
    cleanup();

    serve(
      [],
      () => survey(),
      () => error(429, 'rate_limited'),
    );
    render(<PublicSurveyPage token={TOKEN} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '回答を送信する' }));
    await screen.findByText(/送信が続いたため/);
  });
});
