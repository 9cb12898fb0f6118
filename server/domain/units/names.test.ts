import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accentKey, hasDiacritics, searchKey } from './names.ts';

test('R-28.1 search keys ignore diacritics, đ, case, Unicode form and punctuation', () => {
  assert.equal(searchKey('Phường Yên Hòa'), 'phuong yen hoa');
  assert.equal(searchKey('ĐỐNG ĐA'), 'dong da');
  assert.equal(searchKey('Yên Hòa'.normalize('NFD')), 'yen hoa');
  assert.equal(searchKey('  Văn Miếu - Quốc Tử Giám '), 'van mieu quoc tu giam');
  assert.equal(searchKey('Ô Chợ Dừa'), 'o cho dua');
  assert.equal(searchKey('%_\\'), '', 'no LIKE wildcard survives');
});

test('R-28.1 "Yên Hoà", "Yên Hòa" (NFC or NFD) and "yen hoa" share a search key', () => {
  const keys = new Set(['Yên Hoà', 'Yên Hòa', 'Yên Hoà'.normalize('NFD'), 'Yên Hòa'.normalize('NFD'), 'yen hoa', 'YEN  HOA'].map(searchKey));
  assert.deepEqual([...keys], ['yen hoa']);
});

test('R-28.1 accent keys ignore tone-mark placement but keep the diacritics that change a name', () => {
  assert.equal(accentKey('Yên Hoà'), accentKey('Yên Hòa'));
  assert.equal(accentKey('Thuỵ Khuê'), accentKey('Thụy Khuê'));
  assert.equal(accentKey('Hòa'.normalize('NFD')), accentKey('Hoà'));
  assert.notEqual(accentKey('Sơn Đông'), accentKey('Sơn Đồng'));
  assert.notEqual(accentKey('Hoa'), accentKey('Hòa'));
  assert.ok(hasDiacritics('yên hoa'));
  assert.ok(!hasDiacritics('yen hoa'));
});
