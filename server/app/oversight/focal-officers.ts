/**
 * The Center's list of every agency's focal officers (R-18.2b; issue 10 item 6), city-wide, with the agencies that
 * have named none — so that the gaps show — as JSON and as an export (xlsx, CSV) drawn by the report documents'
 * renderers. Each agency's own list is edited through PUT /api/v1/agencies/:id/focal-officers.
 *
 * Who: the roles holding 'agency.focalOfficers.manage' (who keep the list) or 'oversight.read' (who follow the
 * agencies), each within its scope. The officers' contacts are their official ones (public on the agency's page).
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { DocumentModel, DocumentRow } from '../../domain/oversight/document.ts';
import { vietnameseDateTime } from '../../domain/sanctions/index.ts';
import { focalOfficersByAgency } from '../../db/repos/agencies.repo.ts';
import type { AppContext } from '../context.ts';

export type FocalOfficersList = Awaited<ReturnType<typeof focalOfficersByAgency>>;

const LEVELS = { city: 'Thành phố', district: 'Cấp huyện', commune: 'Cấp xã' } as const;

/** The agencies whose lists the actor may read: 'all', or the union of its agencies under either permission. */
function focalScope(actor: Actor): 'all' | string[] {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const scopes = [agencyScope(actor, 'agency.focalOfficers.manage'), agencyScope(actor, 'oversight.read')];
  if (scopes.includes('all')) return 'all';
  const ids = [...new Set(scopes.flatMap((s) => (s === 'all' ? [] : s)))];
  if (ids.length === 0) throw new AppError('FORBIDDEN');
  return ids;
}

/** City level first, then districts, then communes; by name within a level. */
export async function focalOfficersList(ctx: AppContext, actor: Actor): Promise<FocalOfficersList> {
  const order = Object.keys(LEVELS);
  const rows = await focalOfficersByAgency(ctx.db, focalScope(actor));
  return rows.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.name.localeCompare(b.name, 'vi'));
}

/** The export: one table, a row per officer, one row marked "Chưa có" per agency without any. */
export function focalOfficersModel(list: FocalOfficersList, at: Date): DocumentModel {
  const named = list.filter((a) => a.officers.length > 0).length;
  return {
    title: 'Danh sách cán bộ đầu mối của các cơ quan',
    subtitle: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội — nền tảng iHanoi (R-18.2b)',
    facts: [`Lập lúc: ${vietnameseDateTime(at)} (${formatVietnamTime(at)})`, `${list.length} cơ quan, ${named} cơ quan đã có cán bộ đầu mối`],
    sections: [
      {
        key: 'focal-officers',
        title: 'Cán bộ đầu mối',
        columns: [
          { key: 'agency', label: 'Cơ quan', kind: 'text' },
          { key: 'level', label: 'Cấp', kind: 'text' },
          { key: 'name', label: 'Họ và tên', kind: 'text' },
          { key: 'position', label: 'Chức vụ', kind: 'text' },
          { key: 'phone', label: 'Điện thoại', kind: 'text' },
          { key: 'email', label: 'E-mail', kind: 'text' },
          { key: 'updatedAt', label: 'Cập nhật lúc', kind: 'text' },
        ],
        rows: list.flatMap((a): DocumentRow[] =>
          a.officers.length === 0
            ? [{ agency: a.name, level: LEVELS[a.level], name: 'Chưa có', position: null, phone: null, email: null, updatedAt: null }]
            : a.officers.map((o) => ({ agency: a.name, level: LEVELS[a.level], name: o.name, position: o.position, phone: o.phone, email: o.email, updatedAt: vietnameseDateTime(o.updatedAt) })),
        ),
      },
    ],
  };
}
