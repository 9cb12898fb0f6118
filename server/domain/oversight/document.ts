/**
 * The generic model of a report document (issue 10 item 4, R-18.3b): a title and sections, each one table with
 * typed columns, optional totals and an optional chart. The figures are mapped to it in one place
 * (app/oversight/documents/sections.ts); the renderers (adapters/documents: xlsx, pdf, csv) take only this model,
 * so a new figure is one more section and no renderer changes.
 */

/** integer: a count; percent: a percentage with one decimal as the figures give it (25.5 = 25.5 %). */
export type ColumnKind = 'text' | 'integer' | 'percent';

export interface DocumentColumn {
  key: string;
  /** The Vietnamese heading. */
  label: string;
  kind: ColumnKind;
  /**
   * The totals row: 'sum' adds the column up; `ratioOf` is the percentage of two summed columns of the same section
   * (e.g. on time / received), never an average of the rows' percentages. Absent: the totals cell stays empty.
   */
  total?: 'sum' | { ratioOf: [numerator: string, denominator: string] };
}

export type DocumentCell = string | number | null;
export type DocumentRow = Record<string, DocumentCell>;

/** A chart of the section's rows: one category per row (its `categoryKey` text), one series per listed column. */
export interface DocumentChart {
  type: 'bar' | 'pie';
  title: string;
  categoryKey: string;
  /** Integer columns; a pie uses the first. Bars of several series are stacked. */
  series: string[];
  /** At most this many rows are drawn (the first ones: sections sort their rows most significant first). */
  maxCategories?: number;
}

export interface DocumentSection {
  /** Stable, URL-safe (the CSV of a section is downloaded by it). */
  key: string;
  title: string;
  /** A shorter name where the title is longer than a spreadsheet's sheet name may be (31 characters). */
  shortTitle?: string;
  /** A sentence under the heading: what the table counts. */
  note?: string;
  columns: DocumentColumn[];
  rows: DocumentRow[];
  /**
   * The totals row under the rows, computed with the figures (app/oversight/documents/sections.ts): the renderers
   * show it as it is (the xlsx writes its cells as formulas over the rows, with these values as their results).
   */
  totals?: DocumentRow;
  chart?: DocumentChart;
}

export interface DocumentModel {
  /** "Báo cáo tháng 10/2026". */
  title: string;
  /** What and for whom: "Tình hình tiếp nhận, xử lý phản ánh, kiến nghị — Toàn Thành phố". */
  subtitle: string;
  /** Lines under the title (period, generated at, figures as of), in Vietnamese, times in Vietnam time. */
  facts: string[];
  sections: DocumentSection[];
}

/** The label of the totals row. */
export const TOTAL_LABEL = 'Tổng cộng';
