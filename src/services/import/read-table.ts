import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { AppError } from '../../core/errors';
import { unguardCell } from '../../core/import/formula';
import type { RawTable } from '../../core/import/types';

/** The largest import file (the HTTP layer limits request bodies to it too). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** The most data rows an import file may have. */
export const MAX_IMPORT_ROWS = 200_000;
/** The most columns: a roster has a few dozen; more is a broken or hostile file. */
export const MAX_IMPORT_COLUMNS = 1000;
/** Zip-bomb guard: the most an XLSX may inflate to, in total… */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** …and the largest compression ratio of one entry bigger than 1 MB (spreadsheet XML stays far below). */
export const MAX_XLSX_COMPRESSION_RATIO = 200;
const MAX_XLSX_ENTRIES = 10_000;

/** A file that cannot be imported: 400 with the reason under `file`. */
function badFile(reason: string): AppError {
  return new AppError('validation_failed', `The file ${reason}`, { file: reason });
}

function tooLarge(): AppError {
  const reason = `must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
  return new AppError('payload_too_large', `The file ${reason}`, { file: reason });
}

const tooManyRows = () => badFile(`has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows`);
const tooManyColumns = () => badFile(`has more than ${MAX_IMPORT_COLUMNS.toLocaleString('en')} columns`);

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

/**
 * Reads an import file into headers and cells: CSV (UTF-8 with or without BOM, or
 * Shift_JIS/CP932 as Excel writes it, detected), TSV, or XLSX (the first visible
 * worksheet). The format comes from the content (a ZIP is an XLSX), the file name's
 * extension only tells TSV from CSV when the content does not. Every cell goes
 * through unguardCell, so an exported `'=1+1` comes back as `=1+1`.
 *
 * Blank rows are skipped (rowNumbers keeps each row's number in the file), headers are
 * trimmed and NFKC-normalized, and must be present and distinct. Throws AppError
 * (400, `fields.file`; 413 over MAX_IMPORT_BYTES) for a file that cannot be imported.
 * Rows with more cells than headers are kept as they are: parse-rows reports them.
 */
export async function readTable(data: Uint8Array, fileName: string): Promise<RawTable> {
  if (data.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  if (data.byteLength === 0) throw badFile('is empty');
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(data);
  if (startsWith(data, [0x50, 0x4b, 0x05, 0x06]))
    throw badFile('is an empty ZIP archive, not an XLSX workbook');
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE2: an Excel 97–2003 .xls, or an .xlsx saved with a password (encrypted inside OLE2).
    throw badFile('is an old-format Excel (.xls) or password-protected workbook: save it as .xlsx or CSV');
  }
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    throw badFile('is a PDF, not a CSV, TSV or XLSX file');
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') throw badFile('is not a valid XLSX workbook');
  if (ext === '.xls') throw badFile('is an old-format Excel (.xls) file: save it as .xlsx or CSV');
  return readText(data, ext);
}

/**
 * readTable for a file on disk (the CLI): refuses a file over MAX_IMPORT_BYTES from its
 * size, before reading any of it.
 */
export async function readTableFile(path: string, fileName = basename(path)): Promise<RawTable> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_BYTES) throw tooLarge();
    return await readTable(await handle.readFile(), fileName);
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- text (CSV, TSV)

/**
 * Control characters never found in a text roster (tab, line feed and carriage return are
 * fine): NUL bytes of UTF-16 or a binary file, and the C1 controls a wrong decoding produces.
 */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** UTF-8 when the bytes are valid UTF-8, otherwise Shift_JIS (CP932, as Excel on Windows writes it). */
export function decodeText(data: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) {
    throw badFile('is UTF-16 text: save it as CSV UTF-8 or CSV (Shift_JIS)');
  }
  let decoded: { text: string; encoding: 'utf-8' | 'shift_jis' } | undefined;
  try {
    // fatal: invalid UTF-8 throws; the BOM, if any, is dropped.
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    // iconv-lite replaces what CP932 cannot decode with U+FFFD, which a real file never has.
    const text = iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), 'cp932');
    if (!text.includes('\uFFFD')) decoded = { text, encoding: 'shift_jis' };
  }
  if (!decoded || hasControlCharacters(decoded.text)) {
    if (data.includes(0) && (data[0] === 0 || data[1] === 0)) {
      throw badFile('is UTF-16 text: save it as CSV UTF-8 or CSV (Shift_JIS)');
    }
    throw badFile('is not UTF-8 or Shift_JIS text');
  }
  return decoded;
}

/** Tab when the name says TSV, or when the first line has more tabs than commas. */
function delimiterOf(text: string, ext: string): '\t' | ',' {
  if (ext === '.tsv' || ext === '.tab') return '\t';
  const firstLine = text.slice(0, Math.min(text.length, 64 * 1024)).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

class StopParsing extends Error {}

function readText(data: Uint8Array, ext: string): RawTable {
  const { text, encoding } = decodeText(data);
  const delimiter = delimiterOf(text, ext);
  const records: { cells: string[]; row: number }[] = [];
  let overflow: AppError | null = null;
  try {
    parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (record: string[], context: { records: number }) => {
        if (record.every((cell) => cell.trim() === '')) return null;
        if (record.length > MAX_IMPORT_COLUMNS && records.length === 0) overflow = tooManyColumns();
        else if (records.length > MAX_IMPORT_ROWS) overflow = tooManyRows();
        if (overflow) throw new StopParsing();
        records.push({ cells: record, row: context.records });
        return null;
      },
    });
  } catch (err) {
    if (err instanceof StopParsing && overflow) throw overflow;
    if (err instanceof CsvError) throw csvProblem(err);
    throw err;
  }
  return toTable(records, { format: delimiter === '\t' ? 'tsv' : 'csv', encoding });
}

function csvProblem(err: CsvError): AppError {
  // `records` counts the records read before the problem (blank ones too): the next is the culprit.
  const records = (err as CsvError & { records?: number }).records;
  const row = typeof records === 'number' ? `row ${records + 1}` : 'somewhere';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return badFile(`has a quoted field that is never closed (${row})`);
  return badFile(`cannot be read as CSV (${row}): ${err.message}`);
}

// ---------------------------------------------------------------- shared

type Record_ = { cells: string[]; row: number };

/**
 * The first record is the header: cells trimmed and NFKC-normalized; empty headers at
 * the end are dropped (Excel leaves them after formatted columns), an empty header
 * between others, or the same header twice, is refused.
 */
function toTable(records: Record_[], base: Pick<RawTable, 'format' | 'encoding'>): RawTable {
  const [header, ...data] = records;
  if (!header) throw badFile('has no header row');
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const headers = header.cells.map((h) => unguardCell(h).normalize('NFKC').trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length > MAX_IMPORT_COLUMNS) throw tooManyColumns();
  const seen = new Set<string>();
  for (const [i, h] of headers.entries()) {
    if (h === '') throw badFile(`has no header in column ${columnName(i)} (row ${header.row})`);
    if (seen.has(h)) throw badFile(`has the column "${h}" twice`);
    seen.add(h);
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const { cells, row } of data) {
    let last = cells.length;
    while (last > headers.length && (cells[last - 1] ?? '') === '') last -= 1;
    rows.push((last === cells.length ? cells : cells.slice(0, last)).map(unguardCell));
    rowNumbers.push(row);
  }
  return { ...base, headers, rows, rowNumbers };
}

/** A, B, …, Z, AA, … as spreadsheets name columns. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

// ---------------------------------------------------------------- XLSX

function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      data,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err) : resolve(zip)),
    );
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > MAX_XLSX_ENTRIES) {
        zip.close();
        reject(badFile(`has more than ${MAX_XLSX_ENTRIES} parts: it is not a workbook Kumiai can read`));
        return;
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * Refuses a ZIP that would inflate to more than MAX_XLSX_UNCOMPRESSED_BYTES, or with an
 * entry compressed beyond MAX_XLSX_COMPRESSION_RATIO, before anything is inflated (from
 * the central directory); then inflates every entry once, discarding the bytes, so a
 * directory that understates the sizes is caught too (yauzl stops an entry as soon as
 * it yields more than it declared). Only then may exceljs (JSZip) inflate it.
 */
export async function assertSafeXlsxZip(data: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(data);
  } catch {
    throw badFile('is not a valid XLSX workbook (the ZIP archive is damaged)');
  }
  let entries: yauzl.Entry[];
  try {
    entries = await listEntries(zip);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badFile('is not a valid XLSX workbook (the ZIP archive is damaged)');
  }
  const limitMb = MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024;
  let total = 0;
  for (const entry of entries) {
    if (entry.isEncrypted()) throw badFile('is an encrypted ZIP archive, not an XLSX workbook');
    total += entry.uncompressedSize;
    if (total > MAX_XLSX_UNCOMPRESSED_BYTES) {
      throw badFile(`expands to more than ${limitMb} MB (a ZIP bomb?)`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > 1024 * 1024 && ratio > MAX_XLSX_COMPRESSION_RATIO) {
      throw badFile(`is compressed more than ${MAX_XLSX_COMPRESSION_RATIO} to 1 (a ZIP bomb?)`);
    }
  }
  const names = new Set(entries.map((e) => e.fileName));
  if (!names.has('xl/workbook.xml')) {
    throw badFile(
      names.has('mimetype') && names.has('content.xml')
        ? 'is an OpenDocument spreadsheet: save it as .xlsx or CSV'
        : 'is a ZIP archive, not an XLSX workbook',
    );
  }
  for (const entry of entries) {
    if (entry.uncompressedSize === 0 && entry.compressedSize === 0) continue;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      await pipeline(stream, new Writable({ write: (_chunk, _enc, done) => done() }));
    } catch {
      throw badFile(
        'is not a valid XLSX workbook (a part does not inflate to its declared size: a ZIP bomb?)',
      );
    }
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** exceljs gives date cells as Dates at UTC midnight (plus the time of day, if any). */
function formatExcelDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  const date = `${pad(rounded.getUTCFullYear(), 4)}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  const h = rounded.getUTCHours();
  const m = rounded.getUTCMinutes();
  const s = rounded.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** A cell's value as text: numbers as written, dates as YYYY-MM-DD, rich text and links as their text, formulas as their result. */
export function excelCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatExcelDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return excelCellText(value.result ?? null);
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : excelCellText(text as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  return '';
}

async function readXlsx(data: Uint8Array): Promise<RawTable> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await assertSafeXlsxZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typing predates Node's generic Buffer.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw badFile('is not a valid XLSX workbook');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw badFile('has no worksheet');
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  const records: Record_[] = [];
  let headerRow = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_IMPORT_COLUMNS + 1) return;
      let text: string;
      if (cell.type === ExcelJS.ValueType.Merge) {
        // A merged area: a block merged down a column (a workplace over its members)
        // repeats its value in each row below; merged across columns it does not.
        const master = cell.master;
        text = headerRow > 0 && master.col === cell.col ? excelCellText(master.value) : '';
      } else {
        text = excelCellText(cell.value);
      }
      cells[col - 1] = text;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.every((c) => c.trim() === '')) return;
    if (headerRow === 0) {
      headerRow = rowNumber;
      if (cells.length > MAX_IMPORT_COLUMNS) throw tooManyColumns();
    }
    records.push({ cells, row: rowNumber });
  });
  return toTable(records, { format: 'xlsx' });
}
