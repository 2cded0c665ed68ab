// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { admin, buildUser } from '../settings/test-fixtures';
import ImportPage from './ImportPage';
import { ImportResultView } from './ImportResultView';
import type { ImportResult } from './queries';

afterEach(cleanup);

const officer = { ...buildUser({ role: 'officer', displayName: '鈴木 一郎' }), permissions: [] as string[] };

function buildResult(over: Partial<ImportResult> = {}): ImportResult {
  return {
    kind: 'members',
    fileName: '名簿.csv',
    format: 'csv',
    encoding: 'shift_jis',
    headers: ['社員番号', '氏名', '所属', '加入日'],
    mapping: { 社員番号: 'employeeNumber', 氏名: 'name', 所属: null, 加入日: 'joinedOn' },
    dryRun: true,
    applied: false,
    total: 3,
    created: 2,
    updated: 0,
    unchanged: 0,
    skipped: 1,
    createdWorkplaces: [],
    followUpTasks: 0,
    errors: [
      { row: 3, column: '加入日', message: 'must be a real calendar date (2015/4/31 does not exist)' },
    ],
    errorCount: 1,
    warnings: [],
    warningCount: 0,
    changes: [],
    changesNotListed: 0,
    byDemand: [],
    ...over,
  };
}

type Upload = { url: string; form: FormData };

const ndjson = (...lines: unknown[]) =>
  new Response(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`, {
    status: 200,
    headers: { 'content-type': 'application/x-ndjson' },
  });

function render(
  answer: (form: FormData, n: number) => Response | Promise<Response>,
  options: { me?: unknown; lang?: 'ja' | 'en' } = {},
) {
  const uploads: Upload[] = [];
  const posts: { url: string; body: unknown }[] = [];
  renderWeb(<ImportPage />, {
    me: options.me ?? officer,
    lang: options.lang ?? 'ja',
    fetch: (url, init) => {
      const path = url.split('?')[0];
      if (init?.body instanceof FormData) {
        uploads.push({ url, form: init.body });
        expect(new Headers(init.headers).get('accept')).toBe('application/x-ndjson');
        return answer(init.body, uploads.length);
      }
      if (path === '/api/import/mappings' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body));
        posts.push({ url, body });
        if (body.name === '使用済み') return apiError(409, 'conflict', { name: 'is already in use' });
        return { id: '99999999-9999-4999-8999-999999999999', ...body, version: 1 };
      }
      if (path === '/api/import/mappings') {
        return {
          items: [
            { id: '11111111-1111-4111-8111-111111111111', kind: 'members', name: '本社様式', columns: {} },
          ],
          total: 1,
        };
      }
      return apiError(404, 'not_found');
    },
  });
  return { uploads, posts };
}

const file = () => new File(['社員番号,氏名\nA1,山田'], '名簿.csv', { type: 'text/csv' });

describe('ImportPage', () => {
  it('checks the file, shows the counts and row errors, and imports after choosing to skip them', async () => {
    const user = userEvent.setup();
    const { uploads } = render((_form, n) =>
      n === 1
        ? ndjson(
            { phase: 'reading', done: 10, total: 10 },
            { phase: 'validating', done: 2, total: 2 },
            { result: buildResult() },
          )
        : ndjson(
            { phase: 'writing', done: 2, total: 2 },
            { result: buildResult({ dryRun: false, applied: true }) },
          ),
    );
    expect(screen.getByRole('heading', { level: 1, name: '取り込み' })).toBeTruthy();
    // Without a file the check does not start.
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));
    expect(await screen.findByText('ファイルを選んでください')).toBeTruthy();
    expect(uploads).toHaveLength(0);

    await user.upload(screen.getByLabelText('ファイル'), file());
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));

    const results = await screen.findByRole('heading', { name: '3. 確認結果' });
    await waitFor(() => expect(document.activeElement).toBe(results));
    expect(uploads[0]!.url).toBe('/api/import/members');
    expect(uploads[0]!.form.get('dryRun')).toBe('true');
    expect(uploads[0]!.form.get('skipInvalid')).toBe('false');
    expect((uploads[0]!.form.get('file') as File).name).toBe('名簿.csv');

    const counts = screen.getByLabelText('件数');
    expect(within(counts).getByText('新規登録').nextSibling?.textContent).toBe('2行');
    expect(within(counts).getByText('エラーのある行').nextSibling?.textContent).toBe('1行');
    const errors = screen.getByRole('table', { name: /エラー 1件/ });
    expect(
      within(errors)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '加入日', '存在しない日付です（2015/4/31）']);

    // The mapping editor is filled with what the server used.
    const mapped = screen.getByRole('combobox', { name: '所属' }) as HTMLSelectElement;
    expect(mapped.value).toBe('');
    expect((screen.getByRole('combobox', { name: '氏名' }) as HTMLSelectElement).value).toBe('name');

    const apply = screen.getByRole('button', { name: '取り込む' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(screen.getByText(/エラーのある行があるため/)).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'エラーのある行を飛ばして、ほかの行を取り込む' }));
    expect(apply.disabled).toBe(false);
    await user.click(apply);
    const done = await screen.findByRole('heading', { name: '取り込みました' });
    expect(done).toBeTruthy();
    expect(uploads[1]!.form.get('dryRun')).toBe('false');
    expect(uploads[1]!.form.get('skipInvalid')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('新規登録 2行・更新 0行・飛ばした行 1行');
    expect(screen.getByRole('link', { name: '組合員の一覧へ' }).getAttribute('href')).toBe('/members');
  });

  it('shows the progress of the stream in a progress bar', async () => {
    const user = userEvent.setup();
    let finish: () => void = () => {};
    const encoder = new TextEncoder();
    render(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(
                encoder.encode(`${JSON.stringify({ phase: 'validating', done: 500, total: 2000 })}\n`),
              );
              finish = () => {
                controller.enqueue(
                  encoder.encode(
                    `${JSON.stringify({ result: buildResult({ errors: [], errorCount: 0, skipped: 0 }) })}\n`,
                  ),
                );
                controller.close();
              };
            },
          }),
          { status: 200, headers: { 'content-type': 'application/x-ndjson' } },
        ),
    );
    await user.upload(screen.getByLabelText('ファイル'), file());
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));
    const bar = (await screen.findByRole('progressbar', { name: '進み具合' })) as HTMLProgressElement;
    await waitFor(() => expect(bar.getAttribute('value')).toBe('500'));
    expect(bar.getAttribute('max')).toBe('2000');
    expect(screen.getByText('行を確認中 500 / 2000')).toBeTruthy();
    finish();
    await screen.findByRole('heading', { name: '3. 確認結果' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((screen.getByRole('button', { name: '取り込む' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends an edited mapping when checking again, and saves it under a name', async () => {
    const user = userEvent.setup();
    const { uploads, posts } = render(() =>
      ndjson({ result: buildResult({ errors: [], errorCount: 0, skipped: 0 }) }),
    );
    await user.upload(screen.getByLabelText('ファイル'), file());
    await user.selectOptions(screen.getByRole('combobox', { name: '保存した対応付け' }), '本社様式');
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));
    await screen.findByRole('heading', { name: '3. 確認結果' });
    expect(uploads[0]!.form.get('mappingId')).toBe('11111111-1111-4111-8111-111111111111');

    await user.selectOptions(screen.getByRole('combobox', { name: '所属' }), '所属部署');
    expect(screen.getByText('対応付けを変えました。もう一度確認してから取り込んでください。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '取り込む' }) as HTMLButtonElement).disabled).toBe(true);
    const [recheck] = screen.getAllByRole('button', { name: 'この対応付けでもう一度確認する' });
    await user.click(recheck!);
    await waitFor(() => expect(uploads).toHaveLength(2));
    expect(JSON.parse(String(uploads[1]!.form.get('mapping')))).toEqual({
      社員番号: 'employeeNumber',
      氏名: 'name',
      所属: 'department',
      加入日: 'joinedOn',
    });
    expect(uploads[1]!.form.get('mappingId')).toBeNull();

    const name = screen.getByRole('textbox', { name: /名前/ });
    await user.type(name, '使用済み');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('すでに使われています')).toBeTruthy();
    await user.clear(name);
    await user.type(name, '支部様式');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('「支部様式」として保存しました。')).toBeTruthy();
    expect(posts.at(-1)!.body).toMatchObject({ kind: 'members', name: '支部様式', columns: { 所属: null } });
  });

  it('explains a file that cannot be read', async () => {
    const user = userEvent.setup();
    render(() =>
      ndjson(
        { phase: 'reading', done: 0, total: 4 },
        { error: { code: 'validation_failed', message: 'The file is empty', fields: { file: 'is empty' } } },
      ),
    );
    await user.upload(screen.getByLabelText('ファイル'), file());
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));
    const alert = await screen.findByText('ファイルを読み込めませんでした');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('ファイルが空です');
  });

  it('is in English too, and offers executives and reps only links of members to demands', async () => {
    render(() => ndjson(), { lang: 'en', me: { ...admin, permissions: [] } });
    expect(screen.getByRole('heading', { level: 1, name: 'Import' })).toBeTruthy();
    const kinds = screen.getByRole('group', { name: 'What to import' });
    expect(
      within(kinds)
        .getAllByRole('radio')
        .map((r) => r.parentElement?.textContent),
    ).toEqual(['Members', 'Workplaces', 'Links of members to demands']);
    cleanup();
    for (const role of ['executive', 'rep'] as const) {
      render(() => ndjson(), { me: { ...buildUser({ role }), permissions: [] } });
      const group = screen.getByRole('group', { name: '取り込むもの' });
      expect(
        within(group)
          .getAllByRole('radio')
          .map((r) => r.parentElement?.textContent),
      ).toEqual(['要求への組合員の紐付け']);
      expect(screen.getByLabelText('ファイル')).toBeTruthy();
      // Saved mappings are for member and workplace imports.
      expect(screen.queryByRole('combobox', { name: '保存した対応付け' })).toBeNull();
      expect(screen.queryByText('取り込みは専従役員と管理者が行います')).toBeNull();
      cleanup();
    }
  });

  it('links members to demands: per-demand counts, repeated rows, row errors, then the import', async () => {
    const user = userEvent.setup();
    const raise = '00000000-0000-4000-8000-0000000000d1';
    const linkResult = (over: Partial<ImportResult>) =>
      buildResult({
        kind: 'demand-links',
        fileName: '紐付け.csv',
        encoding: 'utf-8',
        headers: ['社員番号', '要求'],
        mapping: { 社員番号: 'employeeNumber', 要求: 'demandTitle' },
        total: 5,
        created: 2,
        unchanged: 2,
        skipped: 1,
        errors: [{ row: 4, column: '要求', message: 'matches 2 demands of the season; use the demand ID' }],
        errorCount: 1,
        warnings: [
          {
            row: 6,
            column: null,
            kind: 'link_in_file',
            message: 'links the same member to the same demand as row 2 (linked once)',
            memberId: null,
            memberName: null,
            memberEmployeeNumber: null,
            otherRow: 2,
          },
        ],
        warningCount: 1,
        byDemand: [{ demandId: raise, title: '賃上げ', seasonName: '2026春闘', linked: 2, alreadyLinked: 1 }],
        ...over,
      });
    const { uploads } = render(
      (_form, n) =>
        n === 1
          ? ndjson({ result: linkResult({}) })
          : ndjson({ result: linkResult({ dryRun: false, applied: true }) }),
      { me: { ...buildUser({ role: 'rep' }), permissions: [] } },
    );
    await user.upload(
      screen.getByLabelText('ファイル'),
      new File(['社員番号,要求\nA1,賃上げ'], '紐付け.csv'),
    );
    await user.click(screen.getByRole('button', { name: '確認する（書き込みません）' }));
    await screen.findByRole('heading', { name: '3. 確認結果' });
    expect(uploads[0]!.url).toBe('/api/import/demand-links');
    expect(uploads[0]!.form.get('mappingId')).toBeNull();

    const counts = screen.getByLabelText('件数');
    expect(within(counts).getByText('紐付ける').nextSibling?.textContent).toBe('2行');
    expect(within(counts).getByText('紐付け済み').nextSibling?.textContent).toBe('2行');
    expect(within(counts).queryByText('新規登録')).toBeNull();
    const perDemand = screen.getByRole('table', { name: '要求ごとの件数' });
    expect(
      within(perDemand)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['2026春闘賃上げ2人1人']);
    expect(within(perDemand).getByRole('link', { name: '賃上げ' }).getAttribute('href')).toBe(
      `/demands/${raise}`,
    );
    const repeats = screen.getByRole('table', { name: /同じ紐付けの繰り返し 1件/ });
    expect(repeats.textContent).toContain('2行目と同じ組合員・要求です（1回だけ紐付けます）');
    expect(
      screen.getByText('このシーズンに同じ名前の要求が2件あります。要求IDで指定してください'),
    ).toBeTruthy();
    // The mapping editor offers the link fields; no saving.
    const select = screen.getByRole('combobox', { name: '要求' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '取り込まない',
      'ID',
      '社員番号',
      '要求ID',
      '要求',
      '交渉シーズン',
    ]);
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();

    expect((screen.getByRole('button', { name: '取り込む' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'エラーのある行を飛ばして、ほかの行を取り込む' }));
    expect(screen.getByText(/2件の紐付けを行います/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '取り込む' }));
    await screen.findByRole('heading', { name: '取り込みました' });
    expect(uploads[1]!.url).toBe('/api/import/demand-links');
    expect(uploads[1]!.form.get('dryRun')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('紐付け 2件・紐付け済み 2件・飛ばした行 1行');
    expect(screen.getByRole('link', { name: '要求の一覧へ' }).getAttribute('href')).toBe('/demands');
  });
});

describe('ImportResultView', () => {
  it('lists the rows that would likely create a duplicate, with a link to the existing member', () => {
    const memberId = '00000000-0000-4000-8000-000000000077';
    renderWeb(
      <ImportResultView
        result={buildResult({
          errors: [],
          errorCount: 0,
          warnings: [
            {
              row: 2,
              column: '社員番号',
              kind: 'employee_number_zeros',
              message: 'equals the employee number 00123 of 山田 太郎 but for leading zeros',
              memberId,
              memberName: '山田 太郎',
              memberEmployeeNumber: '00123',
              otherRow: null,
            },
            {
              row: 4,
              column: '氏名',
              kind: 'same_name_in_file',
              message: 'has the same name and reading as row 3',
              memberId: null,
              memberName: null,
              memberEmployeeNumber: null,
              otherRow: 3,
            },
          ],
          warningCount: 2,
        })}
      />,
    );
    const table = screen.getByRole('table', { name: /重複の可能性 2件/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain(
      '既存の組合員「山田 太郎」の社員番号 00123 と先頭の0だけが違います',
    );
    expect(within(rows[0]!).getByRole('link', { name: '山田 太郎' }).getAttribute('href')).toBe(
      `/members/${memberId}`,
    );
    expect(rows[1]!.textContent).toContain('3行目と氏名・フリガナが同じです');
    expect(screen.getByText(/新しい組合員として登録されます/)).toBeTruthy();
  });

  it('lists before → after of updated members, and points unknown workplaces to 「未登録の職場を作成する」', () => {
    renderWeb(
      <ImportResultView
        result={buildResult({
          updated: 2,
          changes: [
            {
              row: 4,
              name: '鈴木 花子',
              fields: [
                { field: 'jobType', column: '職種', before: '事務職', after: '技術職' },
                { field: 'engagement', column: '関与度(感情温度)', before: 'regular', after: 'at_risk' },
              ],
            },
          ],
          changesNotListed: 1,
          errors: [
            { row: 3, column: '加入日', message: 'must be a real calendar date (2015/4/31 does not exist)' },
            { row: 3, column: '所属職場', message: 'no workplace is named 第九工場' },
          ],
          errorCount: 2,
        })}
      />,
    );
    const changes = screen.getByRole('table', { name: /更新される組合員 2人の変更内容/ });
    const rows = within(changes).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['4', '鈴木 花子', '職種', '事務職', '技術職'],
      ['4', '鈴木 花子', '関与度(感情温度)', '定期参加', '脱退リスクあり'],
    ]);
    expect(changes.textContent).toContain('ほかに1人の組合員も更新されます');
    // Both errors of row 3, the workplace named; the hint names the option to tick.
    expect(screen.getByText('「第九工場」という職場は登録されていません')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('「名簿にあって未登録の職場を作成する」');
  });
});
