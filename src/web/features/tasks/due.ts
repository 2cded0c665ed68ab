// Due dates are plain YYYY-MM-DD strings in the organization's time zone, so
// they compare as strings and move by whole days in UTC arithmetic.

export type DueGroup = 'overdue' | 'today' | 'week' | 'later' | 'none';
export const DUE_GROUPS: readonly DueGroup[] = ['overdue', 'today', 'week', 'later', 'none'];

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The Sunday closing the Monday–Sunday week of `today` (the dashboards' week, SPEC §5). */
export function endOfWeek(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return addDays(today, (7 - weekday) % 7);
}

type Dated = { dueOn: string | null; status: string };

/** Only an open task can be late: a done one was dealt with, whenever that was. */
export const isOverdue = (task: Dated, today: string) =>
  task.status === 'open' && task.dueOn !== null && task.dueOn < today;

export function dueGroup(task: Dated, today: string): DueGroup {
  if (task.dueOn === null) return 'none';
  if (isOverdue(task, today)) return 'overdue';
  if (task.dueOn <= today) return 'today';
  if (task.dueOn <= endOfWeek(today)) return 'week';
  return 'later';
}

/** Tasks in due order, cut into the inbox's groups (empty groups left out). */
export function groupByDue<T extends Dated>(tasks: readonly T[], today: string): [DueGroup, T[]][] {
  const groups = new Map<DueGroup, T[]>(DUE_GROUPS.map((g) => [g, []]));
  for (const task of tasks) groups.get(dueGroup(task, today))?.push(task);
  return [...groups].filter(([, items]) => items.length > 0);
}
