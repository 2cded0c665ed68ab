import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, type FormatOptions, formatCell } from '../../core/export/columns';
import { unguardCell } from '../../core/import/formula';
import { csvWriter, ExportAborted, type RowWriter, xlsxWriter } from './writers';

// The writers on their own, property-tested: any text survives export → parse → unguard.

async function written(writer: RowWriter, rows: Cell[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  writer.output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => writer.output.on('end', resolve));
  for (const row of rows) await writer.write(row);
  await writer.end();
  await ended;
  return Buffer.concat(chunks);
}

const options = (format: 'csv' | 'xlsx'): FormatOptions => ({ lang: 'ja', timeZone: 'Asia/Tokyo', format });

/** Text as a union's data holds it: formula starts, quotes, commas, line breaks, full-width and any Unicode. */
const text = fc
  .tuple(
    fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ' ', '＝', '組合'),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('', '"', ',', '\r\n', '\n', '\r', '，', '、', "'", '='),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  )
  .map((parts) => parts.join(''));

describe('csvWriter', () => {
  it('round-trips any text through csv-parse and unguardCell (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { maxLength: 6 }),
        async (rows) => {
          const cells = rows.map((row) => row.map((v) => formatCell('text', v, options('csv'))));
          const csv = (await written(csvWriter(['a', 'b', 'c']), cells)).toString('utf8');
          expect(csv.startsWith('\ufeffa,b,c\r\n')).toBe(true);
          const parsed = (parse(csv, { bom: true }) as string[][]).slice(1);
          expect(parsed.map((row) => row.map(unguardCell))).toEqual(rows);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('rejects writes once the reader has gone', async () => {
    const writer = csvWriter(['a']);
    writer.output.destroy();
    await expect(writer.write(['x'])).rejects.toBeInstanceOf(ExportAborted);
  });
});

describe('xlsxWriter', () => {
  it('reads back with exceljs (and unguardCell, as the import does) to the storable text, never a formula (property)', async () => {
    const storable = (v: string) =>
      [...v.replace(/\r\n?/g, '\n')]
        .filter((ch) => {
          const code = ch.codePointAt(0)!;
          return (
            (code >= 0x20 || code === 0x09 || code === 0x0a) &&
            code !== 0x7f &&
            code !== 0xfffe &&
            code !== 0xffff
          );
        })
        .join('');
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (values) => {
        const cells = values.map((v) => [formatCell('text', v, options('xlsx')), 1]);
        const bytes = await written(
          xlsxWriter(
            '組合員',
            ['値', '数'],
            [
              { width: 10, format: 'text' },
              { width: 5, format: 'integer' },
            ],
          ),
          cells,
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0]!;
        const read = values.map((_, i) => {
          const cell = sheet.getRow(i + 2).getCell(1);
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          return cell.value === null ? '' : unguardCell(String(cell.value));
        });
        expect(read).toEqual(values.map(storable));
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
