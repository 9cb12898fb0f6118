/**
 * Who may do what with the catalogue and the routing rules: administrators edit both (R-28.1: categories and
 * routing rules are data an administrator edits — the same permission as editing agencies, whose fields they
 * route by); any staff member reads the rules and previews routing; everyone reads active categories.
 */
import { can, type Actor } from '../../domain/access/index.ts';
import { requirePermission } from '../accounts/staff.ts';

export function requireCatalogueAdmin(actor: Actor): void {
  requirePermission(actor, can(actor, 'agency.manage', { any: true }));
}

export function requireStaff(actor: Actor): void {
  requirePermission(actor, actor.kind === 'staff');
}
