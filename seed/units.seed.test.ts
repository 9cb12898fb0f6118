import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CURRENT, LIST_579, PRE_REFORM, STRUCTURE_VERSIONS, readUnitFiles, referenceUnits } from './units.seed.ts';

const files = readUnitFiles();
const { units, successions } = referenceUnits(files);
const count = (version: string, level: string) => (units.get(version) ?? []).filter((u) => u.level === level).length;

test('R-28.1 the reference data holds 126 current communes, 30 former districts, 526 and 579 communes, and the city in each version', () => {
  assert.equal(count(CURRENT, 'commune'), 126);
  assert.equal(count(CURRENT, 'district'), 0);
  assert.equal(count(PRE_REFORM, 'district'), 30);
  assert.equal(count(PRE_REFORM, 'commune'), 526);
  assert.equal(count(LIST_579, 'district'), 30);
  assert.equal(count(LIST_579, 'commune'), 579);
  for (const v of STRUCTURE_VERSIONS) assert.equal(count(v.version, 'city'), 1, v.version);
});

test('R-28.1 structure versions follow each other without gap or overlap', () => {
  const sorted = [...STRUCTURE_VERSIONS].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = new Date(`${sorted[i - 1]!.validTo}T00:00:00Z`);
    prev.setUTCDate(prev.getUTCDate() + 1);
    assert.equal(prev.toISOString().slice(0, 10), sorted[i]!.validFrom);
  }
  assert.equal(sorted.at(-1)!.validTo, null);
});

test('R-28.1 the 526 → 126 mapping agrees with the mergedFrom lists of the new units (795 pairs: 327 full, 468 partial)', () => {
  const toCurrent = successions.filter((s) => s.from.version === PRE_REFORM && s.to.version === CURRENT && s.from.code !== '01');
  assert.equal(toCurrent.length, 795);
  assert.equal(toCurrent.filter((s) => s.scope === 'full').length, 327);
  const fromFiles = files.twoLevel
    .flatMap((u) => (u as unknown as { mergedFrom: { code: string; scope: string }[] }).mergedFrom.map((m) => `${m.code}>${u.code}:${m.scope}`))
    .sort();
  assert.deepEqual(toCurrent.map((s) => `${s.from.code}>${s.to.code}:${s.scope}`).sort(), fromFiles);
  const sonDong = toCurrent.filter((s) => s.from.code === '09859');
  assert.deepEqual(sonDong.map((s) => `${s.to.code}:${s.scope}`), ['09871:full'], 'the corrected Sơn Đồng pair (data/hanoi/README.md)');
});

test('R-28.1 579-era codes link to the 526 list only where the code survived (526 of 579)', () => {
  const kept = successions.filter((s) => s.from.version === LIST_579 && s.to.version === PRE_REFORM);
  assert.equal(kept.filter((s) => (units.get(LIST_579) ?? []).find((u) => u.code === s.from.code)?.level === 'commune').length, 526);
  assert.ok(kept.every((s) => s.from.code === s.to.code && (s.scope === 'code_kept' || s.from.code === '01')));
});

test('R-28.1 every boundary belongs to a current unit', () => {
  const features = (JSON.parse(readFileSync(new URL('../data/hanoi/boundaries-2025-communes.geojson', import.meta.url), 'utf8')) as { features: { id: string }[] }).features;
  const codes = new Set((units.get(CURRENT) ?? []).map((u) => u.code));
  assert.equal(features.length, 126);
  assert.ok(features.every((f) => codes.has(f.id)));
});
