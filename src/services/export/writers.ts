import { PassThrough, type Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Cell, CellFormat } from '../../core/export/columns';

/**
 * Where export rows go: `output` is the file's bytes as they are produced. `write`
 * waits while the reader is behind (so a slow download holds back the database
 * reads instead of filling memory) and rejects once the reader has gone away.
 */
export type RowWriter = {
  output: Readable;
  write(row: Cell[]): Promise<void>;
  end(): Promise<void>;
  abort(error: Error): void;
};

/** The reader closed the download before the end (a cancelled or failed request). */
export class ExportAborted extends Error {
  constructor() {
    super('The export was cancelled before it was complete');
    this.name = 'ExportAborted';
  }
}

/**
 * A failed export is reported through the export's `finished` promise; the stream
 * also carries the error to its reader (HTTP response, file pipeline), which listens
 * on its own. This listener only keeps an error raised before a reader is attached
 * from being an uncaught exception.
 */
export function reportedElsewhere(stream: Readable): Readable {
  stream.on('error', () => undefined);
  return stream;
}

/** Resolves once `stream` wants more data; rejects if it is closed or fails first. */
export function writable(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.reject(new ExportAborted());
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = () => {
      stream.off('drain', settle);
      stream.off('close', settle);
      if (stream.destroyed) reject(new ExportAborted());
      else resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
  });
}

/**
 * CSV as Excel opens it (RFC 4180, csv-stringify): UTF-8 with a byte order mark
 * (without it Excel reads Japanese as Shift_JIS), CRLF between records, and a
 * field quoted when it holds a comma, a quote or a line break (CR or LF alone too).
 */
export function csvWriter(headers: string[]): RowWriter {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows', quote_record_delimiter: true });
  stringifier.write(headers);
  return {
    output: reportedElsewhere(stringifier),
    async write(row) {
      await writable(stringifier);
      stringifier.write(row);
    },
    end: () =>
      new Promise((resolve, reject) => {
        if (stringifier.destroyed) return reject(new ExportAborted());
        stringifier.end(() => resolve());
      }),
    abort: (error) => stringifier.destroy(error),
  };
}

export type XlsxColumn = { width: number; format: CellFormat };

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, so the
 * workbook is never held whole. Strings are written inline as text cells (no shared
 * string table, which would keep every distinct value in memory), never as
 * formulas, so they need no formula guard; dates are date cells shown as
 * yyyy-mm-dd (Excel sorts and filters them as dates; the import reads them back as
 * the same day). The header row is bold, frozen and has a filter; rates show as
 * percentages.
 */
export function xlsxWriter(sheetName: string, headers: string[], columns: readonly XlsxColumn[]): RowWriter {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kumiai';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    width: c.width,
    style: c.format === 'rate' ? { numFmt: '0.0%' } : c.format === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  reportedElsewhere(output);
  return {
    output,
    async write(row) {
      await writable(output);
      sheet.addRow(row).commit();
    },
    async end() {
      if (output.destroyed) throw new ExportAborted();
      sheet.commit();
      await workbook.commit();
    },
    abort: (error) => output.destroy(error),
  };
}
