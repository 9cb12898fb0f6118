/**
 * The renderers of report documents (issue 10 item 4, R-18.3b) on a small model, read back with independent readers:
 * exceljs (cells, formulas and their results, frozen header), pdfjs-dist (pages, Vietnamese text, drawn charts),
 * csv-parse (BOM, header, rows).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { DocumentModel } from '../../domain/oversight/document.ts';
import { renderSectionCsv } from './csv.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

const agencies = Array.from({ length: 70 }, (_, i) => ({ agency: `Ủy ban nhân dân phường thứ ${i + 1} (Hoàn Kiếm)`, received: 10 + i, late: i % 4, latePercent: Math.round(((i % 4) * 1000) / (10 + i)) / 10 }));
const received = agencies.reduce((n, r) => n + r.received, 0);
const late = agencies.reduce((n, r) => n + r.late, 0);

const MODEL: DocumentModel = {
  title: 'Báo cáo tháng 10/2026',
  subtitle: 'Tình hình tiếp nhận, xử lý phản ánh, kiến nghị — Toàn Thành phố',
  facts: ['Kỳ báo cáo: tháng 10/2026', 'Lập lúc: 01/11/2026 00:05 (giờ Việt Nam)'],
  sections: [
    {
      key: 'ratings',
      title: 'Đánh giá của người phản ánh',
      columns: [
        { key: 'rating', label: 'Mức đánh giá', kind: 'text' },
        { key: 'count', label: 'Số lượt', kind: 'integer', total: 'sum' },
      ],
      rows: [
        { rating: 'Hài lòng', count: 7 },
        { rating: 'Chưa hài lòng', count: 2 },
      ],
      totals: { rating: null, count: 9 },
      chart: { type: 'pie', title: 'Tỷ lệ hài lòng', categoryKey: 'rating', series: ['count'] },
    },
    {
      key: 'agencies',
      title: 'Tình hình xử lý theo cơ quan',
      note: 'Phản ánh gửi trong kỳ, theo cơ quan đang xử lý.',
      columns: [
        { key: 'agency', label: 'Cơ quan', kind: 'text' },
        { key: 'received', label: 'Tiếp nhận', kind: 'integer', total: 'sum' },
        { key: 'late', label: 'Trễ hạn', kind: 'integer', total: 'sum' },
        { key: 'latePercent', label: 'Tỷ lệ trễ hạn', kind: 'percent', total: { ratioOf: ['late', 'received'] } },
      ],
      rows: agencies,
      totals: { agency: null, received, late, latePercent: Math.round((late * 1000) / received) / 10 },
      chart: { type: 'bar', title: 'Đúng hạn và trễ hạn', categoryKey: 'agency', series: ['received', 'late'], maxCategories: 10 },
    },
    { key: 'empty', title: 'Đề xuất kiểm điểm', columns: [{ key: 'code', label: 'Mã', kind: 'text' }], rows: [] },
  ],
};

test('R-18.3b xlsx: a cover sheet, one sheet per section, totals as SUM and ratio formulas with their results, frozen styled header', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await renderXlsx(MODEL)).buffer);
  assert.deepEqual(book.worksheets.map((s) => s.name), ['Thông tin chung', 'Đánh giá của người phản ánh', 'Tình hình xử lý theo cơ quan', 'Đề xuất kiểm điểm']);
  assert.equal(book.worksheets[0]!.getCell('A1').value, 'Báo cáo tháng 10/2026');

  const sheet = book.getWorksheet('Tình hình xử lý theo cơ quan')!;
  assert.equal(sheet.getCell('A3').value, 'Cơ quan');
  assert.equal(sheet.getCell('A3').font.bold, true);
  assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: 'frozen', ySplit: 3 });
  assert.equal(sheet.getCell('A4').value, agencies[0]!.agency);
  assert.equal(sheet.getCell('D5').value, agencies[1]!.latePercent / 100);
  assert.equal(sheet.getCell('D5').numFmt, '0.0%');
  const total = 4 + agencies.length;
  assert.equal(sheet.getCell(`A${total}`).value, 'Tổng cộng');
  assert.deepEqual(sheet.getCell(`B${total}`).value, { formula: `SUM(B4:B${total - 1})`, result: received });
  assert.deepEqual(sheet.getCell(`C${total}`).value, { formula: `SUM(C4:C${total - 1})`, result: late });
  assert.deepEqual(sheet.getCell(`D${total}`).value, { formula: `IF(B${total}=0,0,ROUND(C${total}*100/B${total},1)/100)`, result: MODEL.sections[1]!.totals!.latePercent! as number / 100 });
  assert.ok((sheet.getColumn(1).width ?? 0) > 30, 'the agency column is wide enough for the names');
  assert.equal(book.getWorksheet('Đề xuất kiểm điểm')!.getCell('A4').value, 'Không có số liệu trong kỳ.');
});

test('R-18.3b PDF: A4 pages, the title and each Vietnamese heading on its page, a long table across pages, charts drawn', async () => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(await renderPdf(MODEL)) }).promise;
  const pages: { text: string; paths: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    // Without spaces: a long name wraps inside its cell, and the pieces come back as separate items.
    const text = (await page.getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join('').replace(/\s+/g, '');
    const ops = await page.getOperatorList();
    pages.push({ text, paths: ops.fnArray.filter((f) => f === pdfjs.OPS.constructPath).length });
    assert.deepEqual(page.view.map(Math.round), [0, 0, 595, 842], 'A4');
  }
  const has = (i: number, ...texts: string[]) => texts.every((t) => pages[i]!.text.includes(t.replace(/\s+/g, '')));
  // Page 1: title + ratings and their chart; the 70 agencies over two pages, then their chart; the empty section.
  assert.equal(pdf.numPages, 5);
  assert.ok(has(0, 'Báo cáo tháng 10/2026', 'Đánh giá của người phản ánh', 'Tổng cộng 9'));
  assert.ok(has(0, 'Tỷ lệ hài lòng', 'Hài lòng: 7'), 'the pie chart with its labels');
  assert.ok(has(1, 'Tình hình xử lý theo cơ quan', 'phường thứ 1 (Hoàn Kiếm)'));
  assert.ok(has(2, 'Cơ quan Tiếp nhận', 'phường thứ 70 (Hoàn Kiếm)', `Tổng cộng ${new Intl.NumberFormat('vi-VN').format(received)} ${late}`), 'the table goes on with its header repeated, then its totals');
  assert.ok(has(3, 'Đúng hạn và trễ hạn') && pages[3]!.paths > 20, 'the bar chart is drawn as vectors');
  assert.ok(has(4, 'Đề xuất kiểm điểm', 'Không có số liệu trong kỳ.'));
  assert.ok(pages.every((_, i) => has(i, `Trang ${i + 1}/${pages.length}`)));
});

test('R-18.3b CSV: UTF-8 with BOM, the Vietnamese header, one line per row, numbers as numbers, no totals line', () => {
  const bytes = renderSectionCsv(MODEL.sections[1]!);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parse(bytes, { bom: true }) as string[][];
  assert.deepEqual(rows[0], ['Cơ quan', 'Tiếp nhận', 'Trễ hạn', 'Tỷ lệ trễ hạn (%)']);
  assert.equal(rows.length, 1 + agencies.length);
  assert.deepEqual(rows[2], [agencies[1]!.agency, String(agencies[1]!.received), String(agencies[1]!.late), String(agencies[1]!.latePercent)]);
  assert.ok(bytes.toString('utf8').includes('\r\n'));
  assert.deepEqual(parse(renderSectionCsv(MODEL.sections[2]!), { bom: true }), [['Mã']]);
});
