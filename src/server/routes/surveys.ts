import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  applyResultOutput,
  createInvitationsSchema,
  createSurveySchema,
  invitationOutput,
  invitationsCreatedOutput,
  surveyAnswerSchema,
  surveyOutput,
  surveyProgressOutput,
  updateSurveySchema,
} from '../../core/surveys/schemas';
import {
  answerSavedOutput,
  invitationsCsvQuery,
  listInvitationsQuery,
  listSurveysQuery,
  nonrespondentOutput,
  nonrespondentsQuery,
  paperAnswerOutput,
  surveySupportOutput,
} from '../../core/surveys/staff-schemas';
import { applySurvey } from '../../services/surveys/apply-survey';
import { createSurvey } from '../../services/surveys/create-survey';
import { deleteSurvey } from '../../services/surveys/delete-survey';
import { demandSurveySupport } from '../../services/surveys/demand-survey-support';
import { exportInvitations } from '../../services/surveys/export-invitations';
import { getPaperAnswer } from '../../services/surveys/get-paper-answer';
import { getSurvey } from '../../services/surveys/get-survey';
import { inviteMembers } from '../../services/surveys/invite-members';
import { listInvitations } from '../../services/surveys/list-invitations';
import { listNonrespondents } from '../../services/surveys/list-nonrespondents';
import { listSurveys } from '../../services/surveys/list-surveys';
import { reissueSurveyInvitation } from '../../services/surveys/reissue-invitation';
import { revokeSurveyInvitation } from '../../services/surveys/revoke-invitation';
import { savePaperAnswer } from '../../services/surveys/save-paper-answer';
import type { SurveyKeys } from '../../services/surveys/shared';
import { surveyProgress } from '../../services/surveys/survey-progress';
import { updateSurvey } from '../../services/surveys/update-survey';
import { serviceContext } from '../context';
import type { AppDeps, AppEnv } from '../env';
import { fileDownload } from '../file-download';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  listOf,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Surveys 要求アンケート'];
const memberParams = idParams.extend({
  memberId: z.uuid().meta({ param: { name: 'memberId', in: 'path' } }),
});
const invitationParams = idParams.extend({
  invitationId: z.uuid().meta({ param: { name: 'invitationId', in: 'path' } }),
});

/** What links are made of: the server secret and KUMIAI_PUBLIC_URL, else the request's origin. */
export function surveyKeys(c: Context<AppEnv>, deps: AppDeps & { secret: Buffer }): SurveyKeys {
  return { secret: deps.secret, linkBase: deps.publicUrl ?? new URL(c.req.url).origin };
}

const tracking =
  'Admins, officers (every member) and reps (the members of their workplaces) — `surveys.track`; executives get 403.';

/** The staff routes of the demand survey (issue 15 §3); results are in survey-results.ts. */
export function surveyRoutes(deps: AppDeps & { secret: Buffer }) {
  return (
    createRouter()
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys',
          operationId: 'listSurveys',
          tags,
          summary: 'List surveys, latest closing day first',
          description:
            'Every role. `invited` and `answered` count the members within your scope (a rep: their workplaces). ' +
            '`status` is computed: open through `closesOn` (organization time zone) unless closed early.',
          request: { query: listSurveysQuery },
          responses: {
            200: jsonResponse(listOf(surveyOutput, 'SurveyList'), 'A page of surveys'),
            ...errorResponses,
          },
        }),
        async (c) => c.json(present(await listSurveys(serviceContext(c, deps), c.req.valid('query'))), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/surveys',
          operationId: 'createSurvey',
          tags,
          summary: 'Create a survey: the demands to choose from, free text, optional questions, closing day',
          description:
            'Admins and officers (`surveys.write`). Without `seasonId` the survey joins the current season. ' +
            'Questions get ids (q1, q2…) when they have none; answers are keyed by them.',
          middleware: [requirePermission('surveys.write')] as const,
          request: { body: jsonBody(createSurveySchema) },
          responses: { 201: jsonResponse(surveyOutput, 'Created'), ...writeErrorResponses },
        }),
        async (c) => c.json(present(await createSurvey(serviceContext(c, deps), c.req.valid('json'))), 201),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}',
          operationId: 'getSurvey',
          tags,
          summary: 'One survey',
          request: { params: idParams },
          responses: { 200: jsonResponse(surveyOutput, 'The survey'), ...writeErrorResponses },
        }),
        async (c) => c.json(present(await getSurvey(serviceContext(c, deps), c.req.valid('param').id)), 200),
      )
      .openapi(
        createRoute({
          method: 'patch',
          path: '/surveys/{id}',
          operationId: 'updateSurvey',
          tags,
          summary: 'Change, close (`closed: true`) or reopen a survey (send the `version` you read)',
          description:
            'Title, season and closing day can always change. Demands, questions, rankTop, free text and anonymity ' +
            'only while nobody has answered (`editable`): 409 otherwise, nothing written.',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: idParams, body: jsonBody(updateSurveySchema) },
          responses: { 200: jsonResponse(surveyOutput, 'Updated'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            present(
              await updateSurvey(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/surveys/{id}',
          operationId: 'deleteSurvey',
          tags,
          summary: 'Delete a survey with its links and answers (links made by applying it stay)',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: idParams, query: versionQuery },
          responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
        }),
        async (c) => {
          await deleteSurvey(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
          return c.body(null, 204);
        },
      )
      // Invitations: personal links
      .openapi(
        createRoute({
          method: 'post',
          path: '/surveys/{id}/invitations',
          operationId: 'inviteSurveyMembers',
          tags,
          summary:
            'Invite members: a personal link for each active member of the workplaces (or all in scope)',
          description:
            'Members already invited keep their link; `invited` counts the new ones. Organizing targets and members ' +
            'who left are not invited. One transaction; one `invite` audit event with the count.',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: idParams, body: jsonBody(createInvitationsSchema) },
          responses: { 200: jsonResponse(invitationsCreatedOutput, 'Invited'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            await inviteMembers(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('json'),
              deps.secret,
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}/invitations',
          operationId: 'listSurveyInvitations',
          tags,
          summary: 'The invitations with their links, by workplace then member kana (for slips)',
          description: tracking,
          middleware: [requirePermission('surveys.track')] as const,
          request: { params: idParams, query: listInvitationsQuery },
          responses: {
            200: jsonResponse(listOf(invitationOutput, 'SurveyInvitationList'), 'A page of invitations'),
            ...writeErrorResponses,
          },
        }),
        async (c) => {
          c.header('cache-control', 'no-store');
          return c.json(
            await listInvitations(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('query'),
              surveyKeys(c, deps),
            ),
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}/invitations.csv',
          operationId: 'exportSurveyInvitationsCsv',
          tags,
          summary: 'The live links as CSV for mail merge: 氏名, 社員番号, 職場, リンク',
          description: `${tracking} UTF-8 with a byte order mark, CRLF, formula-guarded cells; revoked links and members who left are left out. Recorded in the audit log (\`export\`).`,
          middleware: [requirePermission('surveys.track')] as const,
          request: { params: idParams, query: invitationsCsvQuery },
          responses: {
            200: {
              description: 'The file, as an attachment',
              content: { 'text/csv; charset=utf-8': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...writeErrorResponses,
          },
        }),
        async (c) => {
          const download = await exportInvitations(
            serviceContext(c, deps),
            c.req.valid('param').id,
            c.req.valid('query'),
            surveyKeys(c, deps),
          );
          return fileDownload(download, deps.log, `GET ${c.req.routePath}`);
        },
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/surveys/{id}/invitations/{invitationId}/revoke',
          operationId: 'revokeSurveyInvitation',
          tags,
          summary: 'Revoke a personal link (it answers 404 from now on; an answer given stays)',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: invitationParams },
          responses: { 200: jsonResponse(invitationOutput, 'Revoked'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, invitationId } = c.req.valid('param');
          return c.json(
            await revokeSurveyInvitation(serviceContext(c, deps), id, invitationId, surveyKeys(c, deps)),
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/surveys/{id}/invitations/{invitationId}/reissue',
          operationId: 'reissueSurveyInvitation',
          tags,
          summary: 'Give a member a new link (the old one stops working; the answer stays with the member)',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: invitationParams },
          responses: { 200: jsonResponse(invitationOutput, 'Re-issued'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, invitationId } = c.req.valid('param');
          return c.json(
            await reissueSurveyInvitation(serviceContext(c, deps), id, invitationId, surveyKeys(c, deps)),
            200,
          );
        },
      )
      // Response tracking
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}/progress',
          operationId: 'getSurveyProgress',
          tags,
          summary: 'The response rate per workplace, live (within your scope)',
          description: 'Every role; a rep sees the workplaces of their scope only. Counts, never answers.',
          request: { params: idParams },
          responses: { 200: jsonResponse(surveyProgressOutput, 'Progress'), ...writeErrorResponses },
        }),
        async (c) => c.json(await surveyProgress(serviceContext(c, deps), c.req.valid('param').id), 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}/nonrespondents',
          operationId: 'listSurveyNonrespondents',
          tags,
          summary: 'Invited members who have not answered yet, by workplace then kana (to ask in person)',
          description: `${tracking} Never what anyone answered.`,
          middleware: [requirePermission('surveys.track')] as const,
          request: { params: idParams, query: nonrespondentsQuery },
          responses: {
            200: jsonResponse(listOf(nonrespondentOutput, 'SurveyNonrespondentList'), 'A page of members'),
            ...writeErrorResponses,
          },
        }),
        async (c) =>
          c.json(
            await listNonrespondents(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
            200,
          ),
      )
      // Paper answers
      .openapi(
        createRoute({
          method: 'get',
          path: '/surveys/{id}/members/{memberId}/answer',
          operationId: 'getSurveyMemberAnswer',
          tags,
          summary: "A member's answer to an identified survey (403 for an anonymous one)",
          description: tracking,
          middleware: [requirePermission('surveys.track')] as const,
          request: { params: memberParams },
          responses: { 200: jsonResponse(paperAnswerOutput, 'The answer'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, memberId } = c.req.valid('param');
          return c.json(await getPaperAnswer(serviceContext(c, deps), id, memberId), 200);
        },
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/surveys/{id}/members/{memberId}/answer',
          operationId: 'putSurveyMemberAnswer',
          tags,
          summary: "Enter a member's paper answer (replaces their earlier answer; invites them if needed)",
          description:
            `${tracking} 409 \`survey_closed\` once the survey is closed. In an anonymous survey the answer is kept ` +
            'like a web one, with nothing that ties it to the member; the audit log says only that a paper answer was entered.',
          middleware: [requirePermission('surveys.track')] as const,
          // Its own component name: a request body used by two operations would stay a shared component.
          request: {
            params: memberParams,
            body: jsonBody(surveyAnswerSchema.meta({ id: 'SurveyPaperAnswerInput' })),
          },
          responses: { 200: jsonResponse(answerSavedOutput, 'Saved'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, memberId } = c.req.valid('param');
          return c.json(
            await savePaperAnswer(serviceContext(c, deps), id, memberId, c.req.valid('json'), deps.secret),
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/surveys/{id}/apply',
          operationId: 'applySurvey',
          tags,
          summary: 'Link each respondent to the demands they chose (identified surveys; idempotent)',
          description:
            'Source `survey`; links that exist are kept, so `linked` is 0 on a repeat. 409 for an anonymous survey. ' +
            'One transaction; one `apply_survey` audit event.',
          middleware: [requirePermission('surveys.write')] as const,
          request: { params: idParams },
          responses: { 200: jsonResponse(applyResultOutput, 'Applied'), ...writeErrorResponses },
        }),
        async (c) => c.json(await applySurvey(serviceContext(c, deps), c.req.valid('param').id), 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands/{id}/survey-support',
          operationId: 'getDemandSurveySupport',
          tags,
          summary:
            "A demand's survey support: each survey offering it, its respondents and how many chose it",
          description: 'Admins, officers and executives (`surveys.read`): whole-union totals.',
          middleware: [requirePermission('surveys.read')] as const,
          request: { params: idParams },
          responses: { 200: jsonResponse(surveySupportOutput, 'Survey support'), ...writeErrorResponses },
        }),
        async (c) => c.json(await demandSurveySupport(serviceContext(c, deps), c.req.valid('param').id), 200),
      )
  );
}
