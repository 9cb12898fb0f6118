/**
 * The cast of an oversight test (issue 10): the Center's operator and overseer, Sở Xây dựng's head and one of its
 * officers, and a verified citizen signed in — each test file then walks its reports through the API with them.
 */
import { findAgency } from '../server/db/repos/agencies.repo.ts';
import type { App } from '../server/http/app.ts';
import { createCitizen, signedInStaff, signInHeaders } from './factories.ts';

export const agencyByCode = async (app: App, code: string) => {
  const a = await findAgency(app.ctx.db, { code });
  if (!a) throw new Error(`agency ${code} is not seeded`);
  return a;
};

export async function oversightCast(app: App) {
  const center = await agencyByCode(app, 'trung-tam-phuc-vu-hanh-chinh-cong');
  const sxd = await agencyByCode(app, 'so-xay-dung');
  const operator = await signedInStaff(app, center.id, 'center_operator');
  const overseer = await signedInStaff(app, center.id, 'city_overseer');
  const head = await signedInStaff(app, sxd.id, 'agency_head');
  const officer = await signedInStaff(app, sxd.id, 'processing_officer');
  const citizen = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, citizen.phone);
  return { center, sxd, operator, overseer, head, officer, citizen, citizenH };
}
