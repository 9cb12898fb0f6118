/**
 * An administrator edits an agency — name, short name, fields of competence, jurisdiction, active flag
 * agencies and their scopes are data). The change and its audit event are saved together.
 * Who may do it is decided by the access policy at the route, once it exists.
 */
import { checkAgencyChanges, type Agency, type AgencyChanges } from '../../domain/agencies/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { findAgency, lockAgency, replaceAgencyFields, replaceAgencyJurisdiction, updateAgencyRow } from '../../db/repos/agencies.repo.ts';
import { findUnits } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import type { AuditActor } from '../unit-of-work.ts';
import { referenceUnitOfWork } from '../reference/reference-data.ts';
import { agencyNotFound } from './get-agency.ts';

const EDITABLE = ['name', 'shortName', 'fields', 'jurisdiction', 'active'] as const;

export async function updateAgency(ctx: AppContext, actor: AuditActor, id: string, changes: AgencyChanges): Promise<Agency> {
  if (EDITABLE.every((k) => changes[k] === undefined))
    throw invalid([{ field: 'body', message: `Cần ít nhất một thay đổi: ${EDITABLE.join(', ')}` }]);
  return referenceUnitOfWork(ctx, actor, async (w) => {
    const before = await lockAgency(w.tx, id);
    if (!before) throw agencyNotFound(id);
    const checked = checkAgencyChanges({ active: before.active, jurisdictionSize: before.jurisdiction.length }, changes);
    if (!checked.ok) throw invalid(checked.problems);
    const next = checked.value;
    if (next.jurisdiction) {
      const known = await findUnits(w.tx, next.jurisdiction);
      const problems: FieldProblem[] = next.jurisdiction.flatMap((u, i) =>
        known.some((k) => k.version === u.version && k.code === u.code)
          ? []
          : [{ field: `body.jurisdiction.${i}`, message: `Không có đơn vị ${u.code} trong phiên bản ${u.version}` }],
      );
      if (problems.length) throw invalid(problems);
    }
    await updateAgencyRow(w.tx, id, next, w.now);
    if (next.fields) await replaceAgencyFields(w.tx, id, next.fields);
    if (next.jurisdiction) await replaceAgencyJurisdiction(w.tx, id, next.jurisdiction);
    const after = await findAgency(w.tx, { id });
    // The row is locked by this transaction: it cannot have gone.
    if (!after) throw new Error(`Agency ${id} vanished while locked`);
    const changed = Object.fromEntries(
      EDITABLE.filter((k) => next[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    const state = (a: Agency) => (a.active ? 'active' : 'inactive');
    await w.audit({
      action: 'agency.update',
      subjectType: 'agency',
      subjectId: id,
      fromState: state(before),
      toState: state(after),
      payload: { code: before.code, changed },
    });
    return after;
  });
}
