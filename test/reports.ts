/** Report helpers for integration tests: one sample field report and the action call with the version read first. */
import assert from 'node:assert/strict';
import type { App } from '../server/http/app.ts';

/** A pothole by Hồ Hoàn Kiếm, reported on Mon 2 March 2026 — valid for every test that sets the clock after it. */
export function fieldReportBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'field_report',
    categoryCode: 'hu-hong-mat-duong',
    title: 'Ổ gà lớn trên phố Đinh Tiên Hoàng',
    description: 'Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm, xe máy đi qua rất nguy hiểm vào buổi tối.',
    place: { lat: 21.0287, lng: 105.8524, address: 'Phố Đinh Tiên Hoàng, gần Tháp Rùa' },
    occurredAt: '2026-03-02T07:30:00+07:00',
    confidential: false,
    ...overrides,
  };
}

/** Submits the sample field report as the citizen of `h`; its id. */
export async function submitFieldReport(app: App, h: Record<string, string>, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody(overrides) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

/** Posts a workflow action with the version the actor sees (1 when they cannot see the report). */
export async function reportAction(app: App, h: Record<string, string>, id: string, body: Record<string, unknown>) {
  const detail = await app.inject({ url: `/api/v1/reports/${id}`, headers: h });
  const version = detail.statusCode === 200 ? detail.json().version : 1;
  return app.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions`, headers: h, payload: { version, ...body } });
}

/** As {@link reportAction}, asserting that the action succeeded. */
export async function reportActionOk(app: App, h: Record<string, string>, id: string, body: Record<string, unknown>) {
  const res = await reportAction(app, h, id, body);
  assert.equal(res.statusCode, 200, `${String(body.action)}: ${res.body}`);
  return res;
}
