/** The catalogue as reporters and staff read it: active categories, by report kind. */
import { compareCategories, type Category } from '../../domain/catalogue/index.ts';
import type { ReportKind } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/access/index.ts';
import { findCategory, listCategories as listCategoryRows } from '../../db/repos/catalogue.repo.ts';
import type { AppContext } from '../context.ts';
import { requireCatalogueAdmin } from './access.ts';

export function categoryNotFound(code: string): AppError {
  return new AppError('NOT_FOUND', { detail: { vi: `Không có danh mục "${code}"`, en: `No category "${code}"` } });
}

export interface CategoryQuery {
  kind?: ReportKind | undefined;
  /** Inactive categories too: administrators only. */
  includeInactive?: boolean | undefined;
}

/** Active categories (of a report kind) in display order; administrators may ask for inactive ones too. */
export async function listCategories(ctx: AppContext, actor: Actor, query: CategoryQuery = {}): Promise<Category[]> {
  if (query.includeInactive) requireCatalogueAdmin(actor);
  const rows = await listCategoryRows(ctx.db, { kind: query.kind, active: query.includeInactive ? undefined : true });
  return rows.sort(compareCategories);
}

/** One category by its code, active or not: reports filed under a category keep showing it after it is retired. */
export async function getCategory(ctx: AppContext, code: string): Promise<Category> {
  const category = await findCategory(ctx.db, code);
  if (!category) throw categoryNotFound(code);
  return category;
}
