/** A test app for the intake integrity checks (issue 5): a Center operator who reads every report's findings. */
import assert from 'node:assert/strict';
import type { Config } from '../server/config.ts';
import { findAgency } from '../server/db/repos/agencies.repo.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import { testApp } from './context.ts';
import { createCitizen, createStaff, signInHeaders } from './factories.ts';
import { fieldReportBody } from './reports.ts';
import { upload } from './uploads.ts';

export async function integrityTestApp(config: Partial<Config> = {}) {
  const t = await testApp({ config });
  // Mon 2 March 2026, 09:00 in Hà Nội.
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const { app, ctx } = t;
  // The Center's operator reads every report (the receiving officer of each would see the same findings).
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const officer = await createStaff(ctx, [{ agencyId: center.id, role: 'center_operator' }]);
  const officerH = await signInHeaders(app, officer.username);
  const citizen = async () => {
    const c = await createCitizen(app, { verified: true });
    return { ...c, h: await signInHeaders(app, c.phone) };
  };
  const submit = async (h: Record<string, string>, body: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody(body) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; code: string };
  };
  const uploadOne = async (h: Record<string, string>, name: string, bytes: Buffer) => {
    const res = await upload(app, h, [{ name, bytes }]);
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { items: { id: string }[] }).items[0]!.id;
  };
  const findingsSeenByOfficer = async (id: string) => {
    const res = await app.inject({ url: `/api/v1/reports/${id}`, headers: officerH });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().findings as { check: string; confidence: number; summary: string; evidence: Record<string, unknown>; supportsReason: { code: string } | null; matchedReport: { code: string } | null; uploadId: string | null }[];
  };
  return { ...t, officerH, citizen, submit, uploadOne, findingsSeenByOfficer };
}

