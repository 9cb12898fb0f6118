/**
 * An administrator edits a category — name, description, report kinds, field of competence, active flag, sort
 * order (R-28.1); the code is stable. The change and its audit event are saved together.
 */
import type { Actor } from '../../domain/access/index.ts';
import { CATEGORY_EDITABLE, checkCategoryChanges, type Category, type CategoryChanges } from '../../domain/catalogue/index.ts';
import { invalid } from '../../domain/errors.ts';
import { findCategory, lockCategory, rulesOfCategory, updateCategoryRow } from '../../db/repos/catalogue.repo.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { referenceUnitOfWork } from '../reference/reference-data.ts';
import { requireCatalogueAdmin } from './access.ts';
import { categoryNotFound } from './get-category.ts';

export async function updateCategory(ctx: AppContext, actor: Actor, code: string, changes: CategoryChanges): Promise<Category> {
  requireCatalogueAdmin(actor);
  const checked = checkCategoryChanges(changes);
  if (!checked.ok) throw invalid(checked.problems);
  const next = checked.value;
  return referenceUnitOfWork(ctx, auditActor(actor), async (w) => {
    const before = await lockCategory(w.tx, code);
    if (!before) throw categoryNotFound(code);
    const newField = next.field;
    if (newField !== undefined && newField !== before.field) {
      // A rule that names this category and a field would never match again: the administrator fixes it first.
      const stale = (await rulesOfCategory(w.tx, code)).filter((r) => r.field !== null && r.field !== newField);
      if (stale.length)
        throw invalid([
          {
            field: 'body.field',
            message: `Quy tắc phân luồng ${stale.map((r) => `#${r.position}`).join(', ')} dùng danh mục này với lĩnh vực "${stale[0]?.field}": sửa quy tắc trước`,
          },
        ]);
    }
    await updateCategoryRow(w.tx, code, next, w.now);
    const after = await findCategory(w.tx, code);
    // The row is locked by this transaction: it cannot have gone.
    if (!after) throw new Error(`Category ${code} vanished while locked`);
    const changed = Object.fromEntries(
      CATEGORY_EDITABLE.filter((k) => next[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    const state = (c: Category) => (c.active ? 'active' : 'inactive');
    await w.audit({
      action: 'category.update',
      subjectType: 'category',
      subjectId: code,
      fromState: state(before),
      toState: state(after),
      payload: { changed },
    });
    return after;
  });
}
