import type { Atmosphere, Engagement, UnionRole } from '../../core/enums';
import { addDays, addMonths, daysBetween, maxDate, minDate } from './days';
import type { DemoContext, DemoUserKey, MemberRow } from './demo-context';
import type { Topic } from './demo-demands';
import { CONCERNS, NEXT_ACTIONS, ORGANIZING_NEXT_ACTIONS } from './demo-texts';
import { type DemoWorkplace, PARENT_ORGANIZATIONS } from './demo-workplaces';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAME_WEIGHTS, SURNAMES } from './names';

export type PlacedWorkplace = DemoWorkplace & { id: string; ownerId: string; atmosphere: Atmosphere };

export type DemoMember = {
  row: MemberRow;
  workplace: PlacedWorkplace;
  topics: Topic[];
};

/** Union staff who are members too; the five with accounts sign in as demo users. */
const STAFF_MEMBERS: readonly {
  name: string;
  kana: string;
  workplace: string;
  role: UnionRole;
  user?: DemoUserKey;
}[] = [
  {
    name: '佐藤 健一',
    kana: 'サトウ ケンイチ',
    workplace: '第一製造課',
    role: 'full_time_officer',
    user: 'sato',
  },
  { name: '鈴木 美穂', kana: 'スズキ ミホ', workplace: '経理部', role: 'full_time_officer', user: 'suzuki' },
  { name: '中村 浩二', kana: 'ナカムラ コウジ', workplace: '物流センター倉庫課', role: 'full_time_officer' },
  {
    name: '高橋 誠',
    kana: 'タカハシ マコト',
    workplace: '品質保証課',
    role: 'executive_committee',
    user: 'takahashi',
  },
  {
    name: '田中 翔太',
    kana: 'タナカ ショウタ',
    workplace: '第一製造課',
    role: 'workplace_rep',
    user: 'tanaka',
  },
  {
    name: '伊藤 由美',
    kana: 'イトウ ユミ',
    workplace: '物流センター配送課',
    role: 'workplace_rep',
    user: 'ito',
  },
];

// How warm general members are depends on their workplace's atmosphere; at_risk
// comes out near 4 % overall, concentrated where the workplace is splitting.
const GENERAL_ENGAGEMENT: Record<Atmosphere, Partial<Record<Engagement, number>>> = {
  active: { active_core: 3, regular: 38, occasional: 36, rare: 14, indifferent: 6, at_risk: 2.5 },
  normal: { active_core: 1, regular: 22, occasional: 40, rare: 20, indifferent: 13, at_risk: 3.3 },
  indifferent: { active_core: 0.5, regular: 9, occasional: 28, rare: 28, indifferent: 31, at_risk: 3.8 },
  split_risk: { active_core: 1, regular: 13, occasional: 28, rare: 22, indifferent: 18, at_risk: 10 },
};

const ROLE_ENGAGEMENT: Partial<Record<UnionRole, Partial<Record<Engagement, number>>>> = {
  full_time_officer: { active_core: 1 },
  executive_committee: { active_core: 8, regular: 2 },
  workplace_rep: { active_core: 4, regular: 5, occasional: 1 },
  organizing_target: { occasional: 25, rare: 35, indifferent: 40 },
};

/** ~600 people across the workplaces: members, the officers among them, organizing targets and leavers. */
export function buildMembers(ctx: DemoContext, workplaces: readonly PlacedWorkplace[]): DemoMember[] {
  const result: DemoMember[] = [];

  for (const workplace of workplaces) {
    const staff = STAFF_MEMBERS.filter((s) => s.workplace === workplace.name);
    const roles: UnionRole[] = staff.map((s) => s.role);
    const want = (role: UnionRole, count: number) => {
      for (let i = roles.filter((r) => r === role).length; i < count; i++) roles.push(role);
    };
    want('executive_committee', workplace.size >= 70 ? 2 : 1);
    want('workplace_rep', workplace.size >= 50 ? 2 : 1);
    const targets = Math.max(1, Math.round(workplace.size * workplace.targetShare));
    for (let i = 0; i < targets; i++) roles.push('organizing_target');
    while (roles.length < workplace.size) roles.push('general_member');

    roles.forEach((unionRole, i) => {
      const person = staff[i] ?? randomPerson(ctx, workplace.maleShare);
      result.push(buildMember(ctx, workplace, unionRole, person.name, person.kana));
    });
  }

  giveAnniversaries(ctx, result);
  markLeavers(ctx, result);
  numberEmployees(result);
  return result;
}

function randomPerson(ctx: DemoContext, maleShare: number) {
  const [surname, surnameKana] = SURNAMES[ctx.rng.weightedIndex(SURNAME_WEIGHTS)]!;
  const [given, givenKana] = ctx.rng.pick(ctx.rng.chance(maleShare) ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  return { name: `${surname} ${given}`, kana: `${surnameKana} ${givenKana}` };
}

function buildMember(
  ctx: DemoContext,
  workplace: PlacedWorkplace,
  unionRole: UnionRole,
  name: string,
  nameKana: string,
): DemoMember {
  const { rng, today } = ctx;
  const isTarget = unionRole === 'organizing_target';
  const isLeader = unionRole === 'full_time_officer' || unionRole === 'executive_committee';
  const engagement = rng.weighted(ROLE_ENGAGEMENT[unionRole] ?? GENERAL_ENGAGEMENT[workplace.atmosphere]);

  // Tenure leans recent (most members joined in the last ten years); leaders are veterans.
  const years = isLeader ? rng.int(8, 24) : Math.floor(25 * rng.next() ** 1.6);
  const joinedOn = isTarget ? null : joinDate(ctx, years);
  const tenure = joinedOn ? Math.floor(daysBetween(joinedOn, today) / 365.25) : 0;

  const jobType = rng.weighted(workplace.jobTypes);
  const compatible = CONCERNS.filter((c) => !c.kinds || c.kinds.includes(workplace.kind));
  const concernCount = unionRole === 'full_time_officer' ? 0 : rng.weightedIndex([35, 45, 20]);
  const concerns = rng.sample(compatible, concernCount);

  const ownerRoll = rng.next();
  const otherOwners = (['sato', 'suzuki', 'takahashi'] as const).filter(
    (k) => ctx.userIds[k] !== workplace.ownerId,
  );
  const ownerId =
    ownerRoll < 0.82 ? workplace.ownerId : ownerRoll < 0.96 ? ctx.userIds[rng.pick(otherOwners)] : null;

  const wantsAction = isTarget ? 0.6 : engagement === 'at_risk' ? 0.75 : 0.18;
  const hasAction = rng.chance(wantsAction);
  const nextAction = !hasAction
    ? null
    : isTarget
      ? rng.pick(ORGANIZING_NEXT_ACTIONS)
      : engagement === 'at_risk'
        ? '距離を置いている理由を批判せずに聴く場を設ける'
        : rng.pick(NEXT_ACTIONS);

  const row: MemberRow = {
    id: rng.uuid(),
    name,
    nameKana,
    employeeNumber: null,
    workplaceId: workplace.id,
    department: rng.pick(workplace.departments),
    jobType: isTarget ? `${jobType}（${rng.chance(0.7) ? '契約社員' : 'パート'}）` : jobType,
    grade: isTarget
      ? null
      : `${Math.min(6, 1 + Math.floor(tenure / 5) + (isLeader ? 1 : 0) + rng.int(0, 1))}等級`,
    joinedOn,
    engagement,
    concerns: concerns.length ? concerns.map((c) => c.text).join('\n') : null,
    nextAction,
    nextActionDueOn: hasAction ? addDays(today, rng.int(-10, 30)) : null,
    parentOrganization: PARENT_ORGANIZATIONS[workplace.establishment] ?? null,
    unionRole,
    status: 'active',
    leftOn: null,
    ownerId,
    version: 1,
  };
  return { row, workplace, topics: concerns.map((c) => c.topic) };
}

/** Half join on April 1 (new hires under the union-shop agreement), the rest on any day. */
function joinDate(ctx: DemoContext, yearsAgo: number): string {
  const { rng, today } = ctx;
  const year = Number(today.slice(0, 4)) - yearsAgo;
  const candidate = rng.chance(0.5) ? `${year}-04-01` : addDays(`${year}-01-01`, rng.int(0, 364));
  return minDate(candidate, addDays(today, -rng.int(0, 30)));
}

/**
 * Some 5th/10th/20th union anniversaries fall this month and the next two, so the
 * tenure_milestone rule has something to do on the demo's first day; and one
 * member joined on 2020-02-29, whose anniversaries fall on February 28.
 */
function giveAnniversaries(ctx: DemoContext, list: DemoMember[]) {
  const { rng, today } = ctx;
  const pool = list.filter((m) => m.row.unionRole === 'general_member');
  const picked = rng.sample(pool, 9);
  const plan: [years: number, monthsAhead: number][] = [
    [5, 1],
    [5, 1],
    [10, 1],
    [20, 1],
    [5, 0],
    [10, 0],
    [10, 2],
    [20, 2],
  ];
  plan.forEach(([years, monthsAhead], i) => {
    const anniversaryMonth = addMonths(`${today.slice(0, 7)}-01`, monthsAhead);
    const anniversary = addDays(anniversaryMonth, rng.int(0, 27));
    picked[i]!.row.joinedOn = minDate(addMonths(anniversary, -12 * years), today);
  });
  if (today >= '2020-02-29') picked[8]!.row.joinedOn = '2020-02-29';
}

/** About 3 % have left the union within the recorded 18 months, most after cooling off. */
function markLeavers(ctx: DemoContext, list: DemoMember[]) {
  const { rng, today, recordingStart } = ctx;
  const pool = list.filter(
    (m) =>
      m.row.unionRole === 'general_member' &&
      m.row.joinedOn &&
      m.row.joinedOn !== '2020-02-29' &&
      daysBetween(m.row.joinedOn, today) > 90 &&
      // Keep the anniversary members in the union: their milestone is the point of them.
      !isNearAnniversary(m.row.joinedOn, today),
  );
  for (const m of rng.sample(pool, Math.round(list.length * 0.03))) {
    const earliest = addDays(maxDate(m.row.joinedOn!, recordingStart), 30);
    m.row.status = 'left';
    m.row.leftOn = addDays(earliest, rng.int(0, Math.max(0, daysBetween(earliest, addDays(today, -1)))));
    m.row.engagement = rng.weighted({ at_risk: 45, indifferent: 40, rare: 15 });
    m.row.nextAction = null;
    m.row.nextActionDueOn = null;
  }
}

function isNearAnniversary(joinedOn: string, today: string): boolean {
  const months = (Number(today.slice(0, 4)) - Number(joinedOn.slice(0, 4))) * 12 + Number(today.slice(5, 7));
  const joinedMonth = Number(joinedOn.slice(5, 7));
  return [5, 10, 20].some((y) => {
    const diff = y * 12 + joinedMonth - months;
    return diff >= 0 && diff <= 2;
  });
}

/** Employee numbers follow seniority, as they do in most Japanese companies. */
function numberEmployees(list: DemoMember[]) {
  const order = list
    .map((m, i) => ({ m, i, key: m.row.joinedOn ?? '9999-12-31' }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  order.forEach(({ m }, n) => {
    m.row.employeeNumber = `E${String(n + 1).padStart(4, '0')}`;
  });
}
