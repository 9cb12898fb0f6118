import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import type { LabelledText } from './evaluation.ts';
import { textFindings } from './text-findings.ts';

const lists = loadTextLists();
const items = (JSON.parse(readFileSync(new URL('../../../../test/fixtures/integrity-texts.json', import.meta.url), 'utf8')) as { items: LabelledText[] }).items;
const item = fc.constantFrom(...items);
const checks = (t: { title: string; description: string }) => textFindings(t, lists).map((f) => `${f.check}:${String(f.evidence.channel ?? '')}`).sort();

const TONE = '[\\u0300\\u0301\\u0303\\u0309\\u0323]';
const OLD_NEW = new RegExp(`([oO])(${TONE})([aAeE])|([oO])([aAeE])(${TONE})|([uU])(${TONE})([yY])|([uU])([yY])(${TONE})`, 'g');
/** "hoà" ↔ "hòa", "thuỵ" ↔ "thụy", "khoẻ" ↔ "khỏe": the two tone placements both found in real text. */
function otherToneStyle(text: string): string {
  return text.normalize('NFD').replace(OLD_NEW, (...g: string[]) => {
    const [a1, t1, b1, a2, b2, t2, a3, t3, b3, a4, b4, t4] = g.slice(1, 13);
    if (a1) return a1 + b1 + t1;
    if (a2) return a2 + t2 + b2;
    if (a3) return a3 + b3 + t3;
    return a4! + t4 + b4;
  });
}
function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

test('R-5.1 tone-mark style "hoà"/"hòa" is a real variant the helper produces', () => {
  assert.equal(otherToneStyle('Hòa Thụy khỏe').normalize('NFC'), 'Hoà Thuỵ khoẻ');
  assert.equal(otherToneStyle('Hoà').normalize('NFC'), 'Hòa');
});

test('R-6.2e R-5.2 R-1.3 R-5.1 R-8.4 verdicts do not change with Unicode form, letter case or tone-mark placement (property)', () => {
  fc.assert(
    fc.property(item, fc.boolean(), fc.boolean(), fc.constantFrom('NFC', 'NFD') as fc.Arbitrary<'NFC' | 'NFD'>, (it, upper, tones, form) => {
      const vary = (s: string) => {
        let v = upper ? s.toUpperCase() : s;
        if (tones) v = otherToneStyle(v);
        return v.normalize(form);
      };
      assert.deepEqual(checks({ title: vary(it.title), description: vary(it.description) }), checks(it), it.id);
    }),
    { numRuns: 300 },
  );
});

test('R-5.1 a Vietnamese report stripped of its diacritics is still Vietnamese (property)', () => {
  const vietnamese = items.filter((i) => !i.labels.includes('not_vietnamese'));
  fc.assert(
    fc.property(fc.constantFrom(...vietnamese), (it) => {
      const stripped = { title: stripDiacritics(it.title), description: stripDiacritics(it.description) };
      assert.ok(!textFindings(stripped, lists).some((f) => f.check === 'not_vietnamese'), it.id);
    }),
    { numRuns: 200 },
  );
});

test('R-6.2e adding report wording never makes a text look more like advertising (property)', () => {
  const conf = (t: { title: string; description: string }) => textFindings(t, lists).find((f) => f.check === 'advertising')?.confidence ?? 0;
  fc.assert(
    fc.property(item, fc.constantFrom(' Đề nghị phường kiểm tra, xử lý.', ' Người dân rất bức xúc.', ' Tờ rơi dán trên cột điện.'), (it, suffix) => {
      assert.ok(conf({ title: it.title, description: it.description + suffix }) <= conf(it), it.id);
    }),
    { numRuns: 200 },
  );
});

test('R-5.2 any input gives well-formed findings: confidence in [0, 1], one finding per check (per channel) (property)', () => {
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
  fc.assert(
    fc.property(text, text, (title, description) => {
      const fs = textFindings({ title, description }, lists);
      for (const f of fs) {
        assert.ok(f.confidence >= 0 && f.confidence <= 1);
        assert.ok(f.summary.length > 0);
      }
      const keys = fs.map((f) => `${f.check}:${String(f.evidence.channel ?? '')}`);
      assert.equal(new Set(keys).size, keys.length);
    }),
    { numRuns: 150 },
  );
});
