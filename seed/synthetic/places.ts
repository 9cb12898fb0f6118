/**
 * Where in Hanoi: the communes of a structure version with their weight (distributions.ts `communeWeight`) and a
 * pool of points inside each commune's outline (rejection sampling in its bounding box, kept when the platform's
 * own geo index places the point in that commune). A report's pin is a pool point moved by up to ~30 m, so pins
 * are inside the commune or within metres of its edge.
 */
import type { GeoIndex, Unit } from '../../server/domain/units/index.ts';
import { boundingBox } from '../../server/domain/units/index.ts';
import { communeWeight } from './distributions.ts';
import type { Rng } from './prng.ts';
import { Weighted } from './prng.ts';

const POOL = 256;
const TRIES = 20_000;
const JITTER_DEG = 0.0003;

export interface Commune {
  unit: Unit;
  areaKm2: number | null;
  points: readonly (readonly [lat: number, lng: number])[];
}

export class Places {
  readonly communes: Weighted<Commune>;

  constructor(units: readonly { unit: Unit; geometry: unknown; areaKm2: number | null }[], geo: GeoIndex, rng: Rng) {
    const communes = units.map(({ unit, geometry, areaKm2 }) => {
      const [west, south, east, north] = boundingBox(geometry, `unit ${unit.code}`);
      const points: [number, number][] = [];
      for (let t = 0; t < TRIES && points.length < POOL; t++) {
        const lat = south + rng.next() * (north - south);
        const lng = west + rng.next() * (east - west);
        const at = geo.locate(lat, lng);
        if (at.inHanoi && !at.approximate && at.code === unit.code) points.push([lat, lng]);
      }
      if (points.length === 0) throw new Error(`no point found inside commune ${unit.code}`);
      return { unit, areaKm2, points };
    });
    this.communes = new Weighted(
      communes,
      communes.map((c) => communeWeight(c.unit.type, c.areaKm2)),
    );
  }

  pin(c: Commune, rng: Rng): { lat: number; lng: number } {
    const [lat, lng] = rng.pick(c.points);
    return { lat: lat + (rng.next() - 0.5) * 2 * JITTER_DEG, lng: lng + (rng.next() - 0.5) * 2 * JITTER_DEG };
  }
}
