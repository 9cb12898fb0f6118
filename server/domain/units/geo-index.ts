/**
 * Point → current commune: a packed R-tree (flatbush) over the bounding boxes of the communes' polygons picks
 * the few candidates, an exact point-in-polygon test (point-in-polygon-hao, robust on edges) decides.
 *
 * The commune polygons and the city outline come from different sources and disagree along the city border
 * by about 1% of the area (data/hanoi/README.md): some points inside the city outline fall in a sliver that
 * no commune polygon covers — measured at most 720 m from the nearest commune. Such a point is still in
 * Hanoi, so it gets the nearest commune within NEAREST_COMMUNE_MAX_M, marked `approximate`. A point in no
 * commune and outside the outline is outside Hanoi.
 */
import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon-hao';

/** Rings of [lng, lat] positions; the first ring is the outer boundary, the others are holes (GeoJSON). */
type PolygonRings = number[][][];

export const NEAREST_COMMUNE_MAX_M = 2_000;

export type GeoLocation = { inHanoi: false } | { inHanoi: true; code: string; approximate: boolean };

export interface GeoIndexInput {
  /** The current communes with their GeoJSON geometry (Polygon or MultiPolygon, WGS84). */
  communes: readonly { code: string; geometry: unknown }[];
  /** The city outline (GeoJSON geometry), or null when there is none. */
  city: unknown;
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function isPolygon(rings: unknown): rings is PolygonRings {
  return (
    Array.isArray(rings) &&
    rings.length > 0 &&
    rings.every((ring: unknown) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition))
  );
}

/** The polygons of a GeoJSON Polygon or MultiPolygon; throws on anything else (bad operator data). */
export function polygonsOf(geometry: unknown, label: string): PolygonRings[] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g?.type === 'Polygon' && isPolygon(g.coordinates)) return [g.coordinates];
  if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(isPolygon))
    return g.coordinates;
  throw new Error(`${label}: the boundary is not a valid GeoJSON Polygon or MultiPolygon`);
}

type Box = [minX: number, minY: number, maxX: number, maxY: number];

function boxOf(rings: PolygonRings): Box {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of rings[0] ?? []) {
    if (x! < minX) minX = x!;
    if (y! < minY) minY = y!;
    if (x! > maxX) maxX = x!;
    if (y! > maxY) maxY = y!;
  }
  return [minX, minY, maxX, maxY];
}

/** [west, south, east, north] of a Polygon or MultiPolygon (GeoJSON `bbox`). */
export function boundingBox(geometry: unknown, label: string): Box {
  const boxes = polygonsOf(geometry, label).map(boxOf);
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG_AT_EQUATOR = 111_320;

/** Distance in metres from a point to a polygon's edges (equirectangular: exact enough within a city). */
function distanceToEdges(lng: number, lat: number, rings: PolygonRings): number {
  const kx = M_PER_DEG_LNG_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1]!, b = ring[i]!;
      const ax = (a[0]! - lng) * kx, ay = (a[1]! - lat) * M_PER_DEG_LAT;
      const bx = (b[0]! - lng) * kx, by = (b[1]! - lat) * M_PER_DEG_LAT;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best) best = d;
    }
  }
  return best;
}

/** Inside or on the edge (point-in-polygon-hao answers 0 on an edge: a shared border belongs to either side). */
function contains(rings: PolygonRings, lng: number, lat: number): boolean {
  return pointInPolygon([lng, lat], rings) !== false;
}

export class GeoIndex {
  private constructor(
    private readonly tree: Flatbush,
    private readonly polygons: readonly { code: string; rings: PolygonRings }[],
    private readonly city: readonly { box: Box; rings: PolygonRings }[],
  ) {}

  static build(input: GeoIndexInput): GeoIndex {
    const polygons = input.communes.flatMap((c) => polygonsOf(c.geometry, `unit ${c.code}`).map((rings) => ({ code: c.code, rings })));
    if (polygons.length === 0) throw new Error('No commune boundaries: the geo index cannot be built');
    const tree = new Flatbush(polygons.length);
    for (const p of polygons) tree.add(...boxOf(p.rings));
    tree.finish();
    const city = input.city == null ? [] : polygonsOf(input.city, 'city outline').map((rings) => ({ box: boxOf(rings), rings }));
    return new GeoIndex(tree, polygons, city);
  }

  /** How many polygons are indexed (a MultiPolygon counts each part). */
  get size(): number {
    return this.polygons.length;
  }

  locate(lat: number, lng: number): GeoLocation {
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return { inHanoi: false };
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const p = this.polygons[i]!;
      if (contains(p.rings, lng, lat)) return { inHanoi: true, code: p.code, approximate: false };
    }
    if (!this.inCityOutline(lat, lng)) return { inHanoi: false };
    const code = this.nearest(lat, lng, NEAREST_COMMUNE_MAX_M);
    return code === null ? { inHanoi: false } : { inHanoi: true, code, approximate: true };
  }

  private inCityOutline(lat: number, lng: number): boolean {
    return this.city.some(({ box: [x0, y0, x1, y1], rings }) => lng >= x0 && lng <= x1 && lat >= y0 && lat <= y1 && contains(rings, lng, lat));
  }

  private nearest(lat: number, lng: number, maxMetres: number): string | null {
    const dLat = maxMetres / M_PER_DEG_LAT;
    const dLng = maxMetres / (M_PER_DEG_LNG_AT_EQUATOR * Math.cos((lat * Math.PI) / 180));
    let best: { code: string; d: number } | null = null;
    for (const i of this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      const p = this.polygons[i]!;
      const d = distanceToEdges(lng, lat, p.rings);
      if (d <= maxMetres && (best === null || d < best.d)) best = { code: p.code, d };
    }
    return best?.code ?? null;
  }
}
