import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { UnionRole } from '../../core/enums';
import { UNION_ROLE_LABELS } from '../../core/enums';
import { HIDDEN_CELL } from '../../core/surveys/results-export';
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type SurveyQuestion,
} from '../../core/surveys/schemas';
import { derivableHiddenCells, suppressSmallCells } from '../../core/surveys/small-cells';
import {
  auditLog,
  demands,
  members,
  settings,
  surveyDemands,
  surveyInvitations,
  surveyResponseDemands,
  surveyResponses,
  surveys,
  workplaces,
} from '../../db/schema';
import { createRandom } from '../../services/demo/random';

/**
 * Survey results (GET /api/surveys/:id/results, the exports, the free text) against an
 * independent recount in TypeScript over the raw rows, on seeded random answers, for
 * identified and anonymous surveys, ranked and not. Answers are written straight into the
 * tables (the answering routes have their own tests).
 */

const K = 5;
const JOB_TYPES = ['製造', '事務', '営業', '研究', null] as const;
const GRADES = ['G1', 'G2', 'G3', null] as const;
const ROLES: UnionRole[] = [
  'general_member',
  'general_member',
  'general_member',
  'workplace_rep',
  'executive_committee',
];
const QUESTIONS: SurveyQuestion[] = [
  { id: 'q1', kind: 'single', label: '残業は', options: ['多い', '普通', '少ない'], required: false },
  {
    id: 'q2',
    kind: 'multiple',
    label: '困りごと',
    options: ['賃金', '休暇', '人員', '通勤'],
    required: false,
  },
  { id: 'q3', kind: 'scale', label: '満足度', required: false },
  { id: 'q4', kind: 'text', label: 'ひとこと', required: false },
];

type Row = {
  id: string;
  memberId: string | null;
  workplaceId: string | null;
  jobType: string | null;
  grade: string | null;
  unionRole: UnionRole | null;
  freeText: string | null;
  answers: Record<string, unknown>;
};
type Choice = { responseId: string; demandId: string; rank: number | null };

let t: TestApp;
const workplaceNames = new Map<string, string>();
const memberRows: { id: string; name: string; workplaceId: string | null }[] = [];
const demandIds: string[] = [];
const demandTitles = new Map<string, string>();

const CASES = [
  { name: 'identified, pick any', anonymous: false, rankTop: null, seed: 11, answered: 260 },
  { name: 'identified, top 3', anonymous: false, rankTop: 3, seed: 22, answered: 240 },
  { name: 'anonymous, pick any', anonymous: true, rankTop: null, seed: 33, answered: 250 },
  { name: 'anonymous, top 3', anonymous: true, rankTop: 3, seed: 44, answered: 230 },
] as const;
const surveyIds = new Map<string, string>();

/** Random answers for a survey, written straight into the tables; the snapshot varies independently of the member. */
async function fillSurvey(c: (typeof CASES)[number]) {
  const rng = createRandom(c.seed);
  const offered = rng.sample(demandIds, 6);
  const [survey] = await t.db
    .insert(surveys)
    .values({
      title: c.name,
      anonymous: c.anonymous,
      rankTop: c.rankTop,
      freeTextLabel: 'その他の要求・職場の悩み',
      questions: QUESTIONS,
      closesOn: '2027-03-31',
      // An anonymous survey shows its figures once closed (core/surveys/disclosure.ts); an
      // identified one while open.
      closedAt: c.anonymous ? new Date('2026-11-30T00:00:00Z') : null,
    })
    .returning({ id: surveys.id });
  const surveyId = survey!.id;
  await t.db
    .insert(surveyDemands)
    .values(offered.map((demandId, position) => ({ surveyId, demandId, position })));
  const invited = rng.sample(memberRows, c.answered + 40);
  await t.db.insert(surveyInvitations).values(
    invited.map((m, i) => ({
      surveyId,
      memberId: m.id,
      tokenNonce: `n-${c.seed}-${i}`,
      tokenHash: `h-${c.seed}-${i}`,
      revokedAt: i % 37 === 5 ? new Date() : null,
      answeredAt: i < c.answered ? new Date() : null,
    })),
  );
  // Popular and rare demands, so that ties, zeros and small cells all happen.
  const weights = offered.map((_, i) => [8, 5, 5, 2, 1, 0][i] ?? 1);
  const wpIds = [...workplaceNames.keys()];
  const responses: Row[] = [];
  const choices: Choice[] = [];
  for (const [i, m] of invited.slice(0, c.answered).entries()) {
    const id = rng.uuid();
    const chosen: string[] = [];
    const n = c.rankTop ? rng.int(0, c.rankTop) : rng.int(0, 4);
    for (let j = 0; j < n; j++) {
      const pickIdx = rng.weightedIndex(weights.map((w, k) => (chosen.includes(offered[k]!) ? 0 : w + 0.01)));
      const d = offered[pickIdx]!;
      if (!chosen.includes(d)) chosen.push(d);
    }
    const answers: Record<string, unknown> = {};
    if (rng.chance(0.8)) answers.q1 = rng.pick(QUESTIONS[0]!.options!);
    if (rng.chance(0.7)) answers.q2 = rng.sample(QUESTIONS[1]!.options!, rng.int(0, 3));
    if (rng.chance(0.75)) answers.q3 = rng.int(1, 5);
    if (rng.chance(0.5)) answers.q4 = rng.chance(0.2) ? '' : `text ${i}`;
    responses.push({
      id,
      memberId: c.anonymous ? null : m.id,
      // Skewed sizes: a few big workplaces, several under k, some 未設定.
      workplaceId: rng.chance(0.05)
        ? null
        : wpIds[Math.min(rng.int(0, wpIds.length - 1), rng.int(0, wpIds.length - 1))]!,
      jobType: rng.pick(JOB_TYPES),
      grade: rng.pick(GRADES),
      unionRole: rng.chance(0.03) ? null : rng.pick(ROLES),
      freeText: rng.chance(0.4) ? (rng.chance(0.1) ? '   ' : `意見 ${c.seed}-${i}`) : null,
      answers,
    });
    choices.push(
      ...chosen.map((demandId, r) => ({ responseId: id, demandId, rank: c.rankTop ? r + 1 : null })),
    );
  }
  await t.db.insert(surveyResponses).values(
    responses.map((r) => ({
      ...r,
      surveyId,
      ownerKey: c.anonymous ? `owner-${r.id}` : null,
      channel: 'web',
    })),
  );
  if (choices.length)
    await t.db.insert(surveyResponseDemands).values(choices.map((ch) => ({ ...ch, surveyId })));
  surveyIds.set(c.name, surveyId);
}

beforeAll(async () => {
  t = await createTestApp();
  await t.db.update(settings).set({ surveyMinCell: K }).where(eq(settings.id, 1));
  const wps = await t.db
    .insert(workplaces)
    .values(
      Array.from({ length: 9 }, (_, i) => ({
        name: `職場${String.fromCharCode(0x41 + i)}`,
        nameKana: i === 4 ? null : `ショクバ${String.fromCharCode(0x41 + ((i * 5) % 9))}`,
      })),
    )
    .returning({ id: workplaces.id, name: workplaces.name });
  for (const w of wps) workplaceNames.set(w.id, w.name);
  const rng = createRandom(7);
  const rows = await t.db
    .insert(members)
    .values(
      Array.from({ length: 320 }, (_, i) => ({
        name: `組合員 ${i}`,
        nameKana: `クミアイイン ${String(i).padStart(3, '0')}`,
        workplaceId: rng.chance(0.05) ? null : rng.pick(wps).id,
      })),
    )
    .returning({ id: members.id, name: members.name, workplaceId: members.workplaceId });
  memberRows.push(...rows);
  const ds = await t.db
    .insert(demands)
    .values(Array.from({ length: 8 }, (_, i) => ({ title: `要求${i + 1}` })))
    .returning({ id: demands.id, title: demands.title });
  for (const d of ds) {
    demandIds.push(d.id);
    demandTitles.set(d.id, d.title);
  }
  for (const c of CASES) await fillSurvey(c);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The raw rows of one survey, read back from the database. */
async function rawRows(surveyId: string) {
  const responses = (await t.db
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))) as (Row & {
    ownerKey: string | null;
  })[];
  const choices = await t.db
    .select()
    .from(surveyResponseDemands)
    .where(eq(surveyResponseDemands.surveyId, surveyId));
  const offered = await t.db
    .select()
    .from(surveyDemands)
    .where(eq(surveyDemands.surveyId, surveyId))
    .orderBy(surveyDemands.position);
  const invitations = await t.db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.surveyId, surveyId));
  return { responses, choices, offered: offered.map((o) => o.demandId), invitations };
}

/** The independent recount: every figure from the raw rows (suppression: the core rule, checked separately). */
function recount(raw: Awaited<ReturnType<typeof rawRows>>, c: (typeof CASES)[number]) {
  const respondents = raw.responses.length;
  const perDemand = raw.offered.map((demandId, position) => {
    const mine = raw.choices.filter((ch) => ch.demandId === demandId);
    return {
      demandId,
      position,
      count: mine.length,
      firstChoice: mine.filter((ch) => ch.rank === 1).length,
      points: c.rankTop ? mine.reduce((s, ch) => s + (c.rankTop! + 1 - (ch.rank ?? 0)), 0) : 0,
    };
  });
  const score = (d: (typeof perDemand)[number]) => (c.rankTop ? [d.points, d.count] : [d.count, 0]);
  const better = (a: number[], b: number[]) => a[0]! > b[0]! || (a[0] === b[0] && a[1]! > b[1]!);
  const demandsOut = perDemand
    .map((d) => ({
      demandId: d.demandId,
      title: demandTitles.get(d.demandId)!,
      count: d.count,
      share: respondents ? d.count / respondents : 0,
      rank: 1 + perDemand.filter((o) => better(score(o), score(d))).length,
      firstChoice: c.rankTop ? d.firstChoice : null,
      points: c.rankTop ? d.points : null,
      position: d.position,
    }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ position: _, ...d }) => d);

  const keyOf: Record<BreakdownDimension, (r: Row) => string | null> = {
    workplace: (r) => r.workplaceId,
    jobType: (r) => r.jobType,
    grade: (r) => r.grade,
    unionRole: (r) => r.unionRole,
  };
  const raws = {} as Record<
    BreakdownDimension,
    { key: string | null; label: string | null; respondents: number; counts: Record<string, number> }[]
  >;
  for (const dim of BREAKDOWN_DIMENSIONS) {
    const groups = new Map<
      string | null,
      { key: string | null; label: string | null; respondents: number; counts: Record<string, number> }
    >();
    const byResponse = new Map(raw.responses.map((r) => [r.id, r]));
    for (const r of raw.responses) {
      const key = keyOf[dim](r);
      const label =
        key === null
          ? null
          : dim === 'workplace'
            ? workplaceNames.get(key)!
            : dim === 'unionRole'
              ? UNION_ROLE_LABELS[key as UnionRole]
              : key;
      const g = groups.get(key) ?? { key, label, respondents: 0, counts: {} };
      g.respondents += 1;
      groups.set(key, g);
    }
    for (const ch of raw.choices) {
      const g = groups.get(keyOf[dim](byResponse.get(ch.responseId)!))!;
      g.counts[ch.demandId] = (g.counts[ch.demandId] ?? 0) + 1;
    }
    raws[dim] = [...groups.values()];
  }

  const questions = QUESTIONS.map((q) => {
    const values = raw.responses
      .map((r) => r.answers[q.id])
      .filter((v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
    const base = { id: q.id, kind: q.kind, label: q.label, answered: values.length };
    if (q.kind === 'single' || q.kind === 'multiple')
      return {
        ...base,
        options: q.options!.map((option) => ({
          option,
          count: values.flat().filter((v) => v === option).length,
        })),
      };
    if (q.kind === 'scale') {
      const scale = [1, 2, 3, 4, 5].map((value) => ({
        value,
        count: values.filter((v) => v === value).length,
      }));
      return {
        ...base,
        scale,
        mean: values.length ? (values as number[]).reduce((s, v) => s + v, 0) / values.length : null,
      };
    }
    return base;
  });

  return {
    surveyId: '',
    anonymous: c.anonymous,
    minCell: K,
    invited: raw.invitations.filter((i) => i.revokedAt === null || i.answeredAt !== null).length,
    respondents,
    demands: demandsOut,
    raws,
    questions,
    freeTextCount: raw.responses.filter((r) => r.freeText !== null && r.freeText.trim() !== '').length,
  };
}

describe.each(CASES)('$name', (c) => {
  let surveyId: string;
  let expected: ReturnType<typeof recount>;
  // biome-ignore lint/suspicious/noExplicitAny: response body
  let results: any;

  beforeAll(async () => {
    surveyId = surveyIds.get(c.name)!;
    expected = recount(await rawRows(surveyId), c);
    const res = await t.api('GET', `/api/surveys/${surveyId}/results`);
    expect(res.status, res.text).toBe(200);
    results = res.body;
  });

  it('has figures worth comparing: ties or zeros, small groups, small cells', () => {
    expect(expected.respondents).toBe(c.answered);
    const wp = expected.raws.workplace;
    expect(wp.some((g) => g.respondents < K)).toBe(true);
    expect(wp.some((g) => g.respondents >= K)).toBe(true);
    expect(wp.some((g) => g.key === null)).toBe(true);
    expect(wp.some((g) => Object.values(g.counts).some((n) => n > 0 && n < K))).toBe(true);
    expect(expected.demands.some((d) => d.count === 0)).toBe(true);
  });

  it('totals, the ranking and the questions equal the recount', () => {
    expect(results.surveyId).toBe(surveyId);
    expect(results.anonymous).toBe(c.anonymous);
    expect(results.minCell).toBe(K);
    expect(results.invited).toBe(expected.invited);
    expect(results.respondents).toBe(expected.respondents);
    expect(results.freeTextCount).toBe(expected.freeTextCount);
    expect(results.demands).toEqual(expected.demands);
    expect(results.questions).toEqual(expected.questions);
  });

  it('every breakdown equals the recount, suppressed only when anonymous', () => {
    const order = expected.demands.map((d) => d.demandId);
    for (const dim of BREAKDOWN_DIMENSIONS) {
      const got = results.breakdowns[dim] as ReturnType<typeof suppressSmallCells>;
      const raw = expected.raws[dim];
      // Same groups (order aside: checked below for workplaces).
      expect(got.map((g) => g.key).sort(), dim).toEqual(raw.map((g) => g.key).sort());
      const rawByKey = new Map(raw.map((g) => [g.key, g]));
      const truth = got.map((g) => rawByKey.get(g.key)!);
      if (!c.anonymous) {
        for (const [i, g] of got.entries()) {
          expect(g.hidden).toBe(false);
          expect(g.respondents).toBe(truth[i]!.respondents);
          for (const d of order) expect(g.counts[d], `${dim} ${g.key} ${d}`).toBe(truth[i]!.counts[d] ?? 0);
        }
        continue;
      }
      for (const [i, g] of got.entries()) {
        const t0 = truth[i]!;
        expect(g.hidden).toBe(t0.respondents < K);
        if (g.respondents !== null) {
          expect(g.respondents).toBe(t0.respondents);
          expect(g.respondents).toBeGreaterThanOrEqual(K);
        }
        for (const d of order) {
          const v = g.counts[d];
          if (v === null) continue;
          expect(v).toBe(t0.counts[d] ?? 0);
          expect(v === 0 || (v ?? 0) >= K, `${dim} ${g.key} ${d}`).toBe(true);
        }
      }
      expect(derivableHiddenCells(got, truth, order), dim).toEqual([]);
      expect(got).toEqual(suppressSmallCells(truth, order, { minCell: K, anonymous: true }));
    }
    // Workplaces in 職場名順 (reading, then name), 未設定 last.
    const keys = (results.breakdowns.workplace as { key: string | null }[]).map((g) => g.key);
    expect(keys.at(-1)).toBeNull();
  });

  it('the CSV holds the same figures, hidden values as 「－」 with the note', async () => {
    const res = await t.raw('GET', `/api/surveys/${surveyId}/results.csv`, undefined, {
      cookie: await t.signIn('admin@example.org'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines: string[][] = parse(text, { relax_column_count: true });
    // The ranking table.
    const rankHeader = lines.findIndex((l) => l[0] === '順位');
    const ranking = lines.slice(rankHeader + 1, rankHeader + 1 + results.demands.length);
    expect(ranking.map((l) => [Number(l[0]), l[1], Number(l[2])])).toEqual(
      results.demands.map((d: { rank: number; title: string; count: number }) => [d.rank, d.title, d.count]),
    );
    if (c.rankTop)
      expect(ranking.map((l) => Number(l[5]))).toEqual(
        results.demands.map((d: { points: number }) => d.points),
      );
    // The workplace table: each group's respondents and counts, in ranking order.
    const wpHeader = lines.findIndex((l) => l[0] === '職場' && l[1] === '回答者数');
    expect(lines[wpHeader]!.slice(2)).toEqual(results.demands.map((d: { title: string }) => d.title));
    const groups = results.breakdowns.workplace as ReturnType<typeof suppressSmallCells>;
    const cellText = (v: number | null) => (v === null ? HIDDEN_CELL : String(v));
    expect(lines.slice(wpHeader + 1, wpHeader + 1 + groups.length)).toEqual(
      groups.map((g) => [
        g.label ?? '職場未設定',
        cellText(g.respondents),
        ...results.demands.map((d: { demandId: string }) => cellText(g.counts[d.demandId] ?? null)),
      ]),
    );
    expect(text.includes('「－」で表示しています')).toBe(c.anonymous);
    if (c.anonymous) expect(text).toContain(HIDDEN_CELL);
  });

  it('the XLSX holds the same figures, one sheet per table', async () => {
    const res = await t.raw('GET', `/api/surveys/${surveyId}/results.xlsx?lang=en`, undefined, {
      cookie: await t.signIn('admin@example.org'),
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ranking',
      'By workplace',
      'By job type',
      'By grade',
      'By union role',
      'Questions',
    ]);
    const sheet = wb.getWorksheet('By job type')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const headerAt = values.findIndex((v) => v[1] === 'Respondents');
    const groups = results.breakdowns.jobType as ReturnType<typeof suppressSmallCells>;
    expect(values.slice(headerAt + 1)).toEqual(
      groups.map((g) => [
        g.label ?? 'Not set',
        g.respondents ?? HIDDEN_CELL,
        ...results.demands.map((d: { demandId: string }) => g.counts[d.demandId] ?? HIDDEN_CELL),
      ]),
    );
    const ranking: unknown[][] = [];
    wb.getWorksheet('Ranking')!.eachRow((row) => ranking.push((row.values as unknown[]).slice(1)));
    const rankAt = ranking.findIndex((v) => v[0] === 'Rank');
    expect(ranking.slice(rankAt + 1).map((r) => r[3])).toEqual(
      results.demands.map((d: { share: number }) => Math.round(d.share * 10_000) / 10_000),
    );
  });

  it('free text: identified with the member, anonymous the text alone in an order unrelated to writing', async () => {
    const raw = await rawRows(surveyId);
    const written = raw.responses.filter((r) => r.freeText && r.freeText.trim() !== '');
    const all: { text: string; memberId: string | null; memberName: string | null }[] = [];
    for (let offset = 0; ; offset += 40) {
      const res = await t.api('GET', `/api/surveys/${surveyId}/free-text?limit=40&offset=${offset}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.total).toBe(written.length);
      all.push(...res.body.items);
      if (res.body.items.length < 40) break;
    }
    expect(all.map((i) => i.text).sort()).toEqual(written.map((r) => r.freeText).sort());
    if (c.anonymous) {
      expect(all.every((i) => i.memberId === null && i.memberName === null)).toBe(true);
      expect(Object.keys(all[0]!).sort()).toEqual(['memberId', 'memberName', 'text']);
    } else {
      const names = new Map(memberRows.map((m) => [m.id, m.name]));
      const byText = new Map(written.map((r) => [r.freeText, r.memberId]));
      for (const item of all) {
        expect(item.memberId).toBe(byText.get(item.text));
        expect(item.memberName).toBe(names.get(item.memberId!));
      }
    }
  });
});

describe('access and audit', () => {
  const first = () => surveyIds.get(CASES[2].name)!;

  it('executives read results and export them; reps and unknown surveys do not', async () => {
    const exec = await t.addUser('executive');
    const rep = await t.addUser('rep');
    expect((await t.as(exec.cookie)('GET', `/api/surveys/${first()}/results`)).status).toBe(200);
    expect((await t.as(exec.cookie)('GET', `/api/surveys/${first()}/results.csv`)).status).toBe(200);
    expect((await t.as(exec.cookie)('GET', `/api/surveys/${first()}/free-text`)).status).toBe(403);
    expect((await t.as(rep.cookie)('GET', `/api/surveys/${first()}/results`)).status).toBe(403);
    expect((await t.as(rep.cookie)('GET', `/api/surveys/${first()}/results.xlsx`)).status).toBe(403);
    expect((await t.api('GET', '/api/surveys/00000000-0000-4000-8000-000000000000/results')).status).toBe(
      404,
    );
    expect((await t.api('GET', '/api/surveys/not-a-uuid/results.csv')).status).toBe(404);
    expect((await t.api('GET', `/api/surveys/${first()}/results.csv?lang=fr`)).status).toBe(400);
    expect((await t.api('GET', `/api/surveys/${first()}/free-text?limit=0`)).status).toBe(400);
  });

  it('an export is one audit event naming the survey, format and rows', async () => {
    const before = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export'), eq(auditLog.recordId, first())));
    const res = await t.api('GET', `/api/surveys/${first()}/results.xlsx`);
    expect(res.status).toBe(200);
    const after = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export'), eq(auditLog.recordId, first())));
    expect(after.length).toBe(before.length + 1);
    const event = after.find((e) => !before.some((b) => b.id === e.id))!;
    expect(event.tableName).toBe('surveys');
    expect(event.actorId).toBe(t.admin.id);
    expect(event.details).toMatchObject({ kind: 'survey_results', format: 'xlsx', lang: 'ja' });
    expect((event.details as { rowCount: number }).rowCount).toBeGreaterThan(6);
  });

  it('an anonymous survey withholds every figure while open, and while fewer than k answered', async () => {
    const [s] = await t.db
      .insert(surveys)
      .values({ title: 'anonymous, few', anonymous: true, closesOn: '2027-03-31', freeTextLabel: '悩み' })
      .returning({ id: surveys.id });
    const surveyId = s!.id;
    await t.db.insert(surveyDemands).values({ surveyId, demandId: demandIds[0]!, position: 0 });
    const answer = async (i: number) => {
      const [r] = await t.db
        .insert(surveyResponses)
        .values({ surveyId, ownerKey: `key-${i}`, freeText: `悩み${i}` })
        .returning({ id: surveyResponses.id });
      await t.db
        .insert(surveyResponseDemands)
        .values({ responseId: r!.id, surveyId, demandId: demandIds[0]! });
    };
    const paths = ['results', 'results.csv', 'results.xlsx', 'free-text'].map(
      (p) => `/api/surveys/${surveyId}/${p}`,
    );
    const statuses = async () => {
      const answers = [];
      for (const path of paths) answers.push(await t.api('GET', path));
      return answers;
    };
    for (let i = 0; i < K; i++) await answer(i);
    // Open: live figures beside live response tracking would show what the latest respondent chose.
    for (const res of await statuses()) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'results_withheld', reason: 'open' });
      expect(res.text).not.toContain('悩み0');
    }
    // Closed with k − 1 answers: the survey-wide counts would be the small cell.
    await t.db.delete(surveyResponses).where(eq(surveyResponses.ownerKey, 'key-0'));
    await t.db
      .update(surveys)
      .set({ closedAt: new Date('2026-11-30T00:00:00Z') })
      .where(eq(surveys.id, surveyId));
    for (const res of await statuses()) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'results_withheld',
        reason: 'too_few_respondents',
        minCell: K,
      });
    }
    // Closed with k: shown.
    await answer(K);
    for (const res of await statuses()) expect(res.status).toBe(200);
    expect((await t.api('GET', `/api/surveys/${surveyId}/results`)).body).toMatchObject({ respondents: K });
  });

  it('an empty survey has zero figures and no hidden cells to speak of', async () => {
    const [s] = await t.db
      .insert(surveys)
      .values({ title: 'empty', anonymous: false, rankTop: 2, closesOn: '2027-03-31', questions: QUESTIONS })
      .returning({ id: surveys.id });
    await t.db.insert(surveyDemands).values([
      { surveyId: s!.id, demandId: demandIds[0]!, position: 0 },
      { surveyId: s!.id, demandId: demandIds[1]!, position: 1 },
    ]);
    const res = await t.api('GET', `/api/surveys/${s!.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.respondents).toBe(0);
    expect(res.body.demands.map((d: { rank: number; share: number }) => [d.rank, d.share])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(res.body.breakdowns.workplace).toEqual([]);
    expect(res.body.questions[2]).toMatchObject({ answered: 0, mean: null });
    expect((await t.api('GET', `/api/surveys/${s!.id}/free-text`)).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await t.api('GET', `/api/surveys/${s!.id}/results.csv`)).status).toBe(200);
  });
});
