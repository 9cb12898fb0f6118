/**
 * The report-category catalogue: what a report is about — a stable code, a Vietnamese
 * name and description, the report kinds it applies to, and the field of competence that decides which agency
 * is competent. Categories are data an administrator edits. Messages are in Vietnamese: they are
 * shown to the administrator editing the catalogue.
 */
import { isFieldCode } from '../agencies/index.ts';
import { REPORT_KINDS, type ReportKind } from '../calendar/index.ts';
import type { FieldProblem } from '../errors.ts';

/** Stable, readable codes in kebab or snake case: `hu-hong-mat-duong`, `lang_phi_tai_san_cong`. */
export const CATEGORY_CODE_PATTERN = '^[a-z0-9]+(?:[-_][a-z0-9]+)*$';
const CATEGORY_CODE = new RegExp(CATEGORY_CODE_PATTERN);
export const CATEGORY_CODE_MAX = 64;
export const CATEGORY_NAME_MAX = 200;
export const CATEGORY_DESCRIPTION_MAX = 1_000;
export const SORT_ORDER_MAX = 100_000;

/** The report kinds of as a reporter reads them. */
export const REPORT_KIND_NAMES: Readonly<Record<ReportKind, string>> = {
  field_report: 'Phản ánh hiện trường',
  waste_report: 'Phản ánh hành vi lãng phí',
  investor_feedback: 'Phản ánh, kiến nghị của nhà đầu tư, doanh nghiệp',
  regulation_feedback: 'Phản ánh, kiến nghị về quy định hành chính',
  initiative: 'Sáng kiến xây dựng Thủ đô',
};

export function isReportKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

export interface Category {
  code: string;
  name: string;
  description: string;
  /** The report kinds a reporter may file under this category, in the order of REPORT_KINDS. */
  kinds: ReportKind[];
  /** A field code of server/domain/agencies/fields.ts (kept as saved, should the list drop it later). */
  field: string;
  active: boolean;
  sortOrder: number;
}

export interface NewCategoryInput {
  code: string;
  name: string;
  description?: string | null | undefined;
  kinds: readonly string[];
  field: string;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
}

export interface CategoryChanges {
  name?: string | undefined;
  description?: string | null | undefined;
  kinds?: readonly string[] | undefined;
  field?: string | undefined;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
}

export interface CheckedCategoryChanges {
  name?: string;
  description?: string;
  kinds?: ReportKind[];
  field?: string;
  active?: boolean;
  sortOrder?: number;
}

export const CATEGORY_EDITABLE = ['name', 'description', 'kinds', 'field', 'active', 'sortOrder'] as const;

type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const tidy = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
// A description may have paragraphs: keep line breaks, tidy the rest.
const tidyText = (s: string) =>
  s
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/[ \t]+/g, ' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Whether a reporter may file a report of `kind` under the category. */
export function categoryAppliesTo(category: Pick<Category, 'kinds'>, kind: ReportKind): boolean {
  return category.kinds.includes(kind);
}

function checkChanges(changes: CategoryChanges, problems: FieldProblem[]): CheckedCategoryChanges {
  const value: CheckedCategoryChanges = {};
  if (changes.name !== undefined) {
    value.name = tidy(changes.name);
    if (value.name.length < 2 || value.name.length > CATEGORY_NAME_MAX)
      problems.push({ field: 'body.name', message: `Tên danh mục phải có từ 2 đến ${CATEGORY_NAME_MAX} ký tự` });
  }
  if (changes.description !== undefined) {
    value.description = changes.description === null ? '' : tidyText(changes.description);
    if (value.description.length > CATEGORY_DESCRIPTION_MAX)
      problems.push({ field: 'body.description', message: `Mô tả không được quá ${CATEGORY_DESCRIPTION_MAX} ký tự` });
  }
  if (changes.kinds !== undefined) {
    const kinds = new Set<ReportKind>();
    changes.kinds.forEach((k, i) => {
      if (!isReportKind(k)) problems.push({ field: `body.kinds.${i}`, message: `Không có loại phản ánh "${k}"; có: ${REPORT_KINDS.join(', ')}` });
      else if (kinds.has(k)) problems.push({ field: `body.kinds.${i}`, message: `Loại phản ánh "${k}" bị lặp` });
      else kinds.add(k);
    });
    if (changes.kinds.length === 0) problems.push({ field: 'body.kinds', message: 'Danh mục phải áp dụng cho ít nhất một loại phản ánh' });
    value.kinds = REPORT_KINDS.filter((k) => kinds.has(k));
  }
  if (changes.field !== undefined) {
    value.field = changes.field;
    if (!isFieldCode(changes.field)) problems.push({ field: 'body.field', message: `Không có lĩnh vực "${changes.field}" (GET /api/v1/agency-fields)` });
  }
  if (changes.active !== undefined) value.active = changes.active;
  if (changes.sortOrder !== undefined) {
    value.sortOrder = changes.sortOrder;
    if (!Number.isInteger(changes.sortOrder) || Math.abs(changes.sortOrder) > SORT_ORDER_MAX)
      problems.push({ field: 'body.sortOrder', message: `Thứ tự hiển thị là số nguyên từ -${SORT_ORDER_MAX} đến ${SORT_ORDER_MAX}` });
  }
  return value;
}

/** Checks a new category; names every bad field. Whether the code is free is the caller's question. */
export function checkNewCategory(input: NewCategoryInput): Checked<Category> {
  const problems: FieldProblem[] = [];
  const code = input.code.trim();
  if (code.length > CATEGORY_CODE_MAX || !CATEGORY_CODE.test(code))
    problems.push({
      field: 'body.code',
      message: `Mã danh mục gồm chữ thường không dấu a-z, chữ số, nối bằng "-" hoặc "_" (ví dụ hu-hong-mat-duong), tối đa ${CATEGORY_CODE_MAX} ký tự`,
    });
  const value = checkChanges(
    { name: input.name, description: input.description ?? '', kinds: input.kinds, field: input.field, active: input.active ?? true, sortOrder: input.sortOrder ?? 0 },
    problems,
  );
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      code,
      name: value.name ?? '',
      description: value.description ?? '',
      kinds: value.kinds ?? [],
      field: value.field ?? '',
      active: value.active ?? true,
      sortOrder: value.sortOrder ?? 0,
    },
  };
}

/** Checks an edit of a category (the code is stable and cannot change); names every bad field. */
export function checkCategoryChanges(changes: CategoryChanges): Checked<CheckedCategoryChanges> {
  const problems: FieldProblem[] = [];
  if (CATEGORY_EDITABLE.every((k) => changes[k] === undefined))
    return { ok: false, problems: [{ field: 'body', message: `Cần ít nhất một thay đổi: ${CATEGORY_EDITABLE.join(', ')}` }] };
  const value = checkChanges(changes, problems);
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

const VI = new Intl.Collator('vi');

/** The catalogue's display order: sort order, then the Vietnamese name. */
export function compareCategories(a: Pick<Category, 'sortOrder' | 'name' | 'code'>, b: Pick<Category, 'sortOrder' | 'name' | 'code'>): number {
  return a.sortOrder - b.sortOrder || VI.compare(a.name, b.name) || a.code.localeCompare(b.code);
}
