/**
 * One table of a report document as CSV (issue 10 item 4): the open data's writer (RFC 4180, CRLF) with its BOM so
 * that Excel shows Vietnamese, the Vietnamese column headings (percent columns say "(%)"), numbers as numbers (25.5
 * for 25.5 %), text that a spreadsheet would run as a formula made inert. Only the rows: no totals row, so that
 * software adding a column up does not count it twice.
 */
import { BOM, spreadsheetSafe, toCsv } from '../../app/open-data/csv.ts';
import type { DocumentSection } from '../../domain/oversight/document.ts';

export function renderSectionCsv(section: DocumentSection): Buffer {
  const header = section.columns.map((c) => (c.kind === 'percent' ? `${c.label} (%)` : c.label));
  const rows = section.rows.map((r) => section.columns.map((c) => {
    const v = r[c.key] ?? null;
    return typeof v === 'string' ? spreadsheetSafe(v) : v;
  }));
  return Buffer.from(BOM + toCsv(header, rows), 'utf8');
}
