import { createRoute, z } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import {
  caseSchema,
  createCaseSchema,
  createNoteSchema,
  engagementChangeSchema,
  noteSchema,
  timelineItemSchema,
  updateCaseSchema,
  updateNoteSchema,
} from '../../core/members/schemas';
import { createCase } from '../../services/members/create-case';
import { createNote } from '../../services/members/create-note';
import { deleteNote } from '../../services/members/delete-note';
import { getMemberTimeline } from '../../services/members/get-member-timeline';
import { listCases } from '../../services/members/list-cases';
import { listEngagementHistory } from '../../services/members/list-engagement-history';
import { listNotes } from '../../services/members/list-notes';
import { updateCase } from '../../services/members/update-case';
import { updateNote } from '../../services/members/update-note';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import {
  createRouter,
  idParams,
  jsonBody,
  jsonResponse,
  listOf,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Members 組合員'];
const noteParams = idParams.extend({ noteId: z.uuid().meta({ param: { name: 'noteId', in: 'path' } }) });
const caseParams = idParams.extend({ caseId: z.uuid().meta({ param: { name: 'caseId', in: 'path' } }) });

/** Notes 相談・連絡履歴, cases フォロー中の案件 and engagement history of one member. */
export function memberRecordRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/notes',
        operationId: 'listMemberNotes',
        tags,
        summary: 'Consultation and contact notes (相談・連絡履歴), newest first',
        description: "404 for a member outside the caller's scope.",
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(noteSchema, 'MemberNoteList'), 'A page of notes'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(await listNotes(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/{id}/notes',
        operationId: 'createMemberNote',
        tags,
        summary: 'Record a consultation or contact; the author is the signed-in user',
        description: 'Admins, officers and reps (a member of their workplaces); executives get 403.',
        request: { params: idParams, body: jsonBody(createNoteSchema) },
        responses: { 201: jsonResponse(noteSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await createNote(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/members/{id}/notes/{noteId}',
        operationId: 'updateMemberNote',
        tags,
        summary: 'Correct a note, or move it to another member (send the `version` you read)',
        description:
          "Admins and officers any note; a rep only a note they wrote, on a member of their workplaces (403 for another's note); executives 403. `memberId` moves the note to that member (one put on the wrong member): the caller must reach both members, 404 otherwise and nothing is written. The audit log keeps the old text and member; the timeline marks the note `edited`.",
        request: { params: noteParams, body: jsonBody(updateNoteSchema) },
        responses: { 200: jsonResponse(noteSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => {
        const { id, noteId } = c.req.valid('param');
        return c.json(
          present(await updateNote(serviceContext(c, deps), id, noteId, c.req.valid('json'))),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/members/{id}/notes/{noteId}',
        operationId: 'deleteMemberNote',
        tags,
        summary: 'Delete a note entered by mistake',
        description:
          "Admins and officers any note; a rep only a note they wrote, on a member of their workplaces (403 for another's note); executives 403. The audit log keeps the deleted text.",
        request: { params: noteParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        const { id, noteId } = c.req.valid('param');
        await deleteNote(serviceContext(c, deps), id, noteId, c.req.valid('query').version);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/cases',
        operationId: 'listMemberCases',
        tags,
        summary: 'Follow-up cases (フォロー中の案件): open ones first, earliest due first',
        description:
          'Sensitive cases only for admins and officers (items and `total`); each sensitive case returned is recorded in the audit log (`read_sensitive`).',
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(caseSchema, 'MemberCaseList'), 'A page of cases'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(await listCases(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/{id}/cases',
        operationId: 'createMemberCase',
        tags,
        summary: 'Open a case (mark `sensitive` for e.g. harassment consultations)',
        description: 'Admins and officers (`records.write`).',
        request: { params: idParams, body: jsonBody(createCaseSchema) },
        responses: { 201: jsonResponse(caseSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await createCase(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/members/{id}/cases/{caseId}',
        operationId: 'updateMemberCase',
        tags,
        summary: 'Change, close or reopen a case (send the `version` you read)',
        description:
          'Admins and officers (`records.write`); a case the caller may not see answers 404. Closing: `{ status: "closed", outcome, version }` — `outcome` (対応結果) is required (400 naming it otherwise; nothing is written); the case records `closedBy`, `closedAt`, `closedOn` (today unless given), and its open case_due_follow_up tasks are completed. Reopening: `{ status: "open", reopenReason, version }` — the reason is required; closedOn/closedAt/closedBy/outcome are cleared. Each closing and reopening is kept in the case’s story (the timeline’s case_closed / case_reopened, who and why). Closing a closed case, or an outcome/reason without that change, is a 400.',
        request: { params: caseParams, body: jsonBody(updateCaseSchema) },
        responses: { 200: jsonResponse(caseSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => {
        const { id, caseId } = c.req.valid('param');
        return c.json(
          present(await updateCase(serviceContext(c, deps), id, caseId, c.req.valid('json'))),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/engagement-history',
        operationId: 'listMemberEngagementHistory',
        tags,
        summary: 'Every engagement change, the initial value first (never edited)',
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(engagementChangeSchema, 'EngagementHistory'), 'A page of changes'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listEngagementHistory(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('query'),
            ),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/timeline',
        operationId: 'getMemberTimeline',
        tags,
        summary: "The member's story in one stream: notes, engagement changes, cases, tasks (newest first)",
        description:
          "Sensitive case events only for admins and officers (each sensitive case shown is recorded in the audit log); task events under the task visibility rule (admin all, officer own and unassigned, others own). `actorName`: a note's author, who changed the engagement, opened, closed or reopened a case (its recorded story; `body` is the outcome of a closing, the reason of a reopening), completed a task (from the audit log), a created task's assignee. Notes carry `version`, `edited` and `canEdit`.",
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(timelineItemSchema, 'MemberTimeline'), 'A page of events'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await getMemberTimeline(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
          ),
          200,
        ),
    );
}
