import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../../core/access/policy';
import type { DemandSort, ListDemandsQuery } from '../../core/demands/schemas';
import type {
  DemandExportRow,
  MemberExportRow,
  TaskExportRow,
  WorkplaceExportRow,
} from '../../core/export/columns';
import type { ListMembersQuery, MemberSort } from '../../core/members/schemas';
import type { TaskSort } from '../../core/tasks/schemas';
import type { ListWorkplacesQuery, WorkplaceSort } from '../../core/workplaces/schemas';
import type { DbOrTx } from '../client';
import { demands, members, tasks, users, workplaces } from '../schema';
import { demandFilter, demandOrder, selectDemands } from './demands';
import { memberContactColumns, memberFilter, memberOrder } from './members';
import { memberScopeSql, sqlUuidArray, workplaceScopeSql } from './scope';
import { selectTasks, type TaskFilter, taskFilter, taskOrder } from './tasks';
import { selectWorkplaces, workplaceFilter, workplaceOrder } from './workplaces';

/**
 * An export reads in two steps so that a large one never holds every row:
 * `ids` takes the matching ids in the list's order (the same scope, filters and
 * sort as the list routes) once, which fixes the set of rows being exported;
 * `rows` then reads them in batches by id, re-checking the same conditions, so
 * a row that left the filter or the actor's scope in the meantime is skipped.
 */
export type ExportSource<Row> = {
  /** The matching ids in list order, at most `limit`. */
  ids(limit: number): Promise<string[]>;
  /** Those of `ids` that still match, in any order. */
  rows(ids: readonly string[]): Promise<(Row & { id: string })[]>;
};

const idIn = (column: PgColumn, ids: readonly string[]) => sql`${column} = any(${sqlUuidArray(ids)})`;

/** Staff emails by id (one statement per batch): the column the import resolves an owner by. */
async function emailsOf(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(idIn(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.email]));
}

export function memberExportSource(
  db: DbOrTx,
  query: Partial<ListMembersQuery> & { sort: MemberSort },
  scope: Scope,
  today: SQL,
): ExportSource<MemberExportRow> {
  const where = and(memberScopeSql(scope), memberFilter(query, today, scope));
  return {
    async ids(limit) {
      const rows = await db
        .select({ id: members.id })
        .from(members)
        .where(where)
        .orderBy(...memberOrder(query.sort))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    rows(ids) {
      return db
        .select({
          id: members.id,
          name: members.name,
          nameKana: members.nameKana,
          employeeNumber: members.employeeNumber,
          workplaceName: workplaces.name,
          department: members.department,
          jobType: members.jobType,
          grade: members.grade,
          joinedOn: members.joinedOn,
          engagement: members.engagement,
          unionRole: members.unionRole,
          status: members.status,
          leftOn: members.leftOn,
          concerns: members.concerns,
          nextAction: members.nextAction,
          nextActionDueOn: members.nextActionDueOn,
          ownerName: users.displayName,
          ownerEmail: users.email,
          parentOrganization: members.parentOrganization,
          ...memberContactColumns(scope),
          customFields: members.customFields,
        })
        .from(members)
        .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
        .leftJoin(users, eq(users.id, members.ownerId))
        .where(and(idIn(members.id, ids), where));
    },
  };
}

/**
 * Workplaces number in the hundreds, and their sorts use computed figures
 * (organization rate, member count), so the id pass runs the list query itself.
 */
export function workplaceExportSource(
  db: DbOrTx,
  query: Partial<ListWorkplacesQuery> & { sort: WorkplaceSort },
  scope: Scope,
): ExportSource<WorkplaceExportRow> {
  const where = and(workplaceScopeSql(scope), workplaceFilter(query));
  return {
    async ids(limit) {
      const { query: select, computed } = selectWorkplaces(db, scope);
      const rows = await select
        .where(where)
        .orderBy(...workplaceOrder(query.sort, computed))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    async rows(ids) {
      const rows = await selectWorkplaces(db, scope).query.where(and(idIn(workplaces.id, ids), where));
      const emails = await emailsOf(
        db,
        rows.map((r) => r.ownerId),
      );
      return rows.map((r) => ({ ...r, ownerEmail: r.ownerId ? (emails.get(r.ownerId) ?? null) : null }));
    },
  };
}

/** Every demand (every role reads them); relatedMemberCount counts the scope's members, as in the list. */
export function demandExportSource(
  db: DbOrTx,
  query: Partial<ListDemandsQuery> & { sort: DemandSort },
  scope: Scope,
  today: SQL,
): ExportSource<DemandExportRow> {
  const where = demandFilter(query, today);
  return {
    async ids(limit) {
      const { query: select, relatedMemberCount } = selectDemands(db, scope);
      const rows = await select
        .where(where)
        .orderBy(...demandOrder(query.sort, relatedMemberCount))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    rows(ids) {
      return selectDemands(db, scope).query.where(and(idIn(demands.id, ids), where));
    },
  };
}

/** The tasks the actor may see (`taskFilter` with the scope), as in the list. */
export function taskExportSource(
  db: DbOrTx,
  query: TaskFilter & { sort: TaskSort },
  scope: Scope,
): ExportSource<TaskExportRow> {
  const where = taskFilter(query, scope);
  return {
    async ids(limit) {
      const rows = await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(where)
        .orderBy(...taskOrder(query.sort))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    rows(ids) {
      return selectTasks(db, scope).where(and(idIn(tasks.id, ids), where));
    },
  };
}

/** A workplace's id by its (unique) name, for the CLI's `--workplace <name>`. */
export async function findWorkplaceIdByName(db: DbOrTx, name: string): Promise<string | undefined> {
  const rows = await db.select({ id: workplaces.id }).from(workplaces).where(eq(workplaces.name, name));
  return rows[0]?.id;
}
