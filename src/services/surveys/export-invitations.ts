import type { Readable } from 'node:stream';
import { notFound } from '../../core/errors';
import { guardCell } from '../../core/import/formula';
import { findInvitationsByIds, findLiveInvitationIds, findSurveyRecord } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { EXPORT_CONTENT_TYPES } from '../export/export-records';
import { finishExport } from '../export/finish-export';
import { csvWriter, ExportAborted } from '../export/writers';
import { type SurveyKeys, todayOf } from './shared';
import { linkOf } from './tokens';

export const INVITATIONS_CSV_HEADERS = ['氏名', '社員番号', '職場', 'リンク'];
const BATCH = 2_000;

/**
 * The live links of a survey (not revoked, member still invitable) as CSV for mail merge:
 * 氏名, 社員番号, 職場, リンク, in slip order, within the scope (`workplaceId` narrows it).
 * As the exports: UTF-8 with BOM, CRLF, formula-guarded cells, streamed in batches; one
 * `export` audit event with the row count. Needs `surveys.track`.
 */
export async function exportInvitations(
  ctx: ServiceContext,
  surveyId: string,
  query: { workplaceId?: string | undefined },
  keys: SurveyKeys,
) {
  requirePermission(ctx, 'surveys.track');
  if (!(await findSurveyRecord(ctx.db, surveyId))) throw notFound('Survey');
  const ids = await findLiveInvitationIds(ctx.db, surveyId, scopeOf(ctx), { workplaceId: query.workplaceId });
  const day = await todayOf(ctx.db, ctx.now);
  const writer = csvWriter(INVITATIONS_CSV_HEADERS);
  const finished = finishExport(
    ctx,
    writer,
    {
      tableName: 'surveys',
      recordId: surveyId,
      details: {
        kind: 'survey_invitations',
        format: 'csv',
        ...(query.workplaceId ? { filter: { workplaceId: query.workplaceId } } : {}),
      },
    },
    async (progress) => {
      for (let start = 0; start < ids.length; start += BATCH) {
        const batch = ids.slice(start, start + BATCH);
        const byId = new Map((await findInvitationsByIds(ctx.db, batch)).map((r) => [r.id, r]));
        for (const id of batch) {
          const row = byId.get(id);
          if (!row || row.revoked || !row.active) continue;
          await writer.write([
            guardCell(row.memberName),
            guardCell(row.employeeNumber ?? ''),
            guardCell(row.workplaceName ?? ''),
            linkOf(keys.linkBase, keys.secret, row.nonce),
          ]);
          progress.written += 1;
        }
      }
    },
  );
  return {
    fileNames: { ascii: `survey-links-${day}.csv`, display: `アンケートリンク-${day}.csv` },
    contentType: EXPORT_CONTENT_TYPES.csv,
    body: writer.output as Readable,
    finished,
  };
}

export { ExportAborted };
