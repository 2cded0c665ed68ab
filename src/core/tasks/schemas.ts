import { z } from 'zod';
import { dateOut, recordOutput, timestampOut } from '../common/output';
import {
  enumOf,
  optionalDate,
  optionalId,
  optionalText,
  pagingQuery,
  plainDate,
  requiredText,
  text,
  uuid,
  versionField,
} from '../common/schemas';
import { TASK_STATUSES, TASK_SUBJECT_TYPES } from '../enums';

const taskFields = {
  title: requiredText(200),
  body: optionalText(10000),
  dueOn: optionalDate,
  status: enumOf(TASK_STATUSES),
  assigneeId: optionalId.meta({ description: 'A staff user id (担当者); null leaves the task unassigned.' }),
  subjectType: enumOf(TASK_SUBJECT_TYPES)
    .nullable()
    .optional()
    .meta({ description: 'What the task is about; give subjectId with it, or neither.' }),
  subjectId: optionalId.meta({ description: 'The member, workplace or demand id named by subjectType.' }),
};

// ruleId and completedAt are not inputs: the workflow engine sets the first,
// the status change the second, so a strict object rejects them.
export const createTaskSchema = z
  .strictObject({ ...taskFields, status: taskFields.status.default('open') })
  .meta({ id: 'TaskCreate' });
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    ...taskFields,
    title: taskFields.title.optional(),
    status: taskFields.status.optional(),
    version: versionField,
  })
  .meta({ id: 'TaskUpdate' });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

/** subjectType and subjectId name one record together: both or neither. */
export function taskSubjectErrors(t: {
  subjectType: string | null;
  subjectId: string | null;
}): Record<string, string> {
  if (t.subjectType && !t.subjectId) return { subjectId: 'is required when subjectType is set' };
  if (!t.subjectType && t.subjectId) return { subjectType: 'is required when subjectId is set' };
  return {};
}

/**
 * completedAt follows status: stamped when a task becomes done, cleared when
 * it is reopened, untouched otherwise (undefined = leave the column alone).
 */
export function completedAtFor(from: string | null, to: string, now: Date): Date | null | undefined {
  if (from === to) return undefined;
  return to === 'done' ? now : null;
}

export const TASK_SORTS = ['dueOn', '-dueOn', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const listTasksQuery = pagingQuery.extend({
  q: text().trim().max(100, { message: 'must be at most 100 characters' }).optional(),
  status: enumOf(TASK_STATUSES).optional(),
  assignee: z
    .union([z.enum(['me', 'none']), uuid], { message: 'must be a user id, me or none' })
    .optional()
    .meta({ description: 'A user id, `me` (the signed-in user: the inbox) or `none` (unassigned).' }),
  subjectType: enumOf(TASK_SUBJECT_TYPES).optional(),
  subjectId: uuid.optional(),
  ruleId: text().trim().min(1).max(100, { message: 'must be at most 100 characters' }).optional(),
  dueBefore: plainDate.optional().meta({ description: 'Tasks due on or before this date.' }),
  // Due first, undated last: what needs doing soonest leads the inbox.
  sort: enumOf(TASK_SORTS).default('dueOn'),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

// Responses

export const taskSchema = z
  .object({
    ...recordOutput,
    title: z.string(),
    body: z.string().nullable(),
    dueOn: dateOut.nullable(),
    status: z.enum(TASK_STATUSES),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    subjectType: z.enum(TASK_SUBJECT_TYPES).nullable(),
    subjectId: z.uuid().nullable(),
    subjectName: z
      .string()
      .nullable()
      .meta({ description: "The member's name, workplace's name or demand's title." }),
    ruleId: z
      .string()
      .nullable()
      .meta({ description: 'The workflow rule that made the task; null for manual ones.' }),
    completedAt: timestampOut.nullable(),
    createdBy: z.uuid().nullable(),
  })
  .meta({ id: 'Task' });
