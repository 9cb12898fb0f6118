/**
 * Roles of the regulation's actors (R-2, R-8.1, R-15–17, R-18) and what each may do. A staff role is held
 * in an agency (a membership); its permissions apply within that agency's scope only. Citizens act for
 * themselves. This table is the single place that grants a permission.
 */
export const ROLES = [
  'citizen',
  'center_operator', // Trung tâm Phục vụ hành chính công: receives and dispatches city-wide
  'receiving_officer', // cán bộ tiếp nhận
  'agency_head', // Thủ trưởng: takes, assigns, approves and publishes
  'processing_officer', // cán bộ xử lý (R-8.1 step 3–4)
  'commune_leader', // lãnh đạo UBND cấp xã: assigns officers (R-8.1 step 3)
  'alert_editor', // step 1
  'alert_approver', // step 2: approve and send
  'city_overseer', // R-18.3b, R-22: reads figures city-wide
  'administrator', // units, agencies, calendar, staff accounts
  'reception_officer', // cán bộ Ban Tiếp công dân Thành phố: sessions and bookings of citizen reception
] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = Exclude<Role, 'citizen'>;
export const STAFF_ROLES = ROLES.filter((r): r is StaffRole => r !== 'citizen');

export const PERMISSIONS = [
  'report.submit',
  'report.readOwn',
  'report.receive',
  'report.dispatch',
  'report.take',
  'report.assign',
  'report.process',
  'report.approve',
  'report.readInScope',
  'alert.edit',
  'alert.approve',
  'oversight.read',
  'agency.readMembers',
  'agency.manage',
  'agency.focalOfficers.manage',
  'calendar.manage',
  'staff.manage',
  'unit.manage',
  'sanction.read', // the sanctions and violations of reporters, referrals
  'sanction.lift', // lift a sanction with a written reason
  'integrity.manage', // the list of known public images the intake checks compare photos with (R-5.2, R-6.2c)
  'integration.manage', // webhooks of integrators such as the city's LGSP
  'evaluation.manage', // the criteria of the agencies' ranking and the officers' commendation
  'reception.book', // a citizen books a reception session with the Board; verified identity only
  'reception.manage', // the Board publishes sessions and reviews, checks in and records bookings
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * `scope`: 'agency' — only within the agency of the membership (and the units it has jurisdiction over);
 * 'city' — everywhere. Citizens' permissions concern their own records.
 */
export const ROLE_GRANTS: Record<Role, { scope: 'own' | 'agency' | 'city'; permissions: Permission[] }> = {
  citizen: { scope: 'own', permissions: ['report.submit', 'report.readOwn', 'reception.book'] },
  center_operator: {
    scope: 'city',
    // R-18.3b: the Center reports on the handling of reports, alerts and initiatives — it reads the oversight figures.
    permissions: ['report.receive', 'report.dispatch', 'report.readInScope', 'agency.readMembers', 'agency.focalOfficers.manage', 'sanction.read', 'oversight.read'],
  },
  receiving_officer: { scope: 'agency', permissions: ['report.receive', 'report.readInScope'] },
  agency_head: {
    scope: 'agency',
    // every agency reports its own figures — its head reads them (and its documents) for its agency only.
    permissions: ['report.take', 'report.assign', 'report.approve', 'report.readInScope', 'agency.readMembers', 'oversight.read'],
  },
  processing_officer: { scope: 'agency', permissions: ['report.process', 'report.readInScope'] },
  commune_leader: { scope: 'agency', permissions: ['report.assign', 'report.readInScope', 'agency.readMembers', 'oversight.read'] },
  alert_editor: { scope: 'agency', permissions: ['alert.edit'] },
  alert_approver: { scope: 'agency', permissions: ['alert.approve'] },
  city_overseer: { scope: 'city', permissions: ['oversight.read', 'report.readInScope'] },
  administrator: {
    scope: 'city',
    permissions: ['agency.manage', 'agency.readMembers', 'agency.focalOfficers.manage', 'calendar.manage', 'staff.manage', 'unit.manage', 'sanction.read', 'sanction.lift', 'integrity.manage', 'integration.manage', 'evaluation.manage'],
  },
  // The Board's officers, for the sessions and bookings of their own agency (the Board) only.
  reception_officer: { scope: 'agency', permissions: ['reception.manage'] },
};
