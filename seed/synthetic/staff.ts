/**
 * The officers who act on synthetic reports and alerts: at each agency a receiving officer, a head (commune
 * leader at a commune committee), three processing officers; at the Center a dispatcher; at the units that issue
 * alerts (the Center, commune and district committees) an alert editor and an approver. Usernames
 * `synthetic.<agency code>.<role>`; created once and found again on later runs.
 */
import type { Kysely } from 'kysely';
import type { Agency } from '../../server/domain/agencies/index.ts';
import type { StaffRole } from '../../server/domain/access/index.ts';
import type { DB } from '../../server/db/schema.ts';
import type { AgencyStaff } from './lifecycle.ts';
import { LATE_SHARE_MAX, LATE_SHARE_MIN } from './distributions.ts';
import { Rng, uuidV7At } from './prng.ts';

export const STAFF_PREFIX = 'synthetic.';
const OFFICERS = 3;
const ALERT_ISSUERS = new Set(['center', 'commune_committee', 'district_committee']);

interface Post {
  username: string;
  displayName: string;
  agencyId: string;
  role: StaffRole;
}

function postsOf(a: Agency): Post[] {
  const post = (suffix: string, role: StaffRole, title: string): Post => ({
    username: `${STAFF_PREFIX}${a.code}.${suffix}`,
    displayName: `${title} — ${a.shortName ?? a.name}`,
    agencyId: a.id,
    role,
  });
  const posts = [
    post('tiep-nhan', 'receiving_officer', 'Cán bộ tiếp nhận'),
    post('lanh-dao', a.kind === 'commune_committee' ? 'commune_leader' : 'agency_head', 'Lãnh đạo'),
    ...Array.from({ length: OFFICERS }, (_, i) => post(`xu-ly-${i + 1}`, 'processing_officer', `Cán bộ xử lý ${i + 1}`)),
  ];
  if (a.kind === 'center') posts.push(post('dieu-phoi', 'center_operator', 'Điều phối viên'));
  if (ALERT_ISSUERS.has(a.kind)) posts.push(post('bien-tap', 'alert_editor', 'Biên tập thông báo'), post('duyet-tin', 'alert_approver', 'Duyệt thông báo'));
  return posts;
}

/** A small stable number of a text (FNV-1a), so that an agency's draws do not depend on the order of agencies. */
export function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface SyntheticStaff {
  byAgency: Map<string, AgencyStaff & { alertEditor: string | null; alertApprover: string | null }>;
  created: number;
}

/** Creates the missing synthetic officers of `agencies` (with `passwordHash`) and returns all of them by agency. */
export async function ensureStaff(db: Kysely<DB>, agencies: readonly Agency[], o: { seed: number; passwordHash: string; at: Date }): Promise<SyntheticStaff> {
  const posts = agencies.flatMap(postsOf);
  const rng = Rng.derive(o.seed, 1);
  let created = 0;
  for (let i = 0; i < posts.length; i += 500) {
    const batch = posts.slice(i, i + 500);
    const res = await db
      .insertInto('users')
      .values(batch.map((p) => ({ id: uuidV7At(o.at.getTime(), rng), kind: 'staff' as const, username: p.username, display_name: p.displayName, password_hash: o.passwordHash, created_at: o.at, updated_at: o.at })))
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    created += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  const ids = new Map<string, string>();
  for (let i = 0; i < posts.length; i += 500) {
    const rows = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', posts.slice(i, i + 500).map((p) => p.username)).execute();
    for (const r of rows) ids.set(r.username as string, r.id);
  }
  const idOf = (p: Post) => ids.get(p.username) as string;
  for (let i = 0; i < posts.length; i += 500) {
    await db
      .insertInto('memberships')
      .values(posts.slice(i, i + 500).map((p) => ({ user_id: idOf(p), agency_id: p.agencyId, role: p.role, created_at: o.at })))
      .onConflict((oc) => oc.columns(['user_id', 'agency_id', 'role']).doNothing())
      .execute();
  }
  const byAgency: SyntheticStaff['byAgency'] = new Map();
  for (const a of agencies) {
    const mine = posts.filter((p) => p.agencyId === a.id);
    const one = (role: StaffRole) => {
      const p = mine.find((x) => x.role === role);
      return p ? idOf(p) : null;
    };
    const headRole = a.kind === 'commune_committee' ? 'commune_leader' : 'agency_head';
    byAgency.set(a.id, {
      agencyId: a.id,
      kind: a.kind,
      head: { id: one(headRole) as string, role: headRole },
      receiver: one('receiving_officer') as string,
      operator: one('center_operator'),
      officers: mine.filter((p) => p.role === 'processing_officer').map(idOf),
      lateShare: LATE_SHARE_MIN + (LATE_SHARE_MAX - LATE_SHARE_MIN) * Rng.derive(o.seed, textHash(a.code)).next() ** 2,
      alertEditor: one('alert_editor'),
      alertApprover: one('alert_approver'),
    });
  }
  return { byAgency, created };
}
