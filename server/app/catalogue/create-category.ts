/**
 * An administrator adds a category to the catalogue. The category and its audit event are
 * saved together; its code is stable from then on.
 */
import type { Actor } from '../../domain/access/index.ts';
import { checkNewCategory, type Category, type NewCategoryInput } from '../../domain/catalogue/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { insertCategories } from '../../db/repos/catalogue.repo.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { referenceUnitOfWork } from '../reference/reference-data.ts';
import { requireCatalogueAdmin } from './access.ts';

export async function createCategory(ctx: AppContext, actor: Actor, input: NewCategoryInput): Promise<Category> {
  requireCatalogueAdmin(actor);
  const checked = checkNewCategory(input);
  if (!checked.ok) throw invalid(checked.problems);
  const category = checked.value;
  return referenceUnitOfWork(ctx, auditActor(actor), async (w) => {
    const inserted = await insertCategories(w.tx, [category], w.now);
    if (inserted.length === 0)
      throw new AppError('ALREADY_EXISTS', { errors: [{ field: 'body.code', message: `Mã danh mục "${category.code}" đã được dùng` }] });
    await w.audit({
      action: 'category.create',
      subjectType: 'category',
      subjectId: category.code,
      toState: category.active ? 'active' : 'inactive',
      payload: { category },
    });
    return category;
  });
}
