import { createRoute, z } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import { EXPORT_LANGS } from '../../core/export/columns';
import { surveyFreeTextOutput, surveyResultsOutput } from '../../core/surveys/schemas';
import { EXPORT_CONTENT_TYPES } from '../../services/export/export-records';
import { exportSurveyResults } from '../../services/surveys/export-survey-results';
import { getSurveyResults } from '../../services/surveys/get-survey-results';
import { listSurveyFreeText } from '../../services/surveys/list-survey-free-text';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { fileDownload } from '../file-download';
import { requirePermission } from '../middleware/auth';
import { createRouter, errorResponses, idParams, jsonResponse } from '../openapi';
import { present } from '../present';

const tags = ['Surveys 要求アンケート'];

const notFound = {
  404: {
    description: 'No such survey',
    content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string() }) }) } },
  },
  409: {
    description:
      '`results_withheld`: an anonymous survey shows its figures only once closed (`reason: open`) and ' +
      'with at least `minCell` respondents (`reason: too_few_respondents`)',
    content: {
      'application/json': {
        schema: z.object({
          error: z.object({
            code: z.literal('results_withheld'),
            message: z.string(),
            reason: z.enum(['open', 'too_few_respondents']),
            minCell: z.number().int(),
          }),
        }),
      },
    },
  },
} as const;

const exportQuery = z.object({
  lang: z.enum(EXPORT_LANGS, { message: 'must be ja or en' }).default('ja'),
});

/**
 * A survey's results (issue 15 §3): aggregates for the roles that read surveys, the exports,
 * and the free-text answers (admins and officers). Mounted beside the survey routes.
 */
export function surveyResultRoutes(deps: AppDeps) {
  const log = deps.log ?? ((level, message) => console[level](message));
  const router = createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/surveys/{id}/results',
        operationId: 'getSurveyResults',
        tags,
        summary: 'A survey’s results: respondents, the demand ranking, breakdowns and the questions',
        description:
          'Organization-wide aggregates (admins, officers and executives: `surveys.read`); no figure names a member. ' +
          'Each demand: how many respondents chose it, the share, the place in the ranking (equal figures share a place; a “rank your top n” survey ranks by points: n for a first choice … 1 for the n-th), and, ranked, how often it was chosen first. ' +
          'Breakdowns by workplace, 職種, 等級 and union role use each answer’s snapshot of the member at answer time (`key` null: 未設定). ' +
          'Anonymous surveys: a group with fewer than `minCell` respondents is hidden whole (`hidden`, every value null); in a group shown, a count below `minCell` (but not 0) is null; and where a single hidden value (or hidden values all 0) could be worked out from the survey-wide totals, the smallest other value of that column is hidden too. ' +
          'Questions: each option’s count, a scale’s distribution and mean; text answers are only counted.',
        middleware: [requirePermission('surveys.read')] as const,
        request: { params: idParams },
        responses: {
          200: jsonResponse(surveyResultsOutput, 'The results'),
          ...errorResponses,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(present(await getSurveyResults(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/surveys/{id}/free-text',
        operationId: 'listSurveyFreeText',
        tags,
        summary: 'The free-text answers of a survey (admins and officers)',
        description:
          'Identified surveys: each text with the member who wrote it (members within your scope), by reading. ' +
          'Anonymous surveys: the text alone, in an order unrelated to when or by whom it was written, and nothing else about the answer.',
        middleware: [requirePermission('surveys.write')] as const,
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(surveyFreeTextOutput, 'A page of free-text answers'),
          ...errorResponses,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listSurveyFreeText(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
          ),
          200,
        ),
    );
  for (const format of ['csv', 'xlsx'] as const) {
    router.openapi(
      createRoute({
        method: 'get',
        path: `/surveys/{id}/results.${format}`,
        operationId: format === 'csv' ? 'exportSurveyResultsCsv' : 'exportSurveyResultsXlsx',
        tags,
        summary: `A survey’s results as ${format.toUpperCase()}`,
        description:
          'The ranking, each breakdown and the questions, with exactly the figures of `GET /api/surveys/{id}/results` ' +
          '(in an anonymous survey a hidden value is written 「－」, explained in a note above each table). ' +
          (format === 'csv'
            ? 'CSV: the tables one after another, UTF-8 with a byte order mark, CRLF, text guarded against formulas. '
            : 'XLSX: one sheet per table. ') +
          'Recorded in the audit log as an `export` of the survey.',
        middleware: [requirePermission('surveys.read')] as const,
        request: { params: idParams, query: exportQuery },
        responses: {
          200: {
            description: 'The file, as an attachment',
            content: { [EXPORT_CONTENT_TYPES[format]]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
          ...notFound,
        },
      }),
      async (c) => {
        const download = await exportSurveyResults(
          serviceContext(c, deps),
          c.req.valid('param').id,
          format,
          c.req.valid('query').lang,
        );
        return fileDownload(download, log, `GET ${c.req.routePath}`);
      },
    );
  }
  return router;
}
