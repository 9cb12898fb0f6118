import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { accentKey } from '../../units/names.ts';
import { compileTerm, TermIndex, tokenise, words, writtenWithDiacritics } from './tokens.ts';

const found = (terms: ReturnType<typeof compileTerm>[], ...fields: string[]) =>
  new TermIndex(terms).find(tokenise(fields)).map((m) => m.term.term);

test('R-5.2 words keep an accent form and a plain form, aligned, whatever the Unicode form, case and tone placement', () => {
  assert.deepEqual(
    words('Đèn  đường HỎNG!').map((w) => w.p),
    ['den', 'duong', 'hong'],
  );
  const nfc = words('Hòa Thuỵ');
  assert.deepEqual(words('HOÀ THỤY'.normalize('NFD')), nfc);
  assert.deepEqual(words(''), []);
  assert.deepEqual(words('đ.m'), [{ a: 'đ', p: 'd' }, { a: 'm', p: 'm' }]);
});

test('R-5.1 a field is written with diacritics when a fair share of its words carry marks', () => {
  assert.ok(writtenWithDiacritics(words('Rác thải ùn ứ đầu ngõ')));
  assert.ok(!writtenWithDiacritics(words('rac thai un u dau ngo')));
  assert.ok(!writtenWithDiacritics(words('12 345')));
  // Title without diacritics, description with them: each field is judged on its own.
  const [t, d] = [tokenise(['den duong hong', 'Đèn đường hỏng']).find((x) => x.field === 0)!, tokenise(['den duong hong', 'Đèn đường hỏng']).find((x) => x.field === 1)!];
  assert.equal(t.accented, false);
  assert.equal(d.accented, true);
});

test('R-6.2e terms match whole words only, with or without diacritics', () => {
  const terms = [compileTerm('khuyến mãi'), compileTerm('dm'), compileTerm('kiện')];
  assert.deepEqual(found(terms, 'Siêu KHUYẾN MÃI tháng 10'), ['khuyến mãi']);
  assert.deepEqual(found(terms, 'sieu khuyen mai thang 10'), ['khuyến mãi']);
  assert.deepEqual(found(terms, 'khuyến mại'), [], 'a different word');
  assert.deepEqual(found(terms, 'dmx dmc 5dm'), [], 'letters inside other words never match');
  assert.deepEqual(found(terms, 'sự kiện âm nhạc'), ['kiện'], 'a word inside a phrase is still the word: list "khởi kiện", not "kiện"');
});

test('R-5.2 in a text with diacritics a bare word means itself; in a text without, words compare by their plain form', () => {
  const ban = [compileTerm('bán')];
  assert.deepEqual(found(ban, 'Ban quản lý tòa nhà không xử lý'), [], '"Ban" written bare among accented words is "ban"');
  assert.deepEqual(found(ban, 'Cần bán gấp nhà'), ['bán']);
  assert.deepEqual(found(ban, 'can ban gap nha'), ['bán'], 'no diacritics anywhere: "ban" may be "bán"');
  const ngu = [compileTerm('ngu', true)];
  assert.deepEqual(found(ngu, 'Cán bộ phường ngu quá'), ['ngu']);
  assert.deepEqual(found(ngu, 'Cả xóm không ngủ được'), []);
  assert.deepEqual(found(ngu, 'ca xom khong ngu duoc'), [], 'accentedTextOnly: "ngu" without diacritics may be "ngủ"');
  const dm = [compileTerm('đm'), compileTerm('dm')];
  assert.deepEqual(found(dm, 'Đm cái đèn'), ['đm']);
  assert.deepEqual(found(dm, 'dm cái đèn hỏng'), ['dm']);
});

test('R-5.2 a phrase never spans the title and the description', () => {
  assert.deepEqual(found([compileTerm('khuyến mãi')], 'Cửa hàng khuyến', 'mãi không dọn rác'), []);
  assert.deepEqual(found([compileTerm('khuyến mãi')], 'Cửa hàng', 'khuyến mãi lớn'), ['khuyến mãi']);
});

const vietnameseWord = fc.constantFrom('hòa', 'hoà', 'thuỵ', 'thụy', 'khuyến', 'mãi', 'Đường', 'đèn', 'ngõ', 'quý', 'quí', 'ổ', 'gà', 'ngủ', 'xoá', 'xóa', 'HOÀNG', 'dm', 'vcl', '0912', 'Láng');
const sentence = fc.array(vietnameseWord, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));

test('R-5.1 normalisation is idempotent: the keys of the keys are the keys (property)', () => {
  fc.assert(
    fc.property(sentence, (s) => {
      const once = words(s);
      const again = words(once.map((w) => w.a).join(' '));
      assert.deepEqual(again, once);
      assert.equal(accentKey(accentKey(s)), accentKey(s));
    }),
  );
});

test('R-5.1 matching does not depend on Unicode form, case or where the tone mark sits (property)', () => {
  const terms = [compileTerm('hòa'), compileTerm('khuyến mãi'), compileTerm('thụy'), compileTerm('ngủ', true)];
  fc.assert(
    fc.property(sentence, fc.constantFrom('NFC', 'NFD') as fc.Arbitrary<'NFC' | 'NFD'>, fc.boolean(), (s, form, upper) => {
      const variant = (upper ? s.toUpperCase() : s).normalize(form).replace(/hòa/g, 'hoà').replace(/thụy/g, 'thuỵ');
      assert.deepEqual(found(terms, variant), found(terms, s));
    }),
  );
});
