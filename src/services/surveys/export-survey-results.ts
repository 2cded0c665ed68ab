import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { todayIn } from '../../core/common/dates';
import { type Cell, type ExportFormat, type ExportLang, formatCell } from '../../core/export/columns';
import { type SurveyResultsSheet, surveyResultsSheets } from '../../core/surveys/results-export';
import { findSettings } from '../../db/queries/settings';
import type { ServiceContext } from '../context';
import { EXPORT_CONTENT_TYPES } from '../export/export-records';
import { finishExport } from '../export/finish-export';
import { csvWriter, ExportAborted, type RowWriter, reportedElsewhere, writable } from '../export/writers';
import { getSurveyResults } from './get-survey-results';

export type SurveyResultsDownload = {
  fileNames: { ascii: string; display: string };
  contentType: string;
  body: Readable;
  /** The rows written, once the file is complete and audited; rejects if it was cut short. */
  finished: Promise<number>;
};

/**
 * A survey's results as CSV or XLSX (GET /api/surveys/:id/results.{csv|xlsx}): the ranking,
 * each breakdown and the questions, with exactly the figures of GET …/results (the same
 * small-cell rule: a hidden cell is written 「－」, which a note above each table explains).
 * CSV: one file, the tables one after another (a title line, the header, the rows, a blank
 * line), UTF-8 with BOM, text guarded against formulas. XLSX: one sheet per table, through
 * exceljs's streaming writer. Audited as an `export` of the survey (format and row count).
 */
export async function exportSurveyResults(
  ctx: ServiceContext,
  surveyId: string,
  format: ExportFormat,
  lang: ExportLang,
): Promise<SurveyResultsDownload> {
  const results = await getSurveyResults(ctx, surveyId); // surveys.read, 404
  const settings = await findSettings(ctx.db);
  const sheets = surveyResultsSheets(results, lang);
  const writer = format === 'csv' ? csvSheetsWriter(sheets) : xlsxSheetsWriter(sheets);

  const finished = finishExport(
    ctx,
    writer,
    { tableName: 'surveys', recordId: surveyId, details: { kind: 'survey_results', format, lang } },
    async (progress) => {
      progress.written = await writer.run();
    },
  );

  const day = todayIn(settings.timezone, ctx.now);
  const ascii = `survey-results-${day}.${format}`;
  return {
    fileNames: { ascii, display: lang === 'ja' ? `アンケート結果-${day}.${format}` : ascii },
    contentType: EXPORT_CONTENT_TYPES[format],
    body: writer.output,
    finished,
  };
}

type SheetsWriter = { output: Readable; run(): Promise<number>; end(): Promise<void>; abort(e: Error): void };

const cellOf = (value: string | number | null, format: ExportFormat, rate: boolean): Cell =>
  typeof value === 'number'
    ? formatCell(rate ? 'rate' : 'integer', value, { lang: 'ja', timeZone: 'UTC', format })
    : formatCell('text', value, { lang: 'ja', timeZone: 'UTC', format });

function csvSheetsWriter(sheets: readonly SurveyResultsSheet[]): SheetsWriter {
  const first = sheets[0] as SurveyResultsSheet;
  const writer: RowWriter = csvWriter([cellOf(first.title, 'csv', false) as string]);
  return {
    output: writer.output,
    async run() {
      let rows = 0;
      for (const [i, sheet] of sheets.entries()) {
        if (i > 0) {
          await writer.write([]);
          await writer.write([cellOf(sheet.title, 'csv', false)]);
        }
        for (const note of sheet.notes) await writer.write([cellOf(note, 'csv', false)]);
        await writer.write(sheet.headers.map((h) => cellOf(h, 'csv', false)));
        for (const row of sheet.rows) {
          await writer.write(row.map((v, c) => cellOf(v, 'csv', sheet.rateColumns.includes(c))));
          rows += 1;
        }
      }
      return rows;
    },
    end: () => writer.end(),
    abort: (error) => writer.abort(error),
  };
}

function xlsxSheetsWriter(sheets: readonly SurveyResultsSheet[]): SheetsWriter {
  const output = new PassThrough();
  reportedElsewhere(output); // reported through `finished`
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kumiai';
  return {
    output,
    async run() {
      let rows = 0;
      for (const sheet of sheets) {
        const headerRow = sheet.notes.length + 2; // title, notes, then the header
        const ws = workbook.addWorksheet(sheet.sheetName, {
          views: [{ state: 'frozen', ySplit: headerRow }],
        });
        ws.columns = sheet.headers.map((_, c) => ({
          width: c === 0 ? 28 : 12,
          style: sheet.rateColumns.includes(c) ? { numFmt: '0.0%' } : {},
        }));
        const title = ws.addRow([cellOf(sheet.title, 'xlsx', false)]);
        title.font = { bold: true };
        title.commit();
        for (const note of sheet.notes) ws.addRow([cellOf(note, 'xlsx', false)]).commit();
        const header = ws.addRow(sheet.headers.map((h) => cellOf(h, 'xlsx', false)));
        header.font = { bold: true };
        header.commit();
        for (const row of sheet.rows) {
          await writable(output);
          ws.addRow(row.map((v, c) => cellOf(v, 'xlsx', sheet.rateColumns.includes(c)))).commit();
          rows += 1;
        }
        ws.commit();
      }
      return rows;
    },
    async end() {
      if (output.destroyed) throw new ExportAborted();
      await workbook.commit();
    },
    abort: (error) => output.destroy(error),
  };
}
