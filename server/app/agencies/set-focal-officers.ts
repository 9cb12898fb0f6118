/**
 * The Center keeps the list of every agency's focal officers (R-18.2b): the list is replaced as a whole,
 * together with its audit event. Who may do it is decided by the access policy at the route, once it exists.
 */
import { checkFocalOfficers, type FocalOfficerInput } from '../../domain/agencies/index.ts';
import { invalid } from '../../domain/errors.ts';
import { focalOfficersOf, lockAgency, replaceFocalOfficers, type FocalOfficerRecord } from '../../db/repos/agencies.repo.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork, type AuditActor } from '../unit-of-work.ts';
import { agencyNotFound } from './get-agency.ts';

export async function setFocalOfficers(
  ctx: AppContext,
  actor: AuditActor,
  agencyId: string,
  officers: readonly FocalOfficerInput[],
): Promise<FocalOfficerRecord[]> {
  const checked = checkFocalOfficers(officers);
  if (!checked.ok) throw invalid(checked.problems);
  return unitOfWork(ctx, actor, async (w) => {
    const agency = await lockAgency(w.tx, agencyId);
    if (!agency) throw agencyNotFound(agencyId);
    const before = await focalOfficersOf(w.tx, agencyId);
    await replaceFocalOfficers(w.tx, agencyId, checked.value, w.now);
    await w.audit({
      action: 'agency.focalOfficers.set',
      subjectType: 'agency',
      subjectId: agencyId,
      // Names and positions say who the contacts are; the numbers themselves stay in the table.
      payload: {
        code: agency.code,
        from: before.map((o) => ({ name: o.name, position: o.position })),
        to: checked.value.map((o) => ({ name: o.name, position: o.position })),
      },
    });
    return focalOfficersOf(w.tx, agencyId);
  });
}
