/**
 * CSV as RFC 4180 (no CSV library is installed): fields separated by commas, records by CRLF; a field holding a
 * comma, a double quote, CR or LF is quoted, its quotes doubled. `withBom` prefixes U+FEFF so that Excel reads the
 * file as UTF-8 (Vietnamese) instead of the machine's code page.
 */
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const BOM = '\uFEFF';

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR) as a formula (CSV injection): such free text gets
 * a leading apostrophe, which spreadsheets show as text. Only for text written by people (titles), never numbers.
 */
export function spreadsheetSafe(text: string | null): string | null {
  return text !== null && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
