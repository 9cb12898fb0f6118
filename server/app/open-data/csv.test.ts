import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCsv } from '../../../test/csv.ts';
import { spreadsheetSafe, toCsv } from './csv.ts';

test('R-20 CSV: any text — commas, quotes, CR, LF, Vietnamese — reads back field for field (RFC 4180)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'ệ', 'Đ', ',', '"', '\r', '\n', ' ', '=', '1', '𝄞') });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.array(text, { minLength: n, maxLength: n }), fc.array(fc.array(text, { minLength: n, maxLength: n }), { maxLength: 8 }))), ([header, rows]) => {
      assert.deepEqual(parseCsv(toCsv(header, rows)), [header, ...rows]);
    }),
    { numRuns: 500 },
  );
});

test('R-20 CSV: numbers and empty values; formulas in free text are shown as text', () => {
  assert.equal(toCsv(['a', 'b', 'c'], [[1, null, 'x,y']]), 'a,b,c\r\n1,,"x,y"\r\n');
  assert.equal(spreadsheetSafe('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
  assert.equal(spreadsheetSafe('Ổ gà'), 'Ổ gà');
});
