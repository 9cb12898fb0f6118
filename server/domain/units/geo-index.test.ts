import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GeoIndex, boundingBox, polygonsOf } from './geo-index.ts';

const DATA = new URL('../../../data/hanoi/', import.meta.url);
const read = (f: string) => JSON.parse(readFileSync(new URL(f, DATA), 'utf8')) as { features: { id: string; geometry: unknown }[] };

function load(): { index: GeoIndex; ms: number } {
  const started = performance.now();
  const communes = read('boundaries-2025-communes.geojson').features.map((f) => ({ code: f.id, geometry: f.geometry }));
  const city = read('boundary-2025-city.geojson').features[0]!.geometry;
  const index = GeoIndex.build({ communes, city });
  return { index, ms: performance.now() - started };
}
const { index, ms } = load();

test('R-6.1 the geo index of the 126 current communes loads in well under a second', () => {
  assert.ok(index.size >= 126, `${index.size} polygons`);
  assert.ok(ms < 1_000, `loaded in ${ms.toFixed(0)} ms`);
});

test('R-6.1 landmarks fall in their current commune', () => {
  const landmarks: [string, number, number, string][] = [
    ['Hồ Hoàn Kiếm', 21.0287, 105.8524, '00070'],
    ['Quảng trường Ba Đình', 21.0368, 105.8347, '00004'],
    ['Sân bay Nội Bài', 21.2187, 105.8042, '00433'],
    ['Thành cổ Sơn Tây', 21.1395, 105.5055, '09574'],
    ['Chùa Hương', 20.6186, 105.7475, '10489'],
    ['Hòa Lạc', 21.0136, 105.5256, '09988'],
  ];
  for (const [name, lat, lng, code] of landmarks)
    assert.deepEqual(index.locate(lat, lng), { inHanoi: true, code, approximate: false }, name);
});

test('R-6.1 points outside Hanoi are recognised', () => {
  for (const [name, lat, lng] of [
    ['Hải Phòng', 20.8449, 106.6881],
    ['Vịnh Bắc Bộ', 20.0, 107.5],
    ['Thái Nguyên', 21.6, 105.8],
    ['Null Island', 0, 0],
    ['Paris', 48.8566, 2.3522],
  ] as const)
    assert.deepEqual(index.locate(lat, lng), { inHanoi: false }, name);
  assert.deepEqual(index.locate(Number.NaN, 105.85), { inHanoi: false });
});

test('R-6.1 a point inside the city outline but in a sliver between commune polygons gets the nearest commune, marked approximate', () => {
  assert.deepEqual(index.locate(21.365145, 105.78464), { inHanoi: true, code: '00385', approximate: true });
  const noOutline = GeoIndex.build({ communes: read('boundaries-2025-communes.geojson').features.map((f) => ({ code: f.id, geometry: f.geometry })), city: null });
  assert.deepEqual(noOutline.locate(21.365145, 105.78464), { inHanoi: false }, 'without the outline the sliver is outside');
});

test('R-28.1 boundaries an operator supplies must be GeoJSON polygons', () => {
  const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
  assert.equal(polygonsOf(square, 'x').length, 1);
  assert.deepEqual(boundingBox({ type: 'MultiPolygon', coordinates: [square.coordinates, [[[2, 2], [3, 2], [3, 3], [2, 2]]]] }, 'x'), [0, 0, 3, 3]);
  assert.throws(() => polygonsOf({ type: 'Point', coordinates: [0, 0] }, 'unit 00070'), /unit 00070/);
  assert.throws(() => polygonsOf({ type: 'Polygon', coordinates: [[[0, 0], [1, 'a']]] }, 'x'));
  assert.throws(() => GeoIndex.build({ communes: [], city: null }), /No commune boundaries/);
  const tiny = GeoIndex.build({ communes: [{ code: 'A', geometry: square }], city: null });
  assert.deepEqual(tiny.locate(0.5, 0.5), { inHanoi: true, code: 'A', approximate: false });
  assert.deepEqual(tiny.locate(1, 0.5), { inHanoi: true, code: 'A', approximate: false }, 'a point on the edge belongs to the unit');
});
