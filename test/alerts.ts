/** A test app for alerts (issue 6): the Center and two communes with alert editors and approvers, residents, helpers. */
import assert from 'node:assert/strict';
import type { Config } from '../server/config.ts';
import type { StaffRole } from '../server/domain/access/index.ts';
import { updateUser } from '../server/db/repos/accounts.repo.ts';
import { findAgency, listAgencies } from '../server/db/repos/agencies.repo.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import { testApp } from './context.ts';
import { createCitizen, createStaff, signInHeaders } from './factories.ts';

type H = Record<string, string>;

export async function alertsTestApp(config: Partial<Config> = {}) {
  // Sessions outlive the tests' clock moves (up to ten days).
  const t = await testApp({ config: { sessionTtlHours: 24 * 30, ...config } });
  const { app, ctx, clock } = t;
  // Mon 2 March 2026, 09:00 in Hà Nội.
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const center = await agency('trung-tam-phuc-vu-hanh-chinh-cong');
  const hoanKiem = await agency('ubnd-phuong-hoan-kiem');
  const other = (await listAgencies(ctx.db, { level: 'commune' })).find((a) => a.active && a.id !== hoanKiem.id)!;
  const staff = async (agencyId: string, role: StaffRole) => signInHeaders(app, (await createStaff(ctx, [{ agencyId, role }])).username);
  const resident = async (residence: { version: string; code: string } | null) => {
    const c = await createCitizen(app, { verified: true });
    if (residence) await updateUser(ctx.db, c.id, { residence_structure_version: residence.version, residence_unit_code: residence.code });
    return { ...c, h: await signInHeaders(app, c.phone) };
  };
  const post = async (h: H, url: string, payload: unknown, status: number) => {
    const res = await app.inject({ method: 'POST', url, headers: h, payload: payload as Record<string, unknown> });
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const draft = (over: Record<string, unknown> = {}) => ({
    kind: 'warning',
    category: 'Met',
    severity: 'Severe',
    urgency: 'Expected',
    title: 'Cảnh báo mưa lớn và ngập úng',
    body: 'Từ chiều nay đến hết ngày mai, Hà Nội có mưa to đến rất to, lượng mưa phổ biến 80–150 mm. Người dân hạn chế ra đường ở các tuyến phố thường xuyên ngập, không trú mưa dưới gốc cây, cột điện.',
    expiresAt: '2026-03-04T18:00:00+07:00',
    ...over,
  });
  /** Creates, submits and approves: the alert as sent (or scheduled). */
  const send = async (editor: H, approver: H, over: Record<string, unknown> = {}, approve: Record<string, unknown> = {}) => {
    const created = await post(editor, '/api/v1/alerts', draft(over), 201);
    const submitted = await post(editor, `/api/v1/alerts/${created.id}/actions`, { action: 'submit', version: created.version }, 200);
    return post(approver, `/api/v1/alerts/${created.id}/actions`, { action: 'approve', version: submitted.version, ...approve }, 200);
  };
  const inbox = async (h: H, qs = '') => {
    const res = await app.inject({ url: `/api/v1/me/alerts${qs}`, headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { residenceMissing: boolean; total: number; unread: number; items: { id: string; code: string; title: string; issuer: { name: string; level: string }; read: boolean; cancelled: boolean; expired: boolean }[] };
  };
  const hkUnit = { version: '2025-07', code: hoanKiem.jurisdiction[0]!.code };
  const otherUnit = { version: '2025-07', code: other.jurisdiction[0]!.code };
  return {
    ...t,
    center,
    hoanKiem,
    other,
    hkUnit,
    otherUnit,
    staff,
    resident,
    post,
    draft,
    send,
    inbox,
    cityEditor: await staff(center.id, 'alert_editor'),
    cityApprover: await staff(center.id, 'alert_approver'),
    hkEditor: await staff(hoanKiem.id, 'alert_editor'),
    hkApprover: await staff(hoanKiem.id, 'alert_approver'),
  };
}

