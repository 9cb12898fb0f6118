import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { distanceMeters, editorsIn, isPhoneScreenSize, photoFindings, type PhotoFacts } from './photo-signs.ts';

const EDITORS = (JSON.parse(readFileSync(new URL('../../../data/integrity/photo-editors.json', import.meta.url), 'utf8')) as { editors: string[] }).editors;
const HOAN_KIEM = { lat: 21.0287, lng: 105.8524 };
const AT = new Date('2026-03-02T02:00:00Z');
const camera: PhotoFacts = { id: 'u1', kind: 'photo', mime: 'image/jpeg', width: 4032, height: 3024, takenAt: new Date('2026-03-02T01:30:00Z'), gps: { lat: 21.0289, lng: 105.8526 }, camera: 'Apple iPhone 13', editTools: ['17.3.1'] };
const checks = (p: PhotoFacts) => photoFindings(p, { occurredAt: AT, place: HOAN_KIEM }, EDITORS).map((f) => f.check);

test('R-6.1b a phone photo taken at the place and time reported raises no sign', () => {
  assert.deepEqual(checks(camera), []);
});

test('R-6.2b a photo whose metadata names Photoshop, Snapseed or PicsArt is flagged as edited, with the tool as evidence', () => {
  for (const tool of ['Adobe Photoshop 25.0 (Windows)', 'Snapseed 2.0', 'PicsArt', 'Meitu 9.8.1', 'Canva']) {
    const [f] = photoFindings({ ...camera, editTools: [tool] }, { occurredAt: AT, place: HOAN_KIEM }, EDITORS);
    assert.equal(f?.check, 'edited_photo', tool);
    assert.deepEqual(f?.evidence.tools, [tool]);
    assert.match(f?.summary ?? '', /phần mềm chỉnh sửa/);
  }
  // Phone firmware and OS versions are not editors.
  for (const tool of ['iOS 17.4', 'HDR+ 1.0.540104767zd', 'G998BXXU5DVL1', 'Android', 'MIUI Camera']) assert.deepEqual(checks({ ...camera, editTools: [tool] }), [], tool);
});

test('R-6.2b "Photoshop" inside "Adobe Photoshop" is named once; matching is by whole words', () => {
  assert.deepEqual(editorsIn(['Adobe Photoshop Lightroom Classic 12.0'], EDITORS).sort(), ['Adobe Photoshop', 'Lightroom']);
  assert.deepEqual(editorsIn(['Snowfall Camera 2'], EDITORS), []);
});

test('R-5.2 a phone-screen-sized image without camera data is a likely screenshot; other images without camera data get a weak sign', () => {
  const bare = { ...camera, camera: null, takenAt: null, gps: null, editTools: [] };
  assert.deepEqual(checks({ ...bare, width: 1170, height: 2532, mime: 'image/png' }), ['screenshot']);
  assert.deepEqual(checks({ ...bare, width: 2532, height: 1170 }), ['screenshot'], 'landscape too');
  const weak = photoFindings({ ...bare, width: 1600, height: 1200 }, { occurredAt: AT, place: HOAN_KIEM }, EDITORS);
  assert.deepEqual(weak.map((f) => [f.check, f.confidence]), [['no_camera_metadata', 0.3]]);
  // A camera-sized photo with a camera is not a screenshot.
  assert.deepEqual(checks({ ...camera, width: 1080, height: 1920 }), []);
});

test('R-6.1b a photo taken days before the reported time, or kilometres from the pin, is a sign with the gap as evidence', () => {
  const old = photoFindings({ ...camera, takenAt: new Date('2026-02-20T02:00:00Z') }, { occurredAt: AT, place: HOAN_KIEM }, EDITORS);
  assert.deepEqual(old.map((f) => f.check), ['photo_time_far']);
  assert.equal(old[0]?.evidence.hours, -240);
  assert.equal(checks({ ...camera, takenAt: new Date('2026-03-03T12:00:00Z') }).length, 0, '34 h later is within 48 h');
  // Hồ Tây is about 3 km from Hoàn Kiếm.
  const far = photoFindings({ ...camera, gps: { lat: 21.0545, lng: 105.8262 } }, { occurredAt: AT, place: HOAN_KIEM }, EDITORS);
  assert.deepEqual(far.map((f) => f.check), ['photo_place_far']);
  assert.deepEqual(Object.keys(far[0]?.evidence ?? {}), ['meters'], 'R-5.7 the photo GPS itself is not in the evidence');
  assert.ok((far[0]?.evidence.meters as number) > 3000 && (far[0]?.evidence.meters as number) < 4000);
});

test('videos get no photo signs', () => {
  assert.deepEqual(checks({ ...camera, kind: 'video', editTools: ['Adobe Photoshop'] }), []);
});

test('property: distance is symmetric, zero at the same point, and phone screens match in either orientation', () => {
  const point = fc.record({ lat: fc.double({ min: 20.5, max: 21.4, noNaN: true }), lng: fc.double({ min: 105.3, max: 106.1, noNaN: true }) });
  fc.assert(fc.property(point, point, (a, b) => Math.abs(distanceMeters(a, b) - distanceMeters(b, a)) < 1e-6 && distanceMeters(a, a) === 0));
  fc.assert(fc.property(fc.integer({ min: 100, max: 4000 }), fc.integer({ min: 100, max: 4000 }), (w, h) => isPhoneScreenSize(w, h) === isPhoneScreenSize(h, w)));
});
