/**
 * Outlines of units for drawing and for CAP areas: the outer rings of a boundary, simplified with
 * Douglas–Peucker (simplify-js) so a commune keeps its shape in tens of points instead of thousands.
 */
import simplify from 'simplify-js';

export type Position = readonly [number, number];

/** The outer rings of a GeoJSON Polygon or MultiPolygon, as [lng, lat] positions. */
export function outerRings(geometry: unknown): [number, number][][] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon') return [(g.coordinates as [number, number][][])[0]!];
  if (g?.type === 'MultiPolygon') return (g.coordinates as [number, number][][][]).map((p) => p[0]!);
  return [];
}

/**
 * A ring simplified within `toleranceDegrees`, closed (first position repeated last), coordinates rounded to
 * `decimals`; null when too little is left to be a polygon (fewer than four positions).
 */
export function simplifiedRing(ring: readonly Position[], toleranceDegrees: number, decimals = 5): [number, number][] | null {
  const pts = simplify(
    ring.map(([x, y]) => ({ x, y })),
    toleranceDegrees,
  );
  if (pts.length < 3) return null;
  const f = 10 ** decimals;
  const out = pts.map((p): [number, number] => [Math.round(p.x * f) / f, Math.round(p.y * f) / f]);
  const [first, last] = [out[0]!, out[out.length - 1]!];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out.length < 4 ? null : out;
}
