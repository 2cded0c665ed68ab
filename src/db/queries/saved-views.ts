import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { StaffRole } from '../../core/enums';
import type { DbOrTx } from '../client';
import { customFields, savedViews, users } from '../schema';

/**
 * Which views a user sees: their own, those shared with their role and, for an admin
 * (who may delete any shared view), every shared view. Never another's private view.
 */
export function visibleViewSql(viewer: { id: string; role: StaffRole }): SQL {
  const shared =
    viewer.role === 'admin'
      ? sql`cardinality(${savedViews.sharedRoles}) > 0`
      : sql`${viewer.role}::staff_role = ANY(${savedViews.sharedRoles})`;
  return or(eq(savedViews.ownerId, viewer.id), shared)!;
}

const viewColumns = {
  id: savedViews.id,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
  version: savedViews.version,
  name: savedViews.name,
  list: savedViews.list,
  state: savedViews.state,
  sharedRoles: savedViews.sharedRoles,
  ownerId: savedViews.ownerId,
  ownerName: users.displayName,
};

export type SavedViewRow = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  name: string;
  list: string;
  state: unknown;
  sharedRoles: StaffRole[];
  ownerId: string;
  ownerName: string;
};

/** The views a user sees, of one list or all: own first, then by name (code-point order on both engines). */
export async function findVisibleViews(
  db: DbOrTx,
  viewer: { id: string; role: StaffRole },
  list?: string,
): Promise<SavedViewRow[]> {
  return db
    .select(viewColumns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(visibleViewSql(viewer), list ? eq(savedViews.list, list) : undefined))
    .orderBy(
      sql`(${savedViews.ownerId} = ${viewer.id}) desc`,
      sql`${savedViews.list} collate "C"`,
      sql`${savedViews.name} collate "C"`,
      asc(savedViews.id),
    ) as Promise<SavedViewRow[]>;
}

export async function findViewById(db: DbOrTx, id: string): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .select(viewColumns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(eq(savedViews.id, id));
  return row as SavedViewRow | undefined;
}

/** The keys of the custom fields still in use, per entity (archived ones left out). */
export async function findActiveCustomFieldKeys(db: DbOrTx): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ entity: customFields.entity, key: customFields.key })
    .from(customFields)
    .where(isNull(customFields.archivedAt));
  const byEntity = new Map<string, Set<string>>();
  for (const r of rows) {
    const keys = byEntity.get(r.entity) ?? new Set<string>();
    keys.add(r.key);
    byEntity.set(r.entity, keys);
  }
  return byEntity;
}
