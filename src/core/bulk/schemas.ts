import { z } from 'zod';
import { enumOf, optionalDate, optionalText, requiredText, text, uuid } from '../common/schemas';
import { listFilterSchema } from '../custom-fields/filters';
import { bulkMemberFilterSchema } from '../demands/schemas';
import { ENGAGEMENTS } from '../enums';
import { createNoteSchema } from '../members/schemas';
import { listTasksQuery } from '../tasks/schemas';
import { listWorkplacesQuery } from '../workplaces/schemas';

/**
 * Bulk actions on the member, workplace and task lists (issue 17). A selection is either ids (the rows
 * chosen, at most BULK_MAX_IDS) or the list's filter (「条件に合う全N件」, any number); either way
 * only records within the actor's scope are touched. One flat strict body per list: `action`
 * names what to do, the fields that action needs sit beside it, and a field another action
 * needs is refused (so a mistyped request never does something else).
 */
export const BULK_MAX_IDS = 10_000;

export const MEMBER_BULK_ACTIONS = ['set_owner', 'set_engagement', 'add_note', 'create_task'] as const;
export type MemberBulkAction = (typeof MEMBER_BULK_ACTIONS)[number];

export const WORKPLACE_BULK_ACTIONS = ['set_owner', 'create_task'] as const;
export type WorkplaceBulkAction = (typeof WORKPLACE_BULK_ACTIONS)[number];

export const TASK_BULK_ACTIONS = ['complete', 'reopen', 'reassign', 'set_due'] as const;
export type TaskBulkAction = (typeof TASK_BULK_ACTIONS)[number];

/** An Idempotency-Key header: what a client may retry a bulk request under (24 hours). */
export const idempotencyKeySchema = text()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(200, { message: 'must be at most 200 characters' })
  .optional();

const bulkTaskFields = z.strictObject({
  title: requiredText(200),
  body: optionalText(10000),
  dueOn: optionalDate,
  assigneeId: uuid.nullable().optional().meta({
    description:
      'The assignee of every task (担当者); absent: you if your role assigns only itself (executive, rep), otherwise unassigned.',
  }),
});

/** Which fields each action takes (beside `action`, `memberIds`, `filter`); the first ones are required. */
const MEMBER_ACTION_FIELDS: Record<MemberBulkAction, { required: string[]; optional: string[] }> = {
  set_owner: { required: ['ownerId'], optional: [] },
  set_engagement: { required: ['engagement', 'engagementReason'], optional: [] },
  add_note: { required: ['note'], optional: [] },
  create_task: { required: ['task'], optional: [] },
};
const MEMBER_FIELDS = ['ownerId', 'engagement', 'engagementReason', 'note', 'task'];

const WORKPLACE_ACTION_FIELDS: Record<WorkplaceBulkAction, { required: string[]; optional: string[] }> = {
  set_owner: { required: ['ownerId'], optional: [] },
  create_task: { required: ['task'], optional: [] },
};
const WORKPLACE_FIELDS = ['ownerId', 'task'];

const TASK_ACTION_FIELDS: Record<TaskBulkAction, { required: string[]; optional: string[] }> = {
  complete: { required: [], optional: [] },
  reopen: { required: [], optional: [] },
  reassign: { required: ['assigneeId'], optional: [] },
  set_due: { required: ['dueOn'], optional: [] },
};
const TASK_FIELDS = ['assigneeId', 'dueOn'];

function actionFieldIssues(
  value: Record<string, unknown>,
  spec: { required: string[]; optional: string[] } | undefined,
  all: string[],
  ids: string,
  ctx: z.core.$RefinementCtx,
) {
  if ((value[ids] === undefined) === (value.filter === undefined)) {
    ctx.addIssue({ code: 'custom', path: [ids], message: 'send either ids or filter' });
  }
  if (!spec) return;
  for (const field of spec.required) {
    if (value[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for action ${value.action}` });
    }
  }
  for (const field of all) {
    if (value[field] !== undefined && !spec.required.includes(field) && !spec.optional.includes(field)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is not used by action ${value.action}` });
    }
  }
}

export const memberBulkSchema = z
  .strictObject({
    action: enumOf(MEMBER_BULK_ACTIONS).meta({
      description:
        '`set_owner` (担当者; needs records.write), `set_engagement` (関与度 with one reason; engagement.change), `add_note` (a note on each; notes.create), `create_task` (a task about each, by the rules of POST /tasks).',
    }),
    memberIds: z
      .array(uuid)
      .min(1, { message: 'must name at least one member' })
      .max(BULK_MAX_IDS, { message: `must name at most ${BULK_MAX_IDS} members (use filter)` })
      .optional()
      .meta({ description: 'The members, by id; ids unknown or outside your scope are skipped.' }),
    filter: bulkMemberFilterSchema.optional().meta({
      description: "Every member the member list's filters match within your scope ({} : all of them).",
    }),
    ownerId: uuid.nullable().optional().meta({ description: 'set_owner: the new 担当者 (null clears it).' }),
    engagement: enumOf(ENGAGEMENTS).optional().meta({ description: 'set_engagement: the new engagement.' }),
    engagementReason: requiredText(1000)
      .optional()
      .meta({ description: 'set_engagement: the one reason, kept in each member’s history.' }),
    note: createNoteSchema.optional().meta({ description: 'add_note: the note added to each member.' }),
    task: bulkTaskFields.optional().meta({ description: 'create_task: the task created about each member.' }),
  })
  .superRefine((v, ctx) =>
    actionFieldIssues(v, MEMBER_ACTION_FIELDS[v.action], MEMBER_FIELDS, 'memberIds', ctx),
  );
// No component id: a request body is written in place (server/openapi.ts completeDocument).
export type MemberBulkInput = z.infer<typeof memberBulkSchema>;

/** The task list's filters, as a JSON object: the tasks they match (that you may see) are the selection. */
export const bulkTaskFilterSchema = z
  .strictObject(
    listTasksQuery.pick({
      q: true,
      status: true,
      assignee: true,
      subjectType: true,
      subjectId: true,
      ruleId: true,
      dueBefore: true,
    }).shape,
  )
  .meta({ id: 'TaskFilter' });
export type BulkTaskFilter = z.infer<typeof bulkTaskFilterSchema>;

export const taskBulkSchema = z
  .strictObject({
    action: enumOf(TASK_BULK_ACTIONS).meta({
      description:
        '`complete` (open → done, completedAt set), `reopen` (done → open: the undo of complete), `reassign` (open tasks to `assigneeId`), `set_due` (open tasks to `dueOn`).',
    }),
    taskIds: z
      .array(uuid)
      .min(1, { message: 'must name at least one task' })
      .max(BULK_MAX_IDS, { message: `must name at most ${BULK_MAX_IDS} tasks (use filter)` })
      .optional()
      .meta({ description: 'The tasks, by id; ids unknown or not visible to you are skipped.' }),
    filter: bulkTaskFilterSchema.optional().meta({
      description: "Every task the task list's filters match among those you may see.",
    }),
    assigneeId: uuid
      .nullable()
      .optional()
      .meta({ description: 'reassign: the new assignee (null: unassigned).' }),
    dueOn: optionalDate.meta({ description: 'set_due: the new due date (null clears it).' }),
  })
  .superRefine((v, ctx) => actionFieldIssues(v, TASK_ACTION_FIELDS[v.action], TASK_FIELDS, 'taskIds', ctx));
export type TaskBulkInput = z.infer<typeof taskBulkSchema>;

/**
 * The workplace list's filters (GET /workplaces without paging and sort), as a JSON object:
 * the workplaces they match within your scope are the selection. Custom fields filter as on
 * the list, `"cf.<key>": value`; any other key is refused.
 */
const workplaceListFilters = listWorkplacesQuery.pick({
  q: true,
  atmosphere: true,
  ownerId: true,
  establishment: true,
}).shape;

export const bulkWorkplaceFilterSchema = listFilterSchema(workplaceListFilters, 'workplace').meta({
  id: 'WorkplaceFilter',
  description:
    'The workplace list’s filters (GET /workplaces without paging and sort); custom fields as `"cf.<key>": value` (an array for several values of a 複数選択 field), as `cf.<key>=value` on the list.',
});
/** The filter as a client writes it: the list's params, and `cf.<key>` custom field filters. */
export type BulkWorkplaceFilter = {
  [K in keyof typeof workplaceListFilters]?: z.infer<(typeof workplaceListFilters)[K]> | undefined;
} & { [cf: `cf.${string}`]: string | string[] };

export const workplaceBulkSchema = z
  .strictObject({
    action: enumOf(WORKPLACE_BULK_ACTIONS).meta({
      description:
        '`set_owner` (担当者; needs records.write, as PATCH /workplaces/{id}), `create_task` (a task about each workplace, by the rules of POST /tasks).',
    }),
    workplaceIds: z
      .array(uuid)
      .min(1, { message: 'must name at least one workplace' })
      .max(BULK_MAX_IDS, { message: `must name at most ${BULK_MAX_IDS} workplaces (use filter)` })
      .optional()
      .meta({
        description: 'The workplaces, by id; ids unknown or outside your scope are skipped and counted.',
      }),
    filter: bulkWorkplaceFilterSchema.optional().meta({
      description: "Every workplace the workplace list's filters match within your scope ({} : all of them).",
    }),
    ownerId: uuid.nullable().optional().meta({ description: 'set_owner: the new 担当者 (null clears it).' }),
    task: bulkTaskFields
      .optional()
      .meta({ description: 'create_task: the task created about each workplace.' }),
  })
  .superRefine((v, ctx) =>
    actionFieldIssues(v, WORKPLACE_ACTION_FIELDS[v.action], WORKPLACE_FIELDS, 'workplaceIds', ctx),
  );
export type WorkplaceBulkInput = z.infer<typeof workplaceBulkSchema>;

const counts = {
  changed: z.number().int().meta({ description: 'Records changed (or created for) by this request.' }),
  skipped: z.number().int().meta({
    description:
      'Records selected within your scope but left alone: already so, or outside the new owner’s or assignee’s reach.',
  }),
  replayed: z
    .boolean()
    .meta({ description: 'true when the Idempotency-Key was seen before: nothing was written this time.' }),
};

export const memberBulkResultSchema = z.object(counts).meta({ id: 'MemberBulkResult' });
export type MemberBulkResult = z.infer<typeof memberBulkResultSchema>;

export const workplaceBulkResultSchema = z
  .object({
    ...counts,
    skipped: z.number().int().meta({
      description:
        'Workplaces selected but left alone: already so, outside the new owner’s or assignee’s reach, or (by ids) unknown or outside your scope — never said which.',
    }),
  })
  .meta({ id: 'WorkplaceBulkResult' });
export type WorkplaceBulkResult = z.infer<typeof workplaceBulkResultSchema>;

export const taskBulkResultSchema = z
  .object({
    ...counts,
    taskIds: z.array(z.uuid()).meta({
      description:
        'The tasks changed (complete: send them back with `reopen` to undo exactly those). Empty on a replay.',
    }),
  })
  .meta({ id: 'TaskBulkResult' });
export type TaskBulkResult = z.infer<typeof taskBulkResultSchema>;
