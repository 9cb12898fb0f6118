/**
 * Open data (issue 8 item 3, R-18.5 / R-20): published reports as GeoJSON and CSV, daily figures per commune and
 * category as CSV and JSON — public, without personal data, under CC BY 4.0 (stated in each answer). CSV is UTF-8
 * with a BOM so that Excel shows Vietnamese; answers may be cached for five minutes.
 */
import { Type } from 'typebox';
import { BOM, OPEN_DATA_LICENCE, OPEN_REPORTS_MAX, openDataDailyStats, openDataReports, spreadsheetSafe, toCsv, type OpenDataQuery } from '../../app/open-data/index.ts';
import type { App } from '../app.ts';
import { nextPageUrl } from '../next-page.ts';
import { Strict } from './schemas.ts';

const Day = (what: string) => Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${what} (YYYY-MM-DD, giờ Việt Nam), tính cả ngày đó` }));
const Filters = {
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{4}(-[0-9]{2})?/[0-9]{2,5}$', description: 'Xã/phường: <phiên bản>/<mã>, ví dụ 2025-07/00070' })),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Mã lĩnh vực' })),
};
const ReportsQuery = Type.Object(
  {
    from: Day('Công khai kết quả từ ngày'),
    to: Day('Đến ngày'),
    ...Filters,
    bbox: Type.Optional(Type.String({ maxLength: 200, description: 'Khung bản đồ: tây,nam,đông,bắc (độ), ví dụ 105.84,21.02,105.86,21.04' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OPEN_REPORTS_MAX, default: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  Strict,
);
const StatsQuery = Type.Object({ from: Day('Từ ngày (mặc định: 30 ngày gần nhất)'), to: Day('Đến ngày (mặc định: hôm nay)'), ...Filters }, Strict);

const CACHE = 'public, max-age=300';
const LICENCE_LINK = `<${OPEN_DATA_LICENCE.url}>; rel="license"`;
const licenceText = `${OPEN_DATA_LICENCE.name} (${OPEN_DATA_LICENCE.url}); ${OPEN_DATA_LICENCE.attribution}`;

/** The same query for the next page, or null on the last one. */
function nextPage(url: string, q: { limit?: number | undefined; offset?: number | undefined }, more: boolean): string | null {
  const limit = q.limit ?? 1000;
  return more ? nextPageUrl(url, { offset: (q.offset ?? 0) + limit, limit }) : null;
}

function query(q: OpenDataQuery): OpenDataQuery {
  return { from: q.from, to: q.to, unit: q.unit, category: q.category, bbox: q.bbox };
}

export default async function openDataRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const tags = ['open-data'];

  app.get(
    '/api/v1/open-data/reports.geojson',
    { ...app.publicCache, schema: { tags, summary: 'Phản ánh đã công khai kết quả, dạng GeoJSON (dữ liệu mở CC BY 4.0, không có thông tin cá nhân; R-20)', querystring: ReportsQuery } },
    async (req, reply) => {
      const q = req.query;
      const r = await openDataReports(ctx, { ...query(q), limit: q.limit ?? 1000, offset: q.offset ?? 0 });
      const next = nextPage(req.url, q, r.more);
      reply.header('cache-control', CACHE).header('link', LICENCE_LINK).type('application/geo+json; charset=utf-8');
      return JSON.stringify({
        type: 'FeatureCollection',
        licence: OPEN_DATA_LICENCE,
        generatedAt: r.generatedAt,
        period: { from: r.from, to: r.to },
        next,
        features: r.reports.map(({ lat, lng, ...properties }) => ({
          type: 'Feature',
          id: properties.code,
          geometry: lat !== null && lng !== null ? { type: 'Point', coordinates: [lng, lat] } : null,
          properties,
        })),
      });
    },
  );

  app.get(
    '/api/v1/open-data/reports.csv',
    { ...app.publicCache, schema: { tags, summary: 'Phản ánh đã công khai kết quả, dạng CSV UTF-8 (dữ liệu mở CC BY 4.0, giấy phép trong tiêu đề Link; R-20)', querystring: ReportsQuery } },
    async (req, reply) => {
      const q = req.query;
      const r = await openDataReports(ctx, { ...query(q), limit: q.limit ?? 1000, offset: q.offset ?? 0 });
      const next = nextPage(req.url, q, r.more);
      const header = ['code', 'kind', 'category_code', 'category_name', 'title', 'state', 'state_label', 'unit_version', 'unit_code', 'commune_name', 'lat', 'lng', 'submitted_at', 'published_at', 'handling_agency', 'rating', 'url'];
      const rows = r.reports.map((x) => [x.code, x.kind, x.categoryCode, x.categoryName, spreadsheetSafe(x.title), x.state, x.stateLabel, x.unitVersion, x.unitCode, x.communeName, x.lat, x.lng, x.submittedAt, x.publishedAt, x.handlingAgency, x.rating, x.url]);
      reply
        .header('cache-control', CACHE)
        .header('link', next ? `${LICENCE_LINK}, <${next}>; rel="next"` : LICENCE_LINK)
        .header('x-licence', encodeURI(licenceText))
        .header('content-disposition', 'attachment; filename="ihanoi-reports.csv"')
        .type('text/csv; charset=utf-8; header=present');
      return BOM + toCsv(header, rows);
    },
  );

  const stats = async (q: OpenDataQuery) => openDataDailyStats(ctx, query(q));

  app.get(
    '/api/v1/open-data/stats/daily.json',
    { ...app.publicCache, schema: { tags, summary: 'Số phản ánh tiếp nhận, công khai kết quả, được đánh giá theo ngày (giờ Việt Nam), xã/phường và lĩnh vực (dữ liệu mở; R-20)', querystring: StatsQuery } },
    async (req, reply) => {
      const r = await stats(req.query);
      reply.header('cache-control', CACHE).header('link', LICENCE_LINK);
      return {
        licence: OPEN_DATA_LICENCE,
        generatedAt: r.generatedAt,
        period: { from: r.from, to: r.to },
        days: r.days.map((d) => ({
          date: d.date,
          unit: d.unitCode ? { version: d.unitVersion, code: d.unitCode, name: d.unitName } : null,
          category: { code: d.categoryCode, name: d.categoryName },
          received: d.received,
          published: d.published,
          rated: d.rated,
        })),
      };
    },
  );

  app.get(
    '/api/v1/open-data/stats/daily.csv',
    { ...app.publicCache, schema: { tags, summary: 'Như stats/daily.json, dạng CSV UTF-8 (giấy phép trong tiêu đề Link)', querystring: StatsQuery } },
    async (req, reply) => {
      const r = await stats(req.query);
      const header = ['date', 'unit_version', 'unit_code', 'unit_name', 'category_code', 'category_name', 'received', 'published', 'rated'];
      const rows = r.days.map((d) => [d.date, d.unitVersion, d.unitCode, d.unitName, d.categoryCode, d.categoryName, d.received, d.published, d.rated]);
      reply
        .header('cache-control', CACHE)
        .header('link', LICENCE_LINK)
        .header('x-licence', encodeURI(licenceText))
        .header('content-disposition', 'attachment; filename="ihanoi-daily-stats.csv"')
        .type('text/csv; charset=utf-8; header=present');
      return BOM + toCsv(header, rows);
    },
  );
}
