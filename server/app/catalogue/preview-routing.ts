/**
 * Where would a report go? For officers (and tests): the commune at a map point (the units' look-up), then
 * routeReport — the same decision a submitted report gets. Without a point, routing without a place.
 */
import type { Actor } from '../../domain/access/index.ts';
import { invalid } from '../../domain/errors.ts';
import type { Unit } from '../../domain/units/index.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import { unitAt } from '../units/locate-unit.ts';
import { requireStaff } from './access.ts';
import { routeReport, usableCategory, type RoutingResult } from './route-report.ts';

export interface RoutingPreviewQuery {
  kind: string;
  category: string;
  lat?: number | undefined;
  lng?: number | undefined;
}

export interface RoutingPreview extends RoutingResult {
  category: { code: string; name: string; field: string };
  /** The commune at the point and its parent; null without a point. */
  place: { unit: Unit; parent: Unit | null; approximate: boolean } | null;
}

const NAMES = { kind: 'querystring.kind', categoryCode: 'querystring.category', place: 'querystring.lat' };

export async function previewRouting(ctx: AppContext, actor: Actor, query: RoutingPreviewQuery): Promise<RoutingPreview> {
  requireStaff(actor);
  const ref = await referenceData(ctx);
  const { category } = usableCategory(ref, query.kind, query.category, NAMES);
  if ((query.lat === undefined) !== (query.lng === undefined)) {
    const missing = query.lat === undefined ? 'lat' : 'lng';
    throw invalid([{ field: `querystring.${missing}`, message: 'Cần cả vĩ độ (lat) và kinh độ (lng), hoặc không có cả hai' }]);
  }
  let place: RoutingPreview['place'] = null;
  if (query.lat !== undefined && query.lng !== undefined) {
    const found = await unitAt(ctx, query.lat, query.lng);
    // R-6.1 (c): a report needs a place inside Hanoi.
    if (!found.inHanoi) throw invalid([{ field: 'querystring.lat', message: `Điểm (${query.lat}, ${query.lng}) nằm ngoài địa giới Thành phố Hà Nội` }]);
    place = { unit: found.unit, parent: found.parent, approximate: found.approximate };
  }
  const routed = routeReport(ref, { kind: query.kind, categoryCode: query.category, place: place && { version: place.unit.version, code: place.unit.code } }, NAMES);
  return { ...routed, category: { code: category.code, name: category.name, field: category.field }, place };
}
