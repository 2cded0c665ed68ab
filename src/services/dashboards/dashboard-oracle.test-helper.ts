// Test helper (not a test): the SPEC §5 figures computed a second time, in
// plain TypeScript over the rows read back from the database, written from
// the definitions without the production code (no SQL, no core helpers), so
// that the tests compare two independent computations.
import type { Union } from './random-union.test-helper';

const SCALE = ['active_core', 'regular', 'occasional', 'rare', 'indifferent', 'at_risk'] as const;
type Scale = (typeof SCALE)[number];
const step = (e: string) => SCALE.indexOf(e as Scale);

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Byte order for the texts used here (BMP only), as PostgreSQL's "C" collation. */
const cmp = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** The calendar day of an instant in a time zone. */
export function localDay(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a day begins in a time zone. */
export function localMidnight(day: string, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/** The instant a day ends (exclusive): the next day's midnight. */
const dayEnd = (day: string, timeZone: string) => localMidnight(addDays(day, 1), timeZone);

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

export function oracle(u: Union) {
  const tz = u.timeZone;
  const userName = new Map(u.users.map((x) => [x.id, x.displayName]));
  const workplace = new Map(u.workplaces.map((w) => [w.id, w]));
  const memberById = new Map(u.members.map((m) => [m.id, m]));
  const historyOf = new Map<string, Union['history']>();
  for (const h of [...u.history].sort(
    (a, b) => a.changedAt.getTime() - b.changedAt.getTime() || a.seq - b.seq,
  )) {
    historyOf.set(h.memberId, [...(historyOf.get(h.memberId) ?? []), h]);
  }
  const hist = (id: string) => historyOf.get(id) ?? [];
  const counted = (m: Union['members'][number]) =>
    m.status === 'active' && m.unionRole !== 'organizing_target';
  const owner = (m: Union['members'][number]) => ({
    ownerId: m.ownerId,
    ownerName: m.ownerId ? (userName.get(m.ownerId) ?? null) : null,
  });
  const wpName = (m: Union['members'][number]) => (m.workplaceId ? workplace.get(m.workplaceId)!.name : null);
  const byNameId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
    cmp(a.name, b.name) || cmp(a.id, b.id);
  // 職場名順: the reading (none last), then the name.
  type Named = { nameKana: string | null; name: string; id: string };
  const byWorkplaceName = (a: Named, b: Named) => cmp(a.nameKana, b.nameKana) || byNameId(a, b);

  function week(asOf: string) {
    const dow = new Date(`${asOf}T00:00:00Z`).getUTCDay();
    const monday = addDays(asOf, -((dow + 6) % 7));
    return { weekStart: monday, weekEnd: addDays(monday, 6) };
  }

  function followUps(asOf: string) {
    const { weekEnd } = week(asOf);
    return u.cases
      .filter((c) => c.status === 'open' && c.dueOn !== null && c.dueOn <= weekEnd)
      .map((c) => ({ c, m: memberById.get(c.memberId)! }))
      .sort((a, b) => cmp(a.c.dueOn, b.c.dueOn) || byNameId(a.m, b.m) || cmp(a.c.id, b.c.id))
      .map(({ c, m }) => ({
        memberId: m.id,
        memberName: m.name,
        caseId: c.id,
        caseTitle: c.title,
        dueOn: c.dueOn!,
        overdue: c.dueOn! < asOf,
        sensitive: c.sensitive,
        ...owner(m),
      }));
  }

  function attritionRisk() {
    return u.members
      .filter((m) => counted(m) && m.engagement === 'at_risk')
      .map((m) => {
        let since: Date | null = null;
        for (const h of hist(m.id)) if (h.to === 'at_risk' && h.from !== 'at_risk') since = h.changedAt;
        return { m, since };
      })
      .sort(
        (a, b) =>
          (a.since === null ? 1 : 0) - (b.since === null ? 1 : 0) ||
          (a.since && b.since ? a.since.getTime() - b.since.getTime() : 0) ||
          byNameId(a.m, b.m),
      )
      .map(({ m, since }) => ({
        memberId: m.id,
        name: m.name,
        workplaceId: m.workplaceId,
        workplaceName: wpName(m),
        since: since ? since.toISOString() : null,
        sinceOn: since ? localDay(since.getTime(), tz) : null,
        ...owner(m),
      }));
  }

  function workplaceMap() {
    const rank = (a: string) => (a === 'split_risk' ? 0 : a === 'indifferent' ? 1 : 2);
    return [...u.workplaces]
      .sort((a, b) => rank(a.atmosphere) - rank(b.atmosphere) || byWorkplaceName(a, b))
      .map((w) => {
        const ms = u.members.filter((m) => counted(m) && m.workplaceId === w.id);
        return {
          workplaceId: w.id,
          name: w.name,
          atmosphere: w.atmosphere,
          counts: Object.fromEntries(SCALE.map((e) => [e, ms.filter((m) => m.engagement === e).length])),
          memberCount: ms.length,
        };
      });
  }

  function earlyWarnings(asOf: string) {
    // The engagement at the end of asOf − 90 days, against today's.
    const baseline = dayEnd(addDays(asOf, -90), tz);
    const out = [];
    for (const m of u.members.filter(counted)) {
      const rows = hist(m.id);
      const before = rows.filter((h) => h.changedAt.getTime() < baseline).at(-1) ?? rows[0];
      if (!before) continue;
      const steps = step(m.engagement) - step(before.to);
      if (steps < 2) continue;
      const drop = rows
        .filter((h) => h.changedAt.getTime() >= baseline && h.from !== null && step(h.to) > step(h.from))
        .at(-1);
      out.push({ m, from: before.to, steps, changedAt: drop ? drop.changedAt : null });
    }
    return out
      .sort(
        (a, b) =>
          b.steps - a.steps ||
          (a.changedAt === null ? 1 : 0) - (b.changedAt === null ? 1 : 0) ||
          (a.changedAt && b.changedAt ? b.changedAt.getTime() - a.changedAt.getTime() : 0) ||
          byNameId(a.m, b.m),
      )
      .map(({ m, from, steps, changedAt }) => ({
        memberId: m.id,
        name: m.name,
        workplaceId: m.workplaceId,
        workplaceName: wpName(m),
        from,
        to: m.engagement,
        steps,
        changedAt: changedAt ? changedAt.toISOString() : null,
        ...owner(m),
      }));
  }

  /** Active members (organizing targets too, left members not) with a next action due by the Sunday. */
  function nextActions(asOf: string) {
    const { weekEnd } = week(asOf);
    return u.members
      .filter((m) => m.status === 'active' && m.nextActionDueOn !== null && m.nextActionDueOn <= weekEnd)
      .sort((a, b) => cmp(a.nextActionDueOn, b.nextActionDueOn) || byNameId(a, b))
      .map((m) => ({
        memberId: m.id,
        name: m.name,
        nextAction: m.nextAction,
        nextActionDueOn: m.nextActionDueOn!,
        overdue: m.nextActionDueOn! < asOf,
        workplaceId: m.workplaceId,
        workplaceName: wpName(m),
        ...owner(m),
      }));
  }

  /**
   * 関与度の見直し (issue 19): active members whose attendance at their workplace's last 4
   * meetings with recorded attendance (newest held first, then latest recorded), all held
   * since they joined, disagrees with their engagement: 3+ while rare or colder, none while
   * regular or warmer. By workplace name, reading (none last), name, id.
   */
  function engagementReviews() {
    const came = new Set(u.attendees.map((a) => `${a.meetingId}:${a.memberId}`));
    const windowOf = new Map<string, Union['meetings']>();
    for (const w of u.workplaces) {
      const recorded = u.meetings
        .filter((mt) => mt.workplaceId === w.id && mt.attendanceRecorded)
        .sort(
          (a, b) =>
            cmp(b.heldOn, a.heldOn) || b.createdAt.getTime() - a.createdAt.getTime() || cmp(b.id, a.id),
        );
      if (recorded.length >= 4) windowOf.set(w.id, recorded.slice(0, 4));
    }
    return u.members
      .flatMap((m) => {
        const win = m.workplaceId ? windowOf.get(m.workplaceId) : undefined;
        if (m.status !== 'active' || !win) return [];
        if (m.joinedOn && win.some((mt) => mt.heldOn < m.joinedOn!)) return [];
        const attended = win.filter((mt) => came.has(`${mt.id}:${m.id}`)).length;
        const up = attended >= 3 && ['rare', 'indifferent', 'at_risk'].includes(m.engagement);
        const down = attended === 0 && ['active_core', 'regular'].includes(m.engagement);
        if (!up && !down) return [];
        return [{ m, attended, direction: up ? ('up' as const) : ('down' as const) }];
      })
      .sort(
        (a, b) =>
          cmp(wpName(a.m), wpName(b.m)) ||
          cmp(a.m.nameKana, b.m.nameKana) ||
          cmp(a.m.name, b.m.name) ||
          cmp(a.m.id, b.m.id),
      )
      .map(({ m, attended, direction }) => ({
        memberId: m.id,
        name: m.name,
        workplaceId: m.workplaceId!,
        workplaceName: wpName(m)!,
        engagement: m.engagement,
        attended,
        of: 4,
        suggestedDirection: direction,
      }));
  }

  function weekly(asOf: string) {
    const r = engagementReviews();
    const f = followUps(asOf);
    const n = nextActions(asOf);
    const a = attritionRisk();
    const e = earlyWarnings(asOf);
    return {
      asOf,
      ...week(asOf),
      earlyWarningBaselineOn: addDays(asOf, -90),
      followUps: f,
      attritionRisk: a,
      workplaceMap: workplaceMap(),
      earlyWarnings: e,
      nextActions: n,
      engagementReviews: r,
      totals: {
        followUps: f.length,
        overdueFollowUps: f.filter((x) => x.overdue).length,
        attritionRisk: a.length,
        earlyWarnings: e.length,
        nextActions: n.length,
        engagementReviews: r.length,
      },
    };
  }

  /**
   * The demands of the season current on asOf (its dates contain asOf, the latest start
   * first; else the latest started; none: every demand), or of every season with 'all'.
   */
  function demands(asOf: string, season: 'current' | 'all' = 'current') {
    const prio = ['high', 'medium', 'low'];
    const started = u.seasons
      .filter((s) => s.startsOn <= asOf)
      .sort(
        (a, b) =>
          Number(b.endsOn >= asOf) - Number(a.endsOn >= asOf) ||
          cmp(b.startsOn, a.startsOn) ||
          cmp(a.id, b.id),
      );
    const current = season === 'all' ? undefined : started[0];
    return u.demands
      .filter((d) => !current || d.seasonId === current.id)
      .map((d) => ({
        demandId: d.id,
        title: d.title,
        priority: d.priority,
        status: d.status,
        relatedMemberCount: u.links.filter((l) => l.demandId === d.id && counted(memberById.get(l.memberId)!))
          .length,
      }))
      .sort(
        (a, b) =>
          b.relatedMemberCount - a.relatedMemberCount ||
          prio.indexOf(a.priority) - prio.indexOf(b.priority) ||
          cmp(a.title, b.title) ||
          cmp(a.demandId, b.demandId),
      );
  }

  function organizationRates() {
    const rows = u.workplaces.map((w) => {
      const memberCount = u.members.filter((m) => counted(m) && m.workplaceId === w.id).length;
      const e = w.employeeCount;
      return {
        workplaceId: w.id,
        name: w.name,
        employeeCount: e,
        memberCount,
        organizationRate: e ? memberCount / e : null,
      };
    });
    rows.sort(
      (a, b) =>
        (a.organizationRate === null ? 1 : 0) - (b.organizationRate === null ? 1 : 0) ||
        (b.organizationRate ?? 0) - (a.organizationRate ?? 0) ||
        cmp(workplace.get(a.workplaceId)!.nameKana, workplace.get(b.workplaceId)!.nameKana) ||
        cmp(a.name, b.name) ||
        cmp(a.workplaceId, b.workplaceId),
    );
    const rated = rows.filter((r) => (r.employeeCount ?? 0) > 0);
    const memberSum = rated.reduce((s, r) => s + r.memberCount, 0);
    const employeeSum = rated.length ? rated.reduce((s, r) => s + r.employeeCount!, 0) : null;
    // Bands by exact comparison: k-th band when 5·members ≥ k·employees.
    const bandOf = (r: (typeof rows)[number]) => {
      if (!r.employeeCount) return 'unknown';
      let k = 0;
      while (k < 4 && r.memberCount * 5 >= (k + 1) * r.employeeCount) k++;
      return ['0-20', '20-40', '40-60', '60-80', '80-100'][k]!;
    };
    const bands = ['0-20', '20-40', '40-60', '60-80', '80-100', 'unknown'];
    return {
      organizationRates: rows,
      overallOrganizationRate: employeeSum ? memberSum / employeeSum : null,
      overallBasis: { workplaceCount: rated.length, memberCount: memberSum, employeeCount: employeeSum },
      distribution: bands.map((band) => ({
        band,
        workplaceCount: rows.filter((r) => bandOf(r) === band).length,
      })),
    };
  }

  /** Members at the end of `endOn`, as the trend defines it. */
  function membersAtDayEnd(endOn: string) {
    const cutoff = dayEnd(endOn, tz);
    return u.members.filter(
      (m) =>
        m.unionRole !== 'organizing_target' &&
        (m.leftOn === null || m.leftOn > endOn) &&
        (m.joinedOn !== null ? m.joinedOn <= endOn : m.createdAt.getTime() < cutoff),
    );
  }

  function atRiskAtDayEnd(endOn: string) {
    const cutoff = dayEnd(endOn, tz);
    return membersAtDayEnd(endOn).filter(
      (m) =>
        hist(m.id)
          .filter((h) => h.changedAt.getTime() < cutoff)
          .at(-1)?.to === 'at_risk',
    );
  }

  function months(asOf: string) {
    const current = asOf.slice(0, 7);
    return Array.from({ length: 12 }, (_, i) => {
      const month = monthMinus(current, 11 - i);
      return { month, endOn: month === current ? asOf : lastDayOf(month) };
    });
  }

  function attritionTrend(asOf: string) {
    return months(asOf).map(({ month, endOn }) => ({
      month,
      endOn,
      atRiskCount: atRiskAtDayEnd(endOn).length,
    }));
  }

  /** What a snapshot of a month (with today's headcounts) holds. */
  function monthFigures(endOn: string) {
    const ms = membersAtDayEnd(endOn);
    const rated = u.workplaces.filter((w) => (w.employeeCount ?? 0) > 0);
    const ratedIds = new Set(rated.map((w) => w.id));
    return {
      memberCount: ms.filter((m) => m.workplaceId !== null && ratedIds.has(m.workplaceId)).length,
      employeeCount: rated.length ? rated.reduce((s, w) => s + w.employeeCount!, 0) : null,
      totalMemberCount: ms.length,
      atRiskCount: atRiskAtDayEnd(endOn).length,
      perWorkplace: new Map(
        u.workplaces.map((w) => [
          w.id,
          {
            memberCount: ms.filter((m) => m.workplaceId === w.id).length,
            atRiskCount: atRiskAtDayEnd(endOn).filter((m) => m.workplaceId === w.id).length,
            employeeCount: w.employeeCount,
          },
        ]),
      ),
    };
  }

  const ids = (ms: { id: string }[]) => ms.map((m) => m.id).sort();

  /** The member ids each drill-down must list. */
  const drill = {
    workplace: (workplaceId: string, engagement?: string) =>
      ids(
        u.members.filter(
          (m) => counted(m) && m.workplaceId === workplaceId && (!engagement || m.engagement === engagement),
        ),
      ),
    rated: () =>
      ids(
        u.members.filter(
          (m) =>
            counted(m) && m.workplaceId !== null && (workplace.get(m.workplaceId)!.employeeCount ?? 0) > 0,
        ),
      ),
    attritionRisk: () =>
      attritionRisk()
        .map((x) => x.memberId)
        .sort(),
    earlyWarning: (asOf: string) =>
      earlyWarnings(asOf)
        .map((x) => x.memberId)
        .sort(),
    followUp: (asOf: string) => [...new Set(followUps(asOf).map((x) => x.memberId))].sort(),
    nextAction: (asOf: string) =>
      nextActions(asOf)
        .map((x) => x.memberId)
        .sort(),
    demand: (demandId: string) =>
      ids(
        u.links
          .filter((l) => l.demandId === demandId)
          .map((l) => memberById.get(l.memberId)!)
          .filter(counted),
      ),
    atRiskMonth: (endOn: string) => ids(atRiskAtDayEnd(endOn)),
    monthEnd: (endOn: string) => ids(membersAtDayEnd(endOn)),
  };

  return { week, weekly, demands, organizationRates, attritionTrend, months, monthFigures, drill };
}
