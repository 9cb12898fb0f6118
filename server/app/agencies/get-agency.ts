/** One agency with its jurisdiction (named units), fields of competence and focal officers (R-18.2b). */
import { fieldByCode, type Agency } from '../../domain/agencies/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Unit } from '../../domain/units/index.ts';
import { findAgency, focalOfficersOf, type FocalOfficerRecord } from '../../db/repos/agencies.repo.ts';
import { findUnits } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';

export interface AgencyDetail {
  agency: Agency;
  jurisdiction: Unit[];
  fields: { code: string; name: string }[];
  focalOfficers: FocalOfficerRecord[];
}

export function agencyNotFound(idOrCode: string): AppError {
  return new AppError('NOT_FOUND', { detail: { vi: `Không có cơ quan "${idOrCode}"`, en: `No agency "${idOrCode}"` } });
}

/** By id (UUID) or by code (`so-xay-dung`). */
export async function agencyDetail(ctx: AppContext, idOrCode: string): Promise<AgencyDetail> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  const agency = await findAgency(ctx.db, byId ? { id: idOrCode } : { code: idOrCode });
  if (!agency) throw agencyNotFound(idOrCode);
  return {
    agency,
    jurisdiction: (await findUnits(ctx.db, agency.jurisdiction)).sort((a, b) => b.version.localeCompare(a.version) || a.code.localeCompare(b.code)),
    // A code dropped from the list since it was saved is still shown, by its code.
    fields: agency.fields.map((code) => ({ code, name: fieldByCode(code)?.vi ?? code })),
    focalOfficers: await focalOfficersOf(ctx.db, agency.id),
  };
}
