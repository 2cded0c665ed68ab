import { extractText, extractTextItems, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { ADMIN, settle, useKumiai } from './harness';

// The printed monthly report (issue 14): rendered to a PDF by Chromium as the print dialog
// would (A4 from the page's @page rule, background graphics off), it wastes no pages: no
// more pages than its content needs, no page holding only a heading or a few spill-over
// rows, and no background that prints as a grey block.

const MM = 96 / 25.4;
/** report.css: @page { size: A4; margin: 15mm 12mm 12mm } */
const PAGE = { width: 210 * MM, height: 297 * MM, top: 15 * MM, side: 12 * MM, bottom: 12 * MM };
const CONTENT = { width: PAGE.width - 2 * PAGE.side, height: PAGE.height - PAGE.top - PAGE.bottom };

/** Fewer lines than this on a page (headings not counted) is a spill-over, not a page's worth. */
const MIN_LINES = 6;
/** A page but the last whose content stops above this share of its height left the rest blank. */
const MIN_FILL = 0.6;
const PT = 72 / 25.4;

type Layout = {
  height: number;
  headings: string[];
  blocks: { what: string; width: number; height: number; color: string }[];
};

describe('the printed monthly report', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('prints the demo union on as many A4 pages as its content needs, none holding only a heading or a few rows, with no grey block', async () => {
    // Laid out for print at the printed width from the start: the charts are drawn at the
    // width they print at (on screen the sheet is that wide too), and the sheet's height is
    // the content's continuous height on paper.
    const context = await k.newContext({
      viewport: { width: Math.round(CONTENT.width), height: Math.round(CONTENT.height) },
      reducedMotion: 'reduce',
    });
    const signIn = await context.request.post('/api/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(signIn.status()).toBe(200);
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto('/reports/monthly');
    await settle(page);
    // Every chart drawn (SVG), so the PDF holds the final picture.
    await page.waitForFunction(() => {
      const charts = [...document.querySelectorAll('.dash-chart')];
      return charts.length >= 4 && charts.every((c) => c.querySelector('svg text'));
    });

    const layout: Layout = await page.evaluate(() => {
      const sheet = document.querySelector<HTMLElement>('.report-page')!;
      const headings = [...sheet.querySelectorAll('h1, h2, h3, .dash-figure-caption')].map((h) =>
        (h.textContent ?? '').normalize('NFKC').replace(/\s+/g, ''),
      );
      // What prints a background with background graphics off: print-color-adjust: exact.
      const blocks = [];
      for (const el of sheet.querySelectorAll<HTMLElement>('*')) {
        const style = getComputedStyle(el);
        if (style.printColorAdjust !== 'exact') continue;
        const color = style.backgroundColor;
        const transparent = color === 'rgba(0, 0, 0, 0)' || color === 'transparent';
        if (transparent && style.backgroundImage === 'none') continue;
        if (color === 'rgb(255, 255, 255)') continue;
        const r = el.getBoundingClientRect();
        blocks.push({
          what: `${el.tagName.toLowerCase()}.${el.className}`,
          width: r.width,
          height: r.height,
          color,
        });
      }
      return { height: sheet.getBoundingClientRect().height, headings, blocks };
    });

    // Nothing larger than a chip prints a coloured background.
    const grey = layout.blocks.filter((b) => b.width * b.height > 48 * 48 || b.height > 40);
    expect(grey, 'elements that print a background block').toEqual([]);

    const pdf = await page.pdf({ preferCSSPageSize: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const extracted = await extractText(doc, { mergePages: false });
    const { totalPages } = extracted;
    // NFKC: the PDF's text maps some kanji to their Kangxi radical forms (⽉ for 月).
    const text = extracted.text.map((t) => t.normalize('NFKC'));

    // No more pages than the content needs: its printed height over a page's, plus one page
    // for what keeping headings, charts and short tables whole may push on.
    const needed = Math.ceil(layout.height / CONTENT.height);
    expect(needed).toBeGreaterThanOrEqual(2);
    expect(
      totalPages,
      `${totalPages} pages for ${Math.round(layout.height)} px of content`,
    ).toBeLessThanOrEqual(needed + 1);

    // The PDF is the report: every section is in it, in order.
    const all = text.join('\n').replace(/\s+/g, '');
    let from = 0;
    for (const heading of layout.headings) {
      const at = all.indexOf(heading, from);
      expect(at, `heading ${heading} in the PDF, after the previous one`).toBeGreaterThanOrEqual(0);
      from = at;
    }

    // Every page but the last is filled: content runs to at least MIN_FILL of its height
    // (a page per section, as before, left most of a page blank after a short section).
    const { items } = await extractTextItems(doc);
    const top = (297 - 15) * PT;
    const contentHeight = (297 - 15 - 12) * PT;
    const fill = items.map((pageItems) => {
      const lowest = Math.min(...pageItems.filter((item) => item.str.trim()).map((item) => item.y));
      return (top - lowest) / contentHeight;
    });
    fill.slice(0, -1).forEach((share, i) => {
      expect(share, `page ${i + 1} is filled to ${Math.round(share * 100)}%`).toBeGreaterThanOrEqual(
        MIN_FILL,
      );
    });

    // Each page carries content, not just a heading or a few rows run over from the last page.
    const isHeading = (line: string) => layout.headings.includes(line.replace(/\s+/g, ''));
    text.forEach((pageText, i) => {
      const lines = pageText.split('\n').filter((line) => line.trim() && !isHeading(line));
      expect(lines.length, `page ${i + 1} of ${totalPages}:\n${pageText}`).toBeGreaterThanOrEqual(MIN_LINES);
    });
  });
});
