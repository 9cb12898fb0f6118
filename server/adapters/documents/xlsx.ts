/**
 * A report document as an Excel workbook (issue 10 item 4): a first sheet with the title and facts, then one sheet
 * per section — its heading, a frozen, styled header row, the rows, and a totals row whose cells are formulas
 * (SUM over the column; a percentage as the ratio of two summed cells of the same row), each stored with its
 * computed result so that a viewer that does not recalculate still shows the figure.
 */
import ExcelJS from 'exceljs';
import { TOTAL_LABEL, type DocumentColumn, type DocumentModel, type DocumentSection } from '../../domain/oversight/document.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin', color: { argb: 'FFB4C6E7' } },
  bottom: { style: 'thin', color: { argb: 'FFB4C6E7' } },
  left: { style: 'thin', color: { argb: 'FFB4C6E7' } },
  right: { style: 'thin', color: { argb: 'FFB4C6E7' } },
  diagonal: {},
};
const FORMAT: Record<DocumentColumn['kind'], string | undefined> = { text: undefined, integer: '#,##0', percent: '0.0%' };
/** The section's heading, its note, then the header. */
const HEADER_ROW = 3;
const EMPTY_TEXT = 'Không có số liệu trong kỳ.';

export async function renderXlsx(model: DocumentModel): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'iHanoi';
  book.title = model.title;
  coverSheet(book, model);
  const used = new Set<string>();
  for (const section of model.sections) sectionSheet(book, section, sheetName(section.shortTitle ?? section.title, used));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function coverSheet(book: ExcelJS.Workbook, model: DocumentModel): void {
  const sheet = book.addWorksheet('Thông tin chung');
  sheet.getColumn(1).width = 100;
  sheet.addRow([model.title]).font = { bold: true, size: 16 };
  sheet.addRow([model.subtitle]).font = { size: 12 };
  for (const line of model.facts) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow(['Nội dung:']).font = { bold: true };
  for (const [i, s] of model.sections.entries()) sheet.addRow([`${i + 1}. ${s.title}`]);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').slice(0, 31).trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

function sectionSheet(book: ExcelJS.Workbook, section: DocumentSection, name: string): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  const cols = section.columns;
  sheet.getCell(1, 1).value = section.title;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  if (section.note) {
    sheet.getCell(2, 1).value = section.note;
    sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  }

  const header = sheet.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'center', wrapText: true };
  });
  header.height = 32;

  if (section.rows.length === 0) {
    sheet.getCell(HEADER_ROW + 1, 1).value = EMPTY_TEXT;
  } else {
    const first = HEADER_ROW + 1;
    section.rows.forEach((r, i) => {
      const row = sheet.getRow(first + i);
      cols.forEach((c, j) => {
        const v = r[c.key] ?? null;
        row.getCell(j + 1).value = c.kind === 'percent' && typeof v === 'number' ? v / 100 : v;
      });
    });
    const last = first + section.rows.length - 1;
    if (section.totals) totalsRow(sheet, cols, section.totals, first, last);
  }

  cols.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    const format = FORMAT[c.kind];
    if (format) column.numFmt = format;
    column.width = columnWidth(c, section);
  });
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => (cell.border = THIN));
}

/**
 * The totals row below the rows `first`–`last`: SUM formulas, percentages as ROUND(numerator × 100 / denominator, 1)
 * over the row's own summed cells — the same rounding as the figures (one decimal), so the stored result is what
 * the formula gives.
 */
function totalsRow(sheet: ExcelJS.Worksheet, cols: DocumentColumn[], totals: Record<string, unknown>, first: number, last: number): void {
  const at = last + 1;
  const row = sheet.getRow(at);
  const letter = (key: string) => {
    const i = cols.findIndex((c) => c.key === key);
    if (i < 0 || cols[i]!.total !== 'sum') throw new Error(`A ratio total needs the summed column "${key}"`);
    return sheet.getColumn(i + 1).letter;
  };
  cols.forEach((c, j) => {
    const cell = row.getCell(j + 1);
    const result = totals[c.key];
    if (j === 0 && c.kind === 'text') cell.value = TOTAL_LABEL;
    else if (c.total === 'sum') {
      const col = sheet.getColumn(j + 1).letter;
      cell.value = { formula: `SUM(${col}${first}:${col}${last})`, result: Number(result ?? 0) };
    } else if (c.total) {
      const [num, den] = c.total.ratioOf.map(letter);
      cell.value = { formula: `IF(${den}${at}=0,0,ROUND(${num}${at}*100/${den}${at},1)/100)`, result: Number(result ?? 0) / 100 };
    }
    cell.font = { bold: true };
    cell.fill = TOTAL_FILL;
  });
}

/** Wide enough for the heading (wrapped over two lines) and the longest value, within limits. */
function columnWidth(c: DocumentColumn, section: DocumentSection): number {
  if (c.kind !== 'text') return Math.min(18, Math.max(12, Math.ceil(c.label.length / 2) + 2));
  const longest = Math.max(c.label.length / 2, ...section.rows.map((r) => String(r[c.key] ?? '').length));
  return Math.min(60, Math.max(14, Math.ceil(longest) + 2));
}
