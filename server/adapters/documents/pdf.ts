/**
 * A report document as PDF (issue 10 item 4): A4, DejaVu Sans (every Vietnamese diacritic), the title and facts on
 * the first page followed by the first section, then every further section on a page of its own. Tables break
 * across pages with their header repeated; a section's chart (ECharts SVG, adapters/documents/charts.ts) follows
 * its table as vectors. Pages are numbered "Trang i/n".
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { TOTAL_LABEL, type DocumentColumn, type DocumentModel, type DocumentRow, type DocumentSection } from '../../domain/oversight/document.ts';
import { chartSvg } from './charts.ts';

const require = createRequire(import.meta.url);
const FONT = { body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') };
const MARGIN = 50;
const PAD = 3;
const HEADER_BG = '#1f4e79';
const TOTAL_BG = '#ddebf7';
const RULE = '#b4c6e7';
const CHART = { width: 495, height: 270 };
const EMPTY_TEXT = 'Không có số liệu trong kỳ.';

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A cell as shown: counts with Vietnamese thousands separators, percentages with one decimal ("25,5 %"). */
function shown(c: DocumentColumn, v: DocumentRow[string] | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return c.kind === 'percent' ? `${oneDecimal.format(v)} %` : integer.format(v);
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: model.title, Subject: model.subtitle, Author: 'iHanoi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT.body);
  doc.registerFont('bold', FONT.bold);

  doc.font('bold').fontSize(20).fillColor('black').text(model.title);
  doc.font('body').fontSize(13).text(model.subtitle).moveDown(0.5);
  doc.fontSize(9.5).fillColor('#404040');
  for (const line of model.facts) doc.text(line);
  doc.fillColor('black').moveDown(1.5);
  model.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    drawSection(doc, section);
  });
  numberPages(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawSection(doc: PDFKit.PDFDocument, section: DocumentSection): void {
  doc.font('bold').fontSize(14).fillColor('black').text(section.title, MARGIN);
  if (section.note) doc.font('body').fontSize(9).fillColor('#595959').text(section.note, MARGIN);
  doc.fillColor('black').moveDown(0.5);
  if (section.rows.length === 0) {
    doc.font('body').fontSize(10).text(EMPTY_TEXT, MARGIN);
    return;
  }
  drawTable(doc, section);
  if (section.chart) {
    doc.moveDown(1);
    if (doc.y + CHART.height + 24 > bottom(doc)) doc.addPage();
    doc.font('bold').fontSize(11).text(section.chart.title, MARGIN).moveDown(0.3);
    const y = doc.y;
    SVGtoPDF(doc, chartSvg(section.chart, section.columns, section.rows, CHART), MARGIN, y, {
      width: CHART.width,
      height: CHART.height,
      fontCallback: () => 'body',
    });
    doc.y = y + CHART.height;
  }
}

const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN;

/** Numbers take a fixed width; text columns share the rest in proportion to their longest value. */
function columnWidths(doc: PDFKit.PDFDocument, section: DocumentSection): number[] {
  const usable = doc.page.width - 2 * MARGIN;
  const numeric = 62;
  const texts = section.columns.filter((c) => c.kind === 'text');
  const rest = usable - numeric * (section.columns.length - texts.length);
  const weight = (c: DocumentColumn) => Math.min(40, Math.max(8, ...section.rows.map((r) => String(r[c.key] ?? '').length)));
  const total = texts.reduce((n, c) => n + weight(c), 0);
  return section.columns.map((c) => (c.kind === 'text' ? (rest * weight(c)) / total : numeric));
}

function drawTable(doc: PDFKit.PDFDocument, section: DocumentSection): void {
  const widths = columnWidths(doc, section);
  const header = () => drawRow(doc, section.columns, widths, section.columns.map((c) => c.label), { font: 'bold', size: 8, color: 'white', fill: HEADER_BG });
  header();
  const cells = (r: DocumentRow) => section.columns.map((c) => shown(c, r[c.key]));
  for (const r of section.rows) {
    if (doc.y + rowHeight(doc, widths, cells(r), 'body', 8.5) > bottom(doc)) {
      doc.addPage();
      header();
    }
    drawRow(doc, section.columns, widths, cells(r), { font: 'body', size: 8.5, color: 'black' });
  }
  if (section.totals) {
    const totals = cells(section.totals).map((text, i) => (i === 0 && section.columns[0]!.kind === 'text' ? TOTAL_LABEL : text));
    if (doc.y + rowHeight(doc, widths, totals, 'bold', 8.5) > bottom(doc)) doc.addPage();
    drawRow(doc, section.columns, widths, totals, { font: 'bold', size: 8.5, color: 'black', fill: TOTAL_BG });
  }
}

function rowHeight(doc: PDFKit.PDFDocument, widths: number[], texts: string[], font: string, size: number): number {
  doc.font(font).fontSize(size);
  return Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  columns: DocumentColumn[],
  widths: number[],
  texts: string[],
  style: { font: string; size: number; color: string; fill?: string },
): void {
  const y = doc.y;
  const h = rowHeight(doc, widths, texts, style.font, style.size);
  let x = MARGIN;
  texts.forEach((text, i) => {
    const w = widths[i]!;
    if (style.fill) doc.rect(x, y, w, h).fill(style.fill);
    doc.rect(x, y, w, h).lineWidth(0.5).stroke(RULE);
    doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color)
      .text(text, x + PAD, y + PAD, { width: w - 2 * PAD, align: columns[i]!.kind === 'text' || style.fill === HEADER_BG ? 'left' : 'right' });
    x += w;
  });
  doc.fillColor('black');
  doc.x = MARGIN;
  doc.y = y + h;
}

/** "Trang i/n" at the foot of every page (written in the bottom margin, so no page is added). */
function numberPages(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).fillColor('#7f7f7f').text(`Trang ${i + 1}/${count}`, MARGIN, doc.page.height - MARGIN / 2 - 4, { width: doc.page.width - 2 * MARGIN, align: 'right' });
    doc.page.margins.bottom = margin;
  }
}
