/** A citizen sets their place of residence, which decides the local alerts they receive. */
import type { Actor } from '../../domain/access/index.ts';
import { invalid } from '../../domain/errors.ts';
import { updateUser } from '../../db/repos/accounts.repo.ts';
import { unitExists } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { auditActor } from './staff.ts';

export async function updateResidence(ctx: AppContext, actor: Actor & { kind: 'citizen' }, residence: { version: string; code: string }): Promise<void> {
  if (!(await unitExists(ctx.db, residence.version, residence.code)))
    throw invalid([{ field: 'body.residence', message: 'Không có đơn vị hành chính này' }]);
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    await updateUser(w.tx, actor.userId, { residence_structure_version: residence.version, residence_unit_code: residence.code, updated_at: w.now });
    await w.audit({ action: 'account.residence.set', subjectType: 'user', subjectId: actor.userId, payload: residence });
  });
}
