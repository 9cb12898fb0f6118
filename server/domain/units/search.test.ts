import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rankMatches, type SearchCandidate } from './search.ts';

const units: SearchCandidate[] = [
  { code: '1', name: 'Yên Hòa', fullName: 'Phường Yên Hòa' },
  { code: '2', name: 'Yên Hoa', fullName: 'Xã Yên Hoa' },
  { code: '3', name: 'Hòa Lạc', fullName: 'Xã Hòa Lạc' },
  { code: '4', name: 'Đông Hòa', fullName: 'Xã Đông Hòa' },
  { code: '5', name: 'Sơn Đông', fullName: 'Phường Sơn Đông' },
  { code: '6', name: 'Sơn Đồng', fullName: 'Xã Sơn Đồng' },
  { code: '7', name: 'Yên Hòa Mới', fullName: 'Xã Yên Hòa Mới' },
];
const codes = (q: string, limit = 10) => rankMatches(q, units, limit).map((m) => `${m.unit.code}:${m.match}`);

test('R-28.1 search ranks exact before prefix before substring', () => {
  const r = rankMatches('hoa', units, 10);
  assert.deepEqual(
    r.map((m) => m.match),
    ['prefix', 'substring', 'substring', 'substring', 'substring'],
  );
  assert.equal(r[0]!.unit.code, '3', 'Hòa Lạc starts with the query');
  assert.deepEqual(codes('yen hoa moi'), ['7:exact']);
  assert.deepEqual(codes('phuong yen hoa'), ['1:exact']);
  assert.deepEqual(codes('yen hoa', 2).sort(), ['1:exact', '2:exact']);
});

test('R-28.1 "Yên Hoà", "Yên Hòa" and "yen hoa" give the same first result; typed diacritics break ties', () => {
  const oneYenHoa = units.filter((u) => u.name !== 'Yên Hoa');
  const first = ['Yên Hoà', 'Yên Hòa', 'yen hoa', 'Yên Hòa'.normalize('NFD')].map((q) => rankMatches(q, oneYenHoa, 1)[0]?.unit.code);
  assert.deepEqual(first, ['1', '1', '1', '1']);
  assert.equal(rankMatches('Yên Hoà', units, 1)[0]?.unit.code, '1', 'the tone typed on either vowel still agrees');
  assert.equal(rankMatches('Yên Hoa', units, 1)[0]?.unit.code, '2', 'the user typed no tone on "Hoa"');
  assert.equal(rankMatches('sơn đồng', units, 1)[0]?.unit.code, '6');
  assert.equal(rankMatches('sơn đông', units, 1)[0]?.unit.code, '5');
});

test('R-28.1 an empty or punctuation-only query matches nothing; the limit is honoured', () => {
  assert.deepEqual(rankMatches('  -- ', units, 10), []);
  assert.equal(rankMatches('a', units, 3).length, 3);
});
