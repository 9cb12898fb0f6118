import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeRow } from './copy.ts';

test('issue 9: COPY text escapes what would break a row and writes NULL, booleans, instants and text arrays', () => {
  assert.equal(
    encodeRow(['a\tb\nc\\d\re', null, true, false, 1.5, new Date('2026-01-02T03:04:05.006Z'), ['2025-07/00004', 'x"y']]),
    'a\\tb\\nc\\\\d\\re\t\\N\tt\tf\t1.5\t2026-01-02T03:04:05.006Z\t{"2025-07/00004","x\\\\"y"}\n',
  );
});
