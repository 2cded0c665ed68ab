import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type {
  CustomFieldDefinition,
  CustomFieldEntity,
  CustomFieldOption,
  CustomFieldType,
} from '../../core/custom-fields/schemas';
import type { DbOrTx } from '../client';
import { customFields, members, workplaces } from '../schema';
import { rowsOf } from './records';

export type CustomFieldRow = Omit<typeof customFields.$inferSelect, 'entity' | 'type' | 'options'> & {
  entity: CustomFieldEntity;
  type: CustomFieldType;
  options: CustomFieldOption[];
};

const order = [
  asc(customFields.entity),
  asc(customFields.position),
  sql`${customFields.labelJa} collate "C"`,
  asc(customFields.key),
];

/** Definitions in the list's order (entity, position, labelJa); archived ones only when asked. */
export async function findCustomFields(
  db: DbOrTx,
  filter: { entity?: CustomFieldEntity | undefined; includeArchived?: boolean | undefined },
): Promise<CustomFieldRow[]> {
  const rows = await db
    .select()
    .from(customFields)
    .where(
      and(
        filter.entity ? eq(customFields.entity, filter.entity) : undefined,
        filter.includeArchived ? undefined : isNull(customFields.archivedAt),
      ),
    )
    .orderBy(...order);
  return rows as CustomFieldRow[];
}

export async function findCustomFieldById(db: DbOrTx, id: string): Promise<CustomFieldRow | undefined> {
  const rows = await db.select().from(customFields).where(eq(customFields.id, id));
  return rows[0] as CustomFieldRow | undefined;
}

/**
 * The active definitions of an entity, read per request (no process-wide cache: several
 * servers and test databases share nothing but the database).
 */
export async function activeCustomFieldDefinitions(
  db: DbOrTx,
  entity: CustomFieldEntity,
): Promise<(CustomFieldDefinition & { id: string })[]> {
  const rows = await findCustomFields(db, { entity });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    type: r.type,
    labelJa: r.labelJa,
    labelEn: r.labelEn,
    required: r.required,
    options: r.options,
  }));
}

const tableOf = (entity: CustomFieldEntity) => (entity === 'member' ? 'members' : 'workplaces');

/**
 * Which of `values` some record of the entity still holds in field `key` (a choice equal to
 * it, or choices containing it): each probe is a containment the GIN index answers.
 */
export async function optionValuesInUse(
  db: DbOrTx,
  entity: CustomFieldEntity,
  key: string,
  type: CustomFieldType,
  values: readonly string[],
): Promise<string[]> {
  const used: string[] = [];
  const table = sql.raw(tableOf(entity));
  for (const value of values) {
    const probe = JSON.stringify({ [key]: type === 'choices' ? [value] : value });
    const rows = rowsOf<{ one: number }>(
      await db.execute(sql`select 1 as one from ${table} where custom_fields @> ${probe}::jsonb limit 1`),
    );
    if (rows.length) used.push(value);
  }
  return used;
}

/**
 * A record's `custom_fields` as responses show them: only the keys of active definitions
 * of the entity (an archived field's values stay stored, hidden). One small semi-join per row.
 */
export function activeCustomFieldsSql(
  entity: CustomFieldEntity,
  column: SQL | typeof members.customFields | typeof workplaces.customFields,
): SQL<Record<string, unknown>> {
  return sql<
    Record<string, unknown>
  >`coalesce((select jsonb_object_agg(cfv.key, cfv.value) from jsonb_each(${column}) cfv where cfv.value <> 'null'::jsonb and exists (select 1 from custom_fields cfd where cfd.entity = ${entity} and cfd.key = cfv.key and cfd.archived_at is null)), '{}'::jsonb)`;
}

export const memberCustomFieldsSql = () => activeCustomFieldsSql('member', members.customFields);
export const workplaceCustomFieldsSql = () => activeCustomFieldsSql('workplace', workplaces.customFields);

/** The records' stored values must contain this object (`cf.<key>` filters), by the GIN index. */
export function customFieldContainment(
  column: typeof members.customFields | typeof workplaces.customFields,
  containment: Record<string, unknown> | null | undefined,
): SQL | undefined {
  return containment ? sql`${column} @> ${JSON.stringify(containment)}::jsonb` : undefined;
}
